import { isTerminalEvent } from './events.ts';
import type { RunEvent, RunStatus } from './events.ts';
import type { RunStore } from './run-store.ts';

/** Receives each event appended to a run after subscribing. */
export type RunSubscriber = (event: RunEvent) => void;

/** What the API reports about a run without sending its events. */
export interface RunSummary {
  id: string;
  /** `data.instance` of the run's `run` event, or `null`. */
  instance: string | null;
  /** `data.name` of the run's `run` event, or `null` when the run did not name itself. */
  name: string | null;
  /** Status of the latest `status` event; `pending` until one arrives. */
  status: RunStatus;
  /** Number of events held. */
  events: number;
  /** True while more events may still be appended. */
  live: boolean;
  /** Highest seq held, or `null` for a run with no events yet. */
  lastSeq: number | null;
  /** Time (epoch ms) of the first and of the latest event, `null` before any. */
  startedAt: number | null;
  updatedAt: number | null;
  /**
   * The latest value of each result key whose values are scalars (number, string, boolean,
   * null), for tables of runs; at most {@link MAX_SUMMARY_RESULTS} keys, the first seen.
   */
  results: Record<string, number | string | boolean | null>;
}

/** Most result keys a summary carries. */
export const MAX_SUMMARY_RESULTS = 32;

interface RunRecord {
  readonly events: RunEvent[];
  readonly subscribers: Set<RunSubscriber>;
  live: boolean;
  /** Fed by an outside producer through the ingest route. */
  external: boolean;
  /** Highest seq the producer has sent (its own numbering; retries at or below it are dropped). */
  producerSeq: number;
  /** When cancelling was requested (epoch ms), for an external run. */
  cancelRequestedAt?: number;
  /** Kept as events arrive, so a summary never scans the events. */
  sawRun: boolean;
  instance: string | null;
  name: string | null;
  status: RunStatus;
  results: Record<string, number | string | boolean | null>;
}

/**
 * In-memory store of runs: per run the ordered events and the live subscribers.
 * Appending is synchronous, so reading the history and subscribing in the same tick can
 * neither miss nor duplicate an event.
 */
export class RunHub {
  private readonly runs = new Map<string, RunRecord>();

  /** With a store, every event appended is also written to its run's log, in order. */
  constructor(private readonly store?: RunStore) {}

  /**
   * Appends `event` to its run (creating the run on its first event) and hands it to every
   * subscriber. Throws when seq does not increase, because resuming by seq would break.
   * A terminal `status` event marks the run finished.
   */
  append(event: RunEvent): void {
    const record = this.runs.get(event.run) ?? this.create(event.run);
    const last = record.events.at(-1);
    if (last !== undefined && event.seq <= last.seq) {
      throw new Error(`run "${event.run}": seq ${event.seq} does not follow ${last.seq}`);
    }
    this.store?.append(event);
    record.events.push(event);
    note(record, event);
    if (isTerminalEvent(event)) record.live = false;
    // Copy: a subscriber may unsubscribe itself when it sees the final event.
    for (const subscriber of [...record.subscribers]) subscriber(event);
  }

  /**
   * Takes in runs read back from the store (already in it: not written again). A run whose log
   * does not end with a final status was live when the host stopped: it gets a `failed` status
   * saying so, written to its log. Returns the ids of the runs marked failed.
   */
  restore(
    runs: readonly { id: string; events: readonly RunEvent[] }[],
    now = Date.now(),
  ): string[] {
    const failed: string[] = [];
    for (const { id, events } of runs) {
      if (events.length === 0) continue;
      const record = this.create(id);
      for (const event of events) {
        record.events.push(event);
        note(record, event);
      }
      const last = events.at(-1)!;
      if (events.some(isTerminalEvent)) {
        record.live = false;
        continue;
      }
      failed.push(id);
      this.append({
        v: 1,
        run: id,
        seq: last.seq + 1,
        time: Math.max(now, last.time),
        type: 'status',
        data: {
          status: 'failed',
          error: {
            type: 'HostStopped',
            message: 'The host stopped while this run was live; it was not restarted.',
          },
        },
      });
    }
    return failed;
  }

  /** Marks a run as no longer receiving events (e.g. a recording that was loaded whole). */
  finish(id: string): void {
    const record = this.runs.get(id);
    if (record) record.live = false;
  }

  /** True when the hub holds a run with this id. */
  has(id: string): boolean {
    return this.runs.has(id);
  }

  /** True while the run may still receive events; false for finished or unknown runs. */
  isLive(id: string): boolean {
    return this.runs.get(id)?.live ?? false;
  }

  /** The run's events with seq greater than `afterSeq` (all when omitted), oldest first. */
  events(id: string, afterSeq = -1): RunEvent[] {
    const events = this.runs.get(id)?.events ?? [];
    // Seqs are strictly increasing, so the tail starts at the first larger seq.
    const start = events.findIndex((event) => event.seq > afterSeq);
    return start === -1 ? [] : events.slice(start);
  }

  /**
   * Calls `subscriber` for every event appended to the run from now on.
   * Returns the function that unsubscribes. Throws for an unknown run.
   */
  subscribe(id: string, subscriber: RunSubscriber): () => void {
    const record = this.runs.get(id);
    if (!record) throw new Error(`unknown run "${id}"`);
    record.subscribers.add(subscriber);
    return () => record.subscribers.delete(subscriber);
  }

  /** Summary of one run, or `undefined` when unknown. */
  summary(id: string): RunSummary | undefined {
    const record = this.runs.get(id);
    return record ? summarise(id, record) : undefined;
  }

  /** Summaries of all runs in the order they were first seen. */
  list(): RunSummary[] {
    return [...this.runs].map(([id, record]) => summarise(id, record));
  }

  /** Opens an empty live run that an outside producer feeds (`ingest`). Throws if the id is taken. */
  openExternal(id: string): void {
    if (this.runs.has(id)) throw new Error(`run "${id}" exists`);
    this.create(id).external = true;
  }

  /** True for a run opened by {@link openExternal}. */
  isExternal(id: string): boolean {
    return this.runs.get(id)?.external ?? false;
  }

  /**
   * Appends a producer's event to an external run under the next stored seq (the host is the
   * single writer of the log). Returns false, appending nothing, when the producer's own seq is
   * not above the highest it sent before: a retried duplicate.
   */
  appendFromProducer(event: RunEvent): boolean {
    const record = this.runs.get(event.run);
    if (!record?.external) throw new Error(`run "${event.run}" is not fed by a producer`);
    if (event.seq <= record.producerSeq) return false;
    record.producerSeq = event.seq;
    this.append({ ...event, seq: this.nextSeq(event.run) });
    return true;
  }

  /** Records that cancelling external run `id` was requested (the first request counts). */
  requestCancel(id: string, now = Date.now()): void {
    const record = this.runs.get(id);
    if (record?.external && record.cancelRequestedAt === undefined) record.cancelRequestedAt = now;
  }

  /** When cancelling external run `id` was requested, or undefined. */
  cancelRequestedAt(id: string): number | undefined {
    return this.runs.get(id)?.cancelRequestedAt;
  }

  /** The highest seq of run `id`, or null while it has none; O(1), unlike {@link summary}. */
  lastSeq(id: string): number | null {
    return this.runs.get(id)?.events.at(-1)?.seq ?? null;
  }

  /** The next seq of run `id` (0 for a run with no events). */
  nextSeq(id: string): number {
    return (this.lastSeq(id) ?? -1) + 1;
  }

  /** Resolves once every event appended so far is durable (at once without a store). */
  durable(): Promise<void> {
    return this.store?.durable() ?? Promise.resolve();
  }

  /** Makes every event appended so far durable before returning (loading, shutting down). */
  flush(): void {
    this.store?.flush();
  }

  private create(id: string): RunRecord {
    const record: RunRecord = {
      events: [],
      subscribers: new Set(),
      live: true,
      external: false,
      producerSeq: -1,
      sawRun: false,
      instance: null,
      name: null,
      status: 'pending',
      results: Object.create(null) as RunRecord['results'],
    };
    this.runs.set(id, record);
    return record;
  }
}

/** Takes what summaries show from an event as it is added. */
function note(record: RunRecord, event: RunEvent): void {
  const { data } = event;
  if (event.type === 'run' && !record.sawRun) {
    record.sawRun = true;
    if (typeof data['instance'] === 'string') record.instance = data['instance'];
    if (typeof data['name'] === 'string') record.name = data['name'];
  } else if (event.type === 'status') {
    record.status = data['status'] as RunStatus;
  } else if (event.type === 'result') {
    const key = data['key'] as string;
    const value = data['value'];
    const scalar = value === null || ['number', 'string', 'boolean'].includes(typeof value);
    const known = key in record.results;
    if (!known && (!scalar || Object.keys(record.results).length >= MAX_SUMMARY_RESULTS)) return;
    if (scalar) record.results[key] = value as number | string | boolean | null;
    // A key whose latest value is not a scalar has no scalar latest value.
    else delete record.results[key];
  }
}

function summarise(id: string, record: RunRecord): RunSummary {
  const { events } = record;
  return {
    id,
    instance: record.instance,
    name: record.name,
    status: record.status,
    events: events.length,
    live: record.live,
    lastSeq: events.at(-1)?.seq ?? null,
    startedAt: events[0]?.time ?? null,
    updatedAt: events.at(-1)?.time ?? null,
    results: { ...record.results },
  };
}
