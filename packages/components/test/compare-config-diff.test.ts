/**
 * Configurations across runs: flattening to paths, and each path identical, different or
 * missing, with every cell that differs from the baseline run marked.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffConfigs, flattenConfig } from '../src/run-compare/config-diff.ts';

describe('config diff', () => {
  it('flattens objects to paths in the config order, keeping arrays and empty objects whole', () => {
    const flat = flattenConfig({
      seed: 1,
      optimizer: { name: 'adamw', betas: [0.9, 0.95], extra: {} },
      'data dir': '/d',
      model: { head: { dropout: 0.1 } },
    });
    assert.deepEqual(
      [...flat.paths],
      [
        ['seed', 1],
        ['optimizer.name', 'adamw'],
        ['optimizer.betas', [0.9, 0.95]],
        ['optimizer.extra', {}],
        ['["data dir"]', '/d'],
        ['model.head.dropout', 0.1],
      ],
    );
    assert.equal(flat.omitted, 0);
  });

  it('keeps at most `limit` paths and counts the others', () => {
    const config = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, i]));
    const flat = flattenConfig(config, 10);
    assert.equal(flat.paths.size, 10);
    assert.equal(flat.omitted, 20);
  });

  it('tells identical, different and missing paths, and marks cells against the baseline', () => {
    const diff = diffConfigs(
      [
        { lr: 3e-4, batch: 32, seed: 1 },
        { lr: 1e-3, batch: 32, seed: 1, warmup: 100 },
        { lr: 3e-4, batch: 32, seed: 2 },
      ],
      0,
    );
    const rows = Object.fromEntries(diff.rows.map((r) => [r.path, r]));
    assert.deepEqual(
      diff.rows.map((r) => r.path),
      ['lr', 'batch', 'seed', 'warmup'],
    );
    assert.equal(rows.batch!.state, 'identical');
    assert.deepEqual(rows.batch!.differs, [false, false, false]);
    assert.equal(rows.lr!.state, 'different');
    assert.deepEqual(rows.lr!.differs, [false, true, false]);
    assert.equal(rows.seed!.state, 'different');
    assert.deepEqual(rows.seed!.differs, [false, false, true]);
    assert.equal(rows.warmup!.state, 'missing');
    assert.deepEqual(rows.warmup!.values, [undefined, 100, undefined]);
    assert.deepEqual(rows.warmup!.differs, [false, true, false]);
    assert.deepEqual(diff.counts, { identical: 1, different: 2, missing: 1 });
  });

  it('marks cells against whichever run is the baseline', () => {
    const configs = [{ lr: 1 }, { lr: 2 }, { lr: 2 }];
    assert.deepEqual(diffConfigs(configs, 0).rows[0]!.differs, [false, true, true]);
    assert.deepEqual(diffConfigs(configs, 1).rows[0]!.differs, [true, false, false]);
  });

  it('compares nested values and arrays by value, not by key order', () => {
    const diff = diffConfigs(
      [
        { opt: { betas: [0.9, 0.95] }, sched: { kind: 'cos', steps: 10 } },
        { sched: { steps: 10, kind: 'cos' }, opt: { betas: [0.9, 0.99] } },
      ],
      0,
    );
    const state = Object.fromEntries(diff.rows.map((r) => [r.path, r.state]));
    assert.deepEqual(state, {
      'opt.betas': 'different',
      'sched.kind': 'identical',
      'sched.steps': 'identical',
    });
  });

  it('leaves runs whose config is not known out of the comparison', () => {
    const diff = diffConfigs([{ lr: 1 }, undefined, { lr: 1 }], 0);
    assert.equal(diff.rows[0]!.state, 'identical');
    assert.deepEqual(diff.rows[0]!.differs, [false, false, false]);
    assert.deepEqual(diff.unknown, [1]);
    // A baseline not known yet marks nothing; the states still hold.
    const early = diffConfigs([undefined, { lr: 1 }, { lr: 2 }], 0);
    assert.equal(early.rows[0]!.state, 'different');
    assert.deepEqual(early.rows[0]!.differs, [false, false, false]);
  });

  it('treats a run without a config as having no paths', () => {
    const diff = diffConfigs([{ lr: 1 }, {}], 0);
    assert.equal(diff.rows[0]!.state, 'missing');
    assert.deepEqual(diff.rows[0]!.differs, [false, true]);
  });
});
