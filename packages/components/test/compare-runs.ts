/**
 * Recorded runs to compare, for `<run-compare>` stories and tests: repeated runs of one config
 * with seed noise, a learning-rate × batch-size sweep, a live run, many keys, mixed types and a
 * wide comparison. Deterministic: the same arguments give the same events.
 */
import { random } from './log-runs.ts';
import { RunBuilder, type RawEvent } from './runs.ts';

const MINUTE = 60_000;

/** A recorded run: its id and events. */
export interface RecordedRun {
  readonly id: string;
  readonly events: RawEvent[];
}

/** Centred noise in [-0.5, 0.5), the same on every run of a story or test. */
export function noise(seed: number): () => number {
  const rand = random(seed);
  return () => rand() - 0.5;
}

interface TrainOptions {
  readonly id: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly start: number;
  readonly seed: number;
  /** Loss the curve settles at. */
  readonly floor: number;
  readonly steps?: number;
  readonly status?: 'completed' | 'failed' | 'running';
}

/** A fine-tune: a loss series, a final accuracy, a structured eval report, logs. */
function train(o: TrainOptions): RunBuilder {
  const rand = noise(o.seed);
  const steps = o.steps ?? 60;
  const run = new RunBuilder(o.id, o.start);
  run.add('run', { instance: 'ft-llama', name: o.name, config: o.config });
  run.status('running', 500);
  run.log('info', 'loaded 12,000 examples', 800);
  for (let step = 1; step <= steps; step++) {
    const loss = o.floor + 2.2 / (1 + step / 8) + rand() * 0.04;
    run.add('result', { key: 'train/loss', value: Number(loss.toFixed(4)) }, 20_000);
    if (step % 20 === 0) run.log('info', `step ${step} loss=${loss.toFixed(3)}`);
    if (rand() > 0.46) run.log('warn', `grad norm ${(9 + rand() * 4).toFixed(1)} clipped`);
  }
  if (o.status === 'running') return run;
  if (o.status === 'failed') {
    run.log('error', `loss is NaN at step ${steps + 1}`, 10);
    return run.status('failed', 10, { message: 'training diverged: loss is NaN' });
  }
  const accuracy = Number((0.93 - o.floor * 0.3 + rand() * 0.01).toFixed(4));
  run.add('result', { key: 'eval/accuracy', value: accuracy }, 5000);
  run.add('result', { key: 'eval/report', value: report(accuracy, rand) }, 10);
  run.add('result', { key: 'converged', value: o.floor < 0.5 }, 10);
  return run.status('completed', 1000);
}

function report(accuracy: number, rand: () => number) {
  const cls = (base: number) => Number((base + rand() * 0.02).toFixed(3));
  return {
    accuracy,
    per_class: { cat: cls(accuracy), dog: cls(accuracy - 0.02), bird: cls(accuracy - 0.05) },
    confusion: [
      [50, 2, 1],
      [3, 47, 2],
      [1, 4, 44],
    ],
    checkpoint: 'ckpt/step-60',
  };
}

const BASE_CONFIG = {
  model: 'llama-3-8b',
  optimizer: { name: 'adamw', lr: 3e-4, betas: [0.9, 0.95], weight_decay: 0.01 },
  batch_size: 32,
  scheduler: { kind: 'cosine', warmup_steps: 100 },
  data: { train: 's3://lab/ft/train.jsonl', eval: 's3://lab/ft/eval.jsonl' },
};

/** `count` runs of one config, differing only in their seed (and so in noise). */
export function repeatedRuns(count = 4, now = Date.now()): RecordedRun[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `rep-${i + 1}`;
    const run = train({
      id,
      name: `llama ft · seed ${i + 1}`,
      config: { ...BASE_CONFIG, seed: i + 1 },
      start: now - (count - i) * 30 * MINUTE,
      seed: 100 + i,
      floor: 0.31,
    });
    return { id, events: run.events };
  });
}

/** Learning rate × batch size: six runs; the largest rate with the small batch diverges. */
export function sweepRuns(now = Date.now()): RecordedRun[] {
  const runs: RecordedRun[] = [];
  let i = 0;
  for (const lr of [1e-4, 3e-4, 1e-3])
    for (const batch of [16, 64]) {
      const id = `sweep-lr${lr}-b${batch}`;
      const diverges = lr === 1e-3 && batch === 16;
      const run = train({
        id,
        name: `lr=${lr} batch=${batch}`,
        config: { ...BASE_CONFIG, optimizer: { ...BASE_CONFIG.optimizer, lr }, batch_size: batch },
        start: now - (8 - i) * 25 * MINUTE,
        seed: 7 + i,
        floor: 0.6 - Math.log10(lr / 1e-4) * 0.15 + (batch === 64 ? 0.05 : 0),
        status: diverges ? 'failed' : 'completed',
      });
      runs.push({ id, events: run.events });
      i++;
    }
  return runs;
}

/**
 * A live comparison: two finished runs, and a third that started `liveFor` ms ago and has
 * `steps` loss values so far (`liveTail` gives the events that continue it).
 */
export function liveRuns(now = Date.now(), liveFor = 3 * MINUTE, steps = 10): RecordedRun[] {
  const done = repeatedRuns(2, now - 2 * 60 * MINUTE);
  const live = train({
    id: 'live-1',
    name: 'llama ft · live',
    config: { ...BASE_CONFIG, seed: 3, scheduler: { kind: 'linear', warmup_steps: 100 } },
    start: now - liveFor,
    seed: 300,
    floor: 0.31,
    steps,
    status: 'running',
  });
  return [...done, { id: 'live-1', events: live.events }];
}

/** Events that continue a live run of `liveRuns` from `seq`, one loss value each, then completion. */
export function liveTail(seq: number, start: number, steps: number, complete = true): RawEvent[] {
  const events: RawEvent[] = [];
  const rand = noise(999);
  for (let i = 0; i < steps; i++) {
    events.push({
      v: 1,
      run: 'live-1',
      seq: seq + i,
      time: start + i * 1000,
      type: 'result',
      data: { key: 'train/loss', value: Number((0.4 + rand() * 0.05).toFixed(4)) },
    });
  }
  if (complete)
    events.push({
      v: 1,
      run: 'live-1',
      seq: seq + steps,
      time: start + steps * 1000,
      type: 'status',
      data: { status: 'completed' },
    });
  return events;
}

/** `runs` runs with `keys` scalar result keys each, a few of them differing between runs. */
export function manyKeyRuns(runs = 3, keys = 50, now = Date.now()): RecordedRun[] {
  return Array.from({ length: runs }, (_, r) => {
    const id = `keys-${r + 1}`;
    const rand = noise(40 + r);
    const run = new RunBuilder(id, now - 20 * MINUTE);
    run.add('run', {
      instance: 'bench',
      name: `eval suite · ${r + 1}`,
      config: { suite: 'v2', shard: r },
    });
    run.status('running', 100);
    for (let k = 0; k < keys; k++) {
      const value = k % 5 === 0 ? Number((0.5 + k / 200 + rand() * 0.1).toFixed(4)) : 0.5 + k / 200;
      run.add('result', { key: `task_${String(k).padStart(2, '0')}/score`, value }, 1000);
    }
    run.status('completed', 1000);
    return { id, events: run.events };
  });
}

/** Results of every kind: numbers, booleans, strings, null, objects, arrays, mixed series. */
export function mixedRuns(now = Date.now()): RecordedRun[] {
  const make = (id: string, variant: number) => {
    const run = new RunBuilder(id, now - 40 * MINUTE + variant * 5 * MINUTE);
    run.add('run', {
      instance: 'agent-bench',
      name: `agent · variant ${variant + 1}`,
      config: {
        agent: variant === 2 ? 'react' : 'plan-act',
        tools: ['search', 'python'],
        max_turns: 12,
      },
    });
    run.status('running', 100);
    const put = (key: string, value: unknown) => run.add('result', { key, value }, 500);
    put('success', variant !== 1);
    put('final_answer', variant === 0 ? 'Paris' : variant === 1 ? 'Lyon' : 'Paris');
    put('tokens', 1200 + variant * 340);
    put('judge', null);
    put('trace', {
      turns: 3 + variant,
      tools: variant === 2 ? ['search'] : ['search', 'python'],
      scores: { relevance: 0.8 + variant * 0.05, safety: 1 },
      ...(variant === 1 ? { error: 'timeout in python tool' } : {}),
    });
    put(
      'steps',
      Array.from({ length: 3 + variant }, (_, i) => ({
        tool: i % 2 ? 'python' : 'search',
        ok: true,
      })),
    );
    // A series of mostly numbers with a string among them, and one of booleans.
    for (let i = 0; i < 8; i++)
      put('reward', i === 5 ? 'skipped' : Number((i * 0.1 + variant * 0.03).toFixed(3)));
    for (let i = 0; i < 6; i++) put('tool_ok', (i + variant) % 3 !== 0);
    // A key whose kind differs between runs.
    put('score', variant === 2 ? { value: 0.7, ci: [0.6, 0.8] } : 0.7 + variant * 0.01);
    return run.status(
      variant === 1 ? 'failed' : 'completed',
      500,
      variant === 1 ? { message: 'tool timeout' } : undefined,
    ).events;
  };
  return [0, 1, 2].map((v) => ({ id: `mixed-${v + 1}`, events: make(`mixed-${v + 1}`, v) }));
}

/** `count` runs of a sweep for a wide comparison (the first 4 repeats, then sweep-like variety). */
export function wideRuns(count = 20, now = Date.now()): RecordedRun[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `wide-${String(i + 1).padStart(2, '0')}`;
    const lr = [1e-4, 2e-4, 3e-4, 5e-4, 1e-3][i % 5]!;
    const run = train({
      id,
      name: `sweep ${i + 1}`,
      config: { ...BASE_CONFIG, optimizer: { ...BASE_CONFIG.optimizer, lr }, seed: i },
      start: now - (count - i) * 10 * MINUTE,
      seed: 500 + i,
      floor: 0.3 + (i % 5) * 0.04,
      steps: 20,
    });
    return { id, events: run.events };
  });
}
