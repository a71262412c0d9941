/**
 * The result-tree benchmark page: one implementation per page load, driven by
 * bench/result-tree.ts through `window.bench`. Documents are generated here (50 MB does not
 * cross the debugging protocol); everything timed is measured in the page, up to a painted frame.
 */
import '@alenaksu/json-viewer';
import '../../packages/components/src/result-tree/define.ts';
import type { ResultTree } from '../../packages/components/src/result-tree/result-tree.ts';
import { generatedDoc } from '../../packages/components/test/result-docs.ts';
import { countNodes } from '../../packages/components/test/dom-count.ts';
import { longTasks, painted } from '../page-timing.ts';

type Impl = 'result_tree' | 'json_viewer' | 'json_parse';

interface JsonViewerElement extends HTMLElement {
  data: unknown;
  updateComplete: Promise<boolean>;
  expand(glob: string | RegExp): void;
  filter(criteria: string | RegExp): void;
}

let impl: Impl;
let el: HTMLElement | undefined;
let text = '';

const domNodes = () => countNodes();

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const stop = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > stop) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

function mount(name: Impl): void {
  impl = name;
  if (name === 'json_parse') return;
  el = document.createElement(name === 'result_tree' ? 'result-tree' : 'json-viewer');
  el.style.cssText = 'display:block;height:660px;overflow:auto;--athanor-result-tree-height:660px';
  document.getElementById('root')!.append(el);
}

/** Generates the document (not timed); returns its length in characters. */
function generate(bytes: number): number {
  text = generatedDoc(bytes);
  return text.length;
}

const rt = () => el as ResultTree;
const jv = () => el as JsonViewerElement;
const rows = () => rt().shadowRoot?.querySelectorAll('[role=treeitem]').length ?? 0;

/**
 * Time from handing over the text to the first painted frame that shows the document. The page
 * first idles a moment, as a page does between defining its elements and receiving its data.
 */
async function firstPaint(): Promise<{ ms: number; dom_nodes: number; longest_task_ms: number }> {
  await new Promise((r) => requestIdleCallback(r));
  await new Promise((r) => setTimeout(r, 500));
  await painted();
  longTasks.length = 0;
  const t0 = performance.now();
  let t1: number;
  if (impl === 'json_parse') {
    JSON.parse(text);
    t1 = performance.now();
  } else if (impl === 'result_tree') {
    rt().json = text;
    await until(() => rows() > 1, 120_000);
    await rt().updateComplete;
    t1 = await painted();
  } else {
    jv().data = JSON.parse(text);
    await jv().updateComplete;
    t1 = await painted();
  }
  // Long-task entries arrive after their task: read them once the next frame has painted.
  await painted();
  return {
    ms: t1 - t0,
    dom_nodes: domNodes(),
    longest_task_ms: Math.max(0, ...longTasks),
  };
}

/** Opens the 100,000-number `loss_curve`: time to the painted frame that shows its items. */
async function expandCurve(): Promise<{ ms: number; dom_nodes: number; longest_task_ms: number }> {
  await painted();
  longTasks.length = 0;
  const t0 = performance.now();
  if (impl === 'result_tree') {
    const row = [...rt().shadowRoot!.querySelectorAll<HTMLElement>('[role=treeitem]')].find(
      (r) => r.querySelector('.key')?.textContent === 'loss_curve',
    )!;
    row.click();
    await rt().updateComplete;
    await until(() => rows() > 20, 60_000);
  } else {
    jv().expand('loss_curve');
    await jv().updateComplete;
  }
  const t1 = await painted();
  await painted();
  return { ms: t1 - t0, dom_nodes: domNodes(), longest_task_ms: Math.max(0, ...longTasks) };
}

/**
 * Filters by the key `latency_ms` (json-viewer filters paths; ours keys and values, and the
 * key occurs in every item): time until the filtered tree is painted.
 */
async function filterKey(): Promise<{ ms: number; longest_task_ms: number; matches: number }> {
  await painted();
  longTasks.length = 0;
  const t0 = performance.now();
  let matches = -1;
  if (impl === 'result_tree') {
    const input = rt().shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    input.value = 'latency_ms';
    input.dispatchEvent(new Event('input'));
    await until(() => !!rt().filter?.done, 120_000);
    await rt().updateComplete;
    matches = rt().matchCount;
  } else {
    jv().filter(/latency_ms/);
    await jv().updateComplete;
  }
  const t1 = await painted();
  await painted();
  return { ms: t1 - t0, longest_task_ms: Math.max(0, ...longTasks), matches };
}

declare global {
  interface Window {
    bench: unknown;
  }
}

window.bench = { mount, generate, firstPaint, expandCurve, filterKey, domNodes };
