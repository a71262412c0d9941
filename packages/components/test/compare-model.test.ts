/**
 * The comparison model: deltas against the baseline, series statistics fed incrementally,
 * structural diffs of structured values, run summaries and the export built from them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunState, valueToItem, type JsonValue } from '@athanor/protocol';
import { buildExport, clip } from '../src/run-compare/compare-export.ts';
import {
  CompareModel,
  deltaOf,
  summarize,
  type CompareColumn,
} from '../src/run-compare/compare-model.ts';
import { diffConfigs } from '../src/run-compare/config-diff.ts';
import { mixedRuns, repeatedRuns, sweepRuns, type RecordedRun } from './compare-runs.ts';
import type { RawEvent } from './runs.ts';

function column(run: RecordedRun): CompareColumn {
  const state = new RunState(run.id);
  for (const event of run.events) state.apply(valueToItem(event));
  return { id: run.id, label: run.id, state };
}

function results(id: string, pairs: [string, JsonValue][], seq = 0): RawEvent[] {
  return pairs.map(([key, value], i) => ({
    v: 1,
    run: id,
    seq: seq + i,
    time: 1000 + seq + i,
    type: 'result',
    data: { key, value },
  }));
}

const feed = (c: CompareColumn, events: RawEvent[]) => {
  for (const e of events) c.state.apply(valueToItem(e));
};

describe('compare model', () => {
  it('measures numbers by difference and anything else as same or changed', () => {
    assert.deepEqual(deltaOf(0.9, 0.8), {
      kind: 'numeric',
      absolute: 0.9 - 0.8,
      relative: (0.9 - 0.8) / 0.8,
    });
    assert.deepEqual(deltaOf(-1, -2), { kind: 'numeric', absolute: 1, relative: 0.5 });
    assert.deepEqual(deltaOf(3, 0), { kind: 'numeric', absolute: 3, relative: undefined });
    assert.deepEqual(deltaOf(0, 0), { kind: 'numeric', absolute: 0, relative: 0 });
    assert.deepEqual(deltaOf('a', 'a'), { kind: 'same' });
    assert.deepEqual(deltaOf(true, false), { kind: 'changed' });
    assert.deepEqual(deltaOf(1, '1'), { kind: 'changed' });
    assert.deepEqual(deltaOf(null, null), { kind: 'same' });
  });

  it('gives every key of any run, each run its latest value and delta against the baseline', () => {
    const a = column({
      id: 'a',
      events: results('a', [
        ['acc', 0.8],
        ['note', 'x'],
      ]),
    });
    const b = column({
      id: 'b',
      events: results('b', [
        ['acc', 0.9],
        ['extra', 1],
      ]),
    });
    const model = new CompareModel();
    const rows = model.results([a, b], 0);
    assert.deepEqual(
      rows.map((r) => r.key),
      ['acc', 'extra', 'note'],
    );
    const acc = rows[0]!;
    assert.equal(acc.cells[0]!.delta, undefined);
    assert.equal(acc.cells[1]!.latest, 0.9);
    assert.equal(acc.cells[1]!.delta?.kind, 'numeric');
    assert.equal(acc.differs, true);
    assert.equal(acc.state, 'different');
    // Only one run has `extra`: no delta, but the row differs.
    assert.equal(rows[1]!.cells[0]!.count, 0);
    assert.equal(rows[1]!.cells[1]!.delta, undefined);
    assert.equal(rows[1]!.differs, true);
    assert.equal(rows[1]!.state, 'missing');
    // With b as the baseline, a's delta is measured from b.
    const flipped = model.results([a, b], 1)[0]!;
    assert.equal(flipped.cells[1]!.delta, undefined);
    assert.ok(flipped.cells[0]!.delta?.kind === 'numeric' && flipped.cells[0]!.delta.absolute < 0);
  });

  it('keeps a row that did not change as the same object, and remakes one that did', () => {
    const a = column({
      id: 'a',
      events: results('a', [
        ['acc', 0.8],
        ['loss', 1],
      ]),
    });
    const b = column({
      id: 'b',
      events: results('b', [
        ['acc', 0.9],
        ['loss', 2],
      ]),
    });
    const model = new CompareModel();
    const [acc, loss] = model.results([a, b], 0);
    feed(b, results('b', [['loss', 1.5]], 2));
    const [acc2, loss2] = model.results([a, b], 0);
    assert.equal(acc2, acc);
    assert.notEqual(loss2, loss);
    assert.equal(loss2!.cells[1]!.latest, 1.5);
    // Another baseline changes every row.
    assert.notEqual(model.results([a, b], 1)[0], acc);
  });

  it('sorts keys with numbers in numeric order', () => {
    const a = column({
      id: 'a',
      events: results('a', [
        ['k10', 1],
        ['k2', 1],
        ['k1', 1],
      ]),
    });
    const b = column({ id: 'b', events: [] });
    assert.deepEqual(
      new CompareModel().results([a, b], 0).map((r) => r.key),
      ['k1', 'k2', 'k10'],
    );
  });

  it('summarises a series with the statistics of its values, fed as they arrive', () => {
    const a = column({
      id: 'a',
      events: results('a', [
        ['loss', 3],
        ['loss', 1],
      ]),
    });
    const b = column({ id: 'b', events: results('b', [['loss', 2]]) });
    const model = new CompareModel();
    let cell = model.results([a, b], 1)[0]!.cells[0]!;
    assert.equal(cell.series?.count, 2);
    assert.equal(cell.series?.numeric?.mean, 2);
    assert.equal(cell.latest, 1);
    // b has one value: no series, so no mean delta.
    assert.equal(cell.meanDelta, undefined);
    feed(a, results('a', [['loss', 2]], 2));
    feed(b, results('b', [['loss', 4]], 1));
    cell = model.results([a, b], 1)[0]!.cells[0]!;
    assert.equal(cell.series?.count, 3);
    assert.equal(cell.series?.numeric?.mean, 2);
    assert.deepEqual(cell.meanDelta, { kind: 'numeric', absolute: -1, relative: -1 / 3 });
    assert.deepEqual(cell.delta, { kind: 'numeric', absolute: -2, relative: -0.5 });
    assert.deepEqual(cell.series?.sparkline, [3, 1, 2]);
  });

  it('diffs a structured value against the baseline, once per pair of values', () => {
    const a = column({ id: 'a', events: results('a', [['report', { acc: 0.8, f1: 0.7 }]]) });
    const b = column({ id: 'b', events: results('b', [['report', { acc: 0.9, f1: 0.7, n: 3 }]]) });
    const model = new CompareModel();
    const first = model.results([a, b], 0)[0]!.cells[1]!;
    assert.deepEqual(first.diff?.counts, { changed: 1, added: 1, removed: 0 });
    assert.deepEqual(first.delta, { kind: 'changed' });
    assert.equal(model.results([a, b], 0)[0]!.cells[1]!.diff, first.diff);
    // Equal documents are the same; a number against an object is changed, without a diff.
    const c = column({ id: 'c', events: results('c', [['report', { f1: 0.7, acc: 0.8 }]]) });
    const d = column({ id: 'd', events: results('d', [['report', 5]]) });
    const cells = model.results([a, c, d], 0)[0]!.cells;
    assert.deepEqual(cells[1]!.delta, { kind: 'same' });
    assert.equal(cells[2]!.diff, undefined);
    assert.deepEqual(cells[2]!.delta, { kind: 'changed' });
  });

  it('summarises runs: status, times, config once known, log counts', () => {
    const runs = sweepRuns(Date.UTC(2026, 0, 1));
    const failed = summarize(column(runs[4]!), Date.UTC(2026, 0, 2));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.live, false);
    assert.equal(failed.error, 'training diverged: loss is NaN');
    assert.equal(failed.logCounts.error, 1);
    assert.equal((failed.config!.optimizer as { lr: number }).lr, 1e-3);
    assert.equal(failed.duration, failed.endedAt! - failed.startedAt!);
    const waiting = summarize({ id: 'w', label: 'w', state: new RunState('w') }, 0);
    assert.equal(waiting.config, undefined);
    assert.equal(waiting.duration, undefined);
  });

  it('exports runs, config diff, results with deltas and summaries, and log counts', () => {
    const columns = repeatedRuns(3, Date.UTC(2026, 0, 1)).map(column);
    const now = Date.UTC(2026, 0, 2);
    const runs = columns.map((c) => summarize(c, now));
    const config = diffConfigs(
      runs.map((r) => r.config),
      0,
    );
    const rows = new CompareModel().results(columns, 0);
    const out = buildExport(runs, 0, config, rows, now);
    const text = JSON.parse(JSON.stringify(out));
    assert.equal(text.format, 'athanor-run-comparison');
    assert.equal(text.baseline, 'rep-1');
    assert.deepEqual(
      text.runs.map((r: { id: string; status: string }) => [r.id, r.status]),
      [
        ['rep-1', 'completed'],
        ['rep-2', 'completed'],
        ['rep-3', 'completed'],
      ],
    );
    assert.equal(text.runs[0].startedAt, new Date(runs[0]!.startedAt!).toISOString());
    const seed = text.config.rows.find((r: { path: string }) => r.path === 'seed');
    assert.deepEqual(seed, {
      path: 'seed',
      state: 'different',
      values: { 'rep-1': 1, 'rep-2': 2, 'rep-3': 3 },
      differs: ['rep-2', 'rep-3'],
    });
    const loss = text.results.find((r: { key: string }) => r.key === 'train/loss');
    assert.equal(loss.runs['rep-2'].count, 60);
    assert.equal(loss.runs['rep-2'].summary.numeric.count, 60);
    assert.equal(loss.runs['rep-2'].delta.kind, 'numeric');
    assert.equal(loss.runs['rep-1'].delta, undefined);
    assert.equal(loss.runs['rep-1'].summary.sparkline, undefined);
    const report = text.results.find((r: { key: string }) => r.key === 'eval/report');
    assert.ok(report.runs['rep-3'].diff.counts.changed > 0);
    assert.equal(text.logs['rep-1'].info, runs[0]!.logCounts.info);
  });

  it('exports a huge value as a preview and its length', () => {
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => i) };
    const clipped = clip(big, 1000) as { clipped: boolean; chars: number; preview: string };
    assert.equal(clipped.clipped, true);
    assert.equal(clipped.chars, JSON.stringify(big).length);
    assert.equal(clipped.preview.length, 200);
    assert.equal(clip(3, 1), 3);
    assert.deepEqual(clip({ a: 1 }, 100), { a: 1 });
  });

  it('handles every kind of value, and series of mixed kinds', () => {
    const columns = mixedRuns(Date.UTC(2026, 0, 1)).map(column);
    const rows = new CompareModel().results(columns, 0);
    const row = (key: string) => rows.find((r) => r.key === key)!;
    assert.deepEqual(row('success').cells[1]!.delta, { kind: 'changed' });
    assert.deepEqual(row('final_answer').cells[2]!.delta, { kind: 'same' });
    assert.deepEqual(row('judge').cells[1]!.delta, { kind: 'same' });
    const reward = row('reward').cells[0]!.series!;
    assert.equal(reward.kinds.number, 7);
    assert.equal(reward.kinds.string, 1);
    assert.deepEqual(reward.topStrings, [{ value: 'skipped', count: 1 }]);
    assert.deepEqual(row('tool_ok').cells[0]!.series!.booleans, { true: 4, false: 2 });
    assert.equal(row('steps').cells[2]!.diff!.counts.added, 2);
    assert.equal(row('score').cells[2]!.kind, 'structured');
    assert.deepEqual(row('score').cells[2]!.delta, { kind: 'changed' });
  });
});
