/**
 * Fan-out: `clients` SSE clients of one live external run on a fresh host; once every one has
 * its first event, a producer ingests log events at a steady `rate` (a batch every
 * batch/rate s, each request waiting for its answer), every event carrying its send time in
 * `data.meta.sentAt`. Delivery latency is taken over every (client, event) pair.
 */
import { Agent } from 'node:http';
import type { MemoryFigures } from './child.ts';
import { completedEvent, ingest, logEvent, openExternalRun, producerAgent } from './http.ts';
import { startHost } from './processes.ts';
import { SseClient } from './sse-client.ts';

export interface FanOutParams {
  clients: number;
  /** Events per second the producer sends. */
  rate: number;
  /** Events per request. */
  batch: number;
  seconds: number;
}

/** Percentiles of a sample, in ms. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** One pass's figures. */
export interface FanOutFigures {
  clients: number;
  events: number;
  achieved_events_per_s: number;
  /** (client, event) pairs timed: clients × events. */
  deliveries: number;
  /** Receipt by a client − the producer's send time, over every delivery. */
  latency_ms: Percentiles;
  /** The producer's requests: sent → answered (the events durable and broadcast). */
  ingest_round_trip_ms: Percentiles;
  /** The host's, after a full GC: idle, with every client connected, after the run ended. */
  host_memory: Record<'idle' | 'connected' | 'end', MemoryFigures>;
}

/** Percentiles of a sorted sample. */
function percentiles(sorted: Float64Array): Percentiles {
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => +x.toFixed(2);
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `promise`, or a rejection saying `what` when it takes over `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `total` events at the steady rate; returns each request's round trip (ms). */
async function produce(url: string, run: string, params: FanOutParams, total: number) {
  const agent = producerAgent();
  const interval = (params.batch / params.rate) * 1000;
  const roundTrips: number[] = [];
  const t0 = performance.now();
  for (let k = 0, seq = 1; seq <= total; k++) {
    await sleep(t0 + k * interval - performance.now());
    const sentAt = performance.timeOrigin + performance.now();
    let body = '';
    const end = Math.min(seq + params.batch, total + 1);
    for (; seq < end; seq++) body += `${logEvent(run, seq, { sentAt })}\n`;
    const started = performance.now();
    await ingest(agent, url, body, body.split('\n').length - 1);
    roundTrips.push(performance.now() - started);
  }
  const seconds = (performance.now() - t0) / 1000;
  await ingest(agent, url, completedEvent(run, total + 1), 1);
  agent.destroy();
  return { roundTrips, seconds };
}

/** Fails loudly unless every client got events 0..last exactly once, in order, then the end. */
function check(clients: SseClient[], last: number, total: number): void {
  for (const [n, client] of clients.entries()) {
    const { seqs, latencies } = client;
    const ok = seqs.length === last + 1 && seqs.every((seq, i) => seq === i);
    if (!ok || latencies.length !== total) {
      const firstBad = seqs.findIndex((seq, i) => seq !== i);
      throw new Error(
        `client ${n}: ${seqs.length} events (want ${last + 1}), ${latencies.length} timed ` +
          `(want ${total}), first out of place at index ${firstBad}`,
      );
    }
  }
}

/** Runs one fan-out pass and returns its figures. */
export async function measureFanOut(params: FanOutParams): Promise<FanOutFigures> {
  const total = params.rate * params.seconds;
  const host = await startHost();
  const agent = producerAgent();
  const sseAgent = new Agent({ keepAlive: true });
  try {
    const idle = await host.memory();
    const run = await openExternalRun(agent, host.url);
    // The first event: a client that has it is subscribed to the live tail.
    await ingest(agent, run.ingest, `${logEvent(run.id, 0)}\n`, 1);
    const clients = Array.from(
      { length: params.clients },
      () => new SseClient(run.ingest, sseAgent),
    );
    const ended = Promise.all(clients.map((c) => c.ended));
    ended.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
    const connected = Promise.all(clients.map((c) => c.connected));
    await within(Promise.race([connected, ended]), 30_000, 'the clients did not all connect');
    const connectedMemory = await host.memory();
    const { roundTrips, seconds } = await produce(run.ingest, run.id, params, total);
    await within(ended, 30_000, 'the streams did not end after the final status');
    const end = await host.memory();
    check(clients, total + 1, total);
    const all = new Float64Array(params.clients * total);
    clients.forEach((c, n) => all.set(c.latencies, n * total));
    all.sort();
    const trips = Float64Array.from(roundTrips).sort();
    return {
      clients: params.clients,
      events: total,
      achieved_events_per_s: Math.round(total / seconds),
      deliveries: all.length,
      latency_ms: percentiles(all),
      ingest_round_trip_ms: percentiles(trips),
      host_memory: { idle, connected: connectedMemory, end },
    };
  } finally {
    agent.destroy();
    sseAgent.destroy();
    await host.stop();
  }
}
