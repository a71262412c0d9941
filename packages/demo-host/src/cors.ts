/**
 * Cross-origin access to the API, off by default: a page on another origin (a lab portal
 * embedding the elements) may call the API only when its origin is configured.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The headers a cross-origin caller may send: JSON bodies and the SSE resume header. */
const ALLOWED_HEADERS = 'Content-Type, Last-Event-ID';
const ALLOWED_METHODS = 'GET, POST';

/**
 * Parses `ATHANOR_CORS_ORIGINS`: origins separated by commas (`https://lab.example.org`), or
 * `*` for any. Throws on a value that is not an origin, so a typo does not silently allow
 * nothing (or everything).
 */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const origin = part.trim();
    if (origin === '*') return origin;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`ATHANOR_CORS_ORIGINS: "${origin}" is not an origin like https://host:port`);
    }
    if (url.origin !== origin)
      throw new Error(
        `ATHANOR_CORS_ORIGINS: "${origin}" is not an origin (did you mean "${url.origin}"?)`,
      );
    return origin;
  });
}

/**
 * Adds the CORS headers for an allowed origin; answers a preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) itself and returns true when it did.
 */
export function applyCors(
  allowed: readonly string[],
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const origin = req.headers.origin;
  if (allowed.length === 0 || origin === undefined) return false;
  res.setHeader('Vary', 'Origin');
  if (!allowed.includes('*') && !allowed.includes(origin)) return false;
  res.setHeader('Access-Control-Allow-Origin', allowed.includes('*') ? '*' : origin);
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }
  return false;
}
