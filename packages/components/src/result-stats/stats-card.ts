/**
 * One key's card in `<result-stats>`: name, kinds and count, then a block per kind of value it
 * carried, most common first — the summary and charts of its numbers, the true rate of its
 * booleans, its top strings, and a disclosure of its latest object or array.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { SKETCH_ALPHA, type KeyStats, type ValueKind } from './key-stats.ts';
import { histogramChart, sparklineChart } from './stats-charts.ts';
import {
  formatCount,
  formatPercent,
  formatStat,
  kindBreakdown,
  kindLabel,
} from './stats-format.ts';

/** Top strings shown per key. */
export const TOP_SHOWN = 5;
/** Longest string shown whole; longer ones are cut (the full text is in the title). */
const STRING_CHARS = 60;

export interface CardContext {
  /** Id of the card's name, for aria-labelledby. */
  readonly id: string;
  readonly bins: number;
  /** Whether the latest structured value is shown. */
  readonly open: boolean;
  readonly onToggle: (key: string, open: boolean) => void;
}

export function keyCard(stats: KeyStats, ctx: CardContext): TemplateResult {
  const kinds = stats.presentKinds;
  const dominant = kinds[0]!;
  return html`<li class="card" part="key" aria-labelledby=${ctx.id}>
    <div class="head">
      <span class="key font-mono" id=${ctx.id} title=${stats.key}>${stats.key}</span>
      ${
        stats.mixed
          ? html`<span class="badge badge-sm badge-outline kind mixed">mixed</span>
              <span class="muted kinds">${kindBreakdown(stats)}</span>`
          : html`<span class="badge badge-sm badge-outline kind">${kindLabel(dominant)}</span>`
      }
      <span class="spacer"></span>
      <span class="muted count"
        >${formatCount(stats.count)} ${stats.count === 1 ? 'value' : 'values'}</span
      >
    </div>
    ${kinds.map((kind, i) =>
      // In a mixed key, the blocks after the first say which values they are about.
      i > 0 && kind !== 'null'
        ? html`<div class="kind-label muted">${kindLabel(kind)} values</div>
            ${section(stats, kind, ctx)}`
        : section(stats, kind, ctx),
    )}
  </li>`;
}

function section(stats: KeyStats, kind: ValueKind, ctx: CardContext) {
  switch (kind) {
    case 'number':
      return numberSection(stats, ctx.bins);
    case 'boolean':
      return booleanSection(stats);
    case 'string':
      return stringSection(stats);
    case 'structured':
      return structuredSection(stats, ctx);
    case 'null':
      return nothing;
  }
}

function numberSection(stats: KeyStats, bins: number): TemplateResult {
  const s = stats.numeric()!;
  const approx = s.exact ? '' : '≈';
  const estimated = `estimated from a quantile sketch, within ${SKETCH_ALPHA * 100}% of the true value`;
  const figure = (name: string, value: number, prefix = '', title = '') =>
    html`<div title=${title || nothing}>
      <dt>${name}</dt>
      <dd>${prefix}${formatStat(value)}</dd>
    </div>`;
  const histogram = stats.histogram(bins);
  const { edges } = histogram;
  return html`<div class="numbers">
    <dl class="figures font-mono">
      ${stats.mixed ? figure('n', s.count) : nothing} ${figure('min', s.min)}
      ${figure('max', s.max)} ${figure('mean', s.mean)}
      ${figure('σ', s.stddev, '', 'Sample standard deviation')}
      ${figure('p50', s.p50, approx, s.exact ? 'Median' : `Median, ${estimated}`)}
      ${figure('p95', s.p95, approx, s.exact ? '95th percentile' : `95th percentile, ${estimated}`)}
    </dl>
    <div class="charts">
      <figure>
        ${sparklineChart(stats.sparklineBands(), s.count)}
        <figcaption class="muted">arrival order</figcaption>
      </figure>
      <figure>
        ${histogramChart(histogram)}
        <figcaption class="muted range font-mono">
          <span>${formatStat(edges[0]!)}</span>${
            histogram.scale === 'log'
              ? html`<span
                  class="scale"
                  title="Bins of equal ratio: values span ${formatStat(edges.at(-1)! / edges[0]!)}×"
                  >log scale</span
                >`
              : nothing
          }<span>${formatStat(edges.at(-1)!)}</span>
        </figcaption>
      </figure>
    </div>
  </div>`;
}

function booleanSection(stats: KeyStats): TemplateResult {
  const b = stats.booleans()!;
  const total = b.true + b.false;
  const rate = formatPercent(b.true, total);
  return html`<div class="booleans">
    <span class="font-mono"><span class="muted">true</span> ${rate}</span>
    <span class="rate" aria-hidden="true"
      ><span class="rate-true" style=${styleMap({ width: `${(100 * b.true) / total}%` })}></span
    ></span>
    <span class="muted font-mono">${formatCount(b.true)} true · ${formatCount(b.false)} false</span>
  </div>`;
}

function stringSection(stats: KeyStats): TemplateResult {
  const top = stats.topStrings(TOP_SHOWN);
  const strings = stats.kinds.string;
  const approx = stats.stringsApproximate;
  const shownCount = top.reduce((sum, t) => sum + t.count, 0);
  const more = approx
    ? `counts approximate: more than ${formatCount(stats.distinctStrings)} distinct values`
    : stats.distinctStrings > top.length
      ? `and ${formatCount(stats.distinctStrings - top.length)} more (${formatCount(strings - shownCount)} values)`
      : '';
  return html`<div class="strings">
    <ol class="top font-mono" aria-label="Most frequent values of ${stats.key}">
      ${top.map(
        (t) =>
          html`<li>
            <span
              class="share"
              style=${styleMap({ width: `${(100 * t.count) / strings}%` })}
            ></span>
            <span class="value" title=${t.value}
              >${t.value.length > STRING_CHARS ? `${t.value.slice(0, STRING_CHARS)}…` : t.value}</span
            >
            <span class="n">${approx ? '≤' : ''}${formatCount(t.count)}</span>
          </li>`,
      )}
    </ol>
    ${more ? html`<div class="muted more">${more}</div>` : nothing}
  </div>`;
}

function structuredSection(stats: KeyStats, ctx: CardContext): TemplateResult {
  const n = stats.kinds.structured;
  return html`<details
    class="structured"
    ?open=${ctx.open}
    @toggle=${(e: Event) => ctx.onToggle(stats.key, (e.target as HTMLDetailsElement).open)}
  >
    <summary>
      Show latest
      <span class="muted">of ${formatCount(n)} ${n === 1 ? 'object/array' : 'objects/arrays'}</span>
    </summary>
    ${
      ctx.open
        ? html`<result-tree
            class="latest"
            expand-depth="2"
            .value=${stats.latestStructured}
          ></result-tree>`
        : nothing
    }
  </details>`;
}
