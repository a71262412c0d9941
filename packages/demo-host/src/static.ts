import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendText } from './http-util.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The `Content-Type` for a file name; unknown extensions are served as opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path onto a file under `root`, or `undefined` when the path is malformed or
 * would leave `root`. The check runs on the decoded, resolved path because `%2e%2e%2f` and
 * backslashes only become `../` after decoding.
 */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(join(base, decoded.replaceAll('\\', '/')));
  return target === base || target.startsWith(base + sep) ? target : undefined;
}

/** The file a path names (a directory's `index.html`) with its size, or undefined. */
async function fileAt(path: string): Promise<{ file: string; size: number } | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return { file: path, size: info.size };
  if (info?.isDirectory()) return fileAt(join(path, 'index.html'));
  return undefined;
}

/**
 * Serves the built portal: `GET`/`HEAD` only, `index.html` for directories, 403 for paths
 * that escape the portal directory, 503 when the portal has not been built.
 */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, `Method ${req.method ?? '?'} not allowed; use GET or HEAD\n`);
  }
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
    const hint = `The demo portal is not built (no ${root}). Run \`npm run build\` and restart.\n`;
    return sendText(res, 503, hint);
  }
  const target = resolveInside(root, pathname);
  if (target === undefined) return sendText(res, 403, 'Forbidden\n');
  const found = await fileAt(target);
  if (found === undefined) return sendText(res, 404, `Not found: ${pathname}\n`);
  const { file, size } = found;
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
