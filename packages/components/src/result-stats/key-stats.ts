/**
 * Live statistics of result values, per key, in bounded memory and O(1) amortised per value.
 * No DOM: `<result-stats>` draws these, and anything else (a comparison, a server) may use them.
 *
 * What is quantitative is inferred from the values seen: a key whose values are mostly numbers is
 * numeric, and the other kinds it also carried are counted, not hidden.
 */
import { DDSketch } from './ddsketch.ts';
import { SortedBuffer } from './sorted-buffer.ts';
import { SpaceSaving } from './space-saving.ts';
import { SparklineBuckets } from './sparkline-buckets.ts';

/** What a JSON value is, for statistics. Arrays and objects are `structured`. */
export type ValueKind = 'number' | 'boolean' | 'string' | 'null' | 'structured';

/** Kinds in the order ties for the dominant kind are broken. */
export const VALUE_KINDS: readonly ValueKind[] = [
  'number',
  'boolean',
  'string',
  'structured',
  'null',
];

/** A histogram: `edges` has one more entry than `counts`. */
export interface Histogram {
  readonly edges: number[];
  readonly counts: number[];
  /** `log` when the bins are of equal ratio rather than equal width. */
  readonly scale: 'linear' | 'log';
}

/** Smallest max ÷ min (all values positive) for which the histogram bins may be logarithmic. */
export const LOG_SCALE_SPAN = 100;

/** Summary of a key's numeric values. */
export interface NumericSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator; 0 for a single value). */
  stddev: number;
  /** Median; linear interpolation between closest ranks while exact. */
  p50: number;
  p95: number;
  /** true while quantiles are computed from every value; false once a sketch estimates them */
  exact: boolean;
}

export interface KeyStatsOptions {
  /** Numeric values kept for exact quantiles; past it, a DDSketch estimates them. */
  exactLimit?: number;
  /** Most numbers `sparkline()` returns. */
  sparklinePoints?: number;
  /** Distinct strings counted exactly, at least (Space-Saving counters: 16 × this). */
  topStrings?: number;
}

/** Relative accuracy of estimated quantiles (0.5 %). */
export const SKETCH_ALPHA = 0.005;

const DEFAULTS = { exactLimit: 10_000, sparklinePoints: 120, topStrings: 5 } as const;

/** The kind of a value. Non-finite numbers (impossible in JSON) count as null, as JSON writes them. */
export function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? 'number' : 'null';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'object':
      return value === null ? 'null' : 'structured';
    default:
      return 'null';
  }
}

/** Statistics of one result key's values. */
export class KeyStats {
  private added = 0;
  private changes = 0;
  private last: unknown = undefined;
  private lastStructured: unknown = undefined;
  private readonly kindCounts: Record<ValueKind, number> = {
    number: 0,
    boolean: 0,
    string: 0,
    null: 0,
    structured: 0,
  };
  // Welford's running mean and sum of squared deviations: stable where the naive sums cancel.
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private trues = 0;
  private readonly exactValues: SortedBuffer;
  private readonly sketch = new DDSketch(SKETCH_ALPHA);
  private readonly series: SparklineBuckets;
  private readonly strings: SpaceSaving;
  private readonly topDefault: number;
  private summaryVersion = -1;
  private summary: NumericSummary | undefined;
  private histogramKey = '';
  private histogramValue: Histogram = { edges: [], counts: [], scale: 'linear' };

  constructor(
    readonly key: string,
    options: KeyStatsOptions = {},
  ) {
    this.exactValues = new SortedBuffer(options.exactLimit ?? DEFAULTS.exactLimit);
    this.series = new SparklineBuckets(options.sparklinePoints ?? DEFAULTS.sparklinePoints);
    this.topDefault = options.topStrings ?? DEFAULTS.topStrings;
    this.strings = new SpaceSaving(Math.max(16, 16 * this.topDefault));
  }

  /** Values added, of every kind. */
  get count(): number {
    return this.added;
  }

  /** Incremented on every add (cheap change check). */
  get version(): number {
    return this.changes;
  }

  /** Latest value of any kind. */
  get latest(): unknown {
    return this.last;
  }

  /** Latest object/array value, if any. */
  get latestStructured(): unknown {
    return this.lastStructured;
  }

  /** Values added by kind. */
  get kinds(): Readonly<Record<ValueKind, number>> {
    return this.kindCounts;
  }

  /** The kind most values have ('number' for a numeric key); undefined before any. */
  get dominantKind(): ValueKind | undefined {
    let best: ValueKind | undefined;
    for (const kind of VALUE_KINDS) {
      if (this.kindCounts[kind] > (best ? this.kindCounts[best] : 0)) best = kind;
    }
    return best;
  }

  /** Kinds present, most common first. */
  get presentKinds(): ValueKind[] {
    return VALUE_KINDS.filter((k) => this.kindCounts[k] > 0).sort(
      (a, b) => this.kindCounts[b] - this.kindCounts[a],
    );
  }

  /** True when values of more than one kind were seen. */
  get mixed(): boolean {
    return this.presentKinds.length > 1;
  }

  /** True once `topStrings()` counts may overestimate (too many distinct strings to track). */
  get stringsApproximate(): boolean {
    return this.strings.approximate;
  }

  /** Adds one JSON value. O(1) amortised; memory stops growing at the configured bounds. */
  add(value: unknown): void {
    this.added++;
    this.changes++;
    this.last = value;
    const kind = kindOf(value);
    this.kindCounts[kind]++;
    if (kind === 'number') this.addNumber(value as number);
    else if (kind === 'boolean') this.trues += value ? 1 : 0;
    else if (kind === 'string') this.strings.add(value as string);
    else if (kind === 'structured') this.lastStructured = value;
  }

  /** Summary over the numeric values only; undefined before any. Cached per version. */
  numeric(): NumericSummary | undefined {
    const n = this.kindCounts.number;
    if (n === 0) return undefined;
    if (this.summaryVersion === this.version && this.summary) return this.summary;
    this.summary = {
      count: n,
      min: this.min,
      max: this.max,
      mean: this.mean,
      stddev: n > 1 ? Math.sqrt(this.m2 / (n - 1)) : 0,
      p50: this.quantile(0.5)!,
      p95: this.quantile(0.95)!,
      exact: this.exactValues.exact,
    };
    this.summaryVersion = this.version;
    return this.summary;
  }

  /**
   * The numeric value at quantile `q` (0..1): exact while at most `exactLimit` numbers were
   * seen, then a DDSketch estimate within 0.5 % relative error, clamped to [min, max].
   */
  quantile(q: number): number | undefined {
    if (this.kindCounts.number === 0) return undefined;
    const v = this.exactValues.exact ? this.exactValues.quantile(q) : this.sketch.quantile(q);
    return Math.min(Math.max(v, this.min), this.max);
  }

  /** Numeric values in arrival order, downsampled to ≤ sparklinePoints keeping min and max. */
  sparkline(): readonly number[] {
    return this.series.values();
  }

  /**
   * The sparkline as bands, for drawing: per bucket of `width` consecutive numeric values, their
   * low, high and mean (at most sparklinePoints / 2 buckets once values are merged; each value
   * itself while there are at most sparklinePoints).
   */
  sparklineBands(): { width: number; min: number[]; max: number[]; mean: number[] } {
    return this.series.bands();
  }

  /**
   * Counts of the numeric values in `bins` bins over [min, max] (the last bin closed): of equal
   * width, or of equal ratio (`scale: 'log'`) for a heavy tail: every value positive, spanning at
   * least `LOG_SCALE_SPAN`, and the median in what would be the first equal-width bin (so that
   * equal widths would pile half the values into one bar: latencies, token counts, early losses;
   * a uniform spread from near zero keeps equal widths). O(bins log n) from the exact values,
   * O(bins + sketch bins) from the sketch, where each sketch bin (0.5 % wide) falls wholly in the
   * bin of its representative value.
   */
  histogram(bins = 20): Histogram {
    const b = Math.max(1, Math.floor(bins));
    if (this.kindCounts.number === 0) return { edges: [], counts: [], scale: 'linear' };
    // Cached per version and bins: a frame that draws a key and reads it again pays once.
    const cacheKey = `${this.version}/${b}`;
    if (cacheKey === this.histogramKey) return this.histogramValue;
    this.histogramKey = cacheKey;
    this.histogramValue = this.computeHistogram(b);
    return this.histogramValue;
  }

  private computeHistogram(b: number): Histogram {
    const heavyTail =
      this.min > 0 &&
      this.max >= LOG_SCALE_SPAN * this.min &&
      this.quantile(0.5)! < this.min + (this.max - this.min) / b;
    const scale = heavyTail ? 'log' : 'linear';
    // A single distinct value gets a unit-wide range around it rather than zero-width bins.
    const lo = this.min === this.max ? this.min - 0.5 : this.min;
    const hi = this.min === this.max ? this.max + 0.5 : this.max;
    // A value's position along the axis in bins, and each bin's lower edge, computed so that no
    // span overflows: hi / lo past 1.8e308 (tiny and huge values), or hi - lo (±1e308).
    const logLo = Math.log(lo);
    const logStep = (Math.log(hi) - logLo) / b;
    const halfSpan = hi / 2 - lo / 2;
    const binOf =
      scale === 'log'
        ? (value: number) => (Math.log(value) - logLo) / logStep
        : // One value too large to widen by ±0.5 has no span: its bin is the middle one.
          (value: number) => (halfSpan > 0 ? ((value / 2 - lo / 2) / halfSpan) * b : b / 2);
    const edges = Array.from({ length: b + 1 }, (_, i) =>
      i === b
        ? hi
        : scale === 'log'
          ? Math.exp(logLo + logStep * i)
          : lo * (1 - i / b) + hi * (i / b),
    );
    const counts = new Array<number>(b).fill(0);
    if (this.exactValues.exact) {
      let below = 0;
      for (let i = 0; i < b; i++) {
        const upTo =
          i === b - 1 ? this.exactValues.size : this.exactValues.countBelow(edges[i + 1]!);
        counts[i] = upTo - below;
        below = upTo;
      }
    } else {
      this.sketch.forEachBin((value, c) => {
        const bin = Math.floor(binOf(value));
        counts[Math.min(b - 1, Math.max(0, bin))]! += c;
      });
    }
    return { edges, counts, scale };
  }

  /** True and false counts; undefined before any boolean. */
  booleans(): { true: number; false: number } | undefined {
    const n = this.kindCounts.boolean;
    return n === 0 ? undefined : { true: this.trues, false: n - this.trues };
  }

  /**
   * The `n` most frequent strings, highest first. Exact until more distinct strings than the
   * counters were seen (`stringsApproximate`); then each count is an upper bound.
   */
  topStrings(n = this.topDefault): { value: string; count: number }[] {
    return this.strings.top(n).map(({ value, count }) => ({ value, count }));
  }

  /** Distinct strings tracked (exact while `stringsApproximate` is false). */
  get distinctStrings(): number {
    return this.strings.size;
  }

  /** Internal sizes, for tests and benchmarks that check memory stays bounded. */
  get footprint(): { exactValues: number; sketchBins: number; sparkline: number; strings: number } {
    return {
      exactValues: Math.max(this.exactValues.capacity, this.exactValues.size),
      sketchBins: this.sketch.capacity,
      sparkline: this.series.points,
      strings: this.strings.size,
    };
  }

  private addNumber(x: number): void {
    const n = this.kindCounts.number;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.exactValues.add(x);
    // Fed from the first value, so the switch from exact to estimated is seamless.
    this.sketch.add(x);
    this.series.add(x);
  }
}

/** Statistics of every result key of a stream. */
export class ResultStats {
  private changes = 0;
  private readonly byKey = new Map<string, KeyStats>();
  private readonly order: string[] = [];

  constructor(private readonly options: KeyStatsOptions = {}) {}

  /** Adds one value of `key`. */
  add(key: string, value: unknown): void {
    let stats = this.byKey.get(key);
    if (!stats) {
      stats = new KeyStats(key, this.options);
      this.byKey.set(key, stats);
      this.order.push(key);
    }
    stats.add(value);
    this.changes++;
  }

  /** Incremented on every add. */
  get version(): number {
    return this.changes;
  }

  /** Values added, over all keys. */
  get count(): number {
    return this.changes;
  }

  /** Keys in first-seen order. */
  keys(): string[] {
    return this.order.slice();
  }

  /** Number of keys. */
  get size(): number {
    return this.order.length;
  }

  get(key: string): KeyStats | undefined {
    return this.byKey.get(key);
  }
}
