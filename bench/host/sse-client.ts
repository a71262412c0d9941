/**
 * One Server-Sent Events client of a run, as a browser tab would be: a plain `node:http` GET
 * whose frames are parsed here. It keeps, per event, the stored seq (the frame's `id:`) and,
 * for events carrying `data.meta.sentAt`, the delivery latency: receipt time − sentAt, both
 * read on `performance.timeOrigin + performance.now()` of this process (the producer's clock).
 */
import { request } from 'node:http';
import type { Agent } from 'node:http';

export class SseClient {
  /** Stored seqs of the events received, in arrival order. */
  readonly seqs: number[] = [];
  /** Delivery latencies (ms) of the events that carried a send time, in arrival order. */
  readonly latencies: number[] = [];
  /** Resolves when the first event has arrived: the client is subscribed to the live tail. */
  readonly connected: Promise<void>;
  /** Resolves when the server ends the stream (after a run's final status). */
  readonly ended: Promise<void>;
  private buffer = '';
  /** Chunks received and not yet parsed, with their receipt time. */
  private readonly arrived: { chunk: string; at: number }[] = [];

  constructor(url: string, agent: Agent) {
    let onFirst!: () => void;
    this.connected = new Promise((resolve) => (onFirst = resolve));
    this.ended = new Promise((resolve, reject) => {
      const req = request(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.arrived.push({ chunk, at: performance.timeOrigin + performance.now() });
          if (this.arrived.length > 1) return;
          // Parsed after the poll phase: every client's chunk of a broadcast is stamped before
          // any is parsed, so one client's parsing does not count as another's latency.
          setImmediate(() => {
            try {
              for (const { chunk, at } of this.arrived.splice(0)) this.receive(chunk, at);
            } catch (error) {
              req.destroy();
              reject(error as Error);
            }
            if (this.seqs.length > 0) onFirst();
          });
        });
        res.on('end', () => setImmediate(resolve));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Parses the complete frames in `chunk` (and what was left of the last one). */
  private receive(chunk: string, now: number): void {
    const text = this.buffer + chunk;
    let start = 0;
    let end: number;
    while ((end = text.indexOf('\n\n', start)) !== -1) {
      this.frame(text.slice(start, end), now);
      start = end + 2;
    }
    this.buffer = text.slice(start);
  }

  private frame(block: string, now: number): void {
    let id: string | undefined;
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    // `retry:` and keep-alive comments carry no event.
    if (data === undefined) return;
    const event = JSON.parse(data) as { seq: number; data: { meta?: { sentAt?: number } } };
    if (id !== String(event.seq)) throw new Error(`frame id ${id} but event seq ${event.seq}`);
    this.seqs.push(event.seq);
    const sentAt = event.data.meta?.sentAt;
    if (sentAt !== undefined) this.latencies.push(now - sentAt);
  }
}
