/**
 * The state of one run, derived from its events. Mutable and cheap to update: one `apply` per
 * item, no copying, so a view can read it once per animation frame however fast events arrive.
 */
import { isFinalStatus } from './constants.ts';
import type { ConnectionDiagnostic, ConnectionState, GapDiagnostic, StreamItem } from './items.ts';
import { AppendOnlyStore } from './append-only-store.ts';
import { LogStore } from './log-store.ts';
import { ProgressTracker, type ProgressState } from './progress.ts';
import type { JsonObject, JsonValue, LogLevel, RunError, RunEvent, RunStatus } from './types.ts';

/** The values seen for one result key. */
export class ResultSeries {
  /** Time (epoch ms) of the latest value. */
  latestTime: number;
  /** Every value in arrival order; `values.length` is the count. */
  readonly values = new AppendOnlyStore<JsonValue>();

  constructor(
    readonly key: string,
    first: JsonValue,
    time: number,
  ) {
    this.latestTime = time;
    this.values.push(first);
  }

  /** The latest value. */
  get latest(): JsonValue {
    return this.values.last()!;
  }

  /** Appends a value that arrived at `time`. */
  push(value: JsonValue, time: number): void {
    this.values.push(value);
    this.latestTime = time;
  }
}

/**
 * Something a log view shows between entries: where seqs went missing, where the connection
 * dropped or came back, where an invalid event arrived. `at` is the index in `RunState.logs` of
 * the first entry after it; `time` is the local clock (epoch ms) when it was seen.
 */
export type LogMarker =
  | {
      readonly kind: 'gap';
      readonly at: number;
      readonly time: number;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'invalid';
      readonly at: number;
      readonly time: number;
      readonly reason: string;
      /** The raw text, up to {@link MARKER_RAW_LIMIT} characters. */
      readonly raw: string;
      /** Length of the whole raw text. */
      readonly rawLength: number;
    }
  | {
      readonly kind: 'connection';
      readonly at: number;
      readonly time: number;
      readonly state: ConnectionState;
      readonly attempt: number;
      readonly message?: string;
    };

/** Longest raw text an `invalid` marker keeps (the rest is counted, not kept). */
export const MARKER_RAW_LIMIT = 256 * 1024;

/** Counters of what the stream carried besides state. */
export interface StreamCounts {
  events: number;
  invalid: number;
  unknownTypes: number;
  duplicates: number;
  gaps: number;
  /** Seqs reported missing by gaps, in total. */
  missing: number;
  /** Events of other runs, ignored by this state. */
  foreign: number;
}

const zeroLevels = (): Record<LogLevel, number> => ({
  trace: 0,
  debug: 0,
  info: 0,
  warn: 0,
  error: 0,
  fatal: 0,
});

export class RunState {
  /** The run this state follows: the given id, or the first seen. */
  runId: string | undefined;
  instance: string | undefined;
  name: string | undefined;
  config: JsonObject | undefined;
  tags: readonly string[] = [];
  status: RunStatus = 'pending';
  /** Epoch ms when the run started running (or, failing that, its first event). */
  startedAt: number | undefined;
  /** Epoch ms of the final status. */
  endedAt: number | undefined;
  error: RunError | undefined;
  /** Latest progress with rate and ETA; undefined until a progress event arrives. */
  progress: ProgressState | undefined;
  readonly results = new Map<string, ResultSeries>();
  readonly logCounts = zeroLevels();
  /** Index in `logs` of the first log entry of each level seen. */
  readonly firstLogIndex: Partial<Record<LogLevel, number>> = {};
  /** Log and output events in seq order. */
  readonly logs = new LogStore();
  readonly gaps: GapDiagnostic[] = [];
  /** Gaps, invalid events and connection drops and returns, in stream order (see LogMarker). */
  readonly markers = new AppendOnlyStore<LogMarker>();
  readonly counts: StreamCounts = {
    events: 0,
    invalid: 0,
    unknownTypes: 0,
    duplicates: 0,
    gaps: 0,
    missing: 0,
    foreign: 0,
  };
  /** Latest connection change reported by the transport. */
  connection: ConnectionDiagnostic | undefined;
  /** Highest seq applied. */
  lastSeq: number | undefined;
  /** `time` of the last event (for staleness). */
  lastEventTime: number | undefined;
  /** Local clock (epoch ms) when the last event was applied. */
  lastReceivedAt: number | undefined;
  /** Incremented on every applied item: a cheap "did anything change" check. */
  version = 0;

  private readonly tracker = new ProgressTracker();

  constructor(
    runId?: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.runId = runId;
  }

  /** True once the status is final. */
  get isFinal(): boolean {
    return isFinalStatus(this.status);
  }

  /** Milliseconds from start to end, or to `now` while running. */
  duration(now = this.clock()): number | undefined {
    if (this.startedAt === undefined) return undefined;
    return (this.endedAt ?? now) - this.startedAt;
  }

  /** Applies one stream item. */
  apply(item: StreamItem): void {
    this.version++;
    if ('diagnostic' in item) return this.applyDiagnostic(item);
    if (this.runId === undefined) this.runId = item.run;
    else if (item.run !== this.runId) {
      this.counts.foreign++;
      return;
    }
    this.counts.events++;
    this.lastSeq = item.seq;
    this.lastEventTime = item.time;
    this.lastReceivedAt = this.clock();
    this.startedAt ??= item.time;
    this.applyEvent(item);
  }

  private applyEvent(event: RunEvent): void {
    switch (event.type) {
      case 'log': {
        const index = this.logs.push(event);
        const level = event.data.level;
        this.logCounts[level]++;
        this.firstLogIndex[level] ??= index;
        return;
      }
      case 'output':
        this.logs.push(event);
        return;
      case 'progress':
        this.progress = this.tracker.update(event.data, event.time);
        return;
      case 'result':
        return this.applyResult(event.data.key, event.data.value, event.time);
      case 'status':
        return this.applyStatus(event.data.status, event.data.error, event.time);
      case 'run':
        this.instance = event.data.instance;
        this.name = event.data.name;
        this.config = event.data.config;
        this.tags = event.data.tags ?? [];
        return;
      case 'heartbeat':
        return;
    }
  }

  private applyResult(key: string, value: JsonValue, time: number): void {
    const series = this.results.get(key);
    if (series) series.push(value, time);
    else this.results.set(key, new ResultSeries(key, value, time));
  }

  private applyStatus(status: RunStatus, error: RunError | undefined, time: number): void {
    // A final status is final: a late or replayed transition cannot revive the run.
    if (this.isFinal) return;
    if (status === 'running' && this.status === 'pending') this.startedAt = time;
    this.status = status;
    if (error) this.error = error;
    if (isFinalStatus(status)) this.endedAt = time;
  }

  private applyDiagnostic(item: Exclude<StreamItem, RunEvent>): void {
    if ('run' in item && this.runId !== undefined && item.run !== this.runId) {
      this.counts.foreign++;
      return;
    }
    const at = this.logs.length;
    switch (item.diagnostic) {
      case 'invalid':
        this.counts.invalid++;
        this.markers.push({
          kind: 'invalid',
          at,
          time: this.clock(),
          reason: item.reason,
          raw: item.raw.length > MARKER_RAW_LIMIT ? item.raw.slice(0, MARKER_RAW_LIMIT) : item.raw,
          rawLength: item.raw.length,
        });
        return;
      case 'unknown-type':
        this.counts.unknownTypes++;
        return;
      case 'duplicate':
        this.counts.duplicates++;
        return;
      case 'gap':
        this.counts.gaps++;
        this.counts.missing += item.to - item.from + 1;
        this.gaps.push(item);
        this.markers.push({ kind: 'gap', at, time: this.clock(), from: item.from, to: item.to });
        return;
      case 'connection':
        this.applyConnection(item, at);
        return;
    }
  }

  /** Drops and returns are worth a marker; the first connect and the final close are not. */
  private applyConnection(item: ConnectionDiagnostic, at: number): void {
    const previous = this.connection;
    this.connection = item;
    const returned = item.state === 'open' && item.attempt > 0;
    const dropped = item.state === 'reconnecting' || item.state === 'error';
    if (!returned && !dropped) return;
    if (dropped && previous?.state === item.state) return; // one marker per outage
    this.markers.push({
      kind: 'connection',
      at,
      time: this.clock(),
      state: item.state,
      attempt: item.attempt,
      ...(item.message !== undefined ? { message: item.message } : {}),
    });
  }
}
