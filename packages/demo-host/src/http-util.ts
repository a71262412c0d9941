import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Sends the API's error shape, `{ "error": message }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error: message });
}

/** 405 with the `Allow` header listing what the resource accepts. */
export function sendMethodNotAllowed(res: ServerResponse, method: string, allow: string[]): void {
  const list = allow.join(', ');
  sendError(res, 405, `Method ${method} not allowed here; use ${list}`, { Allow: list });
}

/** Sends a short plain-text answer (used for the browser-facing static side). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Thrown by {@link readJsonBody}; carries the status the client should get. */
export class BodyError extends Error {
  /** @param status 400 for bad JSON, 413 for a body over the limit. */
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** Reads a request body as UTF-8 text; stops reading past `limit` bytes (413) rather than buffering it. */
export async function readTextBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads and parses a JSON request body; resolves `undefined` for an empty body so callers
 * can apply defaults. Stops reading past `limit` bytes rather than buffering a huge upload.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readTextBody(req, limit)).trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'Request body is not valid JSON');
  }
}
