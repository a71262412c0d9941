/**
 * `npm run bench -- result-stats`: 1,000,000 results across 20 keys (12 numeric of different
 * distributions, 3 boolean, 3 string, 2 structured; bench/result-stats/mix.ts):
 *
 * - Node: fed into `ResultStats`, five rounds after a warm-up; ns per result of each successive
 *   100,000 (the median over rounds), and the ratio of the last block to the first (flat cost is
 *   a ratio near 1 or below: the first blocks also fill the exact buffers). Then one more pass
 *   reading every key after each 2,000 results as a frame would (numeric summary, histogram,
 *   sparkline, top strings), and the heap retained by the statistics after each block (after
 *   GC): bytes per key, which stop growing once the exact buffers give way to the sketches.
 * - Chromium: `<result-stats>` fed the same results through an Observable, 2,000 events per
 *   timer task (at most ~500,000 events/s: nested timers are clamped to 4 ms): frame intervals
 *   (p50, p95, max) and the element's update time per frame while ingesting, time to the first
 *   painted frame showing all 20 keys, and ms per 100,000 events; the same first with the
 *   element hidden, the baseline that separates the stream's cost from layout and paint.
 *
 * BENCH_QUICK=1: 200,000 results, one round.
 */
import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { serveDirectory } from '../scripts/static-server.mjs';
import { ResultStats } from '../packages/components/src/result-stats/key-stats.ts';
import { bundlePage, call } from './browser.ts';
import { KEYS, ResultMix } from './result-stats/mix.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const EVENTS = QUICK ? 200_000 : 1_000_000;
const BLOCK = EVENTS / 10;
const ROUNDS = QUICK ? 1 : 5;
const CHUNK = 2_000;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => +x.toFixed(digits);

/** The results, made before anything is timed. */
function premade(): { keys: string[]; values: unknown[] } {
  const mix = new ResultMix();
  const keys: string[] = [];
  const values: unknown[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const [k, v] = mix.next();
    keys.push(k);
    values.push(v);
  }
  return { keys, values };
}

/** One timed round: ns per result of each block. */
function feed(keys: string[], values: unknown[]): { blockNs: number[]; totalMs: number } {
  const stats = new ResultStats();
  const blockNs: number[] = [];
  const start = performance.now();
  let t = start;
  for (let b = 0; b < EVENTS; b += BLOCK) {
    for (let i = b; i < b + BLOCK; i++) stats.add(keys[i]!, values[i]);
    const now = performance.now();
    blockNs.push(((now - t) * 1e6) / BLOCK);
    t = now;
  }
  if (stats.count !== EVENTS || stats.size !== KEYS) throw new Error('results lost');
  return { blockNs, totalMs: t - start };
}

/** Reads every key as the element does in a frame; returns microseconds. */
function readAll(stats: ResultStats): number {
  const t = performance.now();
  for (const key of stats.keys()) {
    const s = stats.get(key)!;
    s.numeric();
    s.histogram(24);
    s.sparklineBands();
    s.topStrings(5);
    s.booleans();
  }
  return (performance.now() - t) * 1000;
}

/**
 * Untimed pass: every key read as a frame would after each 2,000 results (median and max per
 * block, in µs), and the heap the statistics retain after each block (after GC).
 */
function memoryPass(keys: string[], values: unknown[]) {
  // Typed arrays (the exact buffers, the sketches' bins) live outside the JS heap: count both.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const base = used();
  const stats = new ResultStats();
  const bytesPerKey: number[] = [];
  const readUs: number[] = [];
  const readUsMax: number[] = [];
  for (let b = 0; b < EVENTS; b += BLOCK) {
    const reads: number[] = [];
    for (let f = b; f < b + BLOCK; f += CHUNK) {
      for (let i = f; i < f + CHUNK; i++) stats.add(keys[i]!, values[i]);
      reads.push(readAll(stats));
    }
    readUs.push(round(median(reads)));
    readUsMax.push(round(Math.max(...reads)));
    gc();
    bytesPerKey.push(Math.round((used() - base) / KEYS));
  }
  const footprint = Object.fromEntries(stats.keys().map((k) => [k, stats.get(k)!.footprint]));
  return { bytesPerKey, readUs, readUsMax, footprint };
}

function node() {
  const { keys, values } = premade();
  feed(keys, values); // warm-up: the JIT, not the figures
  const rounds = Array.from({ length: ROUNDS }, () => {
    gc();
    return feed(keys, values);
  });
  const blockNs = rounds[0]!.blockNs.map((_, b) => round(median(rounds.map((r) => r.blockNs[b]!))));
  const memory = memoryPass(keys, values);
  return {
    events: EVENTS,
    keys: KEYS,
    rounds: ROUNDS,
    total_ms_median: round(median(rounds.map((r) => r.totalMs))),
    ns_per_result_median: round((median(rounds.map((r) => r.totalMs)) * 1e6) / EVENTS),
    ns_per_result_by_block: blockNs,
    last_block_vs_first: round(blockNs.at(-1)! / blockNs[0]!, 3),
    last_block_vs_second: round(blockNs.at(-1)! / blockNs[1]!, 3),
    heap_bytes_per_key_by_block: memory.bytesPerKey,
    heap_last_block_vs_second: round(memory.bytesPerKey.at(-1)! / memory.bytesPerKey[1]!, 3),
    read_all_keys_us_median_by_block: memory.readUs,
    read_all_keys_us_max_by_block: memory.readUsMax,
    footprint_after: memory.footprint,
  };
}

async function browser() {
  const dir = await bundlePage(
    new URL('./result-stats/page.ts', import.meta.url),
    '<div id="root" style="width: 1100px"></div>',
    ' data-theme="athanor-light"',
  );
  const { server, baseUrl } = await serveDirectory(dir);
  const chrome = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await chrome.newPage({ viewport: { width: 1100, height: 700 } });
    await page.goto(`${baseUrl}/index.html`);
    await page.waitForFunction(() => 'bench' in window);
    type Figures = {
      block_ms: number[];
      update_ms_p50_by_block: number[];
      total_ms: number;
      frame_interval_ms_p95: number;
    } & Record<string, unknown>;
    const ingest = async (hidden: boolean) => {
      const f = await call<Figures>(page, 'ingest', EVENTS, CHUNK, BLOCK, hidden);
      const u = f.update_ms_p50_by_block;
      return {
        ...f,
        last_block_vs_first: round(f.block_ms.at(-1)! / f.block_ms[0]!, 3),
        // The element's own cost per frame, block by block: the flatness that is its to keep
        // (wall time per block also carries the page's GC of a run state holding every value).
        update_p50_last_block_vs_first: round(u.at(-1)! / u[0]!, 3),
      };
    };
    // A short untimed run first, so neither measured run pays for the JIT alone. Then the
    // baseline in the same page: the same stream into an element that is `hidden` (it takes the
    // values and renders its template, but is never laid out or painted).
    await call(page, 'ingest', 100_000, CHUNK, 10_000, false);
    const hiddenRun = await ingest(true);
    const shown = await ingest(false);
    return {
      ...shown,
      hidden_baseline: hiddenRun,
      total_vs_hidden: round(shown.total_ms / hiddenRun.total_ms, 3),
      frame_p95_vs_hidden: round(shown.frame_interval_ms_p95 / hiddenRun.frame_interval_ms_p95, 3),
    };
  } finally {
    await chrome.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  console.log(`result-stats: Node, ${EVENTS} results × ${ROUNDS} rounds…`);
  const n = node();
  console.log(`  ${n.ns_per_result_median} ns/result, last/first block ${n.last_block_vs_first}`);
  console.log('result-stats: Chromium…');
  const b = await browser();
  return { quick: QUICK, node: n, chromium: b };
}
