/**
 * Builds the three interop pages into a temporary folder and serves it on loopback:
 *
 *   /plain/  tests/interop/plain/index.html as it is: an import map onto /node_modules/ (the
 *            workspace packages' built dist/ and their dependencies), no bundler;
 *   /react/  tests/interop/react/app.tsx bundled by esbuild (JSX automatic runtime);
 *   /vue/    tests/interop/vue/app.ts bundled by esbuild with Vue's full build (runtime templates).
 *
 * The bundles resolve `@athanor/*` as an app installing them would: to the built dist/, so
 * `npm run build` must have run (`npm run test:e2e` does it).
 */
import { build, type BuildOptions } from 'esbuild';
import { copyFile, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from '../../scripts/static-server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));

/** The served pages: `${baseUrl}/plain/`, `/react/`, `/vue/`. */
export interface InteropSite {
  baseUrl: string;
  /** Where the Vue page's `<run-status cancel-url>` posts. */
  cancelPath: string;
  close(): Promise<void>;
}

const CANCEL_PATH = '/api/cancel.json';

const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  absWorkingDir: ROOT,
  logLevel: 'warning',
  // Development builds: React and Vue report misuse (an unknown prop, an unresolved component)
  // on the console, and the tests fail on any console error.
  define: { 'process.env.NODE_ENV': '"development"' },
};

/** Builds the pages and starts the server. */
export async function startInteropSite(): Promise<InteropSite> {
  const dir = await mkdtemp(join(tmpdir(), 'athanor-interop-'));
  await Promise.all([
    symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir'),
    symlink(join(ROOT, 'packages/demo-host/samples'), join(dir, 'samples'), 'dir'),
    ...['plain', 'react', 'vue'].map(async (page) => {
      await mkdir(join(dir, page));
      await copyFile(join(HERE, page, 'index.html'), join(dir, page, 'index.html'));
    }),
    mkdir(join(dir, 'api')).then(() => writeFile(join(dir, CANCEL_PATH), '{"ok":true}\n')),
  ]);
  await Promise.all([
    // rxjs's ESM files import each other without extensions: one file, as a CDN serves it.
    build({
      ...common,
      stdin: { contents: "export * from 'rxjs';", resolveDir: ROOT, loader: 'js' },
      outfile: join(dir, 'vendor/rxjs.js'),
    }),
    build({
      ...common,
      entryPoints: [join(HERE, 'react/app.tsx')],
      jsx: 'automatic',
      outfile: join(dir, 'react/app.js'),
    }),
    build({
      ...common,
      entryPoints: [join(HERE, 'vue/app.ts')],
      // The full build compiles templates in the browser; the default one has no compiler.
      alias: { vue: 'vue/dist/vue.esm-bundler.js' },
      define: {
        ...common.define,
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      outfile: join(dir, 'vue/app.js'),
    }),
  ]);
  const { server, baseUrl } = await serveDirectory(dir);
  return {
    baseUrl,
    cancelPath: CANCEL_PATH,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      // The links first: nothing may ever reach through them into the repository.
      await Promise.all(['node_modules', 'samples'].map((link) => unlink(join(dir, link))));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
