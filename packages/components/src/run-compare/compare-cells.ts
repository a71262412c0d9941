/**
 * The cells of the results section: a run's latest value with its delta against the baseline,
 * the statistics of a series with a sparkline, and the structural diff of a structured value.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { JsonValue } from '@athanor/protocol';
import { formatNumber } from '../shared/format.ts';
import type { Delta, ResultCell, SeriesSummary } from './compare-model.ts';
import {
  describeStructured,
  formatFigure,
  formatPercent,
  formatScalar,
  formatSigned,
  preview,
} from './compare-format.ts';
import type { ValueChange, ValueDiff } from './value-diff.ts';

/** Changes listed when a diff is opened; the export lists up to the diff's own limit. */
const SHOWN_CHANGES = 50;

const muted = (text: string, sr?: string) =>
  html`<span class="muted" aria-hidden=${sr ? 'true' : 'false'}>${text}</span>${
      sr ? html`<span class="sr-only">${sr}</span>` : nothing
    }`;

/** One run's cell of a result key. */
export function resultCell(cell: ResultCell, isBaseline: boolean): TemplateResult {
  if (cell.count === 0 || cell.latest === undefined) return muted('—', 'no value');
  const structured = cell.kind === 'structured';
  return html`${structured ? structuredValue(cell, isBaseline) : scalarValue(cell.latest)}
  ${structured ? nothing : deltaLine(cell.delta, isBaseline)}
  ${cell.series ? seriesBlock(cell.series, cell.meanDelta) : nothing}`;
}

function scalarValue(value: JsonValue): TemplateResult {
  const exact = typeof value === 'string' ? value : JSON.stringify(value);
  return html`<div class="value" title=${exact}>${formatScalar(value)}</div>`;
}

/** `Δ +0.012 (+3.1%)`, `same`, `changed`, or `baseline`. */
export function deltaLine(delta: Delta | undefined, isBaseline: boolean): TemplateResult {
  if (isBaseline) return html`<div class="delta muted">baseline</div>`;
  if (!delta) return html``;
  return html`<div class="delta">${deltaText(delta)}</div>`;
}

function deltaText(delta: Delta): TemplateResult | string {
  if (delta.kind === 'same' || (delta.kind === 'numeric' && delta.absolute === 0))
    return html`<span class="muted">= same</span>`;
  if (delta.kind === 'changed') return html`<span class="changed">≠ changed</span>`;
  const rel = delta.relative === undefined ? '' : ` (${formatPercent(delta.relative)})`;
  const arrow = delta.absolute > 0 ? '▲' : '▼';
  return html`<span class="changed"
    ><span aria-hidden="true">${arrow} </span
    ><span class="sr-only">change </span>${formatSigned(delta.absolute)}${rel}</span
  >`;
}

function seriesBlock(series: SeriesSummary, meanDelta: Delta | undefined): TemplateResult {
  const n = series.numeric;
  const others = series.count - (n?.count ?? 0);
  return html`<div class="stats">
    ${
      n
        ? html`<div>
              n ${formatNumber(series.count, 0)} · μ ${formatFigure(n.mean)}
              <span title="standard deviation">± ${formatFigure(n.stddev, 3)}</span>
              ${meanDelta?.kind === 'numeric' ? html`<span class="muted">(μ ${formatSigned(meanDelta.absolute)})</span>` : nothing}
            </div>
            <div>p50 ${formatFigure(n.p50)} · p95 ${formatFigure(n.p95)}${n.exact ? '' : ' ≈'}</div>
            <div>${formatFigure(n.min)} – ${formatFigure(n.max)}</div>
            ${sparkline(series.sparkline)}`
        : html`<div>n ${formatNumber(series.count, 0)}</div>`
    }
    ${others > 0 && n ? html`<div class="muted">${kindsText(series, 'number')}</div>` : nothing}
    ${series.booleans ? html`<div>true ${formatNumber(series.booleans.true, 0)} · false ${formatNumber(series.booleans.false, 0)}</div>` : nothing}
    ${
      series.topStrings.length > 0
        ? html`<div class="top" title="most frequent strings">
            ${series.topStrings.map((s) => `${preview(s.value, 24)} ×${formatNumber(s.count, 0)}`).join(', ')}
          </div>`
        : nothing
    }
  </div>`;
}

/** `also 3 string, 1 null` for a numeric series that carried other kinds. */
function kindsText(series: SeriesSummary, main: string): string {
  const parts = Object.entries(series.kinds)
    .filter(([kind, count]) => kind !== main && count > 0)
    .map(([kind, count]) => `${formatNumber(count, 0)} ${kind}`);
  return `also ${parts.join(', ')}`;
}

/** A line through the values, scaled to the cell; decorative (the figures say it in words). */
export function sparkline(points: readonly number[]): TemplateResult | typeof nothing {
  if (points.length < 2) return nothing;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  const span = hi - lo || 1;
  const step = 100 / (points.length - 1);
  const coords = points
    .map((p, i) => `${(i * step).toFixed(2)},${(18 - ((p - lo) / span) * 16).toFixed(2)}`)
    .join(' ');
  return html`<svg class="spark" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true">
    ${svg`<polyline points=${coords} fill="none" stroke="currentColor" stroke-width="1.25" vector-effect="non-scaling-stroke" />`}
  </svg>`;
}

function structuredValue(cell: ResultCell, isBaseline: boolean): TemplateResult {
  const latest = cell.latest!;
  const kind = describeStructured(latest);
  if (isBaseline || !cell.diff) {
    return html`<details class="doc">
        <summary><span class="value">${kind}</span></summary>
        <pre class="json">${preview(latest, 4000)}</pre>
      </details>
      ${isBaseline ? deltaLine(undefined, true) : cell.delta ? deltaLine(cell.delta, false) : nothing}`;
  }
  return diffBlock(cell.diff, kind);
}

/** `2 changed · 1 added · 3 removed`, opening onto the paths with their values. */
function diffBlock(diff: ValueDiff, kind: string): TemplateResult {
  const { changed, added, removed } = diff.counts;
  if (changed + added + removed === 0 && diff.complete)
    return html`<div class="value">${kind}</div>
      <div class="delta muted">= same as baseline</div>`;
  const counts = [
    changed ? `${formatNumber(changed, 0)} changed` : '',
    added ? `${formatNumber(added, 0)} added` : '',
    removed ? `${formatNumber(removed, 0)} removed` : '',
  ].filter(Boolean);
  const shown = diff.changes.slice(0, SHOWN_CHANGES);
  const unlisted = diff.more + diff.changes.length - shown.length;
  return html`<div class="value">${kind}</div>
    <details class="diff">
      <summary>
        <span class="changed">≠ ${counts.join(' · ')}${diff.complete ? '' : ' (at least)'}</span>
      </summary>
      <ul class="changes">
        ${shown.map(changeItem)}
      </ul>
      ${
        unlisted > 0
          ? html`<p class="muted more">and ${formatNumber(unlisted, 0)} more</p>`
          : nothing
      }
      ${diff.complete ? nothing : html`<p class="muted more">Compared the first 200,000 values only.</p>`}
    </details>`;
}

const CHANGE_MARK = { changed: '~', added: '+', removed: '−' } as const;

function changeItem(change: ValueChange): TemplateResult {
  const path = change.path || '(root)';
  return html`<li class="change-${change.kind}">
    <span class="mark" aria-hidden="true">${CHANGE_MARK[change.kind]}</span>
    <span class="sr-only">${change.kind}</span>
    <code class="path">${path}</code>
    ${
      change.kind === 'changed'
        ? html`<span class="was">${preview(change.before, 40)}</span>
            <span aria-hidden="true">→</span><span class="sr-only">to</span>
            <span class="now">${preview(change.after, 40)}</span>`
        : html`<span class="now"
            >${preview(change.kind === 'added' ? change.after : change.before, 40)}</span
          >`
    }
  </li>`;
}
