import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ResultSeries, RunState } from '@athanor/protocol';
import { RunElement } from '../shared/run-element.ts';
import { toolbarStyles } from '../shared/toolbar.styles.ts';
import { ResultStats, type KeyStats } from './key-stats.ts';
import { keyCard, type CardContext } from './stats-card.ts';
import { formatCount } from './stats-format.ts';
import { resultStatsStyles } from './result-stats.styles.ts';

/** Orders of the keys. */
export type StatsSort = 'first-seen' | 'name' | 'count';

const SORTS: readonly { value: StatsSort; label: string }[] = [
  { value: 'first-seen', label: 'First seen' },
  { value: 'name', label: 'Name' },
  { value: 'count', label: 'Count' },
];

/**
 * Live statistics of a run's results, per key: for numbers count, min, max, mean, σ, p50 and p95
 * with a sparkline (arrival order) and a histogram; for booleans the true rate; for strings the
 * most frequent values; for objects and arrays the count and the latest value in a
 * `<result-tree>`. Which keys are numeric is inferred from the values; a key whose values change
 * kind says so, with the count of each.
 *
 * Reads the stream given by `src` / `.events`, or the one shared by an enclosing `<run-scope>`.
 * Each value is taken once, as it arrives (O(1), bounded memory per key: quantiles are exact up
 * to 10,000 numbers per key, then estimated within 0.5 %); the element renders at most once per
 * animation frame and redraws only the keys that changed.
 *
 * @summary Live per-key statistics of a run's results: numbers, booleans, strings, objects.
 * @csspart base - The whole element.
 * @csspart toolbar - The filter, sort and key count above the cards.
 * @csspart key - Each key's card.
 * @cssprop [--athanor-result-stats-background=var(--color-base-100)] - Background of the cards.
 * @cssprop [--athanor-result-stats-border-color=var(--color-base-300)] - Borders.
 * @cssprop [--athanor-result-stats-line-color=var(--color-primary)] - Sparkline stroke, true-rate bar.
 * @cssprop [--athanor-result-stats-bar-color=color-mix(in oklab, var(--color-base-content) 45%, transparent)] - Histogram bars.
 * @cssprop [--athanor-result-stats-card-width=22rem] - Narrowest card; cards fill the row.
 */
export class ResultStatsElement extends RunElement {
  static override styles = [RunElement.styles, toolbarStyles, resultStatsStyles];

  @state() private shown = 0;
  @state() private open: ReadonlySet<string> = new Set();

  /** Only keys containing this text (case-insensitive). */
  @property({ type: String, reflect: true }) filter = '';

  /** Order of the keys: `first-seen` (default), `name`, or `count` (most values first). */
  @property({ type: String, reflect: true, attribute: 'sort-by' }) sortBy: StatsSort = 'first-seen';

  /** Keys shown before "Show more"; each press shows this many more. */
  @property({ type: Number, reflect: true, attribute: 'page-size' }) pageSize = 50;

  /** Bins of each histogram. */
  @property({ type: Number, reflect: true }) bins = 24;

  /** Accessible name of the element. */
  @property({ type: String }) label = 'Result statistics';

  private aggregate = new ResultStats();
  /** The state the statistics were taken from, and how many values of each series. */
  private source: RunState | undefined;
  private taken = new Map<ResultSeries, number>();
  private readonly ids = new Map<string, string>();

  /** The statistics shown (read-only; replaced when the stream changes). */
  get stats(): ResultStats {
    return this.aggregate;
  }

  /**
   * The stream's values are taken here, once per update: the controller asks for at most one
   * per animation frame, whether the stream is the element's own or a `<run-scope>`'s.
   */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.ingest(this.run.state);
  }

  private readonly onToggle = (key: string, open: boolean) => {
    if (open === this.open.has(key)) return;
    const next = new Set(this.open);
    if (open) next.add(key);
    else next.delete(key);
    this.open = next;
  };

  private readonly onFilter = (e: Event) => {
    this.filter = (e.target as HTMLInputElement).value;
    this.shown = 0;
  };

  /** Shows the next page of keys. */
  showMore(): void {
    this.shown = this.limit() + this.pageSize;
  }

  /**
   * Takes the values that arrived since the last frame: each series is read from where it was
   * left, so a frame costs the new values plus one look per key, and a shared stream (which
   * calls no per-item hook) is read the same way as an own one.
   */
  private ingest(s: RunState): void {
    if (s !== this.source) {
      this.source = s;
      this.aggregate = new ResultStats();
      this.taken = new Map();
      this.ids.clear();
      this.open = new Set();
    }
    for (const [key, series] of s.results) {
      const from = this.taken.get(series) ?? 0;
      const to = series.values.length;
      if (from === to) continue;
      for (let i = from; i < to; i++) this.aggregate.add(key, series.values.at(i));
      this.taken.set(series, to);
    }
  }

  private limit(): number {
    return Math.max(this.shown, this.pageSize);
  }

  private visibleKeys(): KeyStats[] {
    const needle = this.filter.trim().toLowerCase();
    const all: KeyStats[] = [];
    for (const key of this.aggregate.keys()) {
      if (needle && !key.toLowerCase().includes(needle)) continue;
      all.push(this.aggregate.get(key)!);
    }
    if (this.sortBy === 'name') all.sort((a, b) => a.key.localeCompare(b.key));
    else if (this.sortBy === 'count') all.sort((a, b) => b.count - a.count);
    return all;
  }

  private idOf(key: string): string {
    let id = this.ids.get(key);
    if (!id) this.ids.set(key, (id = `key-${this.ids.size}`));
    return id;
  }

  override render() {
    const keys = this.visibleKeys();
    const shown = keys.slice(0, this.limit());
    return html`<div class="athanor-root" part="base" role="region" aria-label=${this.label}>
      ${this.renderToolbar(keys.length)}
      ${
        this.aggregate.size === 0
          ? html`<p class="empty muted">No results yet.</p>`
          : keys.length === 0
            ? html`<p class="empty muted">No key contains “${this.filter}”.</p>`
            : html`<ul class="cards" aria-label="Result keys">
                ${repeat(
                  shown,
                  (k) => k.key,
                  (k) => this.renderCard(k),
                )}
              </ul>`
      }
      ${
        keys.length > shown.length
          ? html`<div class="more-keys">
              <button class="btn btn-xs btn-ghost" @click=${() => this.showMore()}>
                Show ${formatCount(Math.min(this.pageSize, keys.length - shown.length))} more
              </button>
              <span class="muted"
                >${formatCount(keys.length - shown.length)}
                ${keys.length - shown.length === 1 ? 'key' : 'keys'} not shown</span
              >
            </div>`
          : nothing
      }
    </div>`;
  }

  private renderCard(stats: KeyStats): TemplateResult {
    const open = this.open.has(stats.key);
    // A card is rebuilt only when its key took a value (or its options changed).
    return guard([stats, stats.version, this.bins, open], () => {
      const ctx: CardContext = {
        id: this.idOf(stats.key),
        bins: this.bins,
        open,
        onToggle: this.onToggle,
      };
      return keyCard(stats, ctx);
    }) as TemplateResult;
  }

  private renderToolbar(matching: number): TemplateResult {
    const total = this.aggregate.size;
    const values = this.aggregate.count;
    const filtered = this.filter.trim() !== '';
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label="Result keys">
      <input
        type="search"
        class="input input-xs"
        placeholder="Filter keys"
        aria-label="Filter keys"
        .value=${this.filter}
        @input=${this.onFilter}
      />
      <div class="join" role="group" aria-label="Sort keys by">
        ${SORTS.map(
          (s) =>
            html`<button
              class="btn btn-xs join-item ${this.sortBy === s.value ? 'btn-primary' : 'btn-ghost'}"
              aria-pressed=${this.sortBy === s.value ? 'true' : 'false'}
              @click=${() => (this.sortBy = s.value)}
            >
              ${s.label}
            </button>`,
        )}
      </div>
      <span class="spacer"></span>
      <span class="muted summary" aria-live=${filtered ? 'polite' : 'off'}>
        ${filtered ? `${formatCount(matching)} of ` : ''}${formatCount(total)}
        ${total === 1 ? 'key' : 'keys'} · ${formatCount(values)}
        ${values === 1 ? 'value' : 'values'}
      </span>
    </div>`;
  }
}
