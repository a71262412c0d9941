/**
 * The few facts about run events the host relies on. What makes an event valid is the
 * protocol package's business: the host asks its validator and relays what it accepts.
 */
import { isFinalStatus, validateEvent } from '@athanor/protocol';
import type { RunStatus, EVENT_TYPES } from '@athanor/protocol';

export type { RunStatus } from '@athanor/protocol';

/** Event types of the protocol version the host speaks. */
export type RunEventType = (typeof EVENT_TYPES)[number];

/**
 * One run event as the host stores and relays it: a valid envelope whose `type` may be one this
 * version does not know (a relay passes those on untouched, readers skip and count them).
 */
export interface RunEvent {
  v: 1;
  run: string;
  seq: number;
  time: number;
  type: string;
  data: Record<string, unknown>;
}

/** True when `event` is a `status` event that ends its run. */
export function isTerminalEvent(event: RunEvent): boolean {
  const status = event.data['status'];
  return (
    event.type === 'status' && typeof status === 'string' && isFinalStatus(status as RunStatus)
  );
}

/**
 * Validates `value` with the protocol and returns the one-line reason it is refused, or
 * `undefined` when the host can store it (a valid event, or a valid envelope of an unknown type).
 */
export function describeShapeProblem(value: unknown): string | undefined {
  const validation = validateEvent(value);
  return validation.kind === 'invalid' ? validation.reason : undefined;
}
