/**
 * `npm run bench -- host`: the demo host under load, in its own process (its memory is its
 * own), with persistence on as a user runs it, over loopback:
 *
 * - ingest throughput: one producer POSTing NDJSON batches of log events to an external run,
 *   each request waiting for its answer as an emitter's does; then four producers on four runs.
 *   The baseline, measured in the same rounds: the same bytes POSTed to a bare `node:http`
 *   server that only JSON.parses each line (the transport + parse ceiling). For one producer,
 *   once more with the host in memory only, to show what making each batch durable costs;
 * - fan-out: 100 SSE clients of one live run fed at a steady rate; the delivery latency of
 *   every (client, event) pair, against a 1-client pass at the same rate; the host's memory
 *   idle, with the clients connected and at the end, beside the memory floor (the same
 *   runtime serving a bare `node:http` server).
 *
 * Every event must arrive (accepted counts; each client gets every event once, in seq order),
 * or the benchmark fails. Set BENCH_QUICK=1 for a short smoke run (smaller counts), and
 * BENCH_CPU_PROF=<dir> for CPU profiles of the server processes.
 */
import { measureFanOut } from './host/fanout.ts';
import type { FanOutFigures, FanOutParams } from './host/fanout.ts';
import { measureIngest } from './host/ingest.ts';
import type { IngestFigures, IngestParams, Throughput } from './host/ingest.ts';
import type { MemoryFigures } from './host/child.ts';
import { startServer } from './host/processes.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const INGEST: Omit<IngestParams, 'producers'> = {
  events: QUICK ? 20_000 : 200_000,
  batch: 1_000,
  rounds: QUICK ? 1 : 3,
  warmupBatches: 10,
};
const FANOUT: Omit<FanOutParams, 'clients'> = { rate: 1_000, batch: 50, seconds: QUICK ? 2 : 10 };
const CLIENTS = 100;

const rate = (t: Throughput | undefined) =>
  t ? `${t.events_per_s.toLocaleString('en')} ev/s (${t.mb_per_s} MB/s)` : '-';
const memory = ({ rss, heapUsed }: MemoryFigures) =>
  `${(rss / 2 ** 20).toFixed(0)} MiB rss / ${(heapUsed / 2 ** 20).toFixed(0)} MiB heap`;

function printIngest(name: string, f: IngestFigures): void {
  console.log(`ingest, ${name}: host ${rate(f.host)}, baseline ${rate(f.baseline)}`);
  const inMemory = f.host_in_memory ? `; host in memory only ${rate(f.host_in_memory)}` : '';
  console.log(`  ratio ${f.ratio_vs_baseline}${inMemory}`);
}

function printFanOut(name: string, f: FanOutFigures): void {
  const { p50, p95, p99, max } = f.latency_ms;
  console.log(`fan-out, ${name}: latency p50 ${p50} p95 ${p95} p99 ${p99} max ${max} ms`);
  const { idle, connected, end } = f.host_memory;
  console.log(`  host ${memory(idle)} idle, ${memory(connected)} connected, ${memory(end)} at end`);
}

/**
 * The memory of a process started as the host is (node, tsx, the same flags) serving a bare
 * `node:http` server: the part of the host's figures that is not the host's doing.
 */
async function memoryFloor(): Promise<MemoryFigures> {
  const server = await startServer('./baseline-server.ts');
  try {
    return await server.memory();
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const floor = await memoryFloor();
  console.log(`memory floor (node + tsx, bare node:http server): ${memory(floor)}`);
  const ingest1 = await measureIngest({ ...INGEST, producers: 1 }, true);
  printIngest('1 producer', ingest1);
  const ingest4 = await measureIngest({ ...INGEST, producers: 4 });
  printIngest('4 producers', ingest4);
  const many = await measureFanOut({ ...FANOUT, clients: CLIENTS });
  printFanOut(`${CLIENTS} clients`, many);
  const one = await measureFanOut({ ...FANOUT, clients: 1 });
  printFanOut('1 client', one);
  const ratio = (q: 'p50' | 'p95') => +(many.latency_ms[q] / one.latency_ms[q]).toFixed(2);
  return {
    parameters: { quick: QUICK, ingest: INGEST, fanout: { ...FANOUT, clients: CLIENTS } },
    memory_floor: floor,
    ingest_1_producer: ingest1,
    ingest_4_producers: ingest4,
    [`fanout_${CLIENTS}_clients`]: many,
    fanout_1_client: one,
    [`latency_ratio_${CLIENTS}_vs_1_client`]: { p50: ratio('p50'), p95: ratio('p95') },
  };
}
