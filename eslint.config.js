// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'storybook-static/**',
      'packages/protocol/src/generated/**',
      'packages/components/src/generated/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The protocol package is shared by browsers and servers: it must not touch the DOM.
    files: ['packages/protocol/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'The protocol package knows nothing of the DOM.' },
        { name: 'window', message: 'The protocol package knows nothing of the DOM.' },
        { name: 'HTMLElement', message: 'The protocol package knows nothing of the DOM.' },
        { name: 'customElements', message: 'The protocol package knows nothing of the DOM.' },
      ],
      'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', '@lit/*', '@lit-labs/*'] }],
    },
  },
  {
    // Components never reach into the demo host.
    files: ['packages/components/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@athanor/demo-host', '@athanor/demo-host/*'] },
      ],
    },
  },
  prettier,
);
