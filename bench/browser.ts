/**
 * What the browser benchmarks share: a page bundled from a TypeScript entry (workspace packages
 * from their sources, CSS as text) in a temporary folder, and calls into its `window.bench`.
 */
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Bundles `entry` as `page.js` beside an `index.html` whose body is `body`; returns the folder. */
export async function bundlePage(entry: URL, body: string, htmlAttrs = ''): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-'));
  await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(dir, 'page.js'),
    conditions: ['source', 'browser', 'import', 'default'],
    loader: { '.css': 'text' },
    tsconfig: fileURLToPath(new URL('../tsconfig.base.json', import.meta.url)),
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html${htmlAttrs}><body style="margin:0">${body}<script type="module" src="./page.js"></script></body></html>`,
  );
  return dir;
}

/** Calls `window.bench[fn](...args)` in the page. */
export function call<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([f, a]) =>
      (window.bench as Record<string, (...x: unknown[]) => unknown>)[f as string]!(
        ...(a as unknown[]),
      ),
    [fn, args] as const,
  ) as Promise<T>;
}
