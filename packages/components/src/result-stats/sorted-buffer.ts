/**
 * Every value, sorted on demand: appends go to a pending tail, and a read sorts only the tail and
 * merges it into the sorted part (O(n + k log k) for k new values), so reading once per frame
 * costs little however the values arrive. Capacity grows by doubling up to `limit`.
 */
export class SortedBuffer {
  private sorted = new Float64Array(0);
  private length = 0;
  private pending: number[] = [];
  private overflowed = false;

  constructor(readonly limit: number) {}

  /** Values held (0 once past the limit). */
  get size(): number {
    return this.length + this.pending.length;
  }

  /** Numbers allocated (memory checks). */
  get capacity(): number {
    return this.sorted.length;
  }

  /** False once past `limit`: the buffer then holds nothing and takes nothing. */
  get exact(): boolean {
    return !this.overflowed;
  }

  add(value: number): void {
    if (this.overflowed) return;
    if (this.size === this.limit) {
      // One past the limit: the values can no longer all be kept, so none are.
      this.overflowed = true;
      this.sorted = new Float64Array(0);
      this.pending = [];
      this.length = 0;
      return;
    }
    this.pending.push(value);
  }

  /** The values, ascending (a view valid until the next add). Empty past the limit. */
  values(): Float64Array {
    if (this.overflowed) return this.sorted;
    if (this.pending.length > 0) this.mergePending();
    return this.sorted.subarray(0, this.length);
  }

  /** Quantile q by linear interpolation between closest ranks (numpy's default, type 7). */
  quantile(q: number): number {
    const v = this.values();
    if (v.length === 0) return NaN;
    const h = (v.length - 1) * Math.min(Math.max(q, 0), 1);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, v.length - 1);
    return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
  }

  /** How many values are below `x` (binary search). */
  countBelow(x: number): number {
    const v = this.values();
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private mergePending(): void {
    const tail = Float64Array.from(this.pending).sort();
    this.pending = [];
    const total = this.length + tail.length;
    if (total > this.sorted.length) {
      const grown = new Float64Array(Math.min(this.limit, Math.max(64, 2 * total)));
      grown.set(this.sorted.subarray(0, this.length));
      this.sorted = grown;
    }
    // Merge from the back, in place: the sorted part moves up only as far as it must.
    const s = this.sorted;
    let i = this.length - 1;
    let j = tail.length - 1;
    for (let k = total - 1; j >= 0; k--) {
      if (i >= 0 && s[i]! > tail[j]!) s[k] = s[i--]!;
      else s[k] = tail[j--]!;
    }
    this.length = total;
  }
}
