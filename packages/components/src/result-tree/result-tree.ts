import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { RunElement } from '../shared/run-element.ts';
import { download } from '../shared/download.ts';
import { toolbarStyles } from '../shared/toolbar.styles.ts';
import { formatNumber, plural } from '../shared/format.ts';
import {
  OVERHANG_PX,
  RowLayout,
  STALE_ROW,
  speedUpVirtualizer,
  sweepOrphanMarkers,
  windowItems,
} from '../shared/virtual-rows.ts';
import {
  JsonDoc,
  JsonTextError,
  WORKER_THRESHOLD,
  jsAccessor,
  jsonPath,
  parseJsonDoc,
  prepareJsonWorker,
} from './json-doc.ts';
import { LiveResults } from './live-results.ts';
import { RawLines } from './raw-lines.ts';
import { resultTreeStyles } from './result-tree.styles.ts';
import { HOLDS_MATCH, TreeFilter } from './tree-filter.ts';
import { rawRow, treeRow, type TreeRowContext } from './tree-row.ts';
import { TreeRows, type TreeRow } from './tree-rows.ts';

/** Expand all stops short of showing more rows than this. */
export const EXPAND_ALL_LIMIT = 50_000;
/** Pretty-printed copies and downloads up to this many characters; larger ones go as written. */
const PRETTY_LIMIT = 10_000_000;
/** Time a frame may spend filtering. */
const FRAME_BUDGET_MS = 8;
/** How long a changed value stays marked. */
const FLASH_MS = 1200;
/** Type-ahead forgets what was typed after this pause. */
const TYPEAHEAD_MS = 600;
const PAGE_ROWS = 20;
/**
 * Rows (or raw lines) the virtualizer sees at once: its scroll height stays far below the 8.2 M
 * px it caps at; the window moves as the reader nears its edges or jumps.
 */
export const WINDOW_ROWS = 100_000;
const EDGE_ROWS = 500;

type Loading = { readonly chars: number };

/** `detail` of the `result-tree-copy` event. */
export interface ResultTreeCopyDetail {
  /** What was copied: `the value`, `the path` or `the document`. */
  readonly what: string;
  /** The text put on the clipboard. */
  readonly text: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'result-tree-copy': CustomEvent<ResultTreeCopyDetail>;
  }
}

/**
 * Structured results, explorable at any size: a collapsible tree (or the raw JSON) of a value,
 * a JSON text (kept exactly as written) or a run's results as they stream in.
 *
 * @summary Tree and raw views of any JSON: lossless, virtualized, filterable, live.
 * @csspart base - The whole element.
 * @csspart toolbar - The controls above the rows.
 * @csspart viewport - The scrolling area.
 * @cssprop [--athanor-result-tree-height=28rem] - Height of the element.
 * @cssprop [--athanor-result-tree-background=var(--color-base-100)] - Background.
 * @cssprop [--athanor-result-tree-border-color=var(--color-base-300)] - Border colour.
 * @fires {CustomEvent<ResultTreeCopyDetail>} result-tree-copy - After a copy to the clipboard:
 *   `detail` is `{ what, text }`.
 */
export class ResultTree extends RunElement {
  static override styles = [RunElement.styles, toolbarStyles, resultTreeStyles];

  private readonly live = new LiveResults();

  /** A JavaScript value to show (through JSON: what JSON cannot hold is not shown). */
  @property({ attribute: false }) value: unknown;

  /** A JSON text to show, exactly as written: big integers, number spellings, key order. */
  @property({ attribute: false }) json: string | undefined;

  /** Levels opened when a document is shown (1: the root's members). */
  @property({ type: Number, reflect: true, attribute: 'expand-depth' }) expandDepth = 1;

  /** `tree` (default) or `raw` (pretty-printed JSON). */
  @property({ type: String, reflect: true }) view: 'tree' | 'raw' = 'tree';

  @state() private doc: JsonDoc | undefined;
  @state() private loading: Loading | undefined;
  @state() private error: JsonTextError | Error | undefined;
  @state() private filterText = '';
  @state() private regex = false;
  @state() private active = 0;
  @state() private longOpen: ReadonlySet<number> = new Set();
  @state() private notice = '';
  @state() private epoch = 0;

  @query('.rows') private scroller?: HTMLElement;

  /** @internal */ rows: TreeRows | undefined;
  /** @internal */ filter: TreeFilter | undefined;
  private raw: RawLines | undefined;
  private series: ReadonlySet<string> = new Set();
  /** Live: containers already opened by `expand-depth` or decided on by the reader. */
  private known = new Set<number>();
  private liveText: string | undefined;
  private loadToken = 0;
  private loadAbort: AbortController | undefined;
  private filterFrame: number | undefined;
  private flashing = new Map<number, number>();
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private typed = '';
  private typedAt = 0;
  private focusPending = false;
  private pendingScroll: { index: number; block: 'start' | 'nearest' } | undefined;
  /** @internal First row (tree) or line (raw) the virtualizer sees. */
  windowStart = 0;
  private pin: { index: number; block: 'start' | 'nearest' } | undefined;
  private anchor: { key: number; top: number } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Made while idle, not paid by the first document shown: the page's first number formatter
    // (tens of milliseconds of locale data) and a worker ready to index large texts.
    (globalThis.requestIdleCallback ?? setTimeout)(() => {
      formatNumber(1);
      prepareJsonWorker();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    if (this.filterFrame !== undefined) cancelAnimationFrame(this.filterFrame);
    clearTimeout(this.flashTimer);
  }

  /** The document shown, once indexed. */
  get document(): JsonDoc | undefined {
    return this.doc;
  }

  /** Number of values matching the filter (exact once the filter has scanned everything). */
  get matchCount(): number {
    return this.filter?.count ?? 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('json') && this.json !== undefined) this.loadText(this.json);
    else if (changed.has('value') && this.json === undefined) this.loadValue(this.value);
    else if (this.json === undefined && this.value === undefined) this.fromResults();
    if (changed.has('view') && this.doc) this.keepPlaceAcrossViews(changed.get('view') as string);
  }

  protected override updated(): void {
    const host = this.scroller as (HTMLElement & { [virtualizerRef]?: object }) | undefined;
    speedUpVirtualizer(host?.[virtualizerRef]);
    sweepOrphanMarkers(host);
    this.pin = undefined;
    const scroll = this.pendingScroll;
    if (scroll && host) {
      this.pendingScroll = undefined;
      this.scrollToIndex(scroll.index, scroll.block);
    }
    if (this.anchor) void this.restoreAnchor();
    if (this.focusPending) this.focusActive();
  }

  // ---- documents ----------------------------------------------------------------------

  private loadText(text: string): void {
    const token = ++this.loadToken;
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    this.error = undefined;
    if (text.length < WORKER_THRESHOLD) {
      // Small: at once, with no "reading" flash.
      try {
        this.show(JsonDoc.parse(text), false);
      } catch (error) {
        this.doc = undefined;
        this.loading = undefined;
        this.error = error as Error;
      }
      return;
    }
    this.loading = { chars: text.length };
    this.doc = undefined;
    parseJsonDoc(text, abort.signal).then(
      (doc) => token === this.loadToken && this.show(doc, false),
      (error: unknown) => {
        if (token !== this.loadToken || abort.signal.aborted) return;
        this.loading = undefined;
        this.doc = undefined;
        this.error = error as Error;
      },
    );
  }

  private loadValue(value: unknown): void {
    ++this.loadToken;
    this.loadAbort?.abort();
    this.loading = undefined;
    try {
      this.error = undefined;
      this.show(JsonDoc.of(value), false);
    } catch (error) {
      this.doc = undefined;
      this.error = new Error(`This value cannot be shown as JSON: ${(error as Error).message}`);
    }
  }

  /** The results of the run, when neither `json` nor `value` is set. */
  private fromResults(): void {
    if (this.run.state.results.size === 0) {
      // Nothing yet (or no stream at all): "No results yet" rather than an empty object.
      if (this.liveText !== undefined) {
        this.liveText = undefined;
        this.doc = undefined;
        this.rows = undefined;
      }
      return;
    }
    const results = this.live.read(this.run.state);
    if (results.text === this.liveText) return;
    this.liveText = results.text;
    this.series = results.series;
    this.show(JsonDoc.parse(results.text), true);
  }

  private show(doc: JsonDoc, live: boolean): void {
    this.loading = undefined;
    const previous = this.doc;
    this.doc = doc;
    this.raw = undefined;
    if (live && this.rows && previous) {
      this.keepAnchor();
      // What each row showed: a scalar's text (a container's would be its whole subtree, the
      // root's the whole document: only its presence is compared).
      const before = new Map<number, string>();
      for (const r of this.rows.rows)
        if (!r.more) before.set(r.key, previous.isContainer(r.node) ? '' : previous.raw(r.node));
      this.rows.replace(doc);
      this.rows.expandNew(this.expandDepth, this.known);
      this.markChanges(before);
    } else {
      if (!live) this.series = new Set();
      this.rows = new TreeRows(doc);
      this.known = new Set();
      if (live) this.rows.expandNew(this.expandDepth, this.known);
      else this.rows.expandTo(this.expandDepth);
      this.active = 0;
      this.windowStart = 0;
      this.epoch++;
    }
    if (this.filterText) this.startFilter();
  }

  /** Marks the rows whose value changed, or that are new, since `before`. */
  private markChanges(before: Map<number, string>): void {
    if (before.size === 0) return;
    const now = performance.now();
    const doc = this.doc!;
    for (const r of this.rows!.rows) {
      if (r.more) continue;
      const old = before.get(r.key);
      if (old === undefined || (!doc.isContainer(r.node) && old !== doc.raw(r.node)))
        this.flashing.set(r.key, now);
    }
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      const cutoff = performance.now() - FLASH_MS;
      for (const [k, t] of this.flashing) if (t <= cutoff) this.flashing.delete(k);
      this.requestUpdate();
    }, FLASH_MS);
  }

  // ---- position -----------------------------------------------------------------------

  private virtualizer():
    { element(i: number): { scrollIntoView(o?: object): void } | undefined } | undefined {
    const host = this.scroller as (HTMLElement & { [virtualizerRef]?: unknown }) | undefined;
    return host?.[virtualizerRef] as ReturnType<ResultTree['virtualizer']>;
  }

  /** Rows (tree) or lines (raw) in the current view. */
  private total(): number {
    if (!this.doc || !this.rows) return 0;
    return this.view === 'raw' ? this.rawLines().length : this.rows.length;
  }

  /** Number of items the virtualizer sees. */
  private windowCount(): number {
    return Math.max(0, Math.min(WINDOW_ROWS, this.total() - this.windowStart));
  }

  private scrollToIndex(index: number, block: 'start' | 'nearest'): void {
    if (index < this.windowStart || index >= this.windowStart + this.windowCount()) {
      this.moveWindow(index, block);
      this.requestUpdate();
      return;
    }
    this.virtualizer()
      ?.element(index - this.windowStart)
      ?.scrollIntoView({ block });
  }

  /** Moves the window so that `index` is well inside it, and pins it in view. */
  private moveWindow(index: number, block: 'start' | 'nearest'): void {
    const total = this.total();
    const start = Math.max(0, Math.min(index - WINDOW_ROWS / 2, total - WINDOW_ROWS));
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.epoch++;
    }
    this.pin = { index: index - this.windowStart, block };
  }

  private readonly onVisibility = (e: Event) => {
    const { first, last } = e as unknown as { first: number; last: number };
    const count = this.windowCount();
    const nearEnd = last >= count - EDGE_ROWS && this.windowStart + count < this.total();
    const nearStart = first < EDGE_ROWS && this.windowStart > 0;
    if (nearEnd || nearStart) {
      this.moveWindow(this.windowStart + first, 'start');
      this.requestUpdate();
    }
  };

  /** Notes where the first row in view is, so a new version of the document leaves it there. */
  private keepAnchor(): void {
    const s = this.scroller;
    if (!s || this.view !== 'tree' || s.scrollTop === 0) return;
    const top = s.getBoundingClientRect().top;
    for (const el of s.querySelectorAll<HTMLElement>('.row')) {
      const box = el.getBoundingClientRect();
      if (box.bottom > top) {
        const row = this.rows!.rows[Number(el.dataset.index)];
        if (row) this.anchor = { key: row.key, top: box.top - top };
        return;
      }
    }
  }

  private async restoreAnchor(): Promise<void> {
    const anchor = this.anchor!;
    this.anchor = undefined;
    const index = this.rows!.rows.findIndex((r) => r.key === anchor.key && !r.more);
    const s = this.scroller;
    if (index < 0 || !s) return;
    let el = s.querySelector<HTMLElement>(`.row[data-index="${index}"]`);
    if (!el) {
      this.scrollToIndex(index, 'start');
      await new Promise((r) => requestAnimationFrame(r));
      el = s.querySelector<HTMLElement>(`.row[data-index="${index}"]`);
    }
    if (el)
      s.scrollTop += el.getBoundingClientRect().top - s.getBoundingClientRect().top - anchor.top;
  }

  /** Switching views keeps the value at the top of one at the top of the other. */
  private keepPlaceAcrossViews(from: string | undefined): void {
    const s = this.scroller;
    if (!s || from === undefined) return;
    const top = s.getBoundingClientRect().top;
    const first = [...s.querySelectorAll<HTMLElement>(from === 'raw' ? '.line' : '.row')].find(
      (el) => el.getBoundingClientRect().bottom > top + 1,
    );
    if (!first) return;
    if (from === 'tree') {
      const row = this.rows!.rows[Number(first.dataset.index)];
      if (row) this.pendingScroll = { index: this.rawLines().lineOf(row.node), block: 'start' };
    } else {
      const line = this.rawLines().line(Number(first.dataset.line));
      const index = this.rows!.reveal(line.node);
      this.active = Math.max(0, index);
      this.pendingScroll = { index: this.active, block: 'start' };
    }
    this.windowStart = 0;
    this.epoch++;
  }

  private rawLines(): RawLines {
    this.raw ??= new RawLines(this.doc!);
    return this.raw;
  }

  // ---- filter -------------------------------------------------------------------------

  private setFilterText(text: string): void {
    this.filterText = text;
    this.startFilter();
  }

  private startFilter(): void {
    if (this.filterFrame !== undefined) cancelAnimationFrame(this.filterFrame);
    this.filterFrame = undefined;
    const rows = this.rows;
    if (!rows || !this.doc) return;
    if (this.filterText === '') {
      this.filter = undefined;
      rows.setFilter(undefined);
      this.active = 0;
      return;
    }
    this.filter = new TreeFilter(this.doc, { text: this.filterText, regex: this.regex });
    this.active = 0;
    const step = () => {
      this.filterFrame = undefined;
      const f = this.filter;
      if (!f || f.doc !== this.doc) return;
      const done = f.step(FRAME_BUDGET_MS);
      rows.setFilter(f.error ? undefined : f);
      this.requestUpdate();
      if (!done) this.filterFrame = requestAnimationFrame(step);
    };
    step();
  }

  private filterStatus(): string {
    const f = this.filter;
    if (!f) return '';
    if (f.error) return '';
    const count = plural(f.count, 'match', 'matches');
    if (!f.done) return `${count} so far… ${Math.floor((100 * f.scanned) / f.doc.size)}%`;
    return f.count === 0 ? 'no match' : count;
  }

  // ---- actions ------------------------------------------------------------------------

  /** Opens or closes the container of row `index`. */
  toggleRow(index: number, open?: boolean): void {
    const row = this.rows?.rows[index];
    if (!row) return;
    if (row.more) this.rows!.showMore(row);
    else this.rows!.toggle(row, open);
    this.requestUpdate();
  }

  /** Opens every container (refused, with a message, past {@link EXPAND_ALL_LIMIT} rows). */
  expandAll(): boolean {
    if (!this.rows) return false;
    const ok = this.rows.expandAll(EXPAND_ALL_LIMIT);
    this.notice = ok
      ? `Expanded: ${plural(this.rows.length, 'row')}`
      : `Too large to expand everything (over ${formatNumber(EXPAND_ALL_LIMIT, 0)} rows): open the parts you need, or filter.`;
    this.requestUpdate();
    return ok;
  }

  /** Closes every container. */
  collapseAll(): void {
    this.rows?.collapseAll();
    this.active = 0;
    this.requestUpdate();
  }

  /** The JSONPath of the value at row `index` (`$.models[3].score`). */
  pathAt(index: number, form: 'jsonpath' | 'js' = 'jsonpath'): string | undefined {
    const row = this.rows?.rows[index];
    if (!row || !this.doc) return undefined;
    const steps = this.doc.pathOf(row.node);
    return form === 'js' ? jsAccessor(steps) : jsonPath(steps);
  }

  /** Shows the value at `steps` (keys and indices from the root), opening the way; false if none. */
  revealPath(steps: readonly (string | number)[]): boolean {
    const doc = this.doc;
    if (!doc || !this.rows) return false;
    let node = 0;
    for (const step of steps) {
      const children = doc.children(node);
      const next =
        typeof step === 'number' ? children[step] : children.find((c) => doc.keyOf(c) === step);
      if (next === undefined) return false;
      node = next;
    }
    this.active = Math.max(0, this.rows.reveal(node));
    this.pendingScroll = { index: this.active, block: 'nearest' };
    this.requestUpdate();
    return true;
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = `Copied ${what}`;
      this.dispatchEvent(
        new CustomEvent<ResultTreeCopyDetail>('result-tree-copy', {
          detail: { what, text },
          bubbles: true,
          composed: true,
        }),
      );
    } catch {
      this.notice = `Could not copy ${what}`;
    }
  }

  private copyRow(index: number, what: 'path' | 'js' | 'value'): void {
    const row = this.rows?.rows[index];
    if (!row || row.more || !this.doc) return;
    if (what === 'value') void this.copy(this.doc.raw(row.node), 'the value');
    else void this.copy(this.pathAt(index, what === 'js' ? 'js' : 'jsonpath')!, 'the path');
  }

  /** The whole document, pretty-printed (as written past 10 million characters). */
  prettyText(): string {
    const doc = this.doc;
    if (!doc) return '';
    if (doc.text.length > PRETTY_LIMIT) return doc.text;
    const raw = this.rawLines();
    const lines = new Array<string>(raw.length);
    for (let n = 0; n < raw.length; n++) lines[n] = raw.text(n);
    return lines.join('\n');
  }

  private download(): void {
    const name = `${this.run.state.runId ?? 'result'}.json`;
    download([this.prettyText()], name, 'application/json', this.ownerDocument);
  }

  // ---- keyboard and pointer -----------------------------------------------------------

  private readonly onKeyDown = (e: KeyboardEvent) => {
    const rows = this.rows;
    if (!rows || e.defaultPrevented || this.view !== 'tree') return;
    if ((e.target as HTMLElement).closest('input, .toolbar')) return;
    const total = rows.length;
    const row = rows.rows[this.active];
    if (!row) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'c' || e.key === 'C')) {
      e.preventDefault();
      this.copyRow(this.active, e.shiftKey ? 'path' : 'value');
      return;
    }
    if (mod || e.altKey) return;
    const container = !row.more && this.doc!.isContainer(row.node);
    const open = container && rows.isExpanded(row.key);
    let to: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        to = this.active + 1;
        break;
      case 'ArrowUp':
        to = this.active - 1;
        break;
      case 'PageDown':
        to = this.active + PAGE_ROWS;
        break;
      case 'PageUp':
        to = this.active - PAGE_ROWS;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = total - 1;
        break;
      case 'ArrowRight':
        if (container && !open && !this.filter) this.toggleRow(this.active, true);
        else if (container) to = this.active + 1;
        break;
      case 'ArrowLeft':
        if (open && !this.filter) this.toggleRow(this.active, false);
        else to = this.parentIndex(this.active);
        break;
      case 'Enter':
      case ' ':
        if (row.more || container) this.toggleRow(this.active);
        else if (this.doc!.rawLength(row.node) - 2 > 300) this.toggleLong(row);
        else return;
        break;
      case '*':
        this.expandSiblings(this.active);
        break;
      default:
        if (e.key.length === 1 && e.key !== ' ') this.typeAhead(e.key);
        else return;
    }
    e.preventDefault();
    if (to !== undefined) this.moveTo(to);
    this.focusPending = true;
  };

  private moveTo(index: number): void {
    const total = this.rows!.length;
    this.active = Math.max(0, Math.min(total - 1, index));
    this.pendingScroll = { index: this.active, block: 'nearest' };
  }

  private parentIndex(index: number): number {
    const rows = this.rows!.rows;
    const depth = rows[index]!.depth;
    for (let i = index - 1; i >= 0; i--) if (rows[i]!.depth < depth) return i;
    return index;
  }

  /** `*`: opens every container among the row's siblings. */
  private expandSiblings(index: number): void {
    const rows = this.rows!;
    const parent = this.parentIndex(index);
    const depth = rows.rows[index]!.depth;
    const siblings = rows.rows.filter(
      (r, i) => i > parent && r.depth === depth && !r.more && this.doc!.isContainer(r.node),
    );
    // Only up to the next row shallower than the siblings: they are the same parent's.
    const end = rows.rows.findIndex((r, i) => i > index && r.depth < depth);
    for (const r of siblings) {
      const i = rows.rows.indexOf(r);
      if (end >= 0 && i > end) break;
      if (!rows.isExpanded(r.key)) rows.expanded.set(r.key, 1000);
    }
    rows.rebuild();
    this.requestUpdate();
  }

  private typeAhead(char: string): void {
    const now = performance.now();
    this.typed = now - this.typedAt > TYPEAHEAD_MS ? char : this.typed + char;
    this.typedAt = now;
    const rows = this.rows!.rows;
    const prefix = this.typed.toLowerCase();
    const start = this.typed.length === 1 ? this.active + 1 : this.active;
    for (let k = 0; k < rows.length; k++) {
      const i = (start + k) % rows.length;
      const r = rows[i]!;
      if (r.more) continue;
      const label = this.doc!.keyOf(r.node) ?? String(r.index);
      if (label.toLowerCase().startsWith(prefix)) {
        this.moveTo(i);
        return;
      }
    }
  }

  private toggleLong(row: TreeRow): void {
    const next = new Set(this.longOpen);
    if (next.has(row.key)) next.delete(row.key);
    else next.add(row.key);
    this.longOpen = next;
  }

  private readonly onClick = (e: MouseEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    const el = target.closest?.('.row') as HTMLElement | null;
    if (!el) return;
    const index = Number(el.dataset.index);
    const row = this.rows?.rows[index];
    if (!row) return;
    this.active = index;
    const action = (target.closest('[data-action]') as HTMLElement | null)?.dataset.action;
    if (action === 'path' || action === 'js' || action === 'value') this.copyRow(index, action);
    else if (action === 'long') this.toggleLong(row);
    else if (action === 'more' || (!row.more && this.doc!.isContainer(row.node)))
      this.toggleRow(index);
    this.focusPending = true;
  };

  private focusActive(): void {
    const el = this.scroller?.querySelector<HTMLElement>(`.row[data-index="${this.active}"]`);
    if (!el) return; // not rendered yet: the next update tries again
    this.focusPending = false;
    if ((this.renderRoot as ShadowRoot).activeElement !== el) el.focus({ preventScroll: true });
  }

  // ---- render -------------------------------------------------------------------------

  private renderToolbar(): TemplateResult {
    const raw = this.view === 'raw';
    const error = this.filter?.error;
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label="Result">
      <div class="join" role="group" aria-label="View">
        <button
          class="btn btn-xs join-item ${raw ? 'btn-ghost' : 'btn-primary'}"
          aria-pressed=${raw ? 'false' : 'true'}
          @click=${() => (this.view = 'tree')}
        >
          Tree
        </button>
        <button
          class="btn btn-xs join-item ${raw ? 'btn-primary' : 'btn-ghost'}"
          aria-pressed=${raw ? 'true' : 'false'}
          @click=${() => (this.view = 'raw')}
        >
          Raw
        </button>
      </div>
      ${
        raw
          ? nothing
          : html`<button class="btn btn-xs btn-ghost" @click=${() => this.expandAll()}>
                Expand all
              </button>
              <button class="btn btn-xs btn-ghost" @click=${() => this.collapseAll()}>
                Collapse all
              </button>
              <input
                type="search"
                class="input input-xs"
                placeholder="Filter keys and values"
                aria-label="Filter keys and values"
                aria-invalid=${error ? 'true' : 'false'}
                title=${error ?? 'Filter keys and values (text, or a regular expression with .*)'}
                .value=${this.filterText}
                @input=${(e: Event) => this.setFilterText((e.target as HTMLInputElement).value)}
              />
              <button
                class="btn btn-xs ${this.regex ? 'btn-primary' : 'btn-ghost'}"
                aria-pressed=${this.regex ? 'true' : 'false'}
                aria-label="Regular expression"
                title="Regular expression"
                @click=${() => {
                  this.regex = !this.regex;
                  this.startFilter();
                }}
              >
                .*
              </button>
              <span class="count muted" aria-live="polite">${error ?? this.filterStatus()}</span>`
      }
      <span class="spacer"></span>
      <span class="muted size">${this.sizeText()}</span>
      <button
        class="btn btn-xs btn-ghost"
        @click=${() => void this.copy(this.prettyText(), 'the document')}
      >
        Copy all
      </button>
      <button class="btn btn-xs btn-ghost" @click=${() => this.download()}>Download .json</button>
    </div>`;
  }

  private sizeText(): string {
    const doc = this.doc;
    if (!doc) return '';
    const chars = doc.text.length;
    const size =
      chars >= 1e6
        ? `${formatNumber(chars / 1e6, 1)} MB`
        : chars >= 1e3
          ? `${formatNumber(chars / 1e3, 1)} kB`
          : `${chars} B`;
    return `${plural(doc.size, 'value')} · ${size}`;
  }

  private renderBody(): unknown {
    if (this.loading)
      return html`<p class="empty muted" role="status">
        <span class="spinner" aria-hidden="true"></span>
        Reading ${formatNumber(this.loading.chars / 1e6, 1)} MB of JSON…
      </p>`;
    if (this.error) return this.renderError(this.error);
    const doc = this.doc;
    const rows = this.rows;
    if (!doc || !rows) return html`<p class="empty muted">No results yet.</p>`;
    if (this.view === 'raw') return this.renderRaw(doc);
    if (rows.length === 0 || (this.filter?.done && this.filter.count === 0))
      return html`<p class="empty muted">Nothing matches the filter.</p>`;
    const filter = this.filter;

    const ctx: TreeRowContext = {
      doc,
      active: this.active,
      expanded: (r) =>
        filter && filter.marks[r.node]! & HOLDS_MATCH ? true : rows.isExpanded(r.key),
      longOpen: this.longOpen,
      flashing: new Set(this.flashing.keys()),
      pattern: filter?.highlight,
      series: this.series,
      setSize: (r) => (r.parent < 0 ? 1 : doc.childCount(r.parent)),
    };
    const list = rows.rows;
    if (this.windowStart > Math.max(0, list.length - 1))
      this.windowStart = Math.max(0, list.length - WINDOW_ROWS);
    return keyed(
      this.epoch,
      html`<div
        class="rows"
        role="tree"
        aria-label="Result"
        part="viewport"
        @visibilityChanged=${this.onVisibility}
      >
        ${virtualize({
          items: windowItems(this.windowStart, this.windowCount()),
          keyFunction: (i: number | undefined, k: number) => {
            const r = i === undefined ? undefined : list[i];
            return r === undefined ? `stale ${k}` : r.more ? -r.key - 1 : r.key;
          },
          renderItem: (i: number | undefined) => {
            const r = i === undefined ? undefined : list[i];
            return r ? treeRow(i!, r, ctx) : STALE_ROW;
          },
          layout: this.layout(),
          scroller: true,
        })}
      </div>`,
    );
  }

  private layout(): { type: typeof RowLayout } {
    return {
      type: RowLayout,
      overhang: OVERHANG_PX,
      ...(this.pin ? { pin: this.pin } : {}),
    } as unknown as { type: typeof RowLayout };
  }

  private renderRaw(doc: JsonDoc): unknown {
    const raw = this.rawLines();
    if (this.windowStart > Math.max(0, raw.length - 1))
      this.windowStart = Math.max(0, raw.length - WINDOW_ROWS);
    return keyed(
      this.epoch,
      html`<div
        class="rows raw"
        role="region"
        aria-label="Raw JSON"
        tabindex="0"
        part="viewport"
        @visibilityChanged=${this.onVisibility}
      >
        ${virtualize({
          items: windowItems(this.windowStart, this.windowCount()),
          keyFunction: (n: number | undefined, i: number) => n ?? `stale ${i}`,
          renderItem: (n: number | undefined) =>
            n === undefined ? STALE_ROW : rawRow(n, raw.line(n), doc),
          layout: this.layout(),
          scroller: true,
        })}
      </div>`,
    );
  }

  private renderError(error: Error): TemplateResult {
    if (!(error instanceof JsonTextError))
      return html`<div class="error" role="alert"><p>${error.message}</p></div>`;
    const text = this.json ?? '';
    const lineStart = text.lastIndexOf('\n', error.offset - 1) + 1;
    const lineEnd = text.indexOf('\n', error.offset);
    const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    const col = error.offset - lineStart;
    const from = Math.max(0, col - 60);
    const excerpt = line.slice(from, col + 60);
    return html`<div class="error" role="alert">
      <p><strong>Not valid JSON:</strong> ${error.reason}</p>
      <p class="muted">
        Line ${formatNumber(error.line, 0)}, column ${formatNumber(error.column, 0)}
      </p>
      <pre class="excerpt"><span .textContent=${excerpt}></span>
<span class="caret" aria-hidden="true">${' '.repeat(col - from)}^</span></pre>
    </div>`;
  }

  protected override render(): TemplateResult {
    return html`<div
      class="athanor-root"
      part="base"
      @keydown=${this.onKeyDown}
      @click=${this.onClick}
    >
      ${this.renderToolbar()} ${this.renderBody()}
      <span class="sr-only" role="status">${this.notice}</span>
    </div>`;
  }
}
