/**
 * A series in arrival order, kept in at most `points` numbers whatever its length: raw values
 * until `points`, then buckets of equal width that keep each one's min and max (in the order
 * they arrived), halving the bucket count by merging neighbours each time it fills. Peaks and
 * dips survive downsampling, which averaging would flatten; memory is fixed.
 */
export class SparklineBuckets {
  /** Values added. */
  count = 0;
  /** Values per bucket (1 during the raw phase). */
  private width = 1;
  private used = 0;
  private readonly buckets: number;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  /** Arrival index of each bucket's min and max, to emit them in order. */
  private readonly minAt: Float64Array;
  private readonly maxAt: Float64Array;
  /** Sum of each bucket's values, for its mean. */
  private readonly sum: Float64Array;

  /** @param points most numbers `points()` returns (even, at least 4) */
  constructor(readonly points = 120) {
    this.buckets = Math.max(2, points >> 1) * 2;
    this.min = new Float64Array(this.buckets);
    this.max = new Float64Array(this.buckets);
    this.minAt = new Float64Array(this.buckets);
    this.maxAt = new Float64Array(this.buckets);
    this.sum = new Float64Array(this.buckets);
  }

  add(value: number): void {
    const i = this.count++;
    // The raw phase holds `buckets` single values; later phases `buckets / 2` pairs.
    while (Math.floor(i / this.width) >= (this.width === 1 ? this.buckets : this.buckets >> 1)) {
      this.merge();
    }
    const b = Math.floor(i / this.width);
    if (b >= this.used) {
      this.used = b + 1;
      this.min[b] = this.max[b] = value;
      this.minAt[b] = this.maxAt[b] = i;
      this.sum[b] = value;
    } else {
      this.take(b, value, i, value, i);
      this.sum[b]! += value;
    }
  }

  /** The downsampled series: at most `points` numbers, in arrival order. */
  values(): number[] {
    const out: number[] = [];
    for (let b = 0; b < this.used; b++) {
      const lo = this.min[b]!;
      const hi = this.max[b]!;
      if (this.minAt[b] === this.maxAt[b]) out.push(lo);
      else if (this.minAt[b]! < this.maxAt[b]!) out.push(lo, hi);
      else out.push(hi, lo);
    }
    return out;
  }

  /**
   * The buckets as bands: each one's low, high and mean, in arrival order, with the number of
   * values a bucket holds (`width`; the last may hold fewer). During the raw phase (width 1) the
   * three are the values themselves.
   */
  bands(): { width: number; min: number[]; max: number[]; mean: number[] } {
    const min: number[] = [];
    const max: number[] = [];
    const mean: number[] = [];
    for (let b = 0; b < this.used; b++) {
      const n = Math.min(this.width, this.count - b * this.width);
      min.push(this.min[b]!);
      max.push(this.max[b]!);
      mean.push(this.sum[b]! / n);
    }
    return { width: this.width, min, max, mean };
  }

  /** Doubles the width: each pair of neighbouring buckets becomes one. */
  private merge(): void {
    const pairs = (this.used + 1) >> 1;
    for (let b = 0; b < pairs; b++) {
      const l = 2 * b;
      const r = l + 1;
      this.min[b] = this.min[l]!;
      this.minAt[b] = this.minAt[l]!;
      this.max[b] = this.max[l]!;
      this.maxAt[b] = this.maxAt[l]!;
      this.sum[b] = this.sum[l]!;
      if (r < this.used) {
        this.take(b, this.min[r]!, this.minAt[r]!, this.max[r]!, this.maxAt[r]!);
        this.sum[b]! += this.sum[r]!;
      }
    }
    this.used = pairs;
    this.width *= 2;
  }

  /** Widens bucket b to a later low and high (ties keep the earlier one). */
  private take(b: number, lo: number, loAt: number, hi: number, hiAt: number): void {
    if (lo < this.min[b]!) {
      this.min[b] = lo;
      this.minAt[b] = loAt;
    }
    if (hi > this.max[b]!) {
      this.max[b] = hi;
      this.maxAt[b] = hiAt;
    }
  }
}
