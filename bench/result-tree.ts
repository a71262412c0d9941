/**
 * `npm run bench -- result-tree`: generated result documents of 1, 10 and 50 MB (a
 * 100,000-number `loss_curve`, per-item records with nested objects, arrays and long strings)
 * shown in headless Chromium by `<result-tree>`, by `@alenaksu/json-viewer` (a Lit JSON viewer,
 * the peer) and parsed by `JSON.parse` alone (the floor), each size in a fresh page:
 *
 * - first paint: from handing over the text to the first painted frame showing the document;
 * - DOM nodes after it;
 * - expanding the 100,000-item `loss_curve`: time to its painted frame, and DOM nodes then;
 * - filtering by the key `latency_ms` (in every item): time to the painted, filtered tree;
 * - the longest main-thread task over each of these.
 *
 * JSON.parse and `<result-tree>` run three passes (figures are medians), json-viewer one.
 * json-viewer is given up to 150 s per step; a step it does not finish is recorded as failed
 * (the page is closed) and its later steps on that document are skipped. Set BENCH_QUICK=1 for
 * 1 and 10 MB only, BENCH_IMPLS=result_tree,json_parse for some implementations only.
 */
import { rmSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { serveDirectory } from '../scripts/static-server.mjs';
import { bundlePage, call } from './browser.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES_MB = QUICK ? [1, 10] : [1, 10, 50];
const IMPLS = ['json_parse', 'result_tree', 'json_viewer'] as const;
type ImplName = (typeof IMPLS)[number];
const STEP_TIMEOUT_MS = 150_000;

/** `call`, or undefined if it takes longer than the step timeout. */
async function timed<T>(page: Page, fn: string): Promise<T | undefined> {
  let cancel = () => {};
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, STEP_TIMEOUT_MS);
    cancel = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([call<T>(page, fn), timeout]);
  } finally {
    cancel();
  }
}

type Figures = Record<string, number>;
interface Step {
  ms: number;
  dom_nodes?: number;
  longest_task_ms: number;
  matches?: number;
}

async function measure(browser: Browser, base: string, impl: ImplName, mb: number) {
  const out: Figures = {};
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  const log = (what: string) => console.log(`  ${impl} ${mb} MB: ${what}`);
  try {
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => 'bench' in window);
    await call(page, 'mount', impl);
    const chars = await call<number>(page, 'generate', mb * 1_000_000);
    out[`doc_chars_${mb}mb`] = chars;
    const first = await timed<Step>(page, 'firstPaint');
    if (!first) {
      out[`first_paint_failed_${mb}mb`] = 1;
      log('first paint did not finish');
      return out;
    }
    out[`first_paint_ms_${mb}mb`] = Math.round(first.ms * 10) / 10;
    out[`longest_task_first_paint_ms_${mb}mb`] = Math.round(first.longest_task_ms);
    if (impl === 'json_parse') {
      log(`JSON.parse ${first.ms.toFixed(1)} ms`);
      return out;
    }
    out[`dom_nodes_first_paint_${mb}mb`] = first.dom_nodes!;
    log(`first paint ${first.ms.toFixed(0)} ms, ${first.dom_nodes} nodes`);
    // json-viewer walks the whole document to expand or filter: beyond 10 MB it would take
    // many minutes a step, so it is measured up to 10 MB.
    if (impl === 'json_viewer' && mb > 10) return out;
    const expand = await timed<Step>(page, 'expandCurve');
    if (!expand) {
      out[`expand_100k_failed_${mb}mb`] = 1;
      log('expand did not finish');
      return out;
    }
    out[`expand_100k_paint_ms_${mb}mb`] = Math.round(expand.ms * 10) / 10;
    out[`dom_nodes_after_expand_${mb}mb`] = expand.dom_nodes!;
    out[`longest_task_expand_ms_${mb}mb`] = Math.round(expand.longest_task_ms);
    log(`expand ${expand.ms.toFixed(0)} ms, ${expand.dom_nodes} nodes`);
    const filter = await timed<Step>(page, 'filterKey');
    if (!filter) {
      out[`filter_failed_${mb}mb`] = 1;
      log('filter did not finish');
      return out;
    }
    out[`filter_ms_${mb}mb`] = Math.round(filter.ms * 10) / 10;
    out[`longest_task_filter_ms_${mb}mb`] = Math.round(filter.longest_task_ms);
    log(`filter ${filter.ms.toFixed(0)} ms (${filter.matches} matches)`);
  } catch (error) {
    log(`failed: ${(error as Error).message.split('\n')[0]}`);
    out[`failed_${mb}mb`] = 1;
  } finally {
    await context.close().catch(() => undefined);
  }
  return out;
}

const PASSES = 3;

/** Each figure's median over the passes that have it. */
function median(passes: Figures[]): Figures {
  const out: Figures = {};
  for (const key of new Set(passes.flatMap((p) => Object.keys(p)))) {
    const values = passes
      .map((p) => p[key])
      .filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    out[key] = values[Math.floor((values.length - 1) / 2)]!;
  }
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = await bundlePage(
    new URL('./result-tree/page.ts', import.meta.url),
    '<div id="root"></div>',
    ' data-theme="athanor-light"',
  );
  const { server, baseUrl } = await serveDirectory(dir);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const results: Record<string, Figures> = {};
  try {
    // BENCH_IMPLS=result_tree,json_parse measures only those.
    const only = process.env.BENCH_IMPLS?.split(',') as ImplName[] | undefined;
    // This machine is shared and its speed drifts: JSON.parse and <result-tree> (quick to
    // measure) run three passes, each figure the median of the three (all kept in `passes`);
    // json-viewer, minutes a pass, runs once.
    const passes: Record<string, Figures[]> = {};
    for (const impl of only ?? IMPLS) {
      passes[impl] = [];
      for (let pass = 0; pass < (impl === 'json_viewer' ? 1 : PASSES); pass++) {
        const figures: Figures = {};
        for (const mb of SIZES_MB) {
          console.log(`${impl} ${mb} MB…`);
          Object.assign(figures, await measure(browser, baseUrl, impl, mb));
        }
        passes[impl].push(figures);
      }
      results[impl] = median(passes[impl]);
    }
    const r = results.result_tree ?? {};
    const p = results.json_parse ?? {};
    const v = results.json_viewer ?? {};
    const ratios: Record<string, number | null> = {};
    for (const mb of SIZES_MB) {
      const fp = r[`first_paint_ms_${mb}mb`];
      const parse = p[`first_paint_ms_${mb}mb`];
      ratios[`first_paint_minus_parse_ms_${mb}mb`] =
        fp !== undefined && parse !== undefined ? Math.round((fp - parse) * 10) / 10 : null;
      const ve = v[`expand_100k_paint_ms_${mb}mb`];
      const re = r[`expand_100k_paint_ms_${mb}mb`];
      ratios[`expand_vs_json_viewer_${mb}mb`] =
        ve !== undefined && re !== undefined ? +(re / ve).toFixed(4) : null;
    }
    return { quick: QUICK, sizes_mb: SIZES_MB, ...results, ratios, passes };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
