/**
 * `npm run bench -- run-log`: the same generated log workloads fed, in headless Chromium, to a
 * naive DOM list, to `<run-log>` and to xterm.js (DOM renderer), each in a fresh page:
 *
 * - W1: 10,000 events/s for 30 s while following;
 * - W2: a 100,000-event burst, then 1,000/s;
 * - W4: 1,000,000 entries retained (DOM nodes, JS heap per entry after GC);
 * - W3: with them retained, the rate raised (×1.3 every 2 s) until frames degrade: the
 *   saturation rate, the highest whose p95 frame interval stays ≤ 20 ms (in one of two tries);
 * - W5: scroll up mid-stream: how far the row being read moves (run before W4, whose million
 *   DOM nodes in the naive list can leave the browser short of memory).
 *
 * Set BENCH_QUICK=1 for a short smoke run (smaller workloads, same code paths).
 */
import { rmSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { serveDirectory } from '../scripts/static-server.mjs';
import { bundlePage, call } from './browser.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const W = {
  w1: { rate: 10_000, seconds: QUICK ? 4 : 30 },
  w2: { burst: QUICK ? 20_000 : 100_000, rate: 1_000, seconds: QUICK ? 3 : 10 },
  w4: { entries: QUICK ? 100_000 : 1_000_000 },
  w3: { from: 5_000, factor: 1.3, stepSeconds: QUICK ? 1 : 2, max: 400_000 },
  w5: { rate: 5_000, seconds: QUICK ? 4 : 8 },
};
const IMPLS = ['naive', 'run_log', 'xterm'] as const;
type ImplName = (typeof IMPLS)[number];

/** A fresh page in a fresh context (its own renderer: no workload inherits another's memory). */
async function open(browser: Browser, base: string, impl: ImplName): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  await page.goto(`${base}/index.html`);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate((name) => (window.bench as { mount(n: string): void }).mount(name), impl);
  return page;
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

type Figures = Record<string, number>;

/** Runs one workload in its own page; a crash (the naive list can run out of memory) is a NaN. */
async function workload(
  browser: Browser,
  base: string,
  impl: ImplName,
  name: string,
  body: (page: Page) => Promise<Figures>,
): Promise<Figures> {
  const page = await open(browser, base, impl);
  try {
    return await body(page);
  } catch (error) {
    console.log(`  ${impl}: ${name} failed: ${(error as Error).message.split('\n')[0]}`);
    return { [`${name}_failed`]: 1 };
  } finally {
    await page.context().close();
  }
}
const prefix = (p: string, o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}_${k}`, v]));

async function measure(browser: Browser, base: string, impl: ImplName): Promise<Figures> {
  const out: Figures = {};
  const log = (what: string) => console.log(`  ${impl}: ${what}`);
  Object.assign(
    out,
    await workload(browser, base, impl, 'w1', async (page) => {
      const r = prefix('w1', await call(page, 'stream', W.w1.rate, W.w1.seconds));
      log(
        `W1 p95 frame ${r.w1_raf_interval_p95_ms} ms, latency p95 ${r.w1_event_to_paint_latency_p95_ms} ms`,
      );
      return r;
    }),
  );
  Object.assign(
    out,
    await workload(browser, base, impl, 'w2', async (page) => {
      const r = prefix('w2', await call(page, 'stream', W.w2.rate, W.w2.seconds, W.w2.burst));
      log(`W2 p95 frame ${r.w2_raf_interval_p95_ms} ms`);
      return r;
    }),
  );
  Object.assign(
    out,
    await workload(browser, base, impl, 'w5', async (page) => {
      const drift = await call<{ drift_px: number; samples: number }>(
        page,
        'drift',
        W.w5.rate,
        W.w5.seconds,
      );
      log(`W5 drift ${drift.drift_px} px over ${drift.samples} frames`);
      return { drift_px: drift.drift_px };
    }),
  );
  Object.assign(
    out,
    await workload(browser, base, impl, 'w4', async (page) => {
      const r: Figures = {};
      const empty = await heapUsed(page);
      // 1,030 entries, not 1,000: the workload's mix repeats every 70 events, so the rows in
      // view at 1,030 and at 1,000,000 are the same kinds (meta, multi-line) in the same order.
      await call(page, 'preload', 1030);
      r.dom_nodes_1k = await call(page, 'domNodes');
      const budget = impl === 'naive' ? 120_000 : 600_000;
      const loaded = await call<{ retained: number; ms: number }>(
        page,
        'preload',
        W.w4.entries,
        budget,
      );
      r.w4_entries_retained = loaded.retained;
      r.w4_load_ms = Math.round(loaded.ms);
      r.dom_nodes_1m = await call(page, 'domNodes');
      const heap = await heapUsed(page);
      const text = await call<number>(page, 'textBytesPerEntry');
      r.js_heap_per_entry_bytes = Math.round((heap - empty) / loaded.retained);
      r.js_heap_per_entry_beyond_text_bytes = Math.round((heap - empty) / loaded.retained - text);
      log(
        `W4 ${loaded.retained} entries, ${r.dom_nodes_1m} nodes, ${r.js_heap_per_entry_bytes} B/entry`,
      );
      const ramp = await call<{
        saturation: number;
        steps: { rate: number; raf_p95_ms: number }[];
      }>(page, 'ramp', W.w3.from, W.w3.factor, W.w3.stepSeconds, W.w3.max);
      r.saturation_events_per_s = ramp.saturation;
      log(
        `W3 saturation ${ramp.saturation}/s (${ramp.steps.map((s) => `${s.rate}:${s.raf_p95_ms.toFixed(1)}`).join(' ')})`,
      );
      return r;
    }),
  );
  return out;
}

/** Higher is better only for the saturation rate; every other figure is better lower. */
function best(passes: Figures[]): Figures {
  const out: Figures = {};
  for (const key of new Set(passes.flatMap((p) => Object.keys(p)))) {
    const values = passes
      .map((p) => p[key])
      .filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    if (values.length === 0) continue;
    out[key] =
      key === 'saturation_events_per_s' || key.endsWith('_fed') || key.endsWith('_retained')
        ? Math.max(...values)
        : Math.min(...values);
  }
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = await bundlePage(
    new URL('./run-log/page.ts', import.meta.url),
    '<div id="log"></div>',
  );
  const { server, baseUrl } = await serveDirectory(dir);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const results: Record<string, Figures> = {};
  try {
    // An idle page's frames, for reference: frames land on 16.7 ms steps.
    const idleContext = await browser.newContext();
    const idle = await idleContext.newPage();
    await idle.goto(`${baseUrl}/index.html`);
    await idle.waitForFunction(() => 'bench' in window);
    const idleFrames = await call<number>(idle, 'idleFrameP95');
    await idleContext.close();
    // This machine is shared: its speed drifts over minutes. The two logs that keep up are
    // measured twice, in opposite orders, and each figure is the better of the two passes (both
    // passes are kept in `passes`); the naive list, which breaks at once, is measured once.
    const passes: Record<string, Figures[]> = { naive: [], run_log: [], xterm: [] };
    // BENCH_IMPLS=run_log,xterm measures only those (one pass each).
    const only = process.env.BENCH_IMPLS?.split(',') as ImplName[] | undefined;
    for (const impl of only ?? ([...IMPLS, 'xterm', 'run_log'] as ImplName[])) {
      console.log(`${impl}…`);
      passes[impl]!.push(await measure(browser, baseUrl, impl));
    }
    for (const impl of IMPLS) if (passes[impl]!.length > 0) results[impl] = best(passes[impl]!);
    const r = results.run_log!;
    const ratio = (metric: string, base: ImplName) =>
      +((r?.[metric] ?? NaN) / (results[base]?.[metric] ?? NaN)).toFixed(3);
    return {
      quick: QUICK,
      workloads: W,
      idle_raf_interval_p95_ms: +idleFrames.toFixed(2),
      ...results,
      passes,
      ratios: {
        saturation_vs_naive: ratio('saturation_events_per_s', 'naive'),
        saturation_vs_xterm: ratio('saturation_events_per_s', 'xterm'),
        heap_per_entry_vs_xterm: ratio('js_heap_per_entry_bytes', 'xterm'),
        w1_latency_p95_vs_xterm: ratio('w1_event_to_paint_latency_p95_ms', 'xterm'),
      },
    };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
