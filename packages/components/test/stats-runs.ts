/**
 * Runs whose results repeat per key, to show and test `<result-stats>` with: an eval sweep with
 * per-item confidence, correctness, model and item, a run with many keys, mixed types, and a live
 * source. Seeded: the same call gives the same events.
 */
import { Observable } from 'rxjs';
import type { RawEvent } from './runs.ts';
import { random } from './log-runs.ts';

export { random } from './log-runs.ts';

/** A standard normal draw from `rand` (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Builds the events of one run, results appended with consecutive seqs. */
export class StatsRun {
  readonly events: RawEvent[] = [];
  private seq = 0;

  constructor(
    readonly run = 'sweep-3',
    private time = Date.now() - 10 * 60_000,
  ) {
    this.add('run', { instance: 'eval-sweep', name: 'eval sweep' });
    this.add('status', { status: 'running' });
  }

  add(type: string, data: Record<string, unknown>): this {
    this.time += 20;
    this.events.push({ v: 1, run: this.run, seq: this.seq++, time: this.time, type, data });
    return this;
  }

  result(key: string, value: unknown): this {
    return this.add('result', { key, value });
  }
}

const MODELS = ['gpt-4o', 'claude-3.5', 'llama-3-70b', 'mistral-large', 'qwen-2', 'gemma-2'];

/** One eval item's results: confidence (number), correct (boolean), model (string), item. */
export function sweepItem(run: StatsRun, i: number, rand: () => number): void {
  const model = MODELS[Math.min(MODELS.length - 1, Math.floor(-Math.log(1 - rand()) * 1.6))]!;
  const confidence = Math.min(1, Math.max(0, 0.72 + 0.15 * gaussian(rand)()));
  run.result('confidence', +confidence.toFixed(4));
  run.result('correct', rand() < confidence * 0.95);
  run.result('model', model);
  run.result('latency_ms', Math.round(Math.exp(5.5 + 0.6 * gaussian(rand)())));
  if (i % 25 === 0) {
    run.result('item', { id: `q-${i}`, prompt: `Question ${i}`, tokens: [12, 40 + (i % 7)] });
  }
}

/** An eval sweep: `items` items of per-item results, plus repeated runs' accuracy. */
export function evalSweep(items = 400, seed = 1): RawEvent[] {
  const rand = random(seed);
  const run = new StatsRun();
  for (let i = 0; i < items; i++) {
    sweepItem(run, i, rand);
    if (i % 40 === 39) run.result('repeat_accuracy', +(0.78 + 0.03 * gaussian(rand)()).toFixed(4));
  }
  return run.events;
}

/** `keys` numeric keys (metrics of layers, heads, tasks), each repeated `perKey` times. */
export function manyKeys(keys = 60, perKey = 30, seed = 2): RawEvent[] {
  const rand = random(seed);
  const z = gaussian(rand);
  const run = new StatsRun('many-keys');
  for (let r = 0; r < perKey; r++) {
    for (let k = 0; k < keys; k++) {
      const name = `${['loss', 'grad_norm', 'acc'][k % 3]}/layer_${String(k).padStart(2, '0')}`;
      run.result(name, +(1 + k / 10 + 0.2 * z() - r / perKey).toFixed(4));
    }
  }
  return run.events;
}

/**
 * An agent benchmark's timings: tool-call latency and output tokens are log-normal (most calls
 * fast, a few minutes long), so their histograms are binned by ratio; steps stay linear.
 */
export function agentTimings(items = 600, seed = 5): RawEvent[] {
  const rand = random(seed);
  const z = gaussian(rand);
  const run = new StatsRun('agent-timings');
  for (let i = 0; i < items; i++) {
    run.result('tool_latency_ms', +Math.exp(5 + 1.9 * z()).toFixed(1));
    run.result('output_tokens', Math.max(1, Math.round(Math.exp(5.2 + 1.3 * z()))));
    run.result('steps', 3 + Math.floor(rand() * 12));
    run.result('solved', rand() < 0.42);
  }
  return run.events;
}

/** Keys whose values change kind: honest counts, not a guess. */
export function mixedTypes(seed = 3): RawEvent[] {
  const rand = random(seed);
  const run = new StatsRun('mixed');
  for (let i = 0; i < 120; i++) run.result('score', +(rand() * 10).toFixed(2));
  for (const v of ['n/a', 'timeout', 'n/a']) run.result('score', v);
  run.result('score', null);
  for (let i = 0; i < 30; i++) run.result('flag', i % 3 === 0 ? 'yes' : i % 2 === 0);
  for (let i = 0; i < 10; i++) run.result('payload', i % 2 ? [i, i * 2] : { step: i });
  run.result('payload', 'truncated');
  run.result('nothing', null);
  run.result('unit', 'tokens');
  return run.events;
}

/** The eval sweep as it happens: `perTick` items every `ms`, without end. */
export function liveSweep(perTick = 4, ms = 100, seed = 4): Observable<RawEvent> {
  return new Observable((subscriber) => {
    const rand = random(seed);
    const run = new StatsRun('live-sweep', Date.now());
    let sent = 0;
    let item = 0;
    const flush = () => {
      for (; sent < run.events.length; sent++) subscriber.next(run.events[sent]!);
    };
    flush();
    const timer = setInterval(() => {
      for (let k = 0; k < perTick; k++) sweepItem(run, item++, rand);
      flush();
    }, ms);
    return () => clearInterval(timer);
  });
}
