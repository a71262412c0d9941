// Vite config for Storybook only (see main.ts): the repo root vite.config.ts is the demo portal's.
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { buildStyles } from '../packages/components/scripts/build-styles.ts';

/**
 * Keeps the elements' compiled styles current while Storybook runs: a template that starts using
 * a new Tailwind or DaisyUI class gets it on save (the build itself runs `npm run styles` first).
 */
function elementStyles(): Plugin {
  const sources = /packages\/components\/src\/(?!generated\/).*\.(ts|css)$/;
  return {
    name: 'athanor-element-styles',
    apply: 'serve',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (sources.test(file))
          buildStyles().catch((e: unknown) => server.config.logger.error(String(e)));
      });
    },
  };
}

export default defineConfig({
  plugins: [elementStyles()],
  resolve: {
    // Workspace packages export `"source": "./src/index.ts"`, so stories run on the TypeScript
    // sources and never need a prior `tsc -b`.
    conditions: ['source', ...defaultClientConditions],
  },
});
