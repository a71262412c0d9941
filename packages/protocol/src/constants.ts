/**
 * Runtime constants of the protocol, as plain data so that importing them does not pull the
 * schema builder into a bundle. `test/schema.test.ts` checks they equal the schema's.
 */
import type { EventType, LogLevel, RunStatus } from './types.ts';

/** Log levels, lowest to highest severity. */
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** Run statuses; `completed`, `failed` and `cancelled` are final. */
export const RUN_STATUSES: readonly RunStatus[] = [
  'pending',
  'running',
  'completed',
  'failed',
  'cancelled',
];

/** Event types of protocol version 1. */
export const EVENT_TYPES: readonly EventType[] = [
  'run',
  'status',
  'log',
  'output',
  'progress',
  'result',
  'heartbeat',
];
