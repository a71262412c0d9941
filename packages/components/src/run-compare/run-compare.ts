import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import { AthanorElement } from '../shared/athanor-element.ts';
import { download } from '../shared/download.ts';
import { PHASES } from '../shared/phases.ts';
import { toolbarStyles } from '../shared/toolbar.styles.ts';
import { buildExport, type ComparisonExport } from './compare-export.ts';
import {
  CompareModel,
  summarize,
  type CompareColumn,
  type ResultRow,
  type RunSummary,
} from './compare-model.ts';
import { configSection, logsSection, resultsSection } from './compare-sections.ts';
import { runsSection } from './runs-section.ts';
import { panControls, RunPanController } from './run-pan.ts';
import { CompareStreams, type CompareSource } from './compare-streams.ts';
import { diffConfigs, type ConfigDiff } from './config-diff.ts';
import { RunBaselineChangeEvent, RunCompareExportEvent } from './events.ts';
import { runCompareStyles } from './run-compare.styles.ts';

/** What one render shows. */
interface View {
  readonly now: number;
  readonly columns: readonly CompareColumn[];
  readonly baseline: number;
  readonly runs: readonly RunSummary[];
  readonly config: ConfigDiff;
  readonly results: readonly ResultRow[];
}

/** Fewest and most runs compared. */
export const MIN_RUNS = 2;
export const MAX_RUNS = 20;

/** A run given to `.runs`. */
export interface CompareRunInput {
  /** The run followed in `events` (default: the first it carries); also its id in the export. */
  readonly id?: string;
  /** Shown instead of the run's name. */
  readonly label?: string;
  /** The run's protocol events (raw values or stream items). */
  readonly events: Observable<unknown>;
}

const idList = {
  fromAttribute: (value: string | null) =>
    value === null
      ? undefined
      : value
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
  toAttribute: (value: readonly string[] | undefined) => value?.join(','),
};

/**
 * 2 to 20 runs side by side, live: status, start and duration; configuration differences;
 * every result key with its delta against a baseline run, series statistics and structural
 * diffs; log counts. Export as JSON.
 *
 * Give it `.runs` (each `{ id?, label?, events }`), or `run-ids` with `src-template`: each run is
 * then followed over Server-Sent Events at the template with `{id}` replaced by its
 * percent-encoded id, resuming after drops. Runs still going keep updating; the element renders
 * at most once per animation frame for all of them. Fewer than 2 runs, or more than 20, are
 * told in the element; runs past the 20th are not opened. When the runs do not all fit, the
 * toolbar says which are in view, with Earlier / Later runs buttons. Keyboard: Tab reaches those,
 * Download, the baseline choice (arrow keys move it between runs), both Hide identical toggles
 * (configuration and results), each structured diff and the run links.
 *
 * @summary Side-by-side comparison of 2–20 live runs against a baseline.
 * @fires {RunBaselineChangeEvent} run-baseline-change - When the reader picks a baseline.
 * @fires {RunCompareExportEvent} run-compare-export - After "Download JSON": the comparison
 *   exported.
 * @csspart base - The whole element.
 * @csspart toolbar - The bar with the summary and Download.
 * @csspart scroller - The area that scrolls sideways when the runs do not fit.
 * @csspart status - Each run's status badge.
 * @cssprop [--athanor-run-compare-background=var(--color-base-100)] - Background.
 * @cssprop [--athanor-run-compare-border-color=var(--color-base-300)] - Frame and rule colour.
 * @cssprop [--athanor-run-compare-key-width=15rem] - Width of the first (path / key) column.
 * @cssprop [--athanor-run-compare-run-width=13rem] - Least width of a run's column.
 * @cssprop [--athanor-run-compare-differs=var(--color-warning)] - Tint of differing cells.
 */
export class RunCompare extends AthanorElement {
  static override styles = [AthanorElement.styles, toolbarStyles, runCompareStyles];

  private readonly streams = new CompareStreams(this);
  private readonly model = new CompareModel();

  @state() private showAllConfig = false;
  @state() private showAllResults = false;

  /** The runs: each an Observable of its events, with an optional id and label. */
  @property({ attribute: false }) runs: readonly CompareRunInput[] | undefined;

  /** Ids of runs to follow at `src-template` (comma-separated as an attribute); used without `.runs`. */
  @property({ attribute: 'run-ids', converter: idList }) runIds: readonly string[] | undefined;

  /** URL of a run's Server-Sent Events, `{id}` standing for its percent-encoded id. */
  @property({ type: String, attribute: 'src-template' }) srcTemplate = '/api/runs/{id}/events';

  /** Link of each run (`{id}` as in `src-template`); without it run names are plain text. */
  @property({ type: String, attribute: 'run-href' }) runHref: string | undefined;

  /** Id of the baseline run. Default (or when no run has it): the first run. */
  @property({ type: String, reflect: true }) baseline: string | undefined;

  /** Hide configuration paths on which every run agrees. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-identical' }) hideIdentical = false;

  /**
   * Hide result keys whose latest value is the same in every run (keys that differ from the
   * baseline, or that only some runs have, stay).
   */
  @property({ type: Boolean, reflect: true, attribute: 'hide-identical-results' })
  hideIdenticalResults = false;

  /** Accessible name of the comparison. Default "Run comparison". */
  @property({ type: String }) label = 'Run comparison';

  private readonly pan = new RunPanController(this, () => {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const heads = scroller
      ?.querySelector('table.runs')
      ?.querySelectorAll<HTMLElement>('th.run-head');
    return { scroller, heads: heads ? [...heads] : [] };
  });
  private given = 0;
  private omitted: readonly string[] = [];
  private configMemo: { key: readonly unknown[]; diff: ConfigDiff } | undefined;
  private lastStatus = new Map<string, string>();
  private announcement = '';
  /** What the next render shows, read from the run states once per update. */
  private view: View | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runs') || changed.has('runIds') || changed.has('srcTemplate')) this.follow();
    this.view = this.read(Date.now());
    this.noteStatus(this.view.runs);
  }

  private chooseBaseline(id: string): void {
    if (id === this.baseline) return;
    this.baseline = id;
    this.dispatchEvent(new RunBaselineChangeEvent(id));
  }

  /** The comparison as the export holds it (the same object as "Download JSON" saves). */
  toJSON(): ComparisonExport {
    const { runs, baseline, config, results } = this.read(Date.now());
    return buildExport(runs, baseline, config, results, Date.now());
  }

  /** Saves `toJSON()` as a file and fires `run-compare-export`. */
  download(): void {
    const comparison = this.toJSON();
    const name = `run-comparison-${comparison.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    download([JSON.stringify(comparison, null, 2)], name, 'application/json', this.ownerDocument);
    this.dispatchEvent(new RunCompareExportEvent(comparison));
  }

  private follow(): void {
    const sources: CompareSource[] = this.runs
      ? this.runs.map((r) => ({ id: r.id, label: r.label, events: r.events }))
      : (this.runIds ?? []).map((id) => ({
          id,
          url: this.srcTemplate.replaceAll('{id}', encodeURIComponent(id)),
        }));
    this.given = sources.length;
    const fits = sources.length >= MIN_RUNS;
    this.omitted = sources.slice(MAX_RUNS).map((s, i) => s.id ?? `run ${MAX_RUNS + i + 1}`);
    this.streams.follow(fits ? sources.slice(0, MAX_RUNS) : []);
  }

  /** The columns: ids made unique, labels from the input, the run's name or its id. */
  private columns(): CompareColumn[] {
    const seen = new Map<string, number>();
    return this.streams.runs.map(({ source, state }, i) => {
      const base = source.id ?? state.runId ?? `run ${i + 1}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const id = n === 1 ? base : `${base} #${n}`;
      return { id, label: source.label ?? state.name ?? id, state };
    });
  }

  private read(now: number): View {
    const columns = this.columns();
    const found = columns.findIndex((c) => c.id === this.baseline);
    const baseline = found < 0 ? 0 : found;
    const runs = columns.map((c) => summarize(c, now));
    return {
      now,
      columns,
      baseline,
      runs,
      config: this.configDiff(runs, baseline),
      results: this.model.results(columns, baseline),
    };
  }

  /** The config diff, worked out again only when a config or the baseline changes. */
  private configDiff(runs: readonly RunSummary[], baseline: number): ConfigDiff {
    const key = [baseline, ...runs.map((r) => r.config)];
    const memo = this.configMemo;
    if (memo && memo.key.length === key.length && memo.key.every((k, i) => k === key[i]))
      return memo.diff;
    const diff = diffConfigs(
      runs.map((r) => r.config),
      baseline,
    );
    this.configMemo = { key, diff };
    return diff;
  }

  /** Says which runs changed status since the last render (not on the first one). */
  private noteStatus(runs: readonly RunSummary[]): void {
    const first = this.lastStatus.size === 0;
    const changes: string[] = [];
    for (const run of runs) {
      const before = this.lastStatus.get(run.id);
      if (!first && before !== undefined && before !== run.status)
        changes.push(`${run.label}: ${PHASES[run.status].label}`);
      this.lastStatus.set(run.id, run.status);
    }
    if (changes.length > 0) this.announcement = changes.slice(0, 3).join('. ');
  }

  override render() {
    if (this.given < MIN_RUNS)
      return html`<div class="athanor-root frame" part="base">
        <p class="notice" role="status">
          Comparing needs at least ${MIN_RUNS} runs;
          ${this.given === 0 ? 'none was given' : 'only 1 was given'}.
        </p>
      </div>`;
    const view = this.view!;
    const now = view.now;
    const n = view.runs.length;
    const pan = this.pan.view;
    return html`<div
      class="athanor-root frame"
      part="base"
      role="region"
      aria-label=${this.label}
      style="--_runs: ${n}"
    >
      <div class="toolbar" part="toolbar">
        <span
          >Comparing <strong>${n}</strong> runs against
          <strong>${view.runs[view.baseline]!.label}</strong></span
        >
        <span class="spacer"></span>
        ${panControls(this.pan.view, (direction) => this.pan.move(direction))}
        <button type="button" class="btn btn-xs" @click=${() => this.download()}>
          Download JSON
        </button>
      </div>
      ${this.omitted.length > 0 ? this.renderOmitted() : nothing}
      <div
        class="viewport ${pan && !pan.atStart ? 'more-before' : ''} ${pan && !pan.atEnd ? 'more-after' : ''}"
        style="--_pan-key: ${pan?.keyWidth ?? 0}px"
      >
        <div class="scroller" part="scroller">
          ${runsSection(view.columns, view.runs, view.baseline, now, {
            runHref: this.runHref,
            onBaseline: (id) => this.chooseBaseline(id),
          })}
          ${configSection(view.config, view.runs, view.baseline, {
            hideIdentical: this.hideIdentical,
            onHideIdentical: (hide) => (this.hideIdentical = hide),
            showAll: this.showAllConfig,
            onShowAll: () => (this.showAllConfig = true),
          })}
          ${resultsSection(view.results, view.runs, view.baseline, {
            hideIdentical: this.hideIdenticalResults,
            onHideIdentical: (hide) => (this.hideIdenticalResults = hide),
            showAll: this.showAllResults,
            onShowAll: () => (this.showAllResults = true),
          })}
          ${logsSection(view.runs, view.baseline)}
        </div>
      </div>
      <span class="sr-only" role="status">${this.announcement}</span>
    </div>`;
  }

  private renderOmitted(): TemplateResult {
    const shown = this.omitted.slice(0, 10).join(', ');
    const rest = this.omitted.length - 10;
    return html`<p class="notice" role="status">
      ${this.given} runs were given; at most ${MAX_RUNS} can be compared. Comparing the first
      ${MAX_RUNS}; not opened: ${shown}${rest > 0 ? ` and ${rest} more` : ''}.
    </p>`;
  }
}
