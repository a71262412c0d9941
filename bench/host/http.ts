/**
 * The producer's side of the wire: plain `node:http` requests over a keep-alive agent, as an
 * emitter library would make them, and the NDJSON bodies it sends.
 */
import { Agent, request } from 'node:http';

/** The host's answer to an ingest request. */
export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  lastSeq: number | null;
  live: boolean;
}

/** One keep-alive connection: a producer's requests wait for each other, as a real emitter's do. */
export const producerAgent = () => new Agent({ keepAlive: true, maxSockets: 1 });

/** Sends `body` to `url` with `method`; resolves the status and the parsed JSON answer. */
export function send<T>(
  agent: Agent,
  method: string,
  url: string,
  body: string,
  contentType: string,
): Promise<{ status: number; json: T }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as T });
          } catch {
            reject(new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs one NDJSON batch; throws unless every line of it was accepted. */
export async function ingest(
  agent: Agent,
  url: string,
  body: string,
  lines: number,
): Promise<IngestAnswer> {
  const { status, json } = await send<IngestAnswer>(
    agent,
    'POST',
    url,
    body,
    'application/x-ndjson',
  );
  if (status !== 200 || json.accepted !== lines || json.duplicates || json.rejected.length) {
    throw new Error(
      `${url}: ${status}, ${lines} lines sent: ${JSON.stringify(json).slice(0, 300)}`,
    );
  }
  return json;
}

/** Opens an external run on the host at `base`; resolves its id and ingest URL. */
export async function openExternalRun(
  agent: Agent,
  base: string,
): Promise<{ id: string; ingest: string }> {
  const { status, json } = await send<{ id: string; ingest: string }>(
    agent,
    'POST',
    new URL('/api/runs', base).href,
    JSON.stringify({ external: true }),
    'application/json',
  );
  if (status !== 201) throw new Error(`POST /api/runs: ${status} ${JSON.stringify(json)}`);
  return { id: json.id, ingest: new URL(json.ingest, base).href };
}

const LEVELS = ['info', 'info', 'info', 'info', 'debug', 'warn'];

/**
 * One log line as a training loop writes it, 150–250 bytes as JSON. `meta` (e.g. the producer's
 * send time) is added to `data` when given.
 */
export function logEvent(run: string, seq: number, meta?: Record<string, unknown>): string {
  const step = seq * 7;
  const loss = (2.5 / (1 + seq / 5000) + (seq % 13) / 1000).toFixed(4);
  let message = `step ${step}: loss=${loss} lr=3.0e-4 grad_norm=${((seq % 97) / 31).toFixed(3)}`;
  if (seq % 3 === 0) message += ` tokens/s=${12_000 + (seq % 4_000)} mem=${(seq % 80) / 2 + 20}GiB`;
  const data = { level: LEVELS[seq % LEVELS.length], message, logger: 'bench', meta };
  return JSON.stringify({ v: 1, run, seq, time: 1_767_225_600_000 + seq * 10, type: 'log', data });
}

/** `count` log events of `run` from producer seq `from`, as NDJSON batches of `batch` lines. */
export function ndjsonBatches(run: string, from: number, count: number, batch: number): string[] {
  const out: string[] = [];
  for (let start = from; start < from + count; start += batch) {
    const end = Math.min(start + batch, from + count);
    let body = '';
    for (let seq = start; seq < end; seq++) body += `${logEvent(run, seq)}\n`;
    out.push(body);
  }
  return out;
}

/** The final event that ends a run (and its streams). */
export const completedEvent = (run: string, seq: number): string =>
  `${JSON.stringify({ v: 1, run, seq, time: Date.now(), type: 'status', data: { status: 'completed' } })}\n`;
