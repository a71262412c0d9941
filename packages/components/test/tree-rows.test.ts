/**
 * The tree's rows: only what is expanded, children in sections with "show more", expansion kept
 * by path across versions of a live document, and no recursion however deep.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonDoc } from '../src/result-tree/json-doc.ts';
import { TreeFilter } from '../src/result-tree/tree-filter.ts';
import { PathKeys, ROOT_KEY, SECTION, TreeRows } from '../src/result-tree/tree-rows.ts';

const labels = (t: TreeRows) =>
  t.rows.map((r) =>
    r.more
      ? `${'  '.repeat(r.depth)}more ${r.more.shown}/${r.more.total}`
      : `${'  '.repeat(r.depth)}${t.doc.keyOf(r.node) ?? r.index}`,
  );

describe('tree rows', () => {
  it('shows the root alone until it is expanded, then its children', () => {
    const t = new TreeRows(JsonDoc.parse('{"a":{"b":1},"c":[1,2]}'));
    t.rebuild();
    assert.deepEqual(labels(t), ['-1']);
    t.toggle(t.rows[0]!);
    assert.deepEqual(labels(t), ['-1', '  a', '  c']);
    t.toggle(t.rows[2]!);
    assert.deepEqual(labels(t), ['-1', '  a', '  c', '    0', '    1']);
    t.toggle(t.rows[0]!);
    assert.deepEqual(labels(t), ['-1']);
    t.toggle(t.rows[0]!);
    assert.deepEqual(labels(t), ['-1', '  a', '  c', '    0', '    1'], 'c stays open inside');
  });

  it('pages a long array in sections', () => {
    const t = new TreeRows(JsonDoc.of({ xs: Array.from({ length: 100_000 }, (_, i) => i) }));
    t.expandTo(2);
    assert.equal(t.length, 1 + 1 + SECTION + 1);
    const more = t.rows.at(-1)!;
    assert.deepEqual(more.more, { shown: SECTION, total: 100_000 });
    t.showMore(more);
    assert.equal(t.length, 1 + 1 + 2 * SECTION + 1);
    assert.equal(t.doc.raw(t.rows.at(-2)!.node), String(2 * SECTION - 1));
    t.showMore(t.rows.at(-1)!, 100_000);
    assert.equal(t.length, 2 + 100_000);
  });

  it('keeps what was opened when a new version of the document comes', () => {
    const t = new TreeRows(JsonDoc.of({ acc: 0.5, eval: { items: [1, 2] } }));
    t.expandTo(2);
    assert.deepEqual(labels(t), ['-1', '  acc', '  eval', '    items']);
    t.toggle(t.rows[3]!);
    t.replace(JsonDoc.of({ acc: 0.6, new: true, eval: { items: [1, 2, 3] } }));
    assert.deepEqual(labels(t), [
      '-1',
      '  acc',
      '  new',
      '  eval',
      '    items',
      '      0',
      '      1',
      '      2',
    ]);
  });

  it('opens what is new in a live document to a depth, leaving what the reader closed', () => {
    const known = new Set<number>();
    const t = new TreeRows(JsonDoc.of({ a: { x: 1 } }));
    t.expandNew(2, known);
    assert.deepEqual(labels(t), ['-1', '  a', '    x']);
    t.toggle(t.rows[1]!);
    t.replace(JsonDoc.of({ a: { x: 1 }, b: { y: { z: 1 } } }));
    t.expandNew(2, known);
    assert.deepEqual(labels(t), ['-1', '  a', '  b', '    y']);
  });

  it('expands all unless too many rows would show', () => {
    const t = new TreeRows(JsonDoc.of({ a: { b: { c: [1, 2, 3] } }, d: Array(50).fill({ e: 1 }) }));
    t.rebuild();
    assert.equal(t.expandAll(20), false);
    assert.equal(t.length, 1);
    assert.equal(t.expandAll(1000), true);
    assert.equal(t.length, 1 + 1 + 1 + 1 + 3 + 1 + 50 * 2);
    t.collapseAll();
    assert.equal(t.length, 1 + 2);
  });

  it('reveals a value deep in a section not yet shown', () => {
    const t = new TreeRows(
      JsonDoc.of({ runs: Array.from({ length: 3000 }, (_, i) => ({ id: i, score: i / 10 })) }),
    );
    t.rebuild();
    const doc = t.doc;
    const runs = doc.children(0)[0]!;
    const target = doc.children(doc.children(runs, 2500, 1)[0]!)[1]!;
    const at = t.reveal(target);
    assert.ok(at > 0);
    assert.equal(t.rows[at]!.node, target);
    assert.equal(doc.keyOf(target), 'score');
  });

  it('walks 100,000 levels without recursion', () => {
    const depth = 100_000;
    const t = new TreeRows(JsonDoc.parse('['.repeat(depth) + ']'.repeat(depth)));
    t.reveal(depth - 1);
    assert.equal(t.length, depth);
    t.expandAll(depth + 10);
    assert.equal(t.length, depth);
  });

  it('gives every path its own key', () => {
    const k = new PathKeys();
    const keys = [
      k.child(k.child(ROOT_KEY, 'a'), 'b'),
      k.child(ROOT_KEY, 'a"b'),
      k.child(k.child(ROOT_KEY, 1), 2),
      k.child(ROOT_KEY, 12),
      k.child(ROOT_KEY, '1'),
      k.child(ROOT_KEY, 1),
    ];
    assert.equal(new Set(keys).size, 6);
    assert.equal(k.child(k.child(ROOT_KEY, 'a'), 'b'), keys[0]);
  });
});

describe('tree filter', () => {
  const doc = JsonDoc.of({
    models: [
      { name: 'small', score: 0.71 },
      { name: 'large', score: 0.93, notes: 'best score' },
    ],
    config: { lr: 0.001, score_key: 'acc' },
  });

  it('counts matches of keys and values exactly, and keeps their ancestors', () => {
    const f = new TreeFilter(doc, { text: 'score', regex: false }).run();
    // score ×2 (keys), notes: 'best score' (value), score_key (key).
    assert.equal(f.count, 4);
    const t = new TreeRows(doc);
    t.setFilter(f);
    assert.deepEqual(labels(t), [
      '-1',
      '  models',
      '    0',
      '      score',
      '    1',
      '      score',
      '      notes',
      '  config',
      '    score_key',
    ]);
    t.setFilter(undefined);
    assert.deepEqual(labels(t), ['-1']);
  });

  it('takes regular expressions, and says why one is not', () => {
    assert.equal(new TreeFilter(doc, { text: '^0\\.9', regex: true }).run().count, 1);
    const bad = new TreeFilter(doc, { text: '(', regex: true });
    assert.ok(bad.error && bad.done);
    assert.equal(bad.count, 0);
  });

  it('scans a large document in slices, with the same count', () => {
    const big = JsonDoc.of({ xs: Array.from({ length: 200_000 }, (_, i) => ({ v: i % 97 })) });
    const f = new TreeFilter(big, { text: '^42$', regex: true });
    let slices = 0;
    while (!f.step(1)) slices++;
    assert.ok(slices > 0);
    assert.equal(f.count, Math.ceil((200_000 - 42) / 97));
    const t = new TreeRows(big);
    t.setFilter(f);
    // root, xs, a section of matching items (each with its v), show more.
    assert.equal(t.length, 2 + 2 * SECTION + 1);
    assert.equal(t.rows[2]!.index, 42);
  });
});
