import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { AthanorElement } from '../shared/athanor-element.ts';
import { clock } from '../shared/clock.ts';
import { RunSelectionEvent } from '../shared/events.ts';
import {
  formatClock,
  formatDateTime,
  formatNumber,
  formatShortDateTime,
} from '../shared/format.ts';
import { PHASES } from '../shared/phases.ts';
import {
  durationOf,
  isLive,
  parseHistory,
  pickKeyResult,
  sortRuns,
  type HistorySortKey,
  type RunHistoryEntry,
  type ScalarResult,
  type SortDirection,
} from './history-rows.ts';
import { runHistoryStyles } from './run-history.styles.ts';

/** Rows shown before "Show more"; each press shows this many more. */
const PAGE = 100;
/** Polling interval while the page is hidden is this many times the normal one. */
const HIDDEN_SLOWDOWN = 6;

const COLUMNS: readonly { key: HistorySortKey; label: string; numeric?: boolean }[] = [
  { key: 'status', label: 'Status' },
  { key: 'name', label: 'Run' },
  { key: 'start', label: 'Started' },
  { key: 'duration', label: 'Duration', numeric: true },
  { key: 'result', label: 'Result', numeric: true },
];

/**
 * The runs of an experiment as a table: each run's live status, start, duration and key result,
 * sortable by any column, with links to the runs and a selection for comparison.
 *
 * Give it `.runs` (an array of {@link RunHistoryEntry}) or `src`: a URL answering such an array
 * as JSON (the demo host's `GET /api/instances/:id/runs`), fetched again every `refresh` seconds
 * (slower while the page is hidden); a failed fetch keeps the rows shown and says so.
 * Durations of live runs tick every second. Keyboard: Tab reaches the sort buttons, every
 * checkbox and link; ↑/↓ move to the same cell of the next or previous run, Home/End (with
 * Ctrl) to the first or last.
 *
 * @summary Sortable, live table of an experiment's runs, selectable for comparison.
 * @fires {RunSelectionEvent} run-selection-change - When the reader changes the runs selected for
 *   comparison (`selected`: their ids, in the order chosen).
 * @csspart base - the frame around the table.
 * @csspart table - the table.
 * @csspart row - each run's row.
 * @csspart status - each run's status badge.
 * @cssprop [--athanor-run-history-background=var(--color-base-100)] - background.
 * @cssprop [--athanor-run-history-border-color=var(--color-base-300)] - frame and row rule colour.
 */
export class RunHistory extends AthanorElement {
  static override styles = [AthanorElement.styles, runHistoryStyles];

  /** The runs to show, in any order (ignored while `src` is set). */
  @property({ attribute: false }) runs: readonly RunHistoryEntry[] | undefined;

  /** URL of a JSON array of runs, fetched now and every `refresh` seconds. */
  @property({ type: String, reflect: true }) src: string | undefined;

  /** Seconds between fetches of `src`; 0 fetches once. Default 5. */
  @property({ type: Number }) refresh = 5;

  /** The result shown per run (e.g. `eval/accuracy`); default: the numeric one most runs have. */
  @property({ type: String, attribute: 'key-result' }) keyResult: string | undefined;

  /**
   * Link of each run, with `{id}` standing for its percent-encoded id (e.g. `/runs/{id}`);
   * without it run names are plain text.
   */
  @property({ type: String, attribute: 'run-href' }) runHref: string | undefined;

  /** Shows a checkbox per run, to select runs for comparison. */
  @property({ type: Boolean, reflect: true }) selectable = false;

  /** Ids of the selected runs. Set it to select; the element updates it as the reader chooses. */
  @property({ attribute: false }) selected: readonly string[] = [];

  /** Accessible name of the table. Default "Run history". */
  @property({ type: String }) label = 'Run history';

  /** Column the rows are sorted by. Default `start` (newest first). */
  @property({ type: String, attribute: 'sort-by' }) sortBy: HistorySortKey = 'start';

  /** Sort direction. Default `descending`. */
  @property({ type: String, attribute: 'sort-direction' }) sortDirection: SortDirection =
    'descending';

  @state() private fetched: readonly RunHistoryEntry[] | undefined;
  @state() private loadError: string | undefined;
  @state() private shown = PAGE;
  @state() private announcement = '';

  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: AbortController | undefined;
  private lastStatus = new Map<string, string>();

  /** The rows as shown, from `src` or `runs`. */
  get entries(): readonly RunHistoryEntry[] {
    return (this.src ? this.fetched : this.runs) ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    // Reconnected: pick up again (the first load is started by the first update).
    if (this.src && this.hasUpdated) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopLoading();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.isConnected) {
      this.fetched = undefined;
      this.loadError = undefined;
      this.lastStatus.clear();
      if (this.src) void this.load();
      else this.stopLoading();
    }
    if (changed.has('runs') && !this.src) this.noteChanges(this.runs ?? []);
  }

  /** Fetches `src` now (and then on the `refresh` schedule). */
  async reload(): Promise<void> {
    await this.load();
  }

  private stopLoading(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.request?.abort();
    this.request = undefined;
  }

  private async load(): Promise<void> {
    const src = this.src;
    if (!src) return;
    this.stopLoading();
    const request = new AbortController();
    this.request = request;
    try {
      const response = await fetch(src, {
        signal: request.signal,
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const parsed = parseHistory(await response.json());
      if ('error' in parsed) throw new Error(parsed.error);
      if (this.src !== src) return;
      this.noteChanges(parsed);
      this.fetched = parsed;
      this.loadError = undefined;
    } catch (error) {
      if (request.signal.aborted) return;
      this.loadError = (error as Error).message;
    } finally {
      if (this.request === request) this.request = undefined;
    }
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.isConnected || !this.src || !(this.refresh > 0)) return;
    const factor = document.visibilityState === 'hidden' ? HIDDEN_SLOWDOWN : 1;
    this.timer = setTimeout(() => void this.load(), this.refresh * 1000 * factor);
  }

  private readonly onVisibility = (): void => {
    // Back in view: fetch at once rather than wait out the slow hidden interval.
    if (document.visibilityState === 'visible' && this.src && this.timer !== undefined)
      void this.load();
  };

  /** Announces runs that changed status since the last update (not on the first one). */
  private noteChanges(runs: readonly RunHistoryEntry[]): void {
    const first = this.lastStatus.size === 0;
    const changes: string[] = [];
    for (const run of runs) {
      const before = this.lastStatus.get(run.id);
      if (!first && before !== run.status)
        changes.push(
          before === undefined
            ? `New run ${run.name ?? run.id}: ${PHASES[run.status].label}`
            : `${run.name ?? run.id}: ${PHASES[run.status].label}`,
        );
      this.lastStatus.set(run.id, run.status);
    }
    if (changes.length > 0) this.announcement = changes.slice(0, 3).join('. ');
  }

  private sortOn(key: HistorySortKey): void {
    if (this.sortBy === key)
      this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortBy = key;
      // Names read best A→Z; times and figures best largest first.
      this.sortDirection = key === 'name' || key === 'status' ? 'ascending' : 'descending';
    }
  }

  private setSelected(ids: readonly string[]): void {
    this.selected = ids;
    this.dispatchEvent(new RunSelectionEvent(ids));
  }

  private toggle(id: string, on: boolean): void {
    const rest = this.selected.filter((s) => s !== id);
    this.setSelected(on ? [...rest, id] : rest);
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    if ((event.key === 'Home' || event.key === 'End') && !event.ctrlKey) return;
    const focused = this.shadowRoot?.activeElement;
    const cell = focused?.closest('td, th');
    const row = cell?.closest('tr');
    if (!cell || !row) return;
    const rows = [...this.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const at = rows.indexOf(row);
    const target =
      event.key === 'ArrowDown'
        ? rows[at + 1]
        : event.key === 'ArrowUp'
          ? rows[at - 1]
          : event.key === 'Home'
            ? rows[0]
            : rows.at(-1);
    if (!target) return;
    event.preventDefault();
    const column = [...row.cells].indexOf(cell as HTMLTableCellElement);
    const focusable = (el: Element | undefined) =>
      el?.querySelector<HTMLElement>('a[href], input, button') ?? undefined;
    (focusable(target.cells[column]) ?? focusable(target))?.focus();
  };

  override render() {
    const now = Date.now();
    const all = this.entries;
    const resultKey = this.keyResult || pickKeyResult(all);
    const rows = sortRuns(all, this.sortBy, this.sortDirection, { now, resultKey });
    const visible = rows.slice(0, this.shown);
    const loading = this.src !== undefined && this.fetched === undefined && !this.loadError;
    return html`<div class="athanor-root border" part="base">
      ${this.loadError ? this.renderError(this.fetched !== undefined) : nothing}
      <table part="table" aria-label=${this.label} aria-busy=${loading ? 'true' : 'false'}>
        <thead>
          <tr>
            ${this.selectable ? this.renderSelectAll(rows) : nothing}
            ${COLUMNS.map((column) => this.renderHeader(column, resultKey))}
          </tr>
        </thead>
        <tbody @keydown=${this.onKeydown}>
          ${repeat(
            visible,
            (run) => run.id,
            (run) => this.renderRow(run, now, resultKey),
          )}
        </tbody>
      </table>
      ${
        rows.length === 0
          ? html`<p class="empty">
              ${loading ? 'Loading runs…' : this.loadError ? '' : 'No runs yet.'}
            </p>`
          : nothing
      }
      ${
        rows.length > visible.length
          ? html`<div class="more">
              <button
                type="button"
                class="btn btn-sm btn-ghost"
                @click=${() => (this.shown += PAGE)}
              >
                Show ${formatNumber(Math.min(PAGE, rows.length - visible.length), 0)} more
              </button>
              <span class="muted">of ${formatNumber(rows.length, 0)} runs</span>
            </div>`
          : nothing
      }
      <span class="sr-only" role="status">${this.announcement}</span>
    </div>`;
  }

  private renderError(stale: boolean): TemplateResult {
    return html`<p class="load-error" role="alert">
      <span
        >Could not load runs:
        ${this.loadError}${stale ? ' — showing the last ones loaded' : ''}</span
      >
      <button type="button" class="btn btn-xs" @click=${() => void this.reload()}>Retry</button>
    </p>`;
  }

  private renderSelectAll(rows: readonly RunHistoryEntry[]): TemplateResult {
    const ids = new Set(rows.map((r) => r.id));
    const count = this.selected.filter((id) => ids.has(id)).length;
    return html`<th scope="col" class="select">
      <input
        type="checkbox"
        aria-label="Select all runs for comparison"
        .checked=${count > 0 && count === rows.length}
        .indeterminate=${count > 0 && count < rows.length}
        ?disabled=${rows.length === 0}
        @change=${(e: Event) =>
          this.setSelected((e.target as HTMLInputElement).checked ? [...ids] : [])}
      />
    </th>`;
  }

  private renderHeader(
    column: (typeof COLUMNS)[number],
    resultKey: string | undefined,
  ): TemplateResult {
    const active = this.sortBy === column.key;
    const label = column.key === 'result' ? (resultKey ?? 'Result') : column.label;
    return html`<th
      scope="col"
      class=${column.numeric ? 'numeric' : ''}
      aria-sort=${active ? this.sortDirection : 'none'}
    >
      <button
        type="button"
        class="sort"
        title=${`Sort by ${label}`}
        @click=${() => this.sortOn(column.key)}
      >
        ${label}<span class="arrow" aria-hidden="true"
          >${active ? (this.sortDirection === 'ascending' ? '▲' : '▼') : ''}</span
        >
      </button>
    </th>`;
  }

  private renderRow(run: RunHistoryEntry, now: number, resultKey: string | undefined) {
    const look = PHASES[run.status];
    const live = isLive(run);
    const name = run.name ?? run.id;
    const selected = this.selected.includes(run.id);
    const href = this.runHref?.replaceAll('{id}', encodeURIComponent(run.id));
    const started = run.startedAt ?? undefined;
    return html`<tr part="row" class=${selected ? 'selected' : ''} data-run=${run.id}>
      ${
        this.selectable
          ? html`<td class="select">
              <input
                type="checkbox"
                aria-label=${`Select ${name} for comparison`}
                .checked=${selected}
                @change=${(e: Event) => this.toggle(run.id, (e.target as HTMLInputElement).checked)}
              />
            </td>`
          : nothing
      }
      <td>
        <span class="badge badge-sm phase ${look.badge}" part="status"
          ><span aria-hidden="true">${look.icon}</span>${look.label}</span
        >
      </td>
      <td class="name">
        ${href ? html`<a href=${href} title=${run.id}>${name}</a>` : html`<span title=${run.id}>${name}</span>`}
      </td>
      <td class="start">
        ${
          started === undefined
            ? html`<span class="muted">—</span>`
            : html`<time
                datetime=${new Date(started).toISOString()}
                title=${formatDateTime(started)}
                >${formatShortDateTime(started, now)}</time
              >`
        }
      </td>
      <td class="numeric font-mono">
        ${
          started === undefined
            ? html`<span class="muted">—</span>`
            : clock(() => formatClock(durationOf(run, Date.now()) ?? 0), live)
        }
      </td>
      <td class="numeric font-mono">
        ${formatResult(resultKey ? run.results?.[resultKey] : undefined)}
      </td>
    </tr>`;
  }
}

/** A key result as shown: numbers to 4 significant fraction digits, `—` when missing. */
function formatResult(value: ScalarResult | undefined): TemplateResult | string {
  if (value === undefined || value === null) return html`<span class="muted">—</span>`;
  if (typeof value === 'number') return formatNumber(value, Math.abs(value) >= 100 ? 1 : 4);
  return String(value);
}
