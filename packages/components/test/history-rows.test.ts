/**
 * The run history's rows: the key result, durations, the order of every sort, and the checks
 * on a history body.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  durationOf,
  parseHistory,
  pickKeyResult,
  sortRuns,
  type RunHistoryEntry,
} from '../src/run-history/history-rows.ts';

const run = (id: string, extra: Partial<RunHistoryEntry> = {}): RunHistoryEntry => ({
  id,
  status: 'completed',
  startedAt: 1000,
  updatedAt: 2000,
  ...extra,
});

describe('history rows', () => {
  it('measures a finished run to its last event and a live one to now', () => {
    assert.equal(durationOf(run('a'), 99_999), 1000);
    assert.equal(durationOf(run('a', { status: 'running' }), 5000), 4000);
    // `live` wins over the status: a run the host still feeds is live.
    assert.equal(durationOf(run('a', { live: true }), 5000), 4000);
    assert.equal(durationOf(run('a', { startedAt: null }), 5000), undefined);
    // Clock skew never gives a negative duration.
    assert.equal(durationOf(run('a', { status: 'running', startedAt: 9000 }), 5000), 0);
  });

  it('picks the numeric result most runs have, newest run first on a tie', () => {
    assert.equal(pickKeyResult([]), undefined);
    assert.equal(pickKeyResult([run('a', { results: { note: 'x' } })]), undefined);
    const runs = [
      run('old', { startedAt: 1, results: { loss: 1, acc: 0.5 } }),
      run('new', { startedAt: 2, results: { acc: 0.7, loss: 0.9 } }),
      run('mid', { startedAt: 1.5, results: { acc: 0.6, f1: 0.4 } }),
    ];
    assert.equal(pickKeyResult(runs), 'acc');
    assert.equal(pickKeyResult(runs.slice(0, 2)), 'acc');
  });

  it('sorts by every column, missing values last in both directions', () => {
    const runs = [
      run('b', { startedAt: 3, updatedAt: 10, status: 'failed', results: { r: 2 } }),
      run('a', { startedAt: 1, updatedAt: 30, results: { r: 'n/a' } }),
      run('c', { startedAt: 2, updatedAt: 4, status: 'running', results: { r: 5 } }),
      run('d', { startedAt: null, status: 'pending', results: { r: null } }),
    ];
    const order = (key: Parameters<typeof sortRuns>[1], dir: 'ascending' | 'descending') =>
      sortRuns(runs, key, dir, { now: 6, resultKey: 'r' }).map((r) => r.id);
    assert.deepEqual(order('start', 'descending'), ['b', 'c', 'a', 'd']);
    assert.deepEqual(order('start', 'ascending'), ['a', 'c', 'b', 'd']);
    assert.deepEqual(order('duration', 'descending'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(order('duration', 'ascending'), ['c', 'b', 'a', 'd']);
    // Numbers before strings, whichever the direction; null is missing.
    assert.deepEqual(order('result', 'descending'), ['c', 'b', 'a', 'd']);
    assert.deepEqual(order('result', 'ascending'), ['b', 'c', 'a', 'd']);
    assert.deepEqual(order('name', 'ascending'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(order('status', 'ascending'), ['d', 'c', 'a', 'b']);
    // No result key: the order is by start, newest first.
    assert.deepEqual(
      sortRuns(runs, 'result', 'ascending', { now: 6 }).map((r) => r.id),
      ['b', 'c', 'a', 'd'],
    );
  });

  it('takes an array or {runs}, and says what is wrong with anything else', () => {
    assert.deepEqual(parseHistory([run('a')]), [run('a')]);
    assert.deepEqual(parseHistory({ runs: [run('a')] }), [run('a')]);
    assert.deepEqual(parseHistory({ items: [] }), { error: 'expected a JSON array of runs' });
    assert.deepEqual(parseHistory([{ status: 'completed' }]), {
      error: 'run 1 has no string "id"',
    });
    assert.deepEqual(parseHistory([null]), { error: 'run 1 has no string "id"' });
    assert.deepEqual(parseHistory([{ id: 'x', status: 'done' }]), {
      error: 'run "x" has an unknown status "done"',
    });
  });
});
