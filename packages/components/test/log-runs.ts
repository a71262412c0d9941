/**
 * Logs to show and test `<run-log>` with (and the workload of its benchmark): realistic records,
 * terminal output with tqdm bars and colours, hostile text, and gaps, drops and invalid events.
 */
import { Observable } from 'rxjs';
import type { RawEvent } from './runs.ts';

/** A small deterministic generator (mulberry32), so every run of a story or test is the same. */
export function random(seed = 7): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['debug', 'info', 'info', 'info', 'info', 'info', 'info', 'warn', 'error'] as const;
const LOGGERS = ['trainer', 'data.loader', 'eval', 'torch.distributed', 'optim'];
const WORDS =
  'loss grad norm step epoch batch tokens throughput shard checkpoint eval accuracy lr warmup cosine scheduler allreduce nccl rank worker cache prefetch'.split(
    ' ',
  );

/** The message of record `i`: about `length` characters; every tenth spans three lines. */
export function message(i: number, rand: () => number, length = 100): string {
  let text = `step ${i}`;
  while (text.length < length)
    text += ` ${WORDS[Math.floor(rand() * WORDS.length)]}=${(rand() * 10).toFixed(3)}`;
  text = text.slice(0, length);
  return i % 10 === 9
    ? `${text}\n  at trainer.step (train.py:${200 + (i % 50)})\n  at main (train.py:12)`
    : text;
}

/** Log record `i` of a run: the level mix of a fine-tune, some with meta. */
export function logEvent(run: string, i: number, time: number, rand: () => number): RawEvent {
  const level = LEVELS[Math.floor(rand() * LEVELS.length)]!;
  const data: Record<string, unknown> = {
    level,
    message: message(i, rand),
    logger: LOGGERS[i % LOGGERS.length],
  };
  if (i % 7 === 3)
    data.meta = {
      step: i,
      grad_norm: +(rand() * 3).toFixed(3),
      gpu: i % 8,
      shapes: [[32, 4096], [4096]],
    };
  return { v: 1, run, seq: i, time, type: 'log', data };
}

/** `count` records of one run, emitted at once when subscribed, with `run` and `running` first. */
export function logRun(
  count: number,
  { run = 'run-log-demo', start = Date.now() - count * 2, final = false } = {},
): Observable<RawEvent> {
  return new Observable<RawEvent>((sub) => {
    const rand = random();
    sub.next({
      v: 1,
      run,
      seq: 0,
      time: start,
      type: 'run',
      data: { instance: 'ft', name: 'log demo' },
    });
    sub.next({ v: 1, run, seq: 1, time: start, type: 'status', data: { status: 'running' } });
    for (let i = 2; i < count + 2 && !sub.closed; i++)
      sub.next(logEvent(run, i, start + i * 2, rand));
    if (final)
      sub.next({
        v: 1,
        run,
        seq: count + 2,
        time: start + count * 2 + 10,
        type: 'status',
        data: { status: 'completed' },
      });
    sub.complete();
  });
}

/** Terminal output as a training script writes it: coloured lines, nested tqdm bars, a link. */
export function terminalChunks(): { stream: 'stdout' | 'stderr'; data: string }[] {
  const out: { stream: 'stdout' | 'stderr'; data: string }[] = [];
  const bar = (label: string, n: number, total: number) => {
    const filled = Math.round((n / total) * 20);
    return `${label}: ${String(Math.round((n / total) * 100)).padStart(3)}%|${'█'.repeat(filled)}${' '.repeat(20 - filled)}| ${n}/${total} [00:${String(n).padStart(2, '0')}<00:10, ${(9 + n / 10).toFixed(2)}it/s]`;
  };
  out.push({
    stream: 'stdout',
    data: '\x1b[1mTraining\x1b[0m on \x1b[36m8×A100\x1b[0m, see \x1b]8;;https://example.org/runs/17\x1b\\the dashboard\x1b]8;;\x1b\\\n',
  });
  for (let epoch = 1; epoch <= 2; epoch++) {
    for (let n = 0; n <= 20; n++) {
      // tqdm with position=1: outer bar, newline, inner bar, cursor back up.
      out.push({
        stream: 'stderr',
        data: `\r${bar(`epoch ${epoch}`, epoch - 1, 2)}\n\r${bar('  batch', n, 20)}\x1b[A`,
      });
    }
    out.push({
      stream: 'stdout',
      data: `\x1b[32m✓\x1b[0m epoch ${epoch}: loss \x1b[1;33m${(1.2 / epoch).toFixed(3)}\x1b[0m, acc \x1b[38;5;39m${(0.7 + epoch / 20).toFixed(3)}\x1b[0m, \x1b[38;2;200;80;200mtruecolor\x1b[0m \x1b[4munderlined\x1b[24m \x1b[7minverse\x1b[27m\n`,
    });
  }
  out.push({
    stream: 'stderr',
    data: '\n\n\x1b[31mWARNING\x1b[0m: \x1b]8;;file:///etc/passwd\x07not a link\x1b]8;;\x07 (file links stay text)\n',
  });
  return out;
}

/** Text that must stay text. */
export const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '**markdown** _is_ [not](http://x) rendered',
  `lone surrogates: \ud800 and \udfff survive`,
  'control\u0007chars\u0000and \u202eright-to-left override',
];
