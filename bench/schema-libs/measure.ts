/**
 * Chooses the protocol's schema library by measurement: validation throughput on a realistic
 * event mix (already parsed), and the minified + gzipped size of what the validator pulls in.
 * Run: `npm run bench -- schema-libs`. Figures go to bench/results/schema-libs.json.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Check } from './common.ts';
import { valibot } from './valibot.ts';
import { zod } from './zod.ts';
import { typebox } from './typebox.ts';
import { validateEvent } from '../../packages/protocol/src/validate.ts';
import { generateEvents } from '../event-mix.ts';

const N = 300_000;
const events = generateEvents(N).map((line) => JSON.parse(line) as unknown);

/** What each candidate pulls into a bundle; `protocol` is the validator the protocol ships. */
const ENTRIES: Record<string, [string, string]> = {
  valibot: ['./valibot.ts', 'valibot'],
  zod: ['./zod.ts', 'zod'],
  typebox: ['./typebox.ts', 'typebox'],
  protocol: ['../../packages/protocol/src/validate.ts', 'validateEvent'],
};

async function gzipSize(name: string): Promise<number> {
  const [file, symbol] = ENTRIES[name]!;
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const out = await build({
    stdin: {
      contents: `export { ${symbol} } from ${JSON.stringify(entry)};`,
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

export async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, { events_per_s: number; gzip_bytes: number }> = {};
  const candidates = {
    valibot,
    zod,
    typebox,
    // The protocol's own: TypeBox compiled ahead of time, with typebox/schema to explain rejections.
    protocol: (): Check => (event) => validateEvent(event).kind !== 'invalid',
  };
  for (const name of ['valibot', 'zod', 'typebox', 'protocol'] as const) {
    results[name] = {
      events_per_s: throughput(candidates[name]()),
      gzip_bytes: await gzipSize(name),
    };
    console.log(name, results[name]);
  }
  return { events: N, results };
}
