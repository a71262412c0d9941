/**
 * What the SSE and WebSocket transports share: ordering across reconnections, the last seq to
 * resume from, connection diagnostics, backoff, and knowing when a stream is over (every run it
 * carried reached a final status and the server closed).
 */
import type { Subscriber } from 'rxjs';
import { isFinalStatus } from './constants.ts';
import type { ConnectionDiagnostic, ConnectionState, StreamItem } from './items.ts';
import { isDiagnostic, isSequenced } from './items.ts';
import { SeqTracker } from './ordering.ts';

/** Reconnection backoff. */
export interface RetryOptions {
  /** First delay in ms (default 1000). */
  initialMs?: number;
  /** Longest delay in ms (default 30000). */
  maxMs?: number;
}

export class ResumableStream {
  readonly tracker: SeqTracker;
  /** Reconnection attempts since the last successful open. */
  attempt = 0;
  private lastSeq: number | undefined;
  private readonly open = new Set<string>();
  private readonly done = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly subscriber: Subscriber<StreamItem>,
    private readonly transport: ConnectionDiagnostic['transport'],
    after: number | undefined,
    private readonly retry: RetryOptions = {},
  ) {
    this.tracker = new SeqTracker(after);
    this.lastSeq = after;
  }

  /** Emits an item, keeping track of the last seq and of finished runs. */
  readonly emit = (item: StreamItem): void => {
    if (isSequenced(item)) this.lastSeq = item.seq;
    if (!isDiagnostic(item)) {
      if (item.type === 'status' && isFinalStatus(item.data.status)) this.done.add(item.run);
      else this.open.add(item.run);
    }
    this.subscriber.next(item);
  };

  /** Reports a connection change. */
  state(state: ConnectionState, message?: string): void {
    this.subscriber.next({
      diagnostic: 'connection',
      transport: this.transport,
      state,
      attempt: this.attempt,
      ...(this.lastSeq !== undefined ? { lastSeq: this.lastSeq } : {}),
      ...(message !== undefined ? { message } : {}),
    });
  }

  /** True when every run seen has reached a final status: a dropped connection is the end. */
  get finished(): boolean {
    if (this.done.size === 0) return false;
    for (const run of this.open) if (!this.done.has(run)) return false;
    return true;
  }

  /** `url` with `after=<last seq>` when something was received, for resuming. */
  resumeUrl(url: string | URL): string {
    const base = typeof globalThis.location === 'object' ? globalThis.location.href : undefined;
    const u = new URL(url, base);
    if (this.lastSeq !== undefined) u.searchParams.set('after', String(this.lastSeq));
    return u.toString();
  }

  /** Marks a successful open: the backoff starts over. */
  opened(): void {
    this.attempt = 0;
    this.state('open');
  }

  /** Ends the stream cleanly. */
  complete(): void {
    this.state('closed');
    this.subscriber.complete();
  }

  /** Schedules `connect` after the backoff delay and reports `reconnecting`. */
  reconnect(connect: () => void, message?: string): void {
    this.attempt++;
    const initial = this.retry.initialMs ?? 1000;
    const max = this.retry.maxMs ?? 30_000;
    const delay = Math.min(max, initial * 2 ** (this.attempt - 1));
    // Jitter spreads reconnecting clients so a restarted server is not hit all at once.
    const jittered = delay * (0.75 + Math.random() * 0.5);
    this.state('reconnecting', message);
    this.timer = setTimeout(connect, jittered);
  }

  /** Cancels a pending reconnect. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
