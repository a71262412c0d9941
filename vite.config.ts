/**
 * Builds the demo portal page served by the demo host (`npm run build`, `npm start`). Workspace
 * packages resolve to their TypeScript sources through the `source` export condition.
 */
import { defineConfig, defaultClientConditions, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { THEME_SNIPPET } from '@athanor/components';

/** The theme snippet, inline and first in the head: the reader's theme before the first paint. */
function themeSnippet(): Plugin {
  return {
    name: 'athanor-theme-snippet',
    transformIndexHtml: () => [
      { tag: 'script', children: THEME_SNIPPET, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  plugins: [themeSnippet()],
  root: fileURLToPath(new URL('./packages/demo-host/portal/', import.meta.url)),
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./packages/demo-host/dist/portal/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npx vite` serves the portal with hot reload; the API comes from a running demo host.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
