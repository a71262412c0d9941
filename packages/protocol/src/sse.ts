/**
 * Server-Sent Events over the platform `EventSource`, with resume after reconnects.
 */
import { Observable } from 'rxjs';
import { checked } from './ordering.ts';
import type { StreamItem } from './items.ts';
import { parseEvent } from './parse.ts';
import { ResumableStream, type RetryOptions } from './resumable.ts';

/** Options of {@link fromSSE}. */
export interface SseOptions {
  /** Seq already received: the stream resumes after it (`?after=`). */
  after?: number;
  /** Send cookies cross-origin. */
  withCredentials?: boolean;
  /** Backoff for reconnects the browser does not do itself. */
  retry?: RetryOptions;
  /** An EventSource implementation for runtimes without one. Default: the global. */
  eventSource?: typeof EventSource;
}

/**
 * Events from an SSE endpoint whose messages each carry one event as JSON (`id:` = seq).
 *
 * The browser reconnects by itself and sends `Last-Event-ID`; when it gives up (an HTTP error,
 * a server restart) this transport reconnects with backoff and `?after=<last seq>`. Duplicates
 * after a resume are dropped, gaps reported. Connection changes flow as `connection`
 * diagnostics. The stream completes when the server closes it after every run it carried has
 * reached a final status; it never errors.
 */
export function fromSSE(url: string | URL, options: SseOptions = {}): Observable<StreamItem> {
  return checked(
    new Observable<StreamItem>((subscriber) => {
      const Impl = options.eventSource ?? globalThis.EventSource;
      const stream = new ResumableStream(subscriber, 'sse', options.after, options.retry);
      let source: EventSource | undefined;
      const onMessage = (message: MessageEvent<string>) =>
        stream.tracker.accept(parseEvent(message.data), stream.emit);
      const connect = () => {
        stream.state('connecting');
        source = new Impl(stream.resumeUrl(url), {
          withCredentials: options.withCredentials ?? false,
        });
        source.addEventListener('message', onMessage);
        source.addEventListener('open', () => stream.opened());
        source.addEventListener('error', () => onError());
      };
      const onError = () => {
        if (!source) return;
        if (stream.finished) {
          source.close();
          return stream.complete();
        }
        if (source.readyState === Impl.CONNECTING) {
          stream.attempt++;
          return stream.state('reconnecting', 'connection lost; the browser is reconnecting');
        }
        source.close();
        stream.reconnect(connect, 'the server refused or closed the stream');
      };
      connect();
      return () => {
        stream.dispose();
        source?.close();
      };
    }),
  );
}
