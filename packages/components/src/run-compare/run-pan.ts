/**
 * Sideways navigation of a wide comparison: which runs are in view of the scroller (its first,
 * sticky column aside), "Earlier runs" / "Later runs" buttons that move by a view, and shadows
 * on the edges that have more. A wide comparison otherwise hides its overflow: the scrollbar is
 * at the bottom of a tall table, often below the fold, and overlay scrollbars show nothing.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** The runs in view, when the runs do not all fit. */
export interface PanView {
  /** 1-based positions of the first and last run mostly in view. */
  readonly first: number;
  readonly last: number;
  readonly count: number;
  readonly atStart: boolean;
  readonly atEnd: boolean;
  /** Width of the sticky first column, in px (where the left shadow starts). */
  readonly keyWidth: number;
}

const same = (a: PanView | undefined, b: PanView | undefined) =>
  a === b ||
  (!!a &&
    !!b &&
    a.first === b.first &&
    a.last === b.last &&
    a.count === b.count &&
    a.atStart === b.atStart &&
    a.atEnd === b.atEnd &&
    a.keyWidth === b.keyWidth);

/**
 * Reads the scroller after each update, on scroll (once a frame) and on resize; asks the host
 * to update only when what it shows changes.
 */
export class RunPanController implements ReactiveController {
  view: PanView | undefined;
  private scroller: HTMLElement | null = null;
  private heads: readonly HTMLElement[] = [];
  private frame = 0;
  private readonly resize = new ResizeObserver(() => this.schedule());
  private readonly onScroll = () => this.schedule();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The scroll container, and the header cells of the runs in it (in order). */
    private readonly find: () => { scroller: HTMLElement | null; heads: HTMLElement[] },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the page: the rendered scroller is still there, its listeners are not.
    this.attach();
  }

  hostUpdated(): void {
    // A live update moves values, not columns: only a new scroller or other run columns are
    // read again here. A column widened by its content is seen by the resize observer.
    this.attach();
  }

  /**
   * Follows the scroller (scroll, resize) and the runs' header cells (resize, which also tells
   * of a column widened by its content); reads them in the next frame when any changed, not in
   * the update: a state change inside it would ask for a second render of the same frame.
   */
  private attach(): void {
    const { scroller, heads } = this.find();
    const sameHeads =
      heads.length === this.heads.length && heads.every((h, i) => h === this.heads[i]);
    if (scroller === this.scroller && sameHeads) return;
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.scroller = scroller;
    this.heads = heads;
    if (scroller) {
      scroller.addEventListener('scroll', this.onScroll, { passive: true });
      this.resize.observe(scroller);
      for (const head of heads) this.resize.observe(head);
    }
    this.schedule();
  }

  hostDisconnected(): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = null;
    this.heads = [];
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Moves by about a view of runs: -1 towards the first run, +1 towards the last. */
  move(direction: -1 | 1): void {
    const scroller = this.scroller;
    const view = this.view;
    if (!scroller || !view || (direction < 0 ? view.atStart : view.atEnd)) return;
    const step = Math.max(scroller.clientWidth - view.keyWidth, 40) * 0.9;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    scroller.scrollBy({ left: direction * step, behavior: reduce ? 'auto' : 'smooth' });
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.measure();
    });
  }

  private measure(): void {
    const next = this.read();
    if (same(next, this.view)) return;
    this.view = next;
    this.host.requestUpdate();
  }

  private read(): PanView | undefined {
    const { scroller, heads } = this.find();
    if (!scroller || heads.length === 0) return undefined;
    const max = scroller.scrollWidth - scroller.clientWidth;
    if (max <= 1) return undefined;
    const box = scroller.getBoundingClientRect();
    const first = heads[0]!.getBoundingClientRect();
    // The sticky first column ends where the first run starts when scrolled to the start.
    const keyWidth = Math.round(first.left + scroller.scrollLeft - box.left);
    const left = box.left + keyWidth;
    const inView = heads.map((head) => {
      const r = head.getBoundingClientRect();
      return Math.min(r.right, box.right) - Math.max(r.left, left) >= r.width / 2;
    });
    const firstIn = inView.indexOf(true);
    const lastIn = inView.lastIndexOf(true);
    // Narrower than one run: the run under the left edge is the one in view.
    const fallback = heads.findIndex((head) => head.getBoundingClientRect().right > left);
    return {
      first: (firstIn < 0 ? fallback : firstIn) + 1,
      last: (lastIn < 0 ? fallback : lastIn) + 1,
      count: heads.length,
      atStart: scroller.scrollLeft <= 1,
      atEnd: scroller.scrollLeft >= max - 1,
      keyWidth,
    };
  }
}

/** One of the two buttons: `direction` -1 for the earlier runs, +1 for the later ones. */
function panButton(view: PanView, direction: -1 | 1, move: (direction: -1 | 1) => void) {
  const label = direction < 0 ? 'Earlier runs' : 'Later runs';
  const atEnd = direction < 0 ? view.atStart : view.atEnd;
  return html`<button
    type="button"
    class="btn btn-xs btn-ghost"
    aria-label=${label}
    title=${label}
    aria-disabled=${atEnd ? 'true' : 'false'}
    @click=${() => move(direction)}
  >
    ${direction < 0 ? '◀' : '▶'}
  </button>`;
}

/**
 * The toolbar's "Earlier runs · Runs 5–8 of 20 · Later runs", when the runs do not all fit. The
 * buttons are `aria-disabled` at the ends rather than disabled, so that focus stays on them.
 */
export function panControls(view: PanView | undefined, move: (direction: -1 | 1) => void) {
  if (!view) return nothing;
  const range = view.first === view.last ? `${view.first}` : `${view.first}–${view.last}`;
  return html`<span class="pan" role="group" aria-label="Runs in view">
    ${panButton(view, -1, move)}
    <span class="pan-range">Runs ${range} of ${view.count}</span>
    ${panButton(view, 1, move)}
  </span>`;
}
