/**
 * Types of the protocol, derived from the schema (never written twice).
 */
import type { Static } from 'typebox';
import type { EVENT_TYPES, LOG_LEVELS, RUN_STATUSES } from './constants.ts';
import type {
  HeartbeatEvent as HeartbeatSchema,
  LogEvent as LogSchema,
  OutputEvent as OutputSchema,
  ProgressEvent as ProgressSchema,
  ResultEvent as ResultSchema,
  RunStartEvent as RunStartSchema,
  StatusEvent as StatusSchema,
} from './schema.ts';

export type { JsonObject, JsonValue } from './schema.ts';

/** One of `trace`, `debug`, `info`, `warn`, `error`, `fatal`. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** One of `pending`, `running`, `completed`, `failed`, `cancelled`. */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A type known to protocol version 1. */
export type EventType = (typeof EVENT_TYPES)[number];

/** `run`: first event of a run. */
export type RunStartEvent = Static<typeof RunStartSchema>;
/** `status`: lifecycle change. */
export type StatusEvent = Static<typeof StatusSchema>;
/** `log`: a structured log record. */
export type LogEvent = Static<typeof LogSchema>;
/** `output`: a raw terminal output chunk. */
export type OutputEvent = Static<typeof OutputSchema>;
/** `progress`: current/total progress. */
export type ProgressEvent = Static<typeof ProgressSchema>;
/** `result`: a result value under a key. */
export type ResultEvent = Static<typeof ResultSchema>;
/** `heartbeat`: liveness. */
export type HeartbeatEvent = Static<typeof HeartbeatSchema>;

/** A valid event of a known type. Narrow on `type`. */
export type RunEvent =
  | RunStartEvent
  | StatusEvent
  | LogEvent
  | OutputEvent
  | ProgressEvent
  | ResultEvent
  | HeartbeatEvent;

/** The error carried by a `failed` status. */
export type RunError = NonNullable<StatusEvent['data']['error']>;
