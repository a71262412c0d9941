/**
 * Space-Saving (Metwally, Agrawal & El Abbadi, "Efficient Computation of Frequent and Top-k
 * Elements in Data Streams", ICDT 2005): the most frequent values of a stream in `capacity`
 * counters. Exact while fewer than `capacity` distinct values were seen; past that, a count
 * may overestimate by at most its `error`, and every value more frequent than
 * total / capacity is guaranteed to be kept.
 */
export class SpaceSaving {
  /** Values added. */
  total = 0;
  private readonly values: string[] = [];
  private readonly counts: number[] = [];
  private readonly errors: number[] = [];
  private readonly index = new Map<string, number>();
  private evicted = false;

  constructor(readonly capacity = 64) {}

  /** True once a value was evicted: counts are then upper bounds (see `errors`). */
  get approximate(): boolean {
    return this.evicted;
  }

  /** Distinct values counted (at most `capacity`). */
  get size(): number {
    return this.values.length;
  }

  add(value: string): void {
    this.total++;
    const at = this.index.get(value);
    if (at !== undefined) {
      this.counts[at]!++;
      return;
    }
    if (this.values.length < this.capacity) {
      this.index.set(value, this.values.length);
      this.values.push(value);
      this.counts.push(1);
      this.errors.push(0);
      return;
    }
    // Replace the least counted: the newcomer inherits its count as the possible error.
    const min = this.minIndex();
    this.evicted = true;
    this.index.delete(this.values[min]!);
    this.index.set(value, min);
    this.values[min] = value;
    this.errors[min] = this.counts[min]!;
    this.counts[min]!++;
  }

  /** The `n` most counted, highest first (ties: first counted first). */
  top(n: number): { value: string; count: number; error: number }[] {
    const order = this.values.map((_, i) => i);
    order.sort((a, b) => this.counts[b]! - this.counts[a]! || a - b);
    return order.slice(0, Math.max(0, n)).map((i) => ({
      value: this.values[i]!,
      count: this.counts[i]!,
      error: this.errors[i]!,
    }));
  }

  private minIndex(): number {
    const counts = this.counts;
    let min = 0;
    for (let i = 1; i < counts.length; i++) if (counts[i]! < counts[min]!) min = i;
    return min;
  }
}
