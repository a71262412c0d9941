/**
 * Run histories for `<run-history>` stories and tests: a hyper-parameter sweep with runs in every
 * status, and large histories.
 */
import type { RunHistoryEntry } from '../src/run-history/history-rows.ts';

const MINUTE = 60_000;

/** A sweep of eight runs, one of them live (started `liveFor` ms before `now`). */
export function sweepHistory(now = Date.now(), liveFor = 4 * MINUTE): RunHistoryEntry[] {
  const day = now - 26 * 60 * MINUTE;
  const done = (
    id: string,
    status: 'completed' | 'failed' | 'cancelled',
    start: number,
    minutes: number,
    results: RunHistoryEntry['results'],
  ): RunHistoryEntry => ({
    id,
    name: `lr-sweep · ${id}`,
    status,
    live: false,
    startedAt: start,
    updatedAt: start + minutes * MINUTE,
    results,
  });
  return [
    done('run-01', 'completed', day, 42, { 'eval/accuracy': 0.8125, 'train/loss': 0.412 }),
    done('run-02', 'completed', day + 50 * MINUTE, 44, {
      'eval/accuracy': 0.8431,
      'train/loss': 0.377,
    }),
    done('run-03', 'failed', day + 100 * MINUTE, 7, { 'train/loss': 1.93 }),
    done('run-04', 'completed', day + 120 * MINUTE, 47, {
      'eval/accuracy': 0.8702,
      'train/loss': 0.341,
    }),
    done('run-05', 'cancelled', day + 180 * MINUTE, 12, { 'train/loss': 0.88 }),
    done('run-06', 'completed', day + 200 * MINUTE, 45, {
      'eval/accuracy': 0.8566,
      'train/loss': 0.352,
    }),
    {
      id: 'run-07',
      name: 'lr-sweep · run-07',
      status: 'running',
      live: true,
      startedAt: now - liveFor,
      updatedAt: now - 2000,
      results: { 'train/loss': 0.61 },
    },
    { id: 'run-08', name: null, status: 'pending', live: true, startedAt: null, updatedAt: null },
  ];
}

/** `count` finished runs a minute apart, ids `run-00000`…, accuracy rising and falling. */
export function longHistory(count: number, now = Date.now()): RunHistoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `run-${String(i).padStart(5, '0')}`,
    status: i % 17 === 5 ? 'failed' : 'completed',
    live: false,
    startedAt: now - (count - i) * MINUTE,
    updatedAt: now - (count - i) * MINUTE + 40_000,
    results: { accuracy: 0.7 + 0.2 * Math.abs(Math.sin(i / 9)) },
  }));
}
