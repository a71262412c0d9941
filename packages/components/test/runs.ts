/**
 * Runs to show and test the elements with: protocol events as plain objects, in every state a
 * run goes through, and a recorded live run to replay at its own pace.
 */

/** One protocol event as a producer sends it. */
export interface RawEvent {
  v: 1;
  run: string;
  seq: number;
  time: number;
  type: string;
  data: Record<string, unknown>;
}

/** Builds events of one run with consecutive seqs. */
export class RunBuilder {
  readonly events: RawEvent[] = [];
  private seq = 0;

  constructor(
    readonly run = 'run-17',
    public time = Date.now() - 5 * 60_000,
  ) {}

  /** Appends an event `afterMs` after the previous one. */
  add(type: string, data: Record<string, unknown>, afterMs = 0): this {
    this.time += afterMs;
    this.events.push({ v: 1, run: this.run, seq: this.seq++, time: this.time, type, data });
    return this;
  }

  start(name = 'llama-3-8b lr=3e-4', instance = 'ft-llama'): this {
    return this.add('run', { instance, name, config: { lr: 3e-4, batch: 32 }, tags: ['ft'] });
  }

  status(status: string, afterMs = 0, error?: Record<string, unknown>): this {
    return this.add('status', error ? { status, error } : { status }, afterMs);
  }

  log(level: string, message: string, afterMs = 0, logger = 'trainer'): this {
    return this.add('log', { level, message, logger }, afterMs);
  }

  progress(current: number, total?: number, afterMs = 0, unit = 'step', label = 'train'): this {
    const data: Record<string, unknown> = { current, unit, label };
    if (total !== undefined) data.total = total;
    return this.add('progress', data, afterMs);
  }
}

/** A stack trace as long as real ones get. */
export const LONG_STACK = [
  'Traceback (most recent call last):',
  '  File "/opt/exp/train.py", line 212, in <module>',
  '    main(cfg)',
  '  File "/opt/exp/train.py", line 187, in main',
  '    loss = trainer.step(batch)',
  ...Array.from(
    { length: 30 },
    (_, i) =>
      `  File "/usr/lib/python3.11/site-packages/torch/nn/modules/module.py", line ${1500 + i}, in _call_impl\n    return forward_call(*args, **kwargs)`,
  ),
  'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity; 76.02 GiB already allocated)',
].join('\n');

/** The states the stories and tests show, each as the events that lead there. */
export const RUN_STATES = {
  pending: () => new RunBuilder().start().status('pending').events,
  running: () =>
    new RunBuilder(undefined, Date.now() - 4 * 60_000)
      .start()
      .status('running', 100)
      .log('info', 'loaded 12,000 examples', 500)
      .progress(100, 1000, 60_000)
      .log('warn', 'grad norm 14.2 clipped to 1.0', 20_000)
      .progress(300, 1000, 60_000)
      .log('error', 'NaN in batch 412, skipped', 30_000)
      .progress(420, 1000, 60_000 - 1000).events,
  indeterminate: () =>
    new RunBuilder(undefined, Date.now() - 90_000)
      .start('agent-bench episodes')
      .status('running')
      .progress(10, undefined, 30_000, 'episode', 'rollouts')
      .progress(25, undefined, 59_000, 'episode', 'rollouts').events,
  stale: () =>
    new RunBuilder(undefined, Date.now() - 9 * 60_000)
      .start()
      .status('running')
      .progress(50, 1000, 30_000)
      .progress(80, 1000, 30_000).events,
  completed: () =>
    new RunBuilder(undefined, Date.now() - 3_725_000)
      .start()
      .status('running')
      .progress(1000, 1000, 3_600_000)
      .log('warn', 'eval set smaller than requested', 1000)
      .status('completed', 123_400).events,
  failed: () =>
    new RunBuilder(undefined, Date.now() - 600_000)
      .start()
      .status('running')
      .progress(412, 1000, 400_000)
      .log('error', 'CUDA out of memory', 1000)
      .log('fatal', 'worker 3 died', 10)
      .status('failed', 5, {
        message: 'CUDA out of memory. Tried to allocate 2.00 GiB',
        type: 'torch.OutOfMemoryError',
        stack: LONG_STACK,
      }).events,
  cancelled: () =>
    new RunBuilder(undefined, Date.now() - 200_000)
      .start()
      .status('running')
      .progress(120, 1000, 100_000)
      .status('cancelled', 30_000, { message: 'cancelled by the user from the run page' }).events,
} satisfies Record<string, () => RawEvent[]>;

/**
 * A two-minute fine-tune, recorded from `start` (epoch ms): progress every second, logs of every
 * level now and then, finishing completed. Replay it with `replayJsonl(lines, { speed })`.
 */
export function liveRunRecording(start = Date.now(), steps = 120): string[] {
  const run = new RunBuilder('run-live', start).start('replayed fine-tune').status('running', 200);
  for (let step = 1; step <= steps; step++) {
    run.progress(step * 10, steps * 10, 1000);
    if (step % 10 === 0)
      run.log('info', `step ${step * 10} loss=${(2 / (1 + step / 20)).toFixed(3)}`);
    if (step % 37 === 0) run.log('warn', `grad norm ${(8 + step / 10).toFixed(1)} clipped`);
    if (step === 95) run.log('error', 'eval shard 3 unreadable, skipped');
  }
  run.status('completed', 500);
  return run.events.map((e) => JSON.stringify(e));
}
