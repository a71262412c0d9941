import { request } from 'node:http';

/** One parsed Server-Sent Events frame (only the fields the host uses). */
export interface SseFrame {
  id?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const match = /^(id|data|retry): ?(.*)$/.exec(line);
    if (match) frame[match[1] as 'id' | 'data' | 'retry'] = match[2] ?? '';
  }
  return frame;
}

/**
 * Reads SSE frames from a fetch response until the server ends it, or until `stop` returns
 * true for a frame (then the request is cancelled). Returns the frames read.
 */
export async function readSse(
  response: Response,
  stop: (frame: SseFrame) => boolean = () => false,
): Promise<SseFrame[]> {
  if (!response.body) throw new Error('response has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const frames: SseFrame[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return frames;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      frames.push(frame);
      if (stop(frame)) {
        await reader.cancel();
        return frames;
      }
    }
  }
}

/** The events carried by `frames`, parsed from their `data` lines. */
export function eventsOf(
  frames: SseFrame[],
): Array<{ seq: number; type: string; data: Record<string, unknown> }> {
  return frames.filter((f) => f.data !== undefined).map((f) => JSON.parse(f.data ?? '') as never);
}

/**
 * GET with the path sent exactly as given. `fetch` normalises `..` and some escapes away, so
 * traversal attempts have to go through `node:http`.
 */
export function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts a simulated run and returns its id. */
export async function startRun(base: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(new URL('/api/runs', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /api/runs: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}
