/**
 * The rows of a run's log, derived from its state: one row per `log` entry, one per terminal line
 * of `output` (a line that redraws stays one row), one per marker (gap, invalid event,
 * connection drop), in stream order. Kept as chunked typed columns so a million rows cost a few
 * bytes each; built incrementally, a frame's budget at a time.
 */
import type { LogMarker, RunState } from '@athanor/protocol';
import { Terminal, type TermLine } from './terminal.ts';

/** What a row shows. */
export const ROW_LOG = 0;
export const ROW_LINE = 1;
export const ROW_MARKER = 2;
export type RowKind = typeof ROW_LOG | typeof ROW_LINE | typeof ROW_MARKER;

const BITS = 12;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

class RowChunk {
  readonly kind = new Uint8Array(SIZE);
  /** Log entry index, terminal line index or marker index. */
  readonly ref = new Uint32Array(SIZE);
  /** Index of the log entry the row came from (for markers: the entry after them). */
  readonly entry = new Uint32Array(SIZE);
}

/** Rows of one run's log; `first` moves up when a cap drops the oldest. */
export class LogRows {
  /** Terminal lines, by index (dropped ones become undefined). */
  readonly lines: (TermLine | undefined)[] = [];
  /** Rows dropped from the front by the cap. */
  dropped = 0;
  /** Terminal lines held, per stream. */
  readonly lineCounts = { stdout: 0, stderr: 0 };
  /** Bumped whenever rows are added or dropped. */
  version = 0;

  private readonly chunks: (RowChunk | undefined)[] = [];
  private size = 0;
  private firstRow = 0;
  private nextEntry = 0;
  private nextMarker = 0;
  private readonly terminals: Record<'stdout' | 'stderr', Terminal>;
  private currentEntry = 0;

  constructor(readonly state: RunState) {
    const onLine = (line: TermLine) => {
      line.row = this.size;
      this.lineCounts[line.stream]++;
      this.add(ROW_LINE, this.lines.push(line) - 1, this.currentEntry);
    };
    this.terminals = {
      stdout: new Terminal('stdout', onLine),
      stderr: new Terminal('stderr', onLine),
    };
  }

  /** Index of the oldest row kept. */
  get first(): number {
    return this.firstRow;
  }

  /** One past the newest row. */
  get length(): number {
    return this.size;
  }

  /** True when every entry and marker of the state has become rows. */
  get synced(): boolean {
    return this.nextEntry >= this.state.logs.length && this.nextMarker >= this.state.markers.length;
  }

  kind(row: number): RowKind {
    return this.chunk(row).kind[row & MASK] as RowKind;
  }

  ref(row: number): number {
    return this.chunk(row).ref[row & MASK]!;
  }

  /** The log entry index a row came from. */
  entry(row: number): number {
    return this.chunk(row).entry[row & MASK]!;
  }

  line(row: number): TermLine | undefined {
    return this.lines[this.ref(row)];
  }

  marker(row: number): LogMarker | undefined {
    return this.state.markers.at(this.ref(row));
  }

  /**
   * Turns new entries and markers into rows, for at most `budgetMs`; returns whether it caught
   * up. Output chunks go through the terminal of their stream.
   */
  sync(budgetMs = Infinity): boolean {
    const { logs, markers } = this.state;
    const start = performance.now();
    this.nextEntry = Math.max(this.nextEntry, logs.first);
    const before = this.size;
    let steps = 0;
    while (this.nextEntry < logs.length) {
      this.addMarkersBefore(this.nextEntry);
      const i = this.nextEntry++;
      this.currentEntry = i;
      if (logs.type(i) === 'log') this.add(ROW_LOG, i, i);
      else this.terminals[logs.stream(i)!].write(logs.text(i), logs.time(i), logs.seq(i));
      if (++steps % 256 === 0 && performance.now() - start > budgetMs) break;
    }
    if (this.nextEntry >= logs.length) this.addMarkersBefore(logs.length);
    if (this.size !== before) this.version++;
    return this.synced && markers.length === this.nextMarker;
  }

  /** Drops the oldest rows beyond `max`, and frees the log entries only they held. */
  cap(max: number): void {
    const excess = this.size - this.firstRow - max;
    if (max <= 0 || excess <= 0) return;
    const target = this.firstRow + excess;
    for (let row = this.firstRow; row < target; row++) {
      if (this.kind(row) === ROW_LINE) {
        const ref = this.ref(row);
        this.lineCounts[this.lines[ref]!.stream]--;
        this.lines[ref] = undefined;
      }
    }
    this.dropped += excess;
    const keepEntry = this.entry(target);
    for (let c = this.firstRow >>> BITS; c < target >>> BITS; c++) this.chunks[c] = undefined;
    this.firstRow = target;
    this.state.logs.discardBefore(keepEntry);
    this.version++;
  }

  /** The row of log entry `index` (the first row at or after it). O(log n). */
  rowOfEntry(index: number): number {
    let lo = this.firstRow;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entry(mid) < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private addMarkersBefore(entry: number): void {
    const { markers } = this.state;
    while (this.nextMarker < markers.length && markers.at(this.nextMarker)!.at <= entry) {
      this.add(ROW_MARKER, this.nextMarker++, entry);
    }
  }

  private add(kind: RowKind, ref: number, entry: number): void {
    const row = this.size;
    const offset = row & MASK;
    if (offset === 0) this.chunks.push(new RowChunk());
    const chunk = this.chunks[row >>> BITS]!;
    chunk.kind[offset] = kind;
    chunk.ref[offset] = ref;
    chunk.entry[offset] = entry;
    this.size = row + 1;
  }

  private chunk(row: number): RowChunk {
    const chunk = row >= this.firstRow && row < this.size ? this.chunks[row >>> BITS] : undefined;
    if (!chunk) throw new RangeError(`row ${row} out of range ${this.firstRow}..${this.size - 1}`);
    return chunk;
  }
}
