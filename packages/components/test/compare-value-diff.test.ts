/**
 * The structural diff of two result values: equality regardless of key order, changed / added /
 * removed paths in document order, kind changes, and the bounds on huge documents.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonValue } from '@athanor/protocol';
import { diffValues, formatPath, sameJson } from '../src/run-compare/value-diff.ts';

const paths = (before: JsonValue, after: JsonValue) =>
  diffValues(before, after).changes.map((c) => `${c.kind} ${c.path}`);

describe('value diff', () => {
  it('compares JSON values deeply, whatever the order of keys', () => {
    assert.equal(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }), true);
    assert.equal(sameJson({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(sameJson({ a: 1, b: undefined as unknown as JsonValue }, { a: 1, c: 2 }), false);
    assert.equal(sameJson([1, 2], [2, 1]), false);
    assert.equal(sameJson([], {}), false);
    assert.equal(sameJson(null, {}), false);
    assert.equal(sameJson('1', 1), false);
  });

  it('writes paths as a reader does', () => {
    assert.equal(formatPath([]), '');
    assert.equal(formatPath(['optimizer', 'lr']), 'optimizer.lr');
    assert.equal(formatPath(['layers', 0, 'units']), 'layers[0].units');
    assert.equal(formatPath(['warm up', 'steps']), '["warm up"].steps');
  });

  it('lists changed, added and removed paths in document order, with the values', () => {
    const before = { model: { name: 'a', layers: [64, 64] }, eval: { acc: 0.8, f1: 0.7 }, gone: 1 };
    const after = { model: { name: 'b', layers: [64, 64, 32] }, eval: { acc: 0.8 }, extra: true };
    const diff = diffValues(before, after);
    assert.deepEqual(diff.changes, [
      { kind: 'changed', path: 'model.name', before: 'a', after: 'b' },
      { kind: 'added', path: 'model.layers[2]', after: 32 },
      { kind: 'removed', path: 'eval.f1', before: 0.7 },
      { kind: 'removed', path: 'gone', before: 1 },
      { kind: 'added', path: 'extra', after: true },
    ]);
    assert.deepEqual(diff.counts, { changed: 1, added: 2, removed: 2 });
    assert.equal(diff.more, 0);
    assert.equal(diff.complete, true);
  });

  it('finds nothing between equal documents', () => {
    const diff = diffValues({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] });
    assert.deepEqual(diff.changes, []);
    assert.deepEqual(diff.counts, { changed: 0, added: 0, removed: 0 });
  });

  it('reports a change of kind once, at its path, not the paths under it', () => {
    assert.deepEqual(paths({ a: { b: 1, c: 2 } }, { a: [1, 2] }), ['changed a']);
    assert.deepEqual(paths({ a: [1] }, { a: 'one' }), ['changed a']);
    assert.deepEqual(paths([1, 2], { 0: 1 }), ['changed ']);
    assert.deepEqual(paths(null, { a: 1 }), ['changed ']);
  });

  it('removes the tail of a shorter array', () => {
    assert.deepEqual(paths([1, 2, 3], [1]), ['removed [1]', 'removed [2]']);
  });

  it('lists at most `limit` paths and counts the rest', () => {
    const before = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i + 1]));
    const diff = diffValues(before, after, { limit: 10 });
    assert.equal(diff.changes.length, 10);
    assert.equal(diff.changes[9]!.path, 'k9');
    assert.equal(diff.counts.changed, 500);
    assert.equal(diff.more, 490);
    assert.equal(diff.complete, true);
  });

  it('stops after `budget` values, saying the count is incomplete', () => {
    const big = (offset: number) => Array.from({ length: 100_000 }, (_, i) => ({ v: i + offset }));
    const diff = diffValues(big(0), big(1), { budget: 1000, limit: 5 });
    assert.equal(diff.complete, false);
    assert.equal(diff.changes.length, 5);
    assert.ok(diff.counts.changed > 0 && diff.counts.changed < 1000);
  });

  it('walks documents too deep for recursion', () => {
    let before: JsonValue = 1;
    let after: JsonValue = 2;
    for (let i = 0; i < 20_000; i++) {
      before = { n: before };
      after = { n: after };
    }
    const diff = diffValues(before, after, { limit: 1 });
    assert.equal(diff.counts.changed, 1);
    assert.ok(diff.changes[0]!.path.startsWith('n.n.n.'));
  });
});
