import type { StorybookConfig } from '@storybook/web-components-vite';
import { THEME_SNIPPET } from '../packages/components/src/theme/theme.ts';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // The repo root vite.config.ts builds the demo portal and sets its own `root`; Storybook
        // must not inherit it. The path is relative to the working directory, which is the repo
        // root whenever Storybook finds this `.storybook` folder by default.
        viteConfigPath: '.storybook/vite.config.ts',
      },
    },
  },
  stories: [
    './*.mdx',
    '../packages/components/src/**/*.mdx',
    '../packages/components/src/**/*.stories.ts',
  ],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  // The page-head snippet every Athanor page uses: the stored theme before the first paint.
  previewHead: (head) => `<script>${THEME_SNIPPET}</script>\n${head}`,
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    // Storybook's own preview runtime and doc blocks are ~800 kB chunks; that is expected for a
    // local component workshop and not worth a warning on every build.
    return mergeConfig(config, { build: { chunkSizeWarningLimit: 1500 } });
  },
};

export default config;
