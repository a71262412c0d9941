/**
 * WebSocket transport: each message holds one event, or several as NDJSON lines.
 */
import { Observable } from 'rxjs';
import { checked } from './ordering.ts';
import type { StreamItem } from './items.ts';
import { NdjsonDecoder } from './ndjson.ts';
import { ResumableStream, type RetryOptions } from './resumable.ts';

/** Options of {@link fromWebSocket}. */
export interface WebSocketOptions {
  /** Seq already received: the stream resumes after it (`?after=`). */
  after?: number;
  /** Subprotocols to offer. */
  protocols?: string | string[];
  /** Reconnection backoff. */
  retry?: RetryOptions;
  /** A WebSocket implementation for runtimes without one. Default: the global. */
  webSocket?: typeof WebSocket;
}

/**
 * Events from a WebSocket endpoint. On an unexpected close it reconnects with backoff to the
 * same URL with `?after=<last seq>`; duplicates are dropped, gaps reported, connection changes
 * flow as diagnostics. It completes when the server closes after every run it carried reached a
 * final status; it never errors.
 */
export function fromWebSocket(
  url: string | URL,
  options: WebSocketOptions = {},
): Observable<StreamItem> {
  return checked(
    new Observable<StreamItem>((subscriber) => {
      const Impl = options.webSocket ?? globalThis.WebSocket;
      const stream = new ResumableStream(subscriber, 'websocket', options.after, options.retry);
      const decoder = new NdjsonDecoder(stream.emit, { tracker: stream.tracker });
      let socket: WebSocket | undefined;
      let closedByUs = false;
      const connect = () => {
        stream.state('connecting');
        const ws = new Impl(stream.resumeUrl(url), options.protocols);
        socket = ws;
        ws.binaryType = 'arraybuffer';
        ws.addEventListener('open', () => stream.opened());
        ws.addEventListener('message', (m: MessageEvent<string | ArrayBuffer>) => {
          decoder.push(typeof m.data === 'string' ? m.data : new Uint8Array(m.data));
          decoder.end(); // a message holds whole lines
        });
        ws.addEventListener('close', (e: CloseEvent) => {
          if (closedByUs) return;
          if (stream.finished) return stream.complete();
          stream.reconnect(connect, `closed with code ${e.code}${e.reason ? `: ${e.reason}` : ''}`);
        });
      };
      connect();
      return () => {
        closedByUs = true;
        stream.dispose();
        socket?.close(1000, 'unsubscribed');
      };
    }),
  );
}
