import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { keyed } from 'lit/directives/keyed.js';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { RunElement } from '../shared/run-element.ts';
import { toolbarStyles } from '../shared/toolbar.styles.ts';
import { luminance, toRgb } from '../shared/contrast.ts';
import { RunLogJumpEvent } from '../shared/events.ts';
import { formatNumber, plural } from '../shared/format.ts';
import {
  OVERHANG_PX,
  RowLayout,
  STALE_ROW,
  speedUpVirtualizer,
  sweepOrphanMarkers,
  windowItems,
} from '../shared/virtual-rows.ts';
import { LogRows, ROW_LINE } from './log-rows.ts';
import { download } from '../shared/download.ts';
import { fileName, jsonlParts, rowLine, textParts } from './log-export.ts';
import { renderRow, type RowContext } from './log-row.ts';
import { LogSearch, compileQuery } from './log-search.ts';
import { renderToolbar } from './log-toolbar.ts';
import { LogView, type LogCategory } from './log-view.ts';
import { LogKeys } from './log-keys.ts';
import { ansiPaletteStyles } from './ansi-palette.ts';
import { runLogStyles } from './run-log.styles.ts';

/** Rows the virtualizer sees at once: its scroll height stays far below the 8.2 M px it caps at. */
export const WINDOW_ROWS = 100_000;
/** Rows from a window edge at which scrolling moves the window. */
const EDGE_ROWS = 500;
/** Time a frame may spend turning entries into rows or searching. */
const FRAME_BUDGET_MS = 8;
/** Frames in a row that re-lay a fast stream's rows before one is skipped. */
const STREAK_LIMIT = 2;
/** Error announcements are spaced by at least this much. */
const ANNOUNCE_EVERY_MS = 5000;

const booleanTrue = {
  fromAttribute: (value: string | null) => value !== null && value !== 'false',
  toAttribute: (value: boolean) => (value ? '' : null),
};

/**
 * The run's log, live and virtualized: `log` records and terminal `output` as lines, with markers
 * where events went missing, arrived invalid or the connection dropped. Follows the newest entry
 * until the reader scrolls up; a million entries stay reachable.
 *
 * @summary Live, virtualized log of one run: records, terminal output, markers.
 * @csspart base - The whole log.
 * @csspart toolbar - The controls above the rows.
 * @csspart viewport - The scrolling area.
 * @csspart new-button - The "N new ↓" button shown while not following and entries arrive.
 * @cssprop [--athanor-run-log-height=28rem] - Height of the log.
 * @cssprop [--athanor-run-log-background=var(--color-base-100)] - Background.
 * @cssprop [--athanor-run-log-border-color=var(--color-base-300)] - Border colour.
 * @cssprop [--athanor-run-log-logger-width=14ch] - Width of the logger column.
 * @cssprop [--athanor-run-log-row-height=1.25rem] - Height of a one-line row.
 * @cssprop [--athanor-ansi-0=…] - Terminal colours 0–15 (`--athanor-ansi-0` … `-15`), from the
 *   theme by default; set them on `run-log::part(base)`.
 * @cssprop [--athanor-ansi-bg-0=…] - Their background tints (`--athanor-ansi-bg-0` … `-15`), set
 *   the same way.
 */
export class RunLog extends RunElement {
  static override styles = [RunElement.styles, toolbarStyles, runLogStyles, ansiPaletteStyles];

  private readonly keys = new LogKeys(this);

  @state() private hiddenCategories: ReadonlySet<LogCategory> = new Set();
  @state() private queryText = '';
  @state() private regex = false;
  @state() private hitIndex = -1;
  @state() private expanded: ReadonlySet<number> = new Set();
  @state() private epoch = 0;
  @state() private notice = '';

  /** Stick to the newest entry. On by default; `follow="false"` turns it off. */
  @property({ reflect: true, converter: booleanTrue }) follow = true;

  /** Wrap long lines instead of scrolling sideways. */
  @property({ type: Boolean, reflect: true }) wrap = false;

  /** Time column: `clock` (local HH:MM:SS.mmm) or `relative` (since the run started). */
  @property({ type: String, reflect: true }) time: 'clock' | 'relative' = 'clock';

  /** Keep at most this many rows; the oldest are dropped, with a row saying how many. */
  @property({ type: Number, reflect: true, attribute: 'max-entries' }) maxEntries = 0;

  /** Link to an entry, `{seq}` standing for its seq (default: this page with `#seq=N`). */
  @property({ type: String, reflect: true, attribute: 'link-format' }) linkFormat:
    string | undefined;

  /** The scrolling element: the virtualizer's own host (a scroller, so it never scrolls the page). */
  @query('.rows') private scroller?: HTMLElement;

  /** @internal */ rows: LogRows | undefined;
  /** @internal */ view: LogView | undefined;
  private search: LogSearch | undefined;
  /** @internal View position of the first item the virtualizer sees. */
  windowStart = 0;
  /** @internal Window-relative range the virtualizer shows. */
  visible = { first: 0, last: 0 };
  /** @internal Row the keyboard is on (view position). */
  active = 0;
  private pin: { index: number; block: 'start' | 'center' | 'end' | 'nearest' } | undefined;
  private unpin = false;
  /** Epoch of the virtualizer whose layout is pinned to the end, -1 when none is. */
  private pinnedEpoch = -1;
  private pausedLength = 0;
  private flashRow = -1;
  private pendingSeq: number | undefined;
  private lastErrors = 0;
  private announceAt = 0;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private syncFrame: number | undefined;
  private intentAt = -Infinity;
  private luminance = 1;
  private luminanceAt = -Infinity;
  private positionFrame: number | undefined;
  private renderedAt = -Infinity;
  private streak = 0;
  private renderedEntries = 0;
  private lastScrollTop = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener(RunLogJumpEvent.eventName, this.onJumpRequest);
    if (!this.linkFormat) this.pendingSeq = seqInHash(location.hash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener(RunLogJumpEvent.eventName, this.onJumpRequest);
    if (this.syncFrame !== undefined) cancelAnimationFrame(this.syncFrame);
    clearTimeout(this.announceTimer);
  }

  /**
   * Following a stream fast enough to replace every row in view each frame, the rows are
   * re-laid in at most `streakLimit` consecutive frames, then one is skipped: nobody reads rows
   * that live one frame, and the virtualizer's measuring passes get a frame to themselves
   * instead of stacking onto the next update. A slower stream shows every frame.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (changed.size > 0 || !this.follow || !this.rows) return true;
    const fresh = this.state.logs.length - this.renderedEntries;
    const consecutive = performance.now() - this.renderedAt < 24;
    if (fresh > this.rowsInView() && consecutive && this.streak >= STREAK_LIMIT) {
      this.streak = 0;
      this.again();
      return false;
    }
    this.streak = consecutive ? this.streak + 1 : 1;
    return true;
  }

  private rowsInView(): number {
    return Math.max(8, this.visible.last - this.visible.first + 1);
  }

  protected override willUpdate(changed: PropertyValues): void {
    const rows = this.model();
    const caught = rows.sync(FRAME_BUDGET_MS);
    if (this.maxEntries > 0) this.keepAnchored(() => rows.cap(this.maxEntries));
    if (changed.has('follow') && !this.follow) this.pausedLength = this.view!.length;
    this.placeWindow();
    const searching =
      this.search && !this.search.done && this.search.step(FRAME_BUDGET_MS / 2) === false;
    if (!caught || searching) this.again();
    if (this.pendingSeq !== undefined && caught) this.goToSeq(this.pendingSeq);
    this.announceErrors();
  }

  protected override updated(): void {
    this.renderedAt = performance.now();
    this.renderedEntries = this.state.logs.length;
    const host = this.scroller as (HTMLElement & { [virtualizerRef]?: object }) | undefined;
    speedUpVirtualizer(host?.[virtualizerRef]);
    sweepOrphanMarkers(host);
    this.keys.afterRender();
    this.showPosition();
  }

  private showPosition(): void {
    const el = this.renderRoot.querySelector('.position');
    if (el && this.view) el.textContent = this.positionText();
  }

  private readonly onJumpRequest = (event: RunLogJumpEvent) => {
    if (event.runId !== undefined && event.runId !== this.state.runId) return;
    this.revealEntry(event.index);
  };

  private readonly onVisibility = (e: Event) => {
    const { first, last } = e as unknown as { first: number; last: number };
    this.visible = { first, last };
    const len = this.itemCount();
    const total = this.view!.length;
    const nearEnd = last >= len - EDGE_ROWS && this.windowStart + len < total;
    const nearStart = first < EDGE_ROWS && this.windowStart > 0;
    if (!this.follow && (nearEnd || nearStart)) {
      this.moveWindow(this.windowStart + first, 'start');
      this.requestUpdate();
    }
    // The position readout is written directly, once a frame: scrolling re-renders no row.
    this.positionFrame ??= requestAnimationFrame(() => {
      this.positionFrame = undefined;
      sweepOrphanMarkers(this.scroller);
      this.showPosition();
    });
  };

  /** Marks a reader's own scroll (wheel, touch, scrollbar, keys): only those pause the follow. */
  private readonly onIntent = (e: Event) => {
    if (e.type === 'pointerdown') {
      const s = this.scroller;
      const onScrollbar = s && e.target === s && (e as PointerEvent).offsetX > s.clientWidth;
      if (!onScrollbar) return;
      this.pause(); // grabbing the scrollbar: the reader takes over
    }
    if (e.type === 'wheel' && (e as WheelEvent).deltaY < 0) this.pause();
    this.intentAt = performance.now();
  };

  private readonly onUnpinned = () => {
    this.pinnedEpoch = -1;
    if (this.follow && this.byReader() && !this.atBottom()) this.pause();
    else if (this.follow) this.requestUpdate(); // pin the end again
  };

  private readonly onScroll = () => {
    const top = this.scroller?.scrollTop ?? 0;
    const up = top < this.lastScrollTop - 1;
    const down = top > this.lastScrollTop + 1;
    this.lastScrollTop = top;
    if (this.follow && up && this.byReader()) this.pause();
    else if (
      !this.follow &&
      down &&
      this.byReader() &&
      this.atBottom() &&
      this.windowStart + this.itemCount() >= this.view!.length
    ) {
      this.resume();
    }
  };

  private byReader(): boolean {
    return performance.now() - this.intentAt < 800;
  }

  /**
   * Scrolls to the entry with this seq (or the first after it) and marks it; returns false when
   * the log holds no such entry yet.
   */
  scrollToSeq(seq: number): boolean {
    const rows = this.model();
    rows.sync();
    const index = this.state.logs.indexOfSeq(seq);
    if (index >= this.state.logs.length) return false;
    this.revealEntry(index);
    return true;
  }

  /** Stops following (as scrolling up does). */
  pause(): void {
    if (this.follow) this.unpin = true;
    this.follow = false;
    this.pinnedEpoch = -1;
  }

  /** Follows the newest entry again (as the "new ↓" button and End do). */
  resume(): void {
    this.follow = true;
  }

  /** @internal Shows view position `pos`, pausing the follow. */
  reveal(pos: number, block: 'start' | 'center' | 'end' | 'nearest' = 'center'): void {
    this.pause();
    const len = this.itemCount();
    if (pos < this.windowStart || pos >= this.windowStart + len) this.moveWindow(pos, block);
    else this.pin = { index: pos - this.windowStart, block };
    this.active = pos;
    this.requestUpdate();
  }

  private revealEntry(index: number): void {
    const rows = this.model();
    rows.sync();
    const pos = this.view!.positionOf(rows.rowOfEntry(index));
    this.flashRow = this.view!.rowAt(pos);
    this.reveal(pos);
    setTimeout(() => {
      this.flashRow = -1;
      this.requestUpdate();
    }, 1500);
  }

  private goToSeq(seq: number): void {
    if (this.scrollToSeq(seq)) this.pendingSeq = undefined;
  }

  /** @internal Toggles the expansion of a row (meta, raw text, history, long text). */
  toggleRow(row: number): void {
    const next = new Set(this.expanded);
    if (!next.delete(row)) next.add(row);
    this.expanded = next;
  }

  /** @internal The link to an entry. */
  linkTo(seq: number): string {
    if (this.linkFormat) return this.linkFormat.replaceAll('{seq}', String(seq));
    return `${location.href.split('#')[0]}#seq=${seq}`;
  }

  /** @internal Copies text and says so. */
  async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = `Copied ${what}`;
    } catch {
      this.notice = `Could not copy ${what}`;
    }
  }

  private model(): LogRows {
    if (!this.rows || this.rows.state !== this.run.state) {
      this.rows = new LogRows(this.run.state);
      this.view = new LogView(this.rows);
      this.view.hidden = this.hiddenCategories;
      this.windowStart = 0;
      this.expanded = new Set();
      this.search = undefined;
      this.epoch++;
      this.lastErrors = 0;
    }
    return this.rows;
  }

  /** Runs `change` keeping the rows the virtualizer sees where they are. */
  private keepAnchored(change: () => void): void {
    const view = this.view!;
    const anchor = view.length > 0 ? view.rowAt(this.windowStart) : -1;
    change();
    if (anchor >= 0 && this.windowStart > 0) this.windowStart = view.positionOf(anchor);
  }

  private placeWindow(): void {
    const total = this.view!.length;
    // Following, the window slides under the same virtualizer: its last rows are the same rows
    // (keyed by row, so their elements stay), only their indices change, and the end is pinned.
    // (A reader's window moves make a new virtualizer instead: there positions matter.)
    if (this.follow && total - this.windowStart > WINDOW_ROWS) {
      this.windowStart = Math.max(0, total - Math.floor((WINDOW_ROWS * 2) / 3));
    }
    if (this.windowStart > Math.max(0, total - 1))
      this.windowStart = Math.max(0, total - WINDOW_ROWS);
  }

  private moveWindow(pos: number, block: 'start' | 'center' | 'end' | 'nearest'): void {
    const total = this.view!.length;
    const start = Math.max(0, Math.min(pos - WINDOW_ROWS / 2, total - WINDOW_ROWS));
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.epoch++;
    }
    this.pin = { index: pos - this.windowStart, block };
  }

  /** @internal Number of items the virtualizer sees. */
  itemCount(): number {
    return Math.max(0, Math.min(WINDOW_ROWS, this.view!.length - this.windowStart));
  }

  /** True when the newest row is in view (its bottom edge inside the scroller). */
  private atBottom(): boolean {
    const s = this.scroller;
    const total = this.view?.length ?? 0;
    if (!s || total === 0) return true;
    if (this.windowStart + this.itemCount() < total) return false;
    const last = s.querySelector(`.row[data-pos="${total - 1}"]`);
    return !!last && last.getBoundingClientRect().bottom <= s.getBoundingClientRect().bottom + 2;
  }

  private again(): void {
    this.syncFrame ??= requestAnimationFrame(() => {
      this.syncFrame = undefined;
      this.requestUpdate();
    });
  }

  private announceErrors(): void {
    const errors = this.state.logCounts.error + this.state.logCounts.fatal;
    if (errors <= this.lastErrors || this.announceTimer !== undefined) return;
    const wait = Math.max(0, this.announceAt + ANNOUNCE_EVERY_MS - Date.now());
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      const now = this.state.logCounts.error + this.state.logCounts.fatal;
      if (now <= this.lastErrors) return;
      this.notice = `${plural(now - this.lastErrors, 'new error')} in the log`;
      this.lastErrors = now;
      this.announceAt = Date.now();
    }, wait);
  }

  // ---- rendering ----

  private pattern(): RegExp | undefined {
    const compiled = compileQuery({ text: this.queryText, regex: this.regex });
    return compiled instanceof RegExp ? compiled : undefined;
  }

  private onQuery(text: string): void {
    this.queryText = text;
    this.hitIndex = -1;
    this.restartSearch();
  }

  private restartSearch(): void {
    const pattern = this.pattern();
    this.search =
      pattern && this.rows
        ? new LogSearch(this.view!, pattern, (row) => rowLine(this.rows!, row))
        : undefined;
    this.requestUpdate();
  }

  private nextHit(back: boolean): void {
    const s = this.search;
    if (!s || s.total === 0) return;
    if (this.hitIndex < 0) {
      const from = s.firstHitFrom(this.windowStart + this.visible.first);
      this.hitIndex = back ? (from - 1 + s.total) % s.total : from % s.total;
    } else {
      this.hitIndex = (this.hitIndex + (back ? -1 : 1) + s.total) % s.total;
    }
    const hit = s.hit(this.hitIndex);
    if (hit) this.reveal(hit.pos);
  }

  private toggleCategory(category: LogCategory): void {
    const next = new Set(this.hiddenCategories);
    if (!next.delete(category)) next.add(category);
    this.hiddenCategories = next;
    const view = this.view!;
    const anchor = view.rowAt(this.windowStart + this.visible.first);
    view.hidden = next;
    this.windowStart = 0;
    this.epoch++;
    this.restartSearch();
    if (anchor >= 0) this.reveal(view.positionOf(anchor), 'start');
  }

  private hitsText(): string {
    const s = this.search;
    if (!s) return '';
    if (!s.done)
      return `searching… ${Math.floor((100 * s.scanned) / Math.max(1, this.view!.length))}%`;
    if (s.total === 0) return 'no match';
    return this.hitIndex < 0
      ? plural(s.total, 'match', 'matches')
      : `${formatNumber(this.hitIndex + 1)} of ${formatNumber(s.total)}`;
  }

  private positionText(): string {
    const total = this.view!.length;
    if (total === 0) return '';
    const a = this.windowStart + this.visible.first + 1;
    const b = Math.min(total, this.windowStart + this.visible.last + 1);
    return `${formatNumber(a)}–${formatNumber(b)} of ${formatNumber(total)}`;
  }

  /**
   * One row, re-rendered only when something it shows changed (guard): while a log streams,
   * the rows already on screen are not rebuilt every frame.
   */
  private renderItem(pos: number, ctx: RowContext) {
    const row = this.view!.rowAt(pos);
    const line = row >= 0 && this.rows!.kind(row) === ROW_LINE ? this.rows!.line(row) : undefined;
    const hit = ctx.current && ctx.current.row === row ? ctx.current.nth : -1;
    const deps = [
      row,
      line?.version,
      ctx.expanded.has(row),
      pos === ctx.active,
      pos === ctx.actionsAt,
      row === ctx.flashRow,
      ctx.relative,
      ctx.pattern?.source,
      ctx.pattern?.flags,
      hit,
      ctx.background,
      ctx.setSize,
      row < 0 ? this.rows!.dropped : 0,
    ];
    // The virtualizer types its items' templates as TemplateResult; a directive renders as well.
    return guard(deps, () => renderRow(pos, row, ctx)) as unknown as TemplateResult;
  }

  /** Luminance of the log's background as rendered (the page's theme or ours). */
  private backgroundLuminance(): number {
    // Reading computed style forces a style pass: done at most once a second (a theme change
    // shows within a second), never once per frame.
    const now = performance.now();
    if (now - this.luminanceAt < 1000) return this.luminance;
    const root = this.renderRoot.querySelector('.athanor-root');
    const rgb = root ? toRgb(getComputedStyle(root).backgroundColor) : undefined;
    if (rgb) {
      this.luminance = luminance(rgb);
      this.luminanceAt = now;
    }
    return this.luminance;
  }

  override render() {
    const view = this.view!;
    const rows = this.rows!;
    const total = view.length;
    const count = this.itemCount();
    const start = this.windowStart;
    const hit = this.search && this.hitIndex >= 0 ? this.search.hit(this.hitIndex) : undefined;
    const ctx: RowContext = {
      rows,
      state: this.state,
      relative: this.time === 'relative',
      expanded: this.expanded,
      pattern: this.pattern(),
      current: hit ? { row: view.rowAt(hit.pos), nth: hit.nth } : undefined,
      active: this.active,
      // A growing log's size is unknown (-1): one attribute per row, not one per row per frame.
      setSize: this.state.isFinal ? total : -1,
      cap: this.maxEntries,
      flashRow: this.flashRow,
      actionsAt: this.keys.actionsAt,
      actions: (row) => this.keys.actions(row),
      background: this.backgroundLuminance(),
    };
    const items = windowItems(start, count);
    // Following pins the last row; a jump pins its row once; a pause unpins at once, so that no
    // pending pin pulls the reader back down before the virtualizer hears their scroll.
    // The follow pin names an index past any end: the layout clamps it to the last row, so it
    // is set once and holds while rows arrive, instead of re-pinning (and reflowing) per frame.
    const pinEnd = this.follow && count > 0 && this.pinnedEpoch !== this.epoch;
    const pin = pinEnd
      ? { index: Number.MAX_SAFE_INTEGER, block: 'end' as const }
      : (this.pin ?? (this.unpin ? null : undefined));
    if (pinEnd) this.pinnedEpoch = this.epoch;
    this.pin = undefined;
    this.unpin = false;
    const newRows = this.follow ? 0 : Math.max(0, total - this.pausedLength);
    return html`<div class="athanor-root border" part="base">
      ${renderToolbar({
        state: this.state,
        follow: this.follow,
        wrap: this.wrap,
        relative: this.time === 'relative',
        hidden: this.hiddenCategories,
        lineCounts: rows.lineCounts,
        query: this.queryText,
        regex: this.regex,
        queryError: errorOf(this.queryText, this.regex),
        hits: this.hitsText(),
        on: {
          follow: () => (this.follow ? this.pause() : this.resume()),
          wrap: () => (this.wrap = !this.wrap),
          time: () => (this.time = this.time === 'clock' ? 'relative' : 'clock'),
          toggle: (c) => this.toggleCategory(c),
          query: (t) => this.onQuery(t),
          regex: () => {
            this.regex = !this.regex;
            this.restartSearch();
          },
          next: (back) => this.nextHit(back),
          exportJsonl: () =>
            download(
              jsonlParts(this.state.logs),
              fileName(this.state.runId, '.log.jsonl'),
              'application/x-ndjson',
              this.ownerDocument,
            ),
          exportText: () =>
            download(
              textParts(rows),
              fileName(this.state.runId, '.log.txt'),
              'text/plain',
              this.ownerDocument,
            ),
        },
      })}
      <div
        class="viewport"
        part="viewport"
        role="log"
        aria-live="off"
        aria-label="Run log"
        tabindex="-1"
        @wheel=${this.onIntent}
        @touchmove=${this.onIntent}
        @pointerdown=${this.onIntent}
        @keydown=${this.keys.onKeyDown}
        @click=${this.keys.onClick}
        @pointerover=${this.keys.onPointerOver}
        @focusin=${this.keys.onFocusIn}
      >
        ${
          total === 0
            ? html`<p class="empty muted">
                ${this.state.runId ? 'No log entries yet.' : 'Waiting for the run…'}
              </p>`
            : keyed(
                this.epoch,
                html`<div
                  class="rows"
                  role="list"
                  aria-label=${`${plural(total, 'entry', 'entries')}`}
                  @scroll=${this.onScroll}
                  @visibilityChanged=${this.onVisibility}
                  @unpinned=${this.onUnpinned}
                >
                  ${virtualize({
                    items,
                    // The virtualizer can render a range measured against the previous window
                    // (the follow window has just slid): positions past the end come as
                    // undefined and get placeholders with keys of their own (repeat needs
                    // unique keys, or it leaves stale markers behind) until the range is re-read.
                    keyFunction: (pos: number | undefined, i: number) =>
                      pos === undefined ? `stale ${i}` : view.rowAt(pos),
                    renderItem: (pos: number | undefined) =>
                      pos === undefined ? STALE_ROW : this.renderItem(pos, ctx),
                    // A null pin unpins the layout (BaseLayout's pin setter takes it).
                    // Following, only the rows in view are rendered: the rest churn every frame.
                    layout: {
                      type: RowLayout,
                      overhang: this.follow ? 0 : OVERHANG_PX,
                      ...(pin !== undefined ? { pin } : {}),
                    } as unknown as { type: typeof RowLayout },
                    scroller: true,
                  })}
                </div>`,
              )
        }
      </div>
      ${
        newRows > 0
          ? html`<button
              class="btn btn-sm btn-primary new-below"
              part="new-button"
              @click=${() => this.resume()}
            >
              ${formatNumber(newRows)} new ↓
            </button>`
          : nothing
      }
      <span class="sr-only" role="status">${this.notice}</span>
    </div>`;
  }
}

function errorOf(text: string, regex: boolean): string | undefined {
  const compiled = compileQuery({ text, regex });
  return compiled && !(compiled instanceof RegExp) ? compiled.error : undefined;
}

function seqInHash(hash: string): number | undefined {
  const match = /(?:^#|[&#])seq=(\d+)/.exec(hash);
  return match ? Number(match[1]) : undefined;
}
