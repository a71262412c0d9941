import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../src/index.ts';

function split(chunks: (string | Uint8Array)[], max?: number) {
  const lines: string[] = [];
  const bad: string[] = [];
  const s = new LineSplitter({ line: (l) => lines.push(l), bad: (r) => bad.push(r) }, max);
  for (const c of chunks) s.push(c);
  s.end();
  return { lines, bad };
}

const enc = new TextEncoder();

describe('LineSplitter', () => {
  const text = 'héllo wörld 🎉\r\nsecond line\n\nthird without newline';
  const expected = ['héllo wörld 🎉', 'second line', 'third without newline'];

  it('splits text chunked at every position', () => {
    for (let i = 0; i <= text.length; i++) {
      assert.deepEqual(split([text.slice(0, i), text.slice(i)]).lines, expected, `cut at ${i}`);
    }
  });

  it('splits bytes chunked at every position, even inside a UTF-8 sequence', () => {
    const bytes = enc.encode(text);
    for (let i = 0; i <= bytes.length; i++) {
      const { lines, bad } = split([bytes.slice(0, i), bytes.slice(i)]);
      assert.deepEqual(lines, expected, `cut at byte ${i}`);
      assert.deepEqual(bad, []);
    }
  });

  it('takes one byte at a time', () => {
    const bytes = enc.encode(text);
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    assert.deepEqual(split(chunks).lines, expected);
  });

  it('reports invalid UTF-8 for that line only and goes on', () => {
    const bad = new Uint8Array([
      ...enc.encode('ok 1\nbad '),
      0xff,
      0xfe,
      ...enc.encode('\nok 2\n'),
    ]);
    const result = split([bad]);
    assert.deepEqual(result.lines, ['ok 1', 'ok 2']);
    assert.deepEqual(result.bad, ['invalid UTF-8 in line']);
  });

  it('reads a 10 MB line delivered in 64 KiB chunks', () => {
    const big = `{"x":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const bytes = enc.encode(`${big}\nafter\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
    const { lines } = split(chunks);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.length, big.length);
    assert.equal(lines[1], 'after');
  });

  it('skips an over-long line with a diagnostic and reads the next one', () => {
    const { lines, bad } = split(['x'.repeat(50), 'y'.repeat(60), '\nnext\n'], 100);
    assert.deepEqual(lines, ['next']);
    assert.equal(bad.length, 1);
    assert.match(bad[0]!, /line longer than 100 characters/);
    const bytes = split([enc.encode('z'.repeat(150)), enc.encode('\nnext\n')], 100);
    assert.deepEqual(bytes.lines, ['next']);
    assert.equal(bytes.bad.length, 1);
  });
});
