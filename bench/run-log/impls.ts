/**
 * The three logs the run-log benchmark compares, behind one interface: a naive DOM list (one
 * element per entry, appended once per frame: the approach the feature research says breaks),
 * `<run-log>`, and xterm.js with its DOM renderer (the peer terminal-style viewer).
 */
import { Subject } from 'rxjs';
import { Terminal } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css';
import '@athanor/components/run-log';
import type { RunLog } from '@athanor/components';

/** One log event as the workloads make it. */
export interface BenchEvent {
  v: 1;
  run: string;
  seq: number;
  time: number;
  type: 'log';
  data: { level: string; message: string; logger: string; meta?: Record<string, unknown> };
}

export interface Impl {
  /** Adds entries (as if they had just arrived from the network). */
  push(events: BenchEvent[]): void;
  /** Highest seq whose text is on screen now. */
  newestShown(): number;
  /** Scrolls up by `px` the way a reader does. */
  scrollUp(px: number): void;
  /** Top (px) of the on-screen line that shows `seq`, if it is on screen. */
  topOf(seq: number): number | undefined;
  /** Entries held. */
  size(): number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function line(e: BenchEvent): string {
  const d = new Date(e.time);
  const t = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return `${t} ${e.data.level.toUpperCase().padEnd(5)} ${e.data.logger} ${e.data.message}`;
}
const seqIn = (text: string | null | undefined) => Number(/#(\d+)/.exec(text ?? '')?.[1] ?? -1);

function box(container: HTMLElement): HTMLElement {
  container.style.cssText = 'width: 1000px; height: 600px; position: relative';
  return container;
}

/** A plain scrolling div; follows the bottom while the reader is at the bottom. */
export function naive(container: HTMLElement): Impl {
  const list = document.createElement('div');
  list.style.cssText =
    'height: 100%; overflow: auto; font: 12px ui-monospace, monospace; white-space: pre';
  box(container).append(list);
  let queue: BenchEvent[] = [];
  let frame: number | undefined;
  let count = 0;
  let stick = true;
  list.addEventListener('scroll', () => {
    stick = list.scrollHeight - list.scrollTop - list.clientHeight < 4;
  });
  const flush = () => {
    frame = undefined;
    const batch = queue;
    queue = [];
    const fragment = document.createDocumentFragment();
    for (const e of batch) {
      const row = document.createElement('div');
      row.textContent = line(e);
      fragment.append(row);
    }
    list.append(fragment);
    count += batch.length;
    if (stick) list.scrollTop = list.scrollHeight;
  };
  return {
    push(events) {
      queue.push(...events);
      frame ??= requestAnimationFrame(flush);
    },
    newestShown() {
      // Read just after a paint, when layout is clean: the last element inside the list's box.
      const box = list.getBoundingClientRect();
      for (let row = list.lastElementChild; row; row = row.previousElementSibling) {
        if (row.getBoundingClientRect().top < box.bottom) return seqIn(row.textContent);
      }
      return -1;
    },
    scrollUp(px) {
      list.scrollTop -= px;
      stick = false;
    },
    topOf(seq) {
      for (const row of list.children) {
        if (seqIn(row.textContent) === seq) return row.getBoundingClientRect().top;
      }
      return undefined;
    },
    size: () => count,
  };
}

/** `<run-log>` fed through an Observable, as a page would. */
export function runLog(container: HTMLElement): Impl {
  const events = new Subject<BenchEvent>();
  const el = document.createElement('run-log') as RunLog;
  el.style.setProperty('--athanor-run-log-height', '600px');
  el.events = events;
  box(container).append(el);
  const shadow = () => el.shadowRoot!;
  const rows = () => [...shadow().querySelectorAll<HTMLElement>('.row')];
  return {
    push(batch) {
      for (const e of batch) events.next(e);
    },
    newestShown() {
      // Read just after a paint, when layout is clean: the rows inside the scroller's box.
      const scroller = shadow().querySelector('.rows');
      if (!scroller) return -1;
      const box = scroller.getBoundingClientRect();
      let best = -1;
      for (const row of rows()) {
        const r = row.getBoundingClientRect();
        if (r.bottom > box.top && r.top < box.bottom) {
          best = Math.max(best, seqIn(row.querySelector('.msg')?.textContent));
        }
      }
      return best;
    },
    scrollUp(px) {
      const scroller = shadow().querySelector<HTMLElement>('.rows')!;
      scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -px, bubbles: true }));
      scroller.scrollTop -= px;
    },
    topOf(seq) {
      const row = rows().find((r) => seqIn(r.querySelector('.msg')?.textContent) === seq);
      return row?.getBoundingClientRect().top;
    },
    size: () => el.state.logs.length,
  };
}

let cssAdded = false;

/** xterm.js with a 1,000,000-line scrollback, written once per frame. */
export function xterm(container: HTMLElement): Impl {
  if (!cssAdded) {
    const style = document.createElement('style');
    style.textContent = xtermCss;
    document.head.append(style);
    cssAdded = true;
  }
  const term = new Terminal({
    scrollback: 1_000_000,
    cols: 140,
    rows: 40,
    disableStdin: true,
    fontSize: 12,
  });
  term.open(box(container));
  let queue: string[] = [];
  let frame: number | undefined;
  let count = 0;
  const flush = () => {
    frame = undefined;
    const text = queue.join('');
    queue = [];
    term.write(text);
  };
  const rows = () => [...container.querySelectorAll<HTMLElement>('.xterm-rows > div')];
  return {
    push(events) {
      for (const e of events) queue.push(line(e).replace(/\n/g, '\r\n') + '\r\n');
      count += events.length;
      frame ??= requestAnimationFrame(flush);
    },
    newestShown() {
      let best = -1;
      for (const row of rows()) best = Math.max(best, seqIn(row.textContent));
      return best;
    },
    scrollUp(px) {
      term.scrollLines(-Math.round(px / 15));
    },
    topOf(seq) {
      const row = rows().find((r) => seqIn(r.textContent) === seq);
      return row?.getBoundingClientRect().top;
    },
    size: () => count,
  };
}

export const IMPLS = { naive, run_log: runLog, xterm } as const;
