/**
 * The sections of `<run-compare>` below its run header: configuration, results and logs, each a
 * table of rows × runs whose first column stays in view while the runs scroll sideways.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { LOG_LEVELS, type LogLevel } from '@athanor/protocol';
import { formatNumber, plural } from '../shared/format.ts';
import type { ConfigDiff, ConfigRow } from './config-diff.ts';
import type { ResultRow, RunSummary } from './compare-model.ts';
import { resultCell } from './compare-cells.ts';
import { preview } from './compare-format.ts';

/**
 * A path or key with places to wrap after its `.`, `_`, `/` and `-` (`<wbr>`): a long one wraps
 * at a word of its own rather than at any letter.
 */
function breakable(name: string): unknown {
  const parts = name.split(/(?<=[._/-])/);
  return parts.length === 1
    ? name
    : parts.map((part, i) => (i === 0 ? part : html`<wbr />${part}`));
}

/** Rows a section shows before "Show all". */
export const SECTION_ROWS = 200;

/** The slim header every section's table repeats: the first column's name, then the runs. */
export function runHeads(first: string, runs: readonly RunSummary[], baseline: number) {
  return html`<thead>
    <tr>
      <th scope="col" class="key">${first}</th>
      ${runs.map(
        (run, i) =>
          html`<th scope="col" class="run-head" title=${run.id}>
            <span class="label">${run.label}</span>${
              i === baseline ? html`<span class="base-mark">baseline</span>` : nothing
            }
          </th>`,
      )}
    </tr>
  </thead>`;
}

export function configSection(
  diff: ConfigDiff,
  runs: readonly RunSummary[],
  baseline: number,
  options: SectionOptions,
): TemplateResult {
  const identical = diff.counts.identical;
  const differing = diff.counts.different + diff.counts.missing;
  const { rows, visible, hidden } = shownRows(diff.rows, identical, options);
  const waiting = diff.unknown.map((i) => runs[i]!.label);
  return html`<section class="section">
    <div class="section-head">
      <h3 id="h-config">Configuration</h3>
      <span class="muted">
        ${plural(differing, 'path')} ${differing === 1 ? 'differs' : 'differ'} ·
        ${formatNumber(identical, 0)} identical
      </span>
      ${hideIdenticalToggle('paths', identical, options)}
    </div>
    <table class="compare-table config" aria-labelledby="h-config">
      ${runHeads('Path', runs, baseline)}
      <tbody>
        ${repeat(
          visible,
          (row) => row.path,
          (row) => guard([row, baseline], () => configRow(row, baseline)),
        )}
      </tbody>
    </table>
    ${hidden > 0 ? html`<p class="note muted">${plural(hidden, 'identical path')} hidden.</p>` : nothing}
    ${rows.length === 0 && hidden === 0 ? html`<p class="note muted">No configuration.</p>` : nothing}
    ${more(rows.length - visible.length, 'paths', options.onShowAll)}
    ${waiting.length > 0 ? html`<p class="note muted">Waiting for the configuration of ${waiting.join(', ')}.</p>` : nothing}
    ${diff.omitted > 0 ? html`<p class="note muted">${plural(diff.omitted, 'path')} past the first 2,000 of a configuration not compared.</p>` : nothing}
  </section>`;
}

/** How a row compares across the runs (config paths and result keys alike). */
type RowState = ConfigRow['state'];

const STATE_MARK = { identical: '', different: '≠', missing: '∅' } as const;
const STATE_TEXT = {
  identical: '',
  different: 'differs',
  missing: 'missing in some runs',
} as const;

/** A row's first cell: its path or key, marked (and said) when it is not the same everywhere. */
function keyHeader(name: string, state: RowState): TemplateResult {
  return html`<th scope="row" class="key">
    <span class="mark" aria-hidden="true">${STATE_MARK[state]}</span>
    <code title=${name}>${breakable(name)}</code>
    ${state === 'identical' ? nothing : html`<span class="sr-only">(${STATE_TEXT[state]})</span>`}
  </th>`;
}

function configRow(row: ConfigRow, baseline: number): TemplateResult {
  return html`<tr class=${row.state} data-path=${row.path}>
    ${keyHeader(row.path, row.state)}
    ${row.values.map((value, i) => {
      const differs = row.differs[i]!;
      const text = value === undefined ? '' : JSON.stringify(value);
      return html`<td class=${differs ? 'differs' : i === baseline ? 'base' : ''}>
        ${differs ? html`<span class="mark" aria-hidden="true">≠</span><span class="sr-only">differs from baseline:</span>` : nothing}
        ${
          value === undefined
            ? html`<span class="muted" aria-hidden="true">—</span
                ><span class="sr-only">not set</span>`
            : html`<code title=${text.length > 120 ? text.slice(0, 2000) : text}
                >${preview(value, 120)}</code
              >`
        }
      </td>`;
    })}
  </tr>`;
}

/** What the configuration and results sections are told besides their rows. */
export interface SectionOptions {
  readonly hideIdentical: boolean;
  readonly onHideIdentical: (hide: boolean) => void;
  readonly showAll: boolean;
  readonly onShowAll: () => void;
}

/**
 * A section's rows less the identical ones when they are hidden (`hidden` of them), and the
 * first SECTION_ROWS of those unless all are asked for.
 */
function shownRows<Row extends { readonly state: RowState }>(
  all: readonly Row[],
  identical: number,
  options: SectionOptions,
): { rows: readonly Row[]; visible: readonly Row[]; hidden: number } {
  const hidden = options.hideIdentical ? identical : 0;
  const rows = hidden > 0 ? all.filter((r) => r.state !== 'identical') : all;
  return { rows, visible: options.showAll ? rows : rows.slice(0, SECTION_ROWS), hidden };
}

/** The "Hide identical paths (N)" / "… keys (N)" checkbox of a section: two names, not one. */
function hideIdenticalToggle(
  what: 'paths' | 'keys',
  identical: number,
  options: SectionOptions,
): TemplateResult {
  return html`<label class="toggle">
    <input
      type="checkbox"
      .checked=${options.hideIdentical}
      @change=${(e: Event) => options.onHideIdentical((e.target as HTMLInputElement).checked)}
    />
    Hide identical ${what} (${formatNumber(identical, 0)})
  </label>`;
}

export function resultsSection(
  all: readonly ResultRow[],
  runs: readonly RunSummary[],
  baseline: number,
  options: SectionOptions,
): TemplateResult {
  const identical = all.reduce((n, r) => (r.state === 'identical' ? n + 1 : n), 0);
  const differing = all.length - identical;
  const { rows, visible, hidden } = shownRows(all, identical, options);
  return html`<section class="section">
    <div class="section-head">
      <h3 id="h-results">Results</h3>
      <span class="muted"
        >${plural(all.length, 'key')} · ${formatNumber(differing, 0)}
        ${differing === 1 ? 'differs' : 'differ'} from the baseline</span
      >
      ${hideIdenticalToggle('keys', identical, options)}
    </div>
    <table class="compare-table results" aria-labelledby="h-results">
      ${runHeads('Key', runs, baseline)}
      <tbody>
        ${repeat(
          visible,
          (row) => row.key,
          (row) => guard([row, baseline], () => resultRow(row, baseline)),
        )}
      </tbody>
    </table>
    ${hidden > 0 ? html`<p class="note muted">${plural(hidden, 'identical key')} hidden.</p>` : nothing}
    ${all.length === 0 ? html`<p class="note muted">No results yet.</p>` : nothing}
    ${more(rows.length - visible.length, 'keys', options.onShowAll)}
  </section>`;
}

function resultRow(row: ResultRow, baseline: number): TemplateResult {
  return html`<tr class=${row.state} data-key=${row.key}>
    ${keyHeader(row.key, row.state)}
    ${row.cells.map((cell, i) => html`<td class=${i === baseline ? 'base' : ''}>${resultCell(cell, i === baseline)}</td>`)}
  </tr>`;
}

const LEVEL_LABEL: Record<LogLevel, string> = {
  trace: 'Trace',
  debug: 'Debug',
  info: 'Info',
  warn: 'Warning',
  error: 'Error',
  fatal: 'Fatal',
};

export function logsSection(runs: readonly RunSummary[], baseline: number): TemplateResult {
  return html`<section class="section">
    <div class="section-head"><h3 id="h-logs">Logs</h3></div>
    <table class="compare-table logs" aria-labelledby="h-logs">
      ${runHeads('Level', runs, baseline)}
      <tbody>
        ${LOG_LEVELS.map(
          (level) =>
            html`<tr class="lvl-${level}">
              <th scope="row" class="key">${LEVEL_LABEL[level]}</th>
              ${runs.map((run) => {
                const count = run.logCounts[level];
                return html`<td class="count ${count > 0 ? 'some' : ''}">
                  ${formatNumber(count, 0)}
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function more(hidden: number, what: string, onShowAll: () => void) {
  if (hidden <= 0) return nothing;
  return html`<p class="note">
    <button type="button" class="btn btn-xs btn-ghost" @click=${onShowAll}>
      Show ${formatNumber(hidden, 0)} more ${what}
    </button>
  </p>`;
}
