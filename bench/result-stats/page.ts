/**
 * The result-stats benchmark page, driven by bench/result-stats.ts through `window.bench`: one
 * `<result-stats>` fed the benchmark's result mix through an Observable, `chunk` events per
 * task (as a stream delivers bursts), everything timed measured in the page.
 */
import { Observable } from 'rxjs';
import '../../packages/components/src/result-stats/define.ts';
import type { ResultStatsElement } from '../../packages/components/src/result-stats/result-stats.ts';
import { KEYS, ResultMix } from './mix.ts';
import { longTasks, painted } from '../page-timing.ts';

/**
 * The next chunk in a timer task: nested timers are clamped to 4 ms, so chunks of 2,000 arrive at
 * ~500,000 events/s, and the browser renders between them as it would between network reads
 * (a message-channel loop would starve rendering, which no stream does).
 */
const nextTask = (fn: () => void) => setTimeout(fn, 0);

/** `total` results of the mix as protocol events, `chunk` per task; marks each `block`. */
function source(total: number, chunk: number, block: number, marks: number[], onBlock: () => void) {
  return new Observable<unknown>((subscriber) => {
    const mix = new ResultMix();
    let seq = 0;
    let stopped = false;
    subscriber.next({ v: 1, run: 'bench', seq: seq++, time: Date.now(), type: 'run', data: {} });
    const step = () => {
      if (stopped) return;
      const time = Date.now();
      for (let k = 0; k < chunk && mix.made < total; k++) {
        const [key, value] = mix.next();
        subscriber.next({
          v: 1,
          run: 'bench',
          seq: seq++,
          time,
          type: 'result',
          data: { key, value },
        });
        if (mix.made % block === 0) {
          marks.push(performance.now());
          onBlock();
        }
      }
      if (mix.made < total) nextTask(step);
      else subscriber.complete();
    };
    nextTask(step);
    return () => (stopped = true);
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const round = (x: number) => Math.round(x * 100) / 100;

/** Feeds a fresh element; `hidden` keeps it out of layout and paint (the baseline). */
async function ingest(total: number, chunk: number, block: number, hidden = false) {
  const root = document.getElementById('root')!;
  const el = document.createElement('result-stats') as ResultStatsElement;
  el.hidden = hidden;
  root.replaceChildren(el);
  await el.updateComplete;
  await painted();
  // The element's own cost per frame: each update (taking the new values, rendering).
  const updates: number[] = [];
  /** Index in `updates` where each block of events ended. */
  const updateMarks: number[] = [];
  const proto = Object.getPrototypeOf(el) as { update(this: unknown, c: unknown): void };
  const update = proto.update;
  (el as unknown as { update(c: unknown): void }).update = function (changed: unknown) {
    const t = performance.now();
    update.call(this, changed);
    updates.push(performance.now() - t);
  };
  const frames: number[] = [];
  let firstPaint: number | undefined;
  let done = false;
  const marks: number[] = [];
  longTasks.length = 0;
  const t0 = performance.now();
  const onFrame = (now: number) => {
    frames.push(now);
    if (firstPaint === undefined && el.shadowRoot!.querySelectorAll('[part=key]').length >= KEYS) {
      // The frame that shows them is being produced: the task after it runs once it is painted.
      setTimeout(() => (firstPaint ??= performance.now() - t0), 0);
    }
    if (!done) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  el.events = source(total, chunk, block, marks, () => updateMarks.push(updates.length));
  while (el.stats.count < total) await painted();
  const t1 = await painted();
  done = true;
  await painted();
  const intervals = frames.slice(1).map((f, i) => f - frames[i]!);
  const blocks = marks.map((m, i) => m - (i === 0 ? t0 : marks[i - 1]!));
  const updatesByBlock = updateMarks.map((end, i) =>
    round(quantile(updates.slice(i === 0 ? 0 : updateMarks[i - 1], end), 0.5)),
  );
  return {
    events: total,
    chunk,
    total_ms: Math.round(t1 - t0),
    first_paint_20_keys_ms: round(firstPaint ?? NaN),
    frames: intervals.length,
    frame_interval_ms_p50: round(quantile(intervals, 0.5)),
    frame_interval_ms_p95: round(quantile(intervals, 0.95)),
    frame_interval_ms_max: round(Math.max(...intervals)),
    updates: updates.length,
    update_ms_p50: round(quantile(updates, 0.5)),
    update_ms_p95: round(quantile(updates, 0.95)),
    update_ms_max: round(Math.max(...updates)),
    longest_task_ms: Math.round(Math.max(0, ...longTasks)),
    block_ms: blocks.map(round),
    update_ms_p50_by_block: updatesByBlock,
    cards: el.shadowRoot!.querySelectorAll('[part=key]').length,
  };
}

declare global {
  interface Window {
    bench: unknown;
  }
}

window.bench = { ingest };
