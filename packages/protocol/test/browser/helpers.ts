/**
 * Helpers for the browser transport tests, which talk to the real servers of
 * `scripts/wtr-test-servers.mjs` (mounted on the test runner's dev server under /test-api/).
 */
import type { ConnectionDiagnostic, StreamItem } from '../../src/index.ts';

export { collect, labels } from '../items.ts';

/** One connection as the test server saw it (`GET /test-api/log?id=`). */
export interface ServerConnection {
  /** The `Last-Event-ID` header (SSE), or null. */
  readonly lastEventId: string | null;
  /** The `after` query parameter, or null. */
  readonly after: string | null;
  /** Why the server refused the connection, when it did. */
  readonly refused?: string;
  /** Messages (SSE, WebSocket) or chunks (NDJSON) sent. */
  readonly messages: number;
  /** Who closed the connection, once it is closed. */
  readonly closedBy?: 'client' | 'server';
  /** WebSocket close code and reason. */
  readonly code?: number;
  readonly reason?: string;
}

/** A scenario of the test server: its id (for the log) and the URL that plays it. */
export interface Scenario {
  readonly id: string;
  readonly url: string;
}

/**
 * A fresh scenario on `path` (e.g. `/test-api/sse`), played as the query parameters say. The
 * WebSocket paths get an absolute `ws:` URL.
 */
export function scenario(path: string, params: Record<string, string | number> = {}): Scenario {
  const id = crypto.randomUUID();
  const url = new URL(path, location.href);
  if (path.startsWith('/test-api/ws/')) url.protocol = 'ws:';
  url.searchParams.set('id', id);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  return { id, url: url.toString() };
}

/** Every connection the server saw for a scenario, in order. */
export async function serverLog(id: string): Promise<ServerConnection[]> {
  const response = await fetch(`/test-api/log?id=${encodeURIComponent(id)}`, { cache: 'no-store' });
  return (await response.json()) as ServerConnection[];
}

/**
 * The server log once `done(log)` holds, for what happens on the server after the client acted
 * (a close arriving). Throws, with the last log seen, if it does not hold within `timeoutMs`.
 */
export async function serverLogWhen(
  id: string,
  done: (log: ServerConnection[]) => boolean,
  timeoutMs = 5000,
): Promise<ServerConnection[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await serverLog(id);
    if (done(log)) return log;
    if (Date.now() > deadline) throw new Error(`server log never matched: ${JSON.stringify(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The connection diagnostics among `items`. */
export function connections(items: StreamItem[]): ConnectionDiagnostic[] {
  return items.filter(
    (i): i is ConnectionDiagnostic => 'diagnostic' in i && i.diagnostic === 'connection',
  );
}

/** The message this browser's JSON.parse gives for `text`, which is not JSON. */
export function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is JSON`);
}
