/**
 * The JSON index accepts exactly what `JSON.parse` accepts, locates every value, keeps numbers
 * as written and never builds objects from keys; paths come out in both notations.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  JsonDoc,
  JsonTextError,
  KIND_ARRAY,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_STRING,
  jsAccessor,
  jsonPath,
} from '../src/result-tree/json-doc.ts';
import { scanJson } from '../src/result-tree/json-scan.ts';

const SAMPLES = [
  '0',
  '-0',
  '1.5e-7',
  '"a\\u00e9\\n\\"q\\"\\\\"',
  'true',
  'false',
  'null',
  '[]',
  '{}',
  ' [ 1 , [ ] , { } , "x" ] ',
  '{"a":{"b":[1,2,{"c":null}]},"d":"e"}',
  '{"__proto__":{"polluted":1},"constructor":{"prototype":2}}',
  '[12345678901234567890123, 1.0, 1E3, -0.0]',
  '"\\ud800 lone"',
  '{"":"empty key","a b":"space"}',
];

/** The value rebuilt from the index alone (no JSON.parse of containers). */
function rebuild(doc: JsonDoc, node = 0): unknown {
  const kind = doc.kind(node);
  if (kind === KIND_ARRAY) return doc.children(node).map((c) => rebuild(doc, c));
  if (kind === KIND_OBJECT) {
    // Own properties, as JSON.parse makes them (`__proto__` included: no prototype is set).
    return Object.fromEntries(doc.children(node).map((c) => [doc.keyOf(c)!, rebuild(doc, c)]));
  }
  if (kind === KIND_STRING) return doc.stringValue(node);
  return JSON.parse(doc.raw(node));
}

/** A random JSON text of mixed structure. */
function randomJson(seed: number, depth = 0): string {
  let s = seed;
  const rand = () => ((s = (s * 48271) % 2147483647) % 1000) / 1000;
  const value = (d: number): string => {
    const r = rand();
    if (d > 4 || r < 0.3) {
      const t = rand();
      if (t < 0.25) return String(Math.round(rand() * 1e6) / 100);
      if (t < 0.5) return JSON.stringify(`s${Math.round(rand() * 1e4)}\n"é`);
      if (t < 0.6) return 'true';
      if (t < 0.7) return 'null';
      return String(-Math.round(rand() * 1e3));
    }
    const n = Math.floor(rand() * 5);
    const items = Array.from({ length: n }, (_, i) =>
      r < 0.65
        ? value(d + 1)
        : `${JSON.stringify(`k${i}${rand() < 0.2 ? '\\' : ''}`)}: ${value(d + 1)}`,
    );
    return r < 0.65 ? `[${items.join(', ')}]` : `{ ${items.join(',\n')} }`;
  };
  return value(depth);
}

describe('JSON index', () => {
  it('indexes every value of valid JSON, which rebuilds to what JSON.parse gives', () => {
    const texts = [...SAMPLES, ...Array.from({ length: 300 }, (_, i) => randomJson(i + 1))];
    for (const text of texts) {
      const doc = JsonDoc.parse(text);
      assert.deepEqual(rebuild(doc), JSON.parse(text), text);
      for (let node = 0; node < doc.size; node++)
        assert.deepEqual(doc.value(node), rebuild(doc, node), `${text} @${node}`);
    }
  });

  it('rejects exactly what JSON.parse rejects, saying where', () => {
    const broken = [
      '',
      ' ',
      '[1,]',
      '{"a":1,}',
      '{a:1}',
      "{'a':1}",
      '[1 2]',
      '01',
      '1.',
      '.5',
      '-',
      '1e',
      '+1',
      'tru',
      'nul',
      '"abc',
      '"tab\there"',
      '"\\x"',
      '"\\u12g4"',
      '[1]]',
      '{"a" 1}',
      '[',
      'NaN',
      'Infinity',
      '"a"b',
    ];
    // Random texts with one character changed, removed or duplicated, too.
    for (let i = 0; i < 400; i++) {
      const text = randomJson(1000 + i);
      const at = (i * 7919) % Math.max(1, text.length);
      const change = i % 3;
      broken.push(
        change === 0
          ? text.slice(0, at) + text.slice(at + 1)
          : change === 1
            ? text.slice(0, at) + '},["\\:'[i % 6] + text.slice(at + 1)
            : text.slice(0, at) + text[at] + text.slice(at),
      );
    }
    for (const text of broken) {
      let parsed = true;
      try {
        JSON.parse(text);
      } catch {
        parsed = false;
      }
      const r = scanJson(text);
      assert.equal(!('error' in r), parsed, `${JSON.stringify(text)}`);
      if ('error' in r) {
        assert.ok(r.error.offset >= 0 && r.error.offset <= text.length);
        assert.ok(r.error.message.length > 10);
      }
    }
  });

  it('reports line and column of the error', () => {
    assert.throws(
      () => JsonDoc.parse('{\n  "a": 1,\n  "b": [1, 2,, 3]\n}'),
      (e: unknown) =>
        e instanceof JsonTextError &&
        e.line === 3 &&
        e.column === 14 &&
        /value was expected/.test(e.message) &&
        e.message.includes('line 3, column 14'),
    );
  });

  it('keeps numbers as written', () => {
    const doc = JsonDoc.parse('[12345678901234567890123, 1.0, 1E3, 0.1, 9007199254740993]');
    const items = doc.children(0);
    assert.deepEqual(
      items.map((c) => doc.raw(c)),
      ['12345678901234567890123', '1.0', '1E3', '0.1', '9007199254740993'],
    );
    assert.deepEqual(
      items.map((c) => doc.numberIsExact(c)),
      [false, false, false, true, false],
    );
    assert.equal(doc.kind(items[0]!), KIND_NUMBER);
  });

  it('treats __proto__ and constructor as keys only', () => {
    const doc = JsonDoc.parse('{"__proto__":{"polluted":true},"constructor":1}');
    assert.deepEqual(
      doc.children(0).map((c) => doc.keyOf(c)),
      ['__proto__', 'constructor'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('survives 100,000 levels of nesting', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
    const doc = JsonDoc.parse(text);
    assert.equal(doc.size, depth + 1);
    assert.equal(doc.index.depth, depth);
    assert.equal(doc.raw(depth), '1');
    assert.equal(doc.pathOf(depth).length, depth);
    assert.equal(doc.childCount(0), 1);
  });

  it('counts and pages children, and decodes long strings in part', () => {
    const text = JSON.stringify({
      items: Array.from({ length: 5000 }, (_, i) => i),
      s: 'ab\\"c'.repeat(3000),
    });
    const doc = JsonDoc.parse(text);
    const [items, s] = doc.children(0);
    assert.equal(doc.childCount(items!), 5000);
    assert.deepEqual(
      doc.children(items!, 4998).map((c) => doc.raw(c)),
      ['4998', '4999'],
    );
    assert.deepEqual(
      doc.children(items!, 10, 3).map((c) => doc.raw(c)),
      ['10', '11', '12'],
    );
    assert.equal(doc.raw(doc.lastChild(items!)!), '4999');
    assert.equal(JsonDoc.parse('[]').lastChild(0), undefined);
    const head = doc.stringValue(s!, 100);
    assert.ok(head.length <= 100 && head.length > 50, String(head.length));
    assert.ok('ab\\"c'.repeat(3000).startsWith(head));
    assert.equal(doc.stringValue(s!), 'ab\\"c'.repeat(3000));
  });

  it('gives paths as JSONPath and as a JavaScript accessor', () => {
    const doc = JsonDoc.parse('{"models":[{"score":1},{"a key":{"it\'s":[0,5]}}]}');
    const five = doc.size - 1;
    const steps = doc.pathOf(five);
    assert.deepEqual(steps, ['models', 1, 'a key', "it's", 1]);
    assert.equal(jsonPath(steps), "$.models[1]['a key']['it\\'s'][1]");
    assert.equal(jsAccessor(steps), 'value.models[1]["a key"]["it\'s"][1]');
    assert.equal(jsonPath([]), '$');
    assert.equal(doc.parentOf(five), five - 2);
    assert.equal(doc.parentOf(0), -1);
  });

  it('runs as the worker does: from its own source text alone', () => {
    const source = `const __name = (f) => f; return (${scanJson.toString()});`;
    const isolated = new Function(source)() as typeof scanJson;
    const r = isolated('{"a":[1,2]}');
    assert.ok(!('error' in r));
    assert.equal(r.size, 4);
  });
});
