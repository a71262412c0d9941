/**
 * The first section of `<run-compare>`: each run's name (linked), id, status, start, duration
 * (ticking while the run is live) and the choice of the baseline.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { clock } from '../shared/clock.ts';
import { formatClock, formatDateTime, formatShortDateTime } from '../shared/format.ts';
import { PHASES } from '../shared/phases.ts';
import type { CompareColumn, RunSummary } from './compare-model.ts';

export interface RunsOptions {
  /** Link of a run, `{id}` standing for its percent-encoded id. */
  readonly runHref: string | undefined;
  readonly onBaseline: (id: string) => void;
}

export function runsSection(
  columns: readonly CompareColumn[],
  runs: readonly RunSummary[],
  baseline: number,
  now: number,
  options: RunsOptions,
): TemplateResult {
  const row = (label: string, cell: (run: RunSummary, i: number) => unknown) =>
    html`<tr>
      <th scope="row" class="key">${label}</th>
      ${runs.map((run, i) => html`<td class=${i === baseline ? 'base' : ''}>${cell(run, i)}</td>`)}
    </tr>`;
  return html`<section class="section">
    <div class="section-head"><h3 id="h-runs">Runs</h3></div>
    <table class="compare-table runs" aria-labelledby="h-runs">
      <thead>
        <tr>
          <th scope="col" class="key">Run</th>
          ${runs.map((run, i) => runHead(run, i === baseline, options.runHref))}
        </tr>
      </thead>
      <tbody>
        ${row('Status', (run) => statusCell(run))}
        ${row('Started', (run) => startCell(run.startedAt, now))}
        ${row('Duration', (run, i) => durationCell(run, columns[i]!))}
        ${row('Baseline', (run, i) => baselineChoice(run, i === baseline, options.onBaseline))}
      </tbody>
    </table>
  </section>`;
}

function runHead(run: RunSummary, isBaseline: boolean, runHref: string | undefined) {
  const href = runHref?.replaceAll('{id}', encodeURIComponent(run.runId ?? run.id));
  return html`<th scope="col" class="run-head" data-run=${run.id}>
    ${href ? html`<a href=${href} title=${run.id}>${run.label}</a>` : html`<span class="label" title=${run.id}>${run.label}</span>`}
    ${isBaseline ? html`<span class="base-mark">baseline</span>` : nothing}
    ${run.label !== run.id ? html`<div class="run-id muted">${run.id}</div>` : nothing}
  </th>`;
}

function statusCell(run: RunSummary): TemplateResult {
  const look = PHASES[run.status];
  return html`<span class="badge badge-sm phase ${look.badge}" part="status"
      ><span aria-hidden="true">${look.icon}</span>${look.label}</span
    >${run.error ? html`<div class="error-text" title=${run.error}>${run.error}</div>` : nothing}${
      run.connection ? html`<div class="connection">⚠ ${run.connection}</div>` : nothing
    }`;
}

/** One radio per run, one group: Tab reaches the checked one, the arrow keys move it. */
function baselineChoice(run: RunSummary, checked: boolean, onBaseline: (id: string) => void) {
  return html`<label class="choose">
    <input type="radio" name="baseline" .checked=${checked} @change=${() => onBaseline(run.id)} />
    ${checked ? 'Baseline' : 'Use as baseline'}
    <span class="sr-only">: ${run.label}</span>
  </label>`;
}

function startCell(startedAt: number | undefined, now: number) {
  if (startedAt === undefined) return html`<span class="muted">—</span>`;
  return html`<time datetime=${new Date(startedAt).toISOString()} title=${formatDateTime(startedAt)}
    >${formatShortDateTime(startedAt, now)}</time
  >`;
}

function durationCell(run: RunSummary, column: CompareColumn) {
  if (run.startedAt === undefined) return html`<span class="muted">—</span>`;
  const state = column.state;
  return html`<span class="font-mono"
    >${clock(() => formatClock(state.duration(Date.now()) ?? 0), run.live)}</span
  >`;
}
