/**
 * Chooses the protocol's schema library by measurement: validation throughput on a realistic
 * event mix (already parsed), and the minified + gzipped size of what the validator pulls in.
 * Run: `node --import tsx bench/schema-libs/measure.ts`. Figures go to bench/results/schema-libs.json.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Check } from './common.ts';
import { valibot } from './valibot.ts';
import { zod } from './zod.ts';
import { typebox } from './typebox.ts';
import { generateEvents } from '../event-mix.ts';

const N = 300_000;
const events = generateEvents(N).map((line) => JSON.parse(line) as unknown);

async function gzipSize(name: string): Promise<number> {
  const entry = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const out = await build({
    stdin: {
      contents: `export { ${name} } from ${JSON.stringify(entry)};`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    treeShaking: true,
    platform: 'browser',
  });
  return gzipSync(out.outputFiles[0]!.contents).length;
}

function throughput(check: Check): number {
  for (let i = 0; i < 50_000; i++) check(events[i % N]); // warm up the JIT
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    let ok = 0;
    for (let i = 0; i < N; i++) if (check(events[i])) ok++;
    const secs = (performance.now() - t0) / 1000;
    if (ok !== N) throw new Error(`valid mix rejected: ${N - ok} events`);
    best = Math.max(best, N / secs);
  }
  return Math.round(best);
}

const results: Record<string, { events_per_s: number; gzip_bytes: number }> = {};
const candidates = { valibot, zod, typebox };
for (const name of ['valibot', 'zod', 'typebox'] as const) {
  results[name] = {
    events_per_s: throughput(candidates[name]()),
    gzip_bytes: await gzipSize(name),
  };
  console.log(name, results[name]);
}
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../results/schema-libs.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), events: N, results }, null, 2) + '\n',
);
