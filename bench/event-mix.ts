/**
 * A deterministic, realistic mix of run events as NDJSON lines, shared by the benchmarks:
 * mostly logs (some with meta) and terminal output, then progress, results and the odd
 * heartbeat, framed by `run` and `status` events as a real fine-tune or eval would send them.
 */
import { seededRandom } from '../packages/demo-host/src/synthetic/random.ts';

const LEVELS = ['debug', 'info', 'info', 'info', 'info', 'warn', 'error'] as const;
const LOGGERS = ['trainer', 'data.loader', 'eval', 'torch.distributed'];

/** Returns `count` NDJSON lines (without newlines) of one run, seq 0..count-1. */
export function generateEvents(count: number, run = 'run-bench-0001'): string[] {
  const rand = seededRandom(42);
  const lines: string[] = [];
  const t0 = 1_767_225_600_000;
  const total = Math.max(1, Math.floor(count * 0.1));
  let progress = 0;
  for (let seq = 0; seq < count; seq++) {
    const time = t0 + seq * 12.5;
    let type: string;
    let data: unknown;
    const r = rand();
    if (seq === 0) {
      type = 'run';
      data = {
        instance: 'inst-finetune',
        name: 'llama-ft',
        config: { lr: 3e-4, batch: 32 },
        tags: ['ft'],
      };
    } else if (seq === 1) {
      type = 'status';
      data = { status: 'running' };
    } else if (seq === count - 1) {
      type = 'status';
      data = { status: 'completed' };
    } else if (r < 0.45) {
      type = 'log';
      const level = LEVELS[Math.floor(rand() * LEVELS.length)];
      const withMeta = rand() < 0.3;
      data = {
        level,
        message: `step ${seq} loss=${(2 / (1 + seq / 1e4)).toFixed(4)} lr=${(3e-4).toExponential(2)} tokens/s=${Math.floor(rand() * 9000 + 1000)}`,
        logger: LOGGERS[seq % LOGGERS.length],
        ...(withMeta
          ? { meta: { step: seq, grad_norm: +(rand() * 3).toFixed(3), gpu: seq % 8 } }
          : {}),
      };
    } else if (r < 0.75) {
      type = 'output';
      data = {
        stream: rand() < 0.8 ? 'stdout' : 'stderr',
        data: `\r\u001b[32mEpoch 1\u001b[0m: ${Math.floor((seq / count) * 100)}%|████▌     | ${seq}/${count} [00:42<01:13, 812.3it/s]`,
      };
    } else if (r < 0.88) {
      type = 'progress';
      progress = Math.min(total, progress + 1);
      data = { current: progress, total, unit: 'step', label: 'train' };
    } else if (r < 0.99) {
      type = 'result';
      data = { key: `score/${seq % 20}`, value: +rand().toFixed(5) };
    } else {
      type = 'heartbeat';
      data = {};
    }
    lines.push(JSON.stringify({ v: 1, run, seq, time, type, data }));
  }
  return lines;
}
