/**
 * The two small charts of a numeric key, as SVG: a sparkline of its values in arrival order and
 * a histogram of their distribution. Each is one path (a handful of DOM nodes whatever the data),
 * stretched to its box, and an image with a name that says what it shows.
 */
import { nothing, svg, type TemplateResult } from 'lit';
import type { Histogram } from './key-stats.ts';
import { formatCount, formatStat } from './stats-format.ts';

const W = 100;
const H = 28;
/** Vertical margin, so the line's stroke at the extremes is not clipped. */
const PAD = 1.5;

/** A key's sparkline, as `KeyStats.sparklineBands()` gives it. */
export interface SparklineBands {
  readonly width: number;
  readonly min: readonly number[];
  readonly max: readonly number[];
  readonly mean: readonly number[];
}

/**
 * Sparkline of a series in arrival order, `count` values in all: the values themselves while
 * few; past that each bucket's low-to-high band, shaded, under the line of its means, so a lone
 * spike still shows and a noisy series reads as a band instead of a zigzag.
 */
export function sparklineChart(bands: SparklineBands, count: number): TemplateResult {
  const { min, max, mean } = bands;
  const n = mean.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (min[i]! < lo) lo = min[i]!;
    if (max[i]! > hi) hi = max[i]!;
  }
  const span = hi - lo || 1;
  const y = (v: number) => (H - PAD - ((v - lo) / span) * (H - 2 * PAD)).toFixed(2);
  const x = (i: number) => (n === 1 ? W / 2 : (i / (n - 1)) * W).toFixed(2);
  const line = (values: readonly number[]) =>
    n === 1
      ? `M0 ${y(values[0]!)}H${W}`
      : values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i)} ${y(v)}`).join('');
  let band = '';
  if (bands.width > 1 && n > 1) {
    band = `${line(max)}${[...min.keys()]
      .reverse()
      .map((i) => `L${x(i)} ${y(min[i]!)}`)
      .join('')}Z`;
  }
  const label =
    n === 0
      ? 'No numeric values'
      : `Sparkline of ${formatCount(count)} values in arrival order, from ${formatStat(lo)} to ${formatStat(
          hi,
        )}: ${bands.width > 1 ? 'averaging ' : ''}${formatStat(mean[0]!)} at the start, ${formatStat(
          mean[n - 1]!,
        )} at the end`;
  return svg`<svg class="chart sparkline" role="img" aria-label=${label} viewBox="0 0 ${W} ${H}"
    preserveAspectRatio="none" focusable="false">
    ${band ? svg`<path class="band" d=${band}></path>` : nothing}
    <path class="line" d=${line(mean)} fill="none" vector-effect="non-scaling-stroke"></path>
  </svg>`;
}

/** Histogram of `KeyStats.histogram()`: bins of equal width, or of equal ratio on a log scale. */
export function histogramChart({ edges, counts, scale }: Histogram): TemplateResult {
  const bins = counts.length;
  let top = 0;
  let tallest = 0;
  let total = 0;
  counts.forEach((c, i) => {
    total += c;
    if (c > top) {
      top = c;
      tallest = i;
    }
  });
  const w = W / Math.max(1, bins);
  const gap = bins > 40 ? 0 : w * 0.12;
  let d = '';
  counts.forEach((c, i) => {
    if (c === 0) return;
    // At least a sliver, so a bin of one value among thousands still shows.
    const h = Math.max(0.75, (c / top) * (H - PAD));
    d += `M${(i * w + gap / 2).toFixed(2)} ${H}v${(-h).toFixed(2)}h${(w - gap).toFixed(2)}V${H}z`;
  });
  const label =
    bins === 0 || total === 0
      ? 'No numeric values'
      : `Histogram of ${formatCount(total)} values in ${bins} bins from ${formatStat(
          edges[0]!,
        )} to ${formatStat(edges[bins]!)}${scale === 'log' ? ' on a log scale' : ''}; most (${formatCount(top)}) between ${formatStat(
          edges[tallest]!,
        )} and ${formatStat(edges[tallest + 1]!)}`;
  return svg`<svg class="chart histogram" role="img" aria-label=${label} viewBox="0 0 ${W} ${H}"
    preserveAspectRatio="none" focusable="false">
    <path d=${d}></path>
  </svg>`;
}
