/**
 * The protocol's fixed lists, as plain data: the schema (`schema.ts`), the types and the runtime
 * all read them from here, and importing them does not pull the schema builder into a bundle.
 */

/** Protocol major version this package reads and writes. */
export const PROTOCOL_VERSION = 1;

/** Log levels, lowest to highest severity. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Run statuses; the {@link FINAL_STATUSES} end a run. */
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;

/** Statuses after which a run receives no more status changes. */
export const FINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const;

/** Event types of protocol version 1. Any other `type` is valid but unknown: skipped and counted. */
export const EVENT_TYPES = [
  'run',
  'status',
  'log',
  'output',
  'progress',
  'result',
  'heartbeat',
] as const;

const FINAL: ReadonlySet<string> = new Set(FINAL_STATUSES);

/** True for `completed`, `failed` and `cancelled`. */
export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}
