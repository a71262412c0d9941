import type { ServerResponse } from 'node:http';
import type { RunEvent } from './events.ts';

/** How long a disconnected EventSource waits before reconnecting, sent first on every stream. */
export const RETRY_MS = 2000;

/** One open Server-Sent Events response. */
export interface SseConnection {
  /** Writes events as `id: <seq>` / `data: <json>` frames. */
  send(events: readonly RunEvent[]): void;
  /** Ends the response; safe to call more than once. */
  end(): void;
  /** Runs `listener` once, when the response ends for any reason (also client disconnect). */
  onClose(listener: () => void): void;
}

/** The last frame formatted: a live event goes to every subscriber in turn, formatted once. */
let lastFrame: { event: RunEvent; frame: string } | undefined;

/** Formats one event as an SSE frame; JSON never contains raw newlines, so one data line. */
export function sseFrame(event: RunEvent): string {
  if (lastFrame?.event !== event)
    lastFrame = { event, frame: `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n` };
  return lastFrame.frame;
}

/**
 * Sends the SSE head (status, headers, `retry:`) and starts the keep-alive comment, which
 * stops proxies and browsers from dropping a quiet stream. With `whenDurable` (the store's
 * `durable()`), frames go out only once the events they carry are on disk, so that a viewer
 * never sees a seq a crash could take back; if the store cannot make them durable, the stream
 * ends without them.
 */
export function openSse(
  res: ServerResponse,
  keepAliveMs: number,
  whenDurable: () => Promise<void> = () => Promise.resolve(),
): SseConnection {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    // nginx and similar proxies buffer responses unless told not to.
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  const listeners: Array<() => void> = [];
  let closed = false;
  // Frames sent in this tick, written together at its end (an ingest request broadcasts its
  // events one by one, and a write each, a chunk of the chunked response, costs far more) once
  // they are durable: one sync, shared with every other connection and the producer's answer.
  let pending = '';
  let scheduled = false;
  let written: Promise<void> = Promise.resolve();
  let failed = false;
  const write = (): void => {
    scheduled = false;
    const frames = pending;
    pending = '';
    if (frames === '') return;
    // Settled here, so that a failure is never an unhandled rejection while earlier ticks wait.
    const durable = whenDurable().then(
      () => true,
      () => false,
    );
    // Each tick's frames after the last tick's, and only what is on disk: when the store fails,
    // the stream ends instead, and the client resumes from the last seq it has, which is kept.
    written = written.then(async () => {
      const ok = await durable;
      if (failed || res.writableEnded || res.destroyed) return;
      if (ok) res.write(frames);
      else {
        failed = true;
        res.end();
      }
    });
  };
  const finish = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    for (const listener of listeners) listener();
  };
  res.on('close', finish);
  return {
    send(events) {
      if (closed || events.length === 0) return;
      if (!scheduled) {
        scheduled = true;
        process.nextTick(write);
      }
      for (const event of events) pending += sseFrame(event);
    },
    end() {
      finish();
      if (pending !== '') write();
      void written.then(() => {
        if (!res.writableEnded) res.end();
      });
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}

/** Result of {@link resumeAfter}: the seq to resume after, or why the request is bad. */
export type ResumeCursor = { after: number } | { error: string };

const NON_NEGATIVE_INT = /^\d+$/;

function parseSeq(raw: string, source: string): number | string {
  const value = Number(raw);
  if (!NON_NEGATIVE_INT.test(raw) || !Number.isSafeInteger(value)) {
    return `${source} must be a non-negative integer, got "${raw}"`;
  }
  return value;
}

/**
 * Works out where a stream resumes from the `Last-Event-ID` header and the `after` query.
 * When both are given the larger wins: the client has already seen everything up to either,
 * and the header is what a reconnecting EventSource sends on its own. Neither means -1
 * (send everything).
 */
export function resumeAfter(lastEventId: string | undefined, after: string | null): ResumeCursor {
  let cursor = -1;
  const sources: Array<[string | null | undefined, string]> = [
    [lastEventId, 'Last-Event-ID header'],
    [after, '"after" query parameter'],
  ];
  for (const [raw, source] of sources) {
    // An empty Last-Event-ID is what a client sends before it has seen any id.
    if (raw === undefined || raw === null || (source.startsWith('Last') && raw.trim() === '')) {
      continue;
    }
    const parsed = parseSeq(raw.trim(), source);
    if (typeof parsed === 'string') return { error: parsed };
    cursor = Math.max(cursor, parsed);
  }
  return { after: cursor };
}
