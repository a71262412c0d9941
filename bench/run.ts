/**
 * `npm run bench [-- name...]`: runs the named benchmarks (all when none is named) and writes
 * each one's figures to `bench/results/<name>.json`, with the machine they were measured on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const BENCHMARKS: Record<
  string,
  () => Promise<{ run: () => Record<string, unknown> | Promise<Record<string, unknown>> }>
> = {
  protocol: () => import('./protocol.ts'),
  'result-tree': () => import('./result-tree.ts'),
  'result-stats': () => import('./result-stats.ts'),
  'run-log': () => import('./run-log.ts'),
  'schema-libs': () => import('./schema-libs/measure.ts'),
  host: () => import('./host.ts'),
  'bundle-size': () => import('../scripts/bundle-size.mjs'),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}.`,
  );
  process.exit(2);
}
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
  const { run } = await BENCHMARKS[name]!();
  const figures = await run();
  const record = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gib: Math.round(totalmem() / 2 ** 30),
    },
    ...figures,
  };
  writeFileSync(new URL(`${name}.json`, dir), JSON.stringify(record, null, 2) + '\n');
  console.log(`${name}:`, JSON.stringify(figures));
}
