/**
 * Ingest throughput: producers POST NDJSON batches of log events, each request waiting for its
 * answer as a real emitter's does, to a fresh host (one external run per producer) and, in the
 * same round, the same bytes to the baseline server. Rounds alternate the two so machine noise
 * hits both.
 */
import { ingest, ndjsonBatches, openExternalRun, producerAgent } from './http.ts';
import type { MemoryFigures } from './child.ts';
import { startHost, startServer } from './processes.ts';
import type { ServerProcess } from './processes.ts';

/** What one ingest scenario is: `events` in total, split evenly over `producers`. */
export interface IngestParams {
  events: number;
  batch: number;
  producers: number;
  rounds: number;
  /** Batches each producer sends before the clock starts (JIT, connection set-up). */
  warmupBatches: number;
}

/** One server's throughput in a scenario: its median round, and every round's time. */
export interface Throughput {
  ms_median: number;
  events_per_s: number;
  mb_per_s: number;
  ms_rounds: number[];
}

/** A scenario's figures; ratios are baseline time / host time (1 = as fast as the baseline). */
export interface IngestFigures {
  producers: number;
  host: Throughput & { memory_after: MemoryFigures };
  baseline: Throughput;
  ratio_vs_baseline: number;
  /** The host without a data directory: what making each batch durable costs. */
  host_in_memory?: Throughput;
  in_memory_ratio_vs_baseline?: number;
}

/** One timed pass: wall time from the first request to the last answer. */
interface Pass {
  ms: number;
  bytes: number;
}

/** Every producer sends its bodies in order, each waiting for the answer; returns the time. */
async function drive(urls: string[], bodies: string[][]): Promise<number> {
  const agents = urls.map(() => producerAgent());
  const t0 = performance.now();
  const answers = await Promise.all(
    urls.map(async (url, p) => {
      let accepted = 0;
      for (const body of bodies[p]!)
        accepted += (await ingest(agents[p]!, url, body, lineCount(body))).accepted;
      return accepted;
    }),
  );
  const ms = performance.now() - t0;
  for (const agent of agents) agent.destroy();
  const expected = bodies.reduce((n, b) => n + b.reduce((m, body) => m + lineCount(body), 0), 0);
  const accepted = answers.reduce((a, b) => a + b, 0);
  if (accepted !== expected) throw new Error(`accepted ${accepted} of ${expected} events`);
  return ms;
}

const lineCount = (body: string): number => {
  let n = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  return n;
};

function bodiesFor(
  runs: string[],
  params: IngestParams,
): { warmup: string[][]; timed: string[][] } {
  const each = params.events / params.producers;
  const warm = params.warmupBatches * params.batch;
  return {
    warmup: runs.map((run) => ndjsonBatches(run, 0, warm, params.batch)),
    timed: runs.map((run) => ndjsonBatches(run, warm, each, params.batch)),
  };
}

const bytesOf = (bodies: string[][]) =>
  bodies.reduce((n, b) => n + b.reduce((m, body) => m + Buffer.byteLength(body), 0), 0);

/** One pass against a fresh host; also its memory once it holds the events. */
async function hostPass(
  params: IngestParams,
  persist: boolean,
): Promise<Pass & { memory: MemoryFigures }> {
  const host = await startHost(persist);
  try {
    const agent = producerAgent();
    const runs = [];
    for (let p = 0; p < params.producers; p++) runs.push(await openExternalRun(agent, host.url));
    agent.destroy();
    const { warmup, timed } = bodiesFor(
      runs.map((r) => r.id),
      params,
    );
    const urls = runs.map((r) => r.ingest);
    await drive(urls, warmup);
    const ms = await drive(urls, timed);
    return { ms, bytes: bytesOf(timed), memory: await host.memory() };
  } finally {
    await host.stop();
  }
}

/** One pass against the baseline server, with bodies of the same size (same-length run ids). */
async function baselinePass(baseline: ServerProcess, params: IngestParams): Promise<Pass> {
  const runs = Array.from(
    { length: params.producers },
    (_, p) => `ext-${String(p).padStart(12, '0')}`,
  );
  const { warmup, timed } = bodiesFor(runs, params);
  const urls = runs.map((run) => new URL(`/api/runs/${run}/events`, baseline.url).href);
  await drive(urls, warmup);
  return { ms: await drive(urls, timed), bytes: bytesOf(timed) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function throughput(events: number, bytes: number, rounds: number[]): Throughput {
  const ms = median(rounds);
  return {
    ms_median: +ms.toFixed(1),
    events_per_s: Math.round(events / (ms / 1000)),
    mb_per_s: +(bytes / 1e6 / (ms / 1000)).toFixed(1),
    ms_rounds: rounds.map((x) => +x.toFixed(1)),
  };
}

/**
 * Runs the rounds (baseline, then a fresh persistent host, then, with `inMemory`, a fresh host
 * without a data directory) and returns the scenario's figures: medians over rounds.
 */
export async function measureIngest(
  params: IngestParams,
  inMemory = false,
): Promise<IngestFigures> {
  const baseline = await startServer('./baseline-server.ts');
  const ms = { host: [] as number[], baseline: [] as number[], memoryOnly: [] as number[] };
  let bytes = 0;
  let memory: MemoryFigures = { rss: 0, heapUsed: 0 };
  try {
    for (let r = 0; r < params.rounds; r++) {
      ms.baseline.push((await baselinePass(baseline, params)).ms);
      const pass = await hostPass(params, true);
      ms.host.push(pass.ms);
      [bytes, memory] = [pass.bytes, pass.memory];
      if (inMemory) ms.memoryOnly.push((await hostPass(params, false)).ms);
    }
  } finally {
    await baseline.stop();
  }
  const ratio = (a: number[]) => +(median(ms.baseline) / median(a)).toFixed(3);
  return {
    producers: params.producers,
    host: { ...throughput(params.events, bytes, ms.host), memory_after: memory },
    baseline: throughput(params.events, bytes, ms.baseline),
    ratio_vs_baseline: ratio(ms.host),
    ...(inMemory && {
      host_in_memory: throughput(params.events, bytes, ms.memoryOnly),
      in_memory_ratio_vs_baseline: ratio(ms.memoryOnly),
    }),
  };
}
