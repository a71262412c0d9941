// Vite config for Storybook only (see main.ts): the repo root vite.config.ts is the demo portal's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

/**
 * Keeps the custom elements manifest current while Storybook runs: an edit to an element's JSDoc
 * or properties reaches its Docs page on save (`npm run storybook` makes the manifest first).
 */
function elementManifest(): Plugin {
  const sources = /packages\/components\/src\/(?!generated\/).*(?<!\.test|\.stories)\.ts$/;
  const cli = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  const cwd = fileURLToPath(new URL('../packages/components/', import.meta.url));
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    name: 'athanor-element-manifest',
    apply: 'serve',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (!sources.test(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          const analyzer = spawn(process.execPath, [cli, 'analyze', '--quiet'], { cwd });
          analyzer.on('exit', (code) => {
            if (code !== 0) server.config.logger.error(`custom elements manifest: exit ${code}`);
          });
        }, 200);
      });
    },
  };
}

export default defineConfig({
  plugins: [elementStyles(), elementManifest()],
  resolve: {
    // Workspace packages export `"source": "./src/index.ts"`, so stories run on the TypeScript
    // sources and never need a prior `tsc -b`.
    conditions: ['source', ...defaultClientConditions],
  },
});
