/**
 * Search over every row of the view (not only the rendered ones), a frame's budget at a time:
 * an exact count of hits, and the hits in order for next / previous.
 */
import { compileQuery, matchRanges, type SearchQuery } from '../shared/search-query.ts';
import type { LogView } from './log-view.ts';

export { compileQuery, matchRanges, type SearchQuery };

/** One search run over a view. */
export class LogSearch {
  /** Hits found so far (the exact count once `done`). */
  total = 0;
  done = false;
  /** View positions scanned so far. */
  scanned = 0;
  private hitPositions = new Uint32Array(1024);
  /** hitsBefore[i]: hits in the rows before hitPositions[i]. */
  private hitsBefore = new Uint32Array(1024);
  private hitRows = 0;

  constructor(
    readonly view: LogView,
    readonly pattern: RegExp,
    private readonly textOf: (row: number) => string,
  ) {}

  /** Scans on for at most `budgetMs`; returns whether the whole view is scanned. */
  step(budgetMs: number): boolean {
    const start = performance.now();
    const length = this.view.length;
    while (this.scanned < length) {
      const pos = this.scanned++;
      const row = this.view.rowAt(pos);
      const hits = row < 0 ? 0 : matchRanges(this.pattern, this.textOf(row)).length;
      if (hits > 0) this.record(pos, hits);
      if (this.scanned % 512 === 0 && performance.now() - start > budgetMs) return false;
    }
    this.done = true;
    return true;
  }

  /** The view position and in-row number of hit `k` (0-based), if found. */
  hit(k: number): { pos: number; nth: number } | undefined {
    if (k < 0 || k >= this.total) return undefined;
    let lo = 0;
    let hi = this.hitRows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.hitsBefore[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return { pos: this.hitPositions[lo]!, nth: k - this.hitsBefore[lo]! };
  }

  /** Index of the first hit at or after view position `pos` (`total` when none). */
  firstHitFrom(pos: number): number {
    let lo = 0;
    let hi = this.hitRows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hitPositions[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.hitRows ? this.hitsBefore[lo]! : this.total;
  }

  private record(pos: number, hits: number): void {
    if (this.hitRows === this.hitPositions.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hitPositions = grow(this.hitPositions);
      this.hitsBefore = grow(this.hitsBefore);
    }
    this.hitPositions[this.hitRows] = pos;
    this.hitsBefore[this.hitRows] = this.total;
    this.hitRows++;
    this.total += hits;
  }
}
