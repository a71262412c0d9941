import type { RunEvent, RunEventType } from '../events.ts';

/**
 * An event before it belongs to a run: recordings turn `delayMs` into timestamps, the live
 * simulator waits in real time instead.
 */
export interface EventDraft {
  type: RunEventType;
  data: Record<string, unknown>;
  /** Milliseconds since the previous event when the run really happened. */
  delayMs: number;
}

/**
 * An instance before it is recorded: what a generated run's `run` event names (`instance` is the
 * id, `config` the snapshot) and what the host stores as the instance of that run.
 */
export interface InstanceDraft {
  readonly id: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Shorthand for a `log` draft; `meta` is left out when not given, as a logger would. */
export function log(
  level: string,
  message: string,
  logger: string,
  delayMs: number,
  meta?: Record<string, unknown>,
): EventDraft {
  const data = meta ? { level, message, logger, meta } : { level, message, logger };
  return { type: 'log', data, delayMs };
}

/** Shorthand for an `output` draft (a raw terminal chunk). */
export function output(stream: 'stdout' | 'stderr', chunk: string, delayMs: number): EventDraft {
  return { type: 'output', data: { stream, data: chunk }, delayMs };
}

/** Shorthand for a `result` draft. */
export function result(key: string, value: unknown, delayMs: number): EventDraft {
  return { type: 'result', data: { key, value }, delayMs };
}

/** Gives drafts a run id, seqs from 0 and timestamps accumulated from `startTime`. */
export function stamp(drafts: readonly EventDraft[], run: string, startTime: number): RunEvent[] {
  let time = startTime;
  return drafts.map((draft, seq) => {
    time += seq === 0 ? 0 : Math.round(draft.delayMs);
    return { v: 1, run, seq, time, type: draft.type, data: draft.data };
  });
}
