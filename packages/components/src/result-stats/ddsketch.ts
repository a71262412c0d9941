/**
 * DDSketch (Masson, Rim & Lee, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with
 * Relative-Error Guarantees", VLDB 2019): the quantile it returns is within `alpha` relative
 * error of the value at that rank, whatever the distribution, in memory bounded by `binLimit`.
 *
 * The logarithmic mapping and the collapsing-lowest dense store follow the reference
 * implementation, DataDog's sketches-js. Written here rather than imported: sketches-js ships
 * CommonJS only and lazily requires `protobufjs`, which it does not declare, so it neither loads
 * in the browser test server (no CommonJS transform) nor bundles cleanly; this is the part
 * needed (no merge, no protobuf), as ESM.
 */

/** Counts per key over a sliding window of at most `limit` keys; the lowest collapse first. */
class CollapsingLowestStore {
  /** Values added. */
  count = 0;
  private bins = new Float64Array(0);
  /** Key of `bins[0]`. */
  private offset = 0;
  private minKey = 0;
  private maxKey = 0;

  constructor(private readonly limit: number) {}

  /** Bins allocated (for memory checks). */
  get capacity(): number {
    return this.bins.length;
  }

  add(key: number): void {
    if (this.count === 0) {
      this.minKey = this.maxKey = key;
      this.place(key, key);
    } else if (key < this.minKey) {
      // Below the window when it is full: the value joins the lowest bin (the collapse).
      if (this.maxKey - key + 1 > this.limit) key = this.maxKey - this.limit + 1;
      if (key < this.minKey) {
        this.place(key, this.maxKey);
        this.minKey = key;
      }
    } else if (key > this.maxKey) {
      const lowest = key - this.limit + 1;
      if (lowest > this.minKey) this.collapseBelow(lowest);
      this.place(this.minKey, key);
      this.maxKey = key;
    }
    this.bins[key - this.offset]! += 1;
    this.count++;
  }

  /** Smallest key whose cumulative count exceeds `rank` (0-based, may be fractional). */
  keyAtRank(rank: number): number {
    let running = 0;
    for (let k = this.minKey; k <= this.maxKey; k++) {
      running += this.bins[k - this.offset]!;
      if (running > rank) return k;
    }
    return this.maxKey;
  }

  /** Calls `fn` for each non-empty bin, lowest key first. */
  forEach(fn: (key: number, count: number) => void): void {
    if (this.count === 0) return;
    for (let k = this.minKey; k <= this.maxKey; k++) {
      const c = this.bins[k - this.offset]!;
      if (c > 0) fn(k, c);
    }
  }

  /** Folds every bin below `lowest` into `lowest`. */
  private collapseBelow(lowest: number): void {
    const top = Math.min(lowest - 1, this.maxKey);
    let moved = 0;
    for (let k = this.minKey; k <= top; k++) {
      moved += this.bins[k - this.offset]!;
      this.bins[k - this.offset] = 0;
    }
    this.place(lowest, Math.max(lowest, this.maxKey));
    this.bins[lowest - this.offset]! += moved;
    this.minKey = lowest;
    if (this.maxKey < lowest) this.maxKey = lowest;
  }

  /** Makes keys `lo..hi` addressable, keeping the counts; reallocates with slack when not. */
  private place(lo: number, hi: number): void {
    const start = lo - this.offset;
    if (start >= 0 && hi - this.offset < this.bins.length) return;
    const span = hi - lo + 1;
    // Up to twice the limit, so a window sliding one way reallocates only every limit/2 keys.
    const size = Math.min(2 * this.limit, Math.max(64, 2 * span, this.bins.length));
    const next = new Float64Array(size);
    const offset = lo - ((size - span) >> 1);
    if (this.count > 0) {
      for (let k = this.minKey; k <= this.maxKey; k++) {
        if (k >= lo && k <= hi) next[k - offset] = this.bins[k - this.offset]!;
      }
    }
    this.bins = next;
    this.offset = offset;
  }
}

/** A DDSketch over positive, negative and zero values. */
export class DDSketch {
  /** Values added. */
  count = 0;
  private readonly gamma: number;
  private readonly multiplier: number;
  private readonly positives: CollapsingLowestStore;
  private readonly negatives: CollapsingLowestStore;
  private zeros = 0;

  /**
   * @param alpha relative accuracy of every quantile (0 < alpha < 1)
   * @param binLimit most bins on each side of zero: the memory bound. With alpha 0.005 and
   *   2048 bins, values spanning a ratio up to ~8e8 keep the guarantee; beyond, the smallest
   *   magnitudes lose it first (they collapse), which the top quantiles never see.
   */
  constructor(
    readonly alpha = 0.005,
    binLimit = 2048,
  ) {
    this.gamma = (1 + alpha) / (1 - alpha);
    this.multiplier = 1 / Math.log(this.gamma);
    this.positives = new CollapsingLowestStore(binLimit);
    this.negatives = new CollapsingLowestStore(binLimit);
  }

  /** Bins allocated on both sides (memory checks). */
  get capacity(): number {
    return this.positives.capacity + this.negatives.capacity;
  }

  /** Adds one finite value. */
  add(value: number): void {
    this.count++;
    if (value > 0) this.positives.add(this.key(value));
    else if (value < 0) this.negatives.add(this.key(-value));
    else this.zeros++;
  }

  /** The value at quantile `q` (0..1); NaN while empty. Rank is `q * (count - 1)`. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(Math.max(q, 0), 1) * (this.count - 1);
    const negatives = this.negatives.count;
    if (rank < negatives) return -this.value(this.negatives.keyAtRank(negatives - 1 - rank));
    if (rank < negatives + this.zeros) return 0;
    return this.value(this.positives.keyAtRank(rank - negatives - this.zeros));
  }

  /** Calls `fn` with each bin's representative value and count, ascending. O(bins). */
  forEachBin(fn: (value: number, count: number) => void): void {
    const negative: number[] = [];
    this.walk(this.negatives, (v, c) => negative.push(-v, c));
    for (let i = negative.length - 2; i >= 0; i -= 2) fn(negative[i]!, negative[i + 1]!);
    if (this.zeros > 0) fn(0, this.zeros);
    this.walk(this.positives, fn);
  }

  /** A store's bins with their values; neighbouring keys' values by one multiplication, not pow. */
  private walk(store: CollapsingLowestStore, fn: (value: number, count: number) => void): void {
    let previous = NaN;
    let value = 0;
    store.forEach((k, c) => {
      value = k === previous + 1 ? value * this.gamma : this.value(k);
      previous = k;
      fn(value, c);
    });
  }

  private key(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) * this.multiplier);
  }

  /** The value of key k: gamma^(k-1) < x <= gamma^k maps to 2 gamma^k / (gamma + 1). */
  private value(key: number): number {
    return (2 * Math.pow(this.gamma, key)) / (this.gamma + 1);
  }
}
