/**
 * Per-run ordering: an event whose seq was already seen for its run is dropped (reported as a
 * `duplicate` so it can be counted), and a jump in seq is reported as a `gap` before the event.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { isSequenced, type StreamItem } from './items.ts';
import { valueToItem } from './parse.ts';

/** Tracks the last seq per run. */
export class SeqTracker {
  private readonly last = new Map<string, number>();
  // Most streams carry one run: keeping the latest run's seq out of the map saves hashing the
  // run id (a fresh string in every parsed event) on every event.
  private recentRun: string | undefined;
  private recentSeq = 0;

  /** `after`: seq already received, per run or for every run (a resumed stream). */
  constructor(private readonly after?: number | ReadonlyMap<string, number>) {}

  /** Last seq seen for `run`, or undefined. */
  lastSeq(run: string): number | undefined {
    if (run === this.recentRun) return this.recentSeq;
    return this.last.get(run) ?? this.initial(run);
  }

  /**
   * Feeds one item; returns what to emit instead of it: the item alone, a gap then the item, or a
   * duplicate diagnostic in place of the item.
   */
  accept(item: StreamItem, emit: (item: StreamItem) => void): void {
    if (!isSequenced(item)) {
      // A gap already reported upstream accounts for its seqs: ordering the same stream again
      // must not report it a second time when the event after it arrives.
      if ('diagnostic' in item && item.diagnostic === 'gap') this.skipTo(item.run, item.to);
      return emit(item);
    }
    const { run, seq } = item;
    const prev = this.lastSeq(run);
    if (prev !== undefined && seq <= prev) return emit({ diagnostic: 'duplicate', run, seq });
    const expected = prev === undefined ? 0 : prev + 1;
    if (seq > expected) emit({ diagnostic: 'gap', run, from: expected, to: seq - 1 });
    this.record(run, seq);
    emit(item);
  }

  private skipTo(run: string, seq: number): void {
    const prev = this.lastSeq(run);
    if (prev === undefined || seq > prev) this.record(run, seq);
  }

  /** The map holds every run but the recent one, whose seq lives in `recentSeq`. */
  private record(run: string, seq: number): void {
    if (run !== this.recentRun) {
      if (this.recentRun !== undefined) this.last.set(this.recentRun, this.recentSeq);
      this.recentRun = run;
    }
    this.recentSeq = seq;
  }

  private initial(run: string): number | undefined {
    if (this.after === undefined) return undefined;
    return typeof this.after === 'number' ? this.after : this.after.get(run);
  }
}

/** Operator form of {@link SeqTracker}. */
export function orderBySeq(
  after?: number | ReadonlyMap<string, number>,
): OperatorFunction<StreamItem, StreamItem> {
  return (source) =>
    new Observable<StreamItem>((subscriber) => {
      const tracker = new SeqTracker(after);
      const emit = (item: StreamItem) => subscriber.next(item);
      return source.subscribe({
        next: (item) => tracker.accept(item, emit),
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}

/**
 * Makes any observable of events safe to consume: values that are not diagnostics are validated
 * (invalid ones become `invalid` diagnostics, unknown types `unknown-type`), then ordered per run.
 * Idempotent, so it can follow a transport that already did both; the output of this package's
 * transports (marked by {@link checked}) is passed through as it is, not validated twice.
 */
export function toStreamItems(): OperatorFunction<unknown, StreamItem> {
  return (source) =>
    isChecked(source)
      ? source
      : new Observable<StreamItem>((subscriber) => {
          const tracker = new SeqTracker();
          const emit = (item: StreamItem) => subscriber.next(item);
          return source.subscribe({
            next: (value) => tracker.accept(asItem(value), emit),
            error: (e: unknown) => subscriber.error(e),
            complete: () => subscriber.complete(),
          });
        });
}

function asItem(value: unknown): StreamItem {
  if (typeof value === 'object' && value !== null && 'diagnostic' in value) {
    return value as StreamItem;
  }
  return valueToItem(value);
}

const CHECKED = Symbol('athanor.checked');

/**
 * Marks `source` as emitting items that are already validated and ordered per run (what every
 * transport of this package emits), so {@link toStreamItems} returns it unchanged instead of
 * validating each event a second time. Any operator applied afterwards makes a new, unmarked
 * Observable, which is checked again: the mark can only skip work, never skip a check.
 */
export function checked(source: Observable<StreamItem>): Observable<StreamItem> {
  Object.defineProperty(source, CHECKED, { value: true });
  return source;
}

function isChecked(source: Observable<unknown>): source is Observable<StreamItem> {
  return (source as { [CHECKED]?: boolean })[CHECKED] === true;
}
