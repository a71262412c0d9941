/**
 * What flows through an event stream: valid events, and beside them diagnostics. A malformed
 * line, an invalid or unknown event, a duplicate, a gap or a connection change never errors the
 * stream; it flows on as a diagnostic so that nothing is lost silently.
 */
import type { RunEvent } from './types.ts';

/** A line or message that is not a valid event: the reason and the raw text, kept whole. */
export interface InvalidDiagnostic {
  readonly diagnostic: 'invalid';
  /** One readable line, e.g. `data.level: expected one of …, got "verbose"`. */
  readonly reason: string;
  /** The text as received (a whole line or message). */
  readonly raw: string;
}

/** A valid event of a type this version does not know: skipped, counted. */
export interface UnknownTypeDiagnostic {
  readonly diagnostic: 'unknown-type';
  readonly type: string;
  readonly run: string;
  readonly seq: number;
}

/** An event whose seq was already seen for its run (e.g. replayed after a reconnect): dropped. */
export interface DuplicateDiagnostic {
  readonly diagnostic: 'duplicate';
  readonly run: string;
  readonly seq: number;
}

/** Seqs `from`..`to` (inclusive) of `run` never arrived. */
export interface GapDiagnostic {
  readonly diagnostic: 'gap';
  readonly run: string;
  readonly from: number;
  readonly to: number;
}

/** Transport connection states. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';

/** A transport's connection changed state. */
export interface ConnectionDiagnostic {
  readonly diagnostic: 'connection';
  readonly state: ConnectionState;
  readonly transport: 'sse' | 'websocket' | 'ndjson' | 'replay';
  /** Reconnection attempts so far (0 on the first connection). */
  readonly attempt: number;
  /** The last seq received before this change, when any was. */
  readonly lastSeq?: number;
  /** A human-readable detail (e.g. the error). */
  readonly message?: string;
}

/** Anything reported beside the events. */
export type Diagnostic =
  | InvalidDiagnostic
  | UnknownTypeDiagnostic
  | DuplicateDiagnostic
  | GapDiagnostic
  | ConnectionDiagnostic;

/** One item of an event stream. */
export type StreamItem = RunEvent | Diagnostic;

/** True for a diagnostic, false for an event. */
export function isDiagnostic(item: StreamItem): item is Diagnostic {
  return 'diagnostic' in item;
}

/**
 * True for the items that take a place in their run's seq order: events, and events of a type
 * this version does not know (skipped by readers, but received: resuming before one would replay
 * it, and ignoring it would report a false gap).
 */
export function isSequenced(item: StreamItem): item is RunEvent | UnknownTypeDiagnostic {
  return !('diagnostic' in item) || item.diagnostic === 'unknown-type';
}
