/**
 * NDJSON: one event per line, over any ReadableStream or fetch Response.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { ConnectionDiagnostic, StreamItem } from './items.ts';
import { DEFAULT_MAX_LINE_LENGTH, LineSplitter } from './lines.ts';
import { SeqTracker, checked } from './ordering.ts';
import { invalid, parseEvent } from './parse.ts';

/** Options of the NDJSON readers. */
export interface NdjsonOptions {
  /** Longest accepted line in characters (bytes for byte streams). Default 16 MiB. */
  maxLineLength?: number;
  /** Seq already received (per run, or for every run): earlier seqs count as duplicates. */
  after?: number | ReadonlyMap<string, number>;
  /** Ordering state to share with another reader (e.g. across reconnections). */
  tracker?: SeqTracker;
}

/**
 * Chunks in, stream items out: lines are split, parsed, validated and ordered per run.
 * Chunks may split lines and UTF-8 sequences anywhere.
 */
export class NdjsonDecoder {
  private readonly splitter: LineSplitter;
  private readonly tracker: SeqTracker;

  constructor(
    private readonly emit: (item: StreamItem) => void,
    options: NdjsonOptions = {},
  ) {
    this.tracker = options.tracker ?? new SeqTracker(options.after);
    this.splitter = new LineSplitter(
      {
        line: (text) => this.tracker.accept(parseEvent(text), emit),
        bad: (reason, raw) => emit(invalid(reason, raw)),
      },
      options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    );
  }

  /** Feeds one chunk. */
  push(chunk: string | Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Ends the input (a last line without newline counts). */
  end(): void {
    this.splitter.end();
  }
}

/** Operator form of {@link NdjsonDecoder}. */
export function splitNdjson(
  options: NdjsonOptions = {},
): OperatorFunction<string | Uint8Array, StreamItem> {
  return (source) =>
    new Observable<StreamItem>((subscriber) => {
      const decoder = new NdjsonDecoder((item) => subscriber.next(item), options);
      return source.subscribe({
        next: (chunk) => decoder.push(chunk),
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          decoder.end();
          subscriber.complete();
        },
      });
    });
}

/** What {@link fromNdjson} reads: a stream, a Response, or a promise of one (e.g. `fetch(url)`). */
export type NdjsonSource =
  | ReadableStream<Uint8Array | string>
  | Response
  | PromiseLike<Response | ReadableStream<Uint8Array | string>>;

/**
 * Reads NDJSON from a stream or a fetch Response. Emits `connection` diagnostics: `open` when
 * reading starts, then `closed` at the end, or `error` if the request or a read fails; the
 * observable then completes, it never errors. Unsubscribing cancels the reader.
 */
export function fromNdjson(
  source: NdjsonSource,
  options: NdjsonOptions = {},
): Observable<StreamItem> {
  return checked(
    new Observable<StreamItem>((subscriber) => {
      const emit = (item: StreamItem) => subscriber.next(item);
      const connection = (state: ConnectionDiagnostic['state'], message?: string) =>
        emit({
          diagnostic: 'connection',
          transport: 'ndjson',
          state,
          attempt: 0,
          ...(message !== undefined ? { message } : {}),
        });
      const decoder = new NdjsonDecoder(emit, options);
      let reader: ReadableStreamDefaultReader<Uint8Array | string> | undefined;
      let cancelled = false;
      const pump = async () => {
        const stream = await openStream(source);
        if (cancelled) return void stream.cancel().catch(() => undefined);
        reader = stream.getReader();
        connection('open');
        for (;;) {
          const { done, value } = await reader.read();
          if (cancelled) return;
          if (done) break;
          decoder.push(value);
        }
        decoder.end();
        connection('closed');
      };
      pump().then(
        () => subscriber.complete(),
        (error: unknown) => {
          if (cancelled) return;
          decoder.end();
          connection('error', errorMessage(error));
          subscriber.complete();
        },
      );
      return () => {
        cancelled = true;
        void reader?.cancel().catch(() => undefined);
      };
    }),
  );
}

async function openStream(source: NdjsonSource): Promise<ReadableStream<Uint8Array | string>> {
  const resolved = await source;
  if (resolved instanceof ReadableStream) return resolved;
  if (!resolved.ok) throw new Error(`HTTP ${resolved.status} ${resolved.statusText}`.trim());
  if (!resolved.body) throw new Error('the response has no body');
  return resolved.body;
}

/** The message of an error-like value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
