import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTerminalEvent } from './events.ts';
import { sendError } from './http-util.ts';
import type { RunHub } from './run-hub.ts';
import { openSse, resumeAfter } from './sse.ts';
import type { SseConnection } from './sse.ts';

/** What the events endpoint needs from the host. */
export interface StreamContext {
  hub: RunHub;
  keepAliveMs: number;
  /** Open live-tail streams, so the host can end them on close. */
  streams: Set<SseConnection>;
}

/**
 * `GET /api/runs/:id/events`: history after the resume cursor, then the live tail.
 *
 * A finished run's stream ends after its history. A finished run with nothing left to send
 * answers 204, which tells a browser EventSource to stop instead of reconnecting every
 * `retry` ms forever. A live run's stream ends right after its final `status` event.
 */
export function streamRunEvents(
  ctx: StreamContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  url: URL,
): void {
  const header = req.headers['last-event-id'];
  const lastEventId = Array.isArray(header) ? header.join(',') : header;
  const cursor = resumeAfter(lastEventId, url.searchParams.get('after'));
  if ('error' in cursor) return sendError(res, 400, cursor.error);
  const history = ctx.hub.events(id, cursor.after);
  const live = ctx.hub.isLive(id);
  if (!live && history.length === 0) {
    res.writeHead(204).end();
    return;
  }
  const connection = openSse(res, ctx.keepAliveMs, () => ctx.hub.durable());
  connection.send(history);
  if (!live) return connection.end();
  // Same tick as reading the history: no append can slip in between.
  const unsubscribe = ctx.hub.subscribe(id, (event) => {
    connection.send([event]);
    if (isTerminalEvent(event)) connection.end();
  });
  ctx.streams.add(connection);
  connection.onClose(() => {
    unsubscribe();
    ctx.streams.delete(connection);
  });
}
