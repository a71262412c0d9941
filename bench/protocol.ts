/**
 * Protocol throughput: 1,000,000 generated events of a realistic mix, as NDJSON text in 64 KiB
 * chunks → split → parse → validate → order → run state, against `JSON.parse` alone on the same
 * lines in the same process. Rounds alternate between the two so machine noise hits both.
 */
import { NdjsonDecoder, RunState } from '@athanor/protocol';
import { generateEvents } from './event-mix.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = 5;
const CHUNK = 64 * 1024;

function chunk(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

/** What a pipeline round leaves: its time and the figures checked afterwards (not the state). */
interface Round {
  ms: number;
  events: number;
  invalid: number;
  gaps: number;
  status: string;
  logEntries: number;
  resultKeys: number;
}

function pipeline(chunks: string[]): Round {
  const t0 = performance.now();
  const state = new RunState();
  const decoder = new NdjsonDecoder((item) => state.apply(item));
  for (const c of chunks) decoder.push(c);
  decoder.end();
  const ms = performance.now() - t0;
  const { events, invalid, gaps } = state.counts;
  const [status, logEntries, resultKeys] = [state.status, state.logs.length, state.results.size];
  return { ms, events, invalid, gaps, status, logEntries, resultKeys };
}

function jsonParseOnly(lines: string[]): number {
  const t0 = performance.now();
  let sink = 0;
  for (const l of lines) sink += (JSON.parse(l) as { seq: number }).seq;
  const ms = performance.now() - t0;
  if (sink < 0) console.log(sink); // keep the work observable
  return ms;
}

/**
 * Each round starts from the same heap: the previous round's state is dropped and, when Node runs
 * with --expose-gc (as `npm run bench` does), collected, so no round pays for another's garbage.
 */
const settle = () => (globalThis as { gc?: () => void }).gc?.();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function run(): Record<string, unknown> {
  const lines = generateEvents(EVENTS);
  const chunks = chunk(lines.join('\n') + '\n');
  const pipelineMs: number[] = [];
  const parseMs: number[] = [];
  let last: Round | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    settle();
    parseMs.push(jsonParseOnly(lines));
    settle();
    last = pipeline(chunks);
    pipelineMs.push(last.ms);
  }
  const s = last!;
  if (s.events !== EVENTS || s.invalid || s.gaps || s.status !== 'completed') {
    throw new Error(`pipeline lost events: ${JSON.stringify(s)}`);
  }
  const p = median(pipelineMs);
  const j = median(parseMs);
  return {
    events: EVENTS,
    bytes: chunks.reduce((n, c) => n + c.length, 0),
    rounds: ROUNDS,
    pipeline_ms_median: +p.toFixed(1),
    json_parse_ms_median: +j.toFixed(1),
    events_per_s: Math.round(EVENTS / (p / 1000)),
    json_parse_events_per_s: Math.round(EVENTS / (j / 1000)),
    ratio_vs_json_parse: +(p / j).toFixed(3),
    goal: { events_per_s: 500_000, ratio_vs_json_parse: 2.0 },
    log_entries: s.logEntries,
    result_keys: s.resultKeys,
  };
}
