/**
 * @athanor/protocol — the Athanor run event protocol: types, validation, transports and the
 * run state derived from events. No DOM, no Lit: usable in browsers, workers and Node.
 */
export type {
  EventType,
  HeartbeatEvent,
  JsonObject,
  JsonValue,
  LogEvent,
  LogLevel,
  OutputEvent,
  ProgressEvent,
  ResultEvent,
  RunError,
  RunEvent,
  RunStartEvent,
  RunStatus,
  StatusEvent,
} from './types.ts';
export {
  EVENT_TYPES,
  FINAL_STATUSES,
  LOG_LEVELS,
  PROTOCOL_VERSION,
  RUN_STATUSES,
  isFinalStatus,
} from './constants.ts';
export { OTEL_SEVERITY, otelSeverity } from './otel.ts';
export {
  isDiagnostic,
  isSequenced,
  type ConnectionDiagnostic,
  type ConnectionState,
  type Diagnostic,
  type DuplicateDiagnostic,
  type GapDiagnostic,
  type InvalidDiagnostic,
  type StreamItem,
  type UnknownTypeDiagnostic,
} from './items.ts';
export { SUPPORTED_VERSION, explain, validateEvent, type Validation } from './validate.ts';
export { parseEvent, valueToItem } from './parse.ts';
export { DEFAULT_MAX_LINE_LENGTH, LineSplitter, type LineSink } from './lines.ts';
export { SeqTracker, orderBySeq, toStreamItems } from './ordering.ts';
export {
  NdjsonDecoder,
  fromNdjson,
  splitNdjson,
  type NdjsonOptions,
  type NdjsonSource,
} from './ndjson.ts';
export { replayJsonl, type ReplayOptions } from './replay.ts';
export { fromSSE, type SseOptions } from './sse.ts';
export { fromWebSocket, type WebSocketOptions } from './websocket.ts';
export type { RetryOptions } from './resumable.ts';
export { AppendOnlyStore } from './append-only-store.ts';
export { LogStore, type LogEntry, type OutputStream } from './log-store.ts';
export type { ProgressState } from './progress.ts';
export {
  MARKER_RAW_LIMIT,
  ResultSeries,
  RunState,
  type LogMarker,
  type StreamCounts,
} from './run-state.ts';
