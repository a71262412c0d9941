/**
 * What the log shows of its rows: all of them, or (once the run is over) those of the levels and
 * streams left on, plus a first "dropped" row when a cap dropped the oldest. Positions in the
 * view are what the virtualizer scrolls through.
 */
import type { LogLevel } from '@athanor/protocol';
import type { LogRows } from './log-rows.ts';
import { ROW_LINE, ROW_LOG } from './log-rows.ts';

/** What a filter can hide: a log level, or an output stream. */
export type LogCategory = LogLevel | 'stdout' | 'stderr';

/** The view position of the "older entries dropped" row. */
export const DROPPED_ROW = -1;

export class LogView {
  private filtered: Uint32Array | undefined;
  private filteredLength = 0;
  private filterVersion = -1;
  private hiddenKey = '';

  constructor(readonly rows: LogRows) {}

  /** Categories hidden; empty for the whole log. */
  hidden: ReadonlySet<LogCategory> = new Set();

  /** True while a filter is on. */
  get isFiltered(): boolean {
    return this.hidden.size > 0;
  }

  private get header(): number {
    return this.rows.dropped > 0 ? 1 : 0;
  }

  /** Number of positions. */
  get length(): number {
    this.refresh();
    const body = this.filtered ? this.filteredLength : this.rows.length - this.rows.first;
    return this.header + body;
  }

  /** The row at a position, or {@link DROPPED_ROW}. */
  rowAt(pos: number): number {
    this.refresh();
    const body = pos - this.header;
    if (body < 0) return DROPPED_ROW;
    return this.filtered ? this.filtered[body]! : this.rows.first + body;
  }

  /** The position of `row`, or of the first shown row after it. */
  positionOf(row: number): number {
    this.refresh();
    if (!this.filtered) return this.header + Math.max(0, row - this.rows.first);
    let lo = 0;
    let hi = this.filteredLength;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.filtered[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return this.header + lo;
  }

  /** Whether a filter shows the row. */
  shows(row: number): boolean {
    const kind = this.rows.kind(row);
    if (kind === ROW_LOG) return !this.hidden.has(this.rows.state.logs.level(this.rows.ref(row))!);
    if (kind === ROW_LINE) return !this.hidden.has(this.rows.line(row)?.stream ?? 'stdout');
    return true;
  }

  /** Rebuilds the filtered positions when the filter or the rows changed. */
  private refresh(): void {
    if (this.hidden.size === 0) {
      this.filtered = undefined;
      return;
    }
    const key = [...this.hidden].sort().join(',');
    if (key === this.hiddenKey && this.filterVersion === this.rows.version) return;
    const { first, length } = this.rows;
    const out = new Uint32Array(Math.max(16, length - first));
    let n = 0;
    for (let row = first; row < length; row++) if (this.shows(row)) out[n++] = row;
    this.filtered = out;
    this.filteredLength = n;
    this.hiddenKey = key;
    this.filterVersion = this.rows.version;
  }
}
