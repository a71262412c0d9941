/**
 * The raw view's lines are what JSON.stringify(value, null, 2) prints, with values as written,
 * and any line is found directly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JsonDoc } from '../src/result-tree/json-doc.ts';
import { MAX_INDENT, RawLines } from '../src/result-tree/raw-lines.ts';

const all = (r: RawLines) => Array.from({ length: r.length }, (_, n) => r.text(n)).join('\n');

describe('raw lines', () => {
  it('print as JSON.stringify(value, null, 2) does', () => {
    const values: unknown[] = [
      1,
      'a',
      null,
      [],
      {},
      [[]],
      { a: {} },
      { a: [1, [2, [3, {}]], { b: null }], c: 'x', d: { e: { f: [true, false] } } },
      Array.from({ length: 50 }, (_, i) => ({ i, s: `v${i}`, xs: i % 3 ? [i] : [] })),
      { 'we"ird\nkey': '\u0001', __proto__: 1 },
    ];
    for (const v of values) {
      const doc = JsonDoc.parse(JSON.stringify(v, null, 4));
      assert.equal(all(new RawLines(doc)), JSON.stringify(v, null, 2));
    }
  });

  it('keeps numbers and escapes as written', () => {
    const r = new RawLines(JsonDoc.parse('{"n":[1.0,12345678901234567890,1E3],"s":"\\u00e9"}'));
    assert.equal(
      all(r),
      '{\n  "n": [\n    1.0,\n    12345678901234567890,\n    1E3\n  ],\n  "s": "\\u00e9"\n}',
    );
    assert.equal(r.line(r.lineOf(2)).body, '1.0');
    assert.equal(r.line(5).close, true);
  });

  it('numbers a deep document without recursion and keeps its indent bounded', () => {
    const depth = 100_000;
    const r = new RawLines(JsonDoc.parse('['.repeat(depth) + '0' + ']'.repeat(depth)));
    assert.equal(r.length, 2 * depth + 1);
    const middle = r.text(depth);
    assert.equal(middle.trim(), `⟨depth ${depth}⟩ 0`);
    assert.ok(middle.length < MAX_INDENT + 30);
    assert.equal(r.line(2 * depth).body, ']');
    assert.equal(r.line(2 * depth).node, 0);
  });
});
