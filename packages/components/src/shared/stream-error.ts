import type { ConnectionDiagnostic } from '@athanor/protocol';

/**
 * What a source that errors becomes in a run state. `toStreamItems` never errors on bad events;
 * a source that errors anyway is shown like a lost connection rather than thrown into the page.
 */
export function streamErrorItem(error: unknown): ConnectionDiagnostic {
  return {
    diagnostic: 'connection',
    state: 'error',
    transport: 'replay',
    attempt: 0,
    message: error instanceof Error ? error.message : String(error),
  };
}
