/**
 * Text or values to stream items: one JSON text (a line, an SSE data field, a WebSocket message)
 * or one already-parsed value at a time.
 */
import type { InvalidDiagnostic, StreamItem } from './items.ts';
import { validateEvent } from './validate.ts';

/** Parses and validates one JSON text. Never throws: bad input becomes an `invalid` diagnostic. */
export function parseEvent(text: string): StreamItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalid(`malformed JSON: ${(error as Error).message}`, text);
  }
  return valueToItem(value, text);
}

/** Validates one parsed value; `raw` (the text it came from) is kept if it is invalid. */
export function valueToItem(value: unknown, raw?: string): StreamItem {
  const result = validateEvent(value);
  switch (result.kind) {
    case 'event':
      return result.event;
    case 'unknown-type':
      return { diagnostic: 'unknown-type', type: result.type, run: result.run, seq: result.seq };
    case 'invalid':
      return invalid(result.reason, raw ?? safeStringify(value));
  }
}

/** An `invalid` diagnostic. */
export function invalid(reason: string, raw: string): InvalidDiagnostic {
  return { diagnostic: 'invalid', reason, raw };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
