import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Errors } from 'typebox/schema';
import { EVENT_SCHEMAS, UNKNOWN_TYPE_SCHEMA } from '../src/generated/schemas.ts';
import { schemaErrors, type SchemaNode } from '../src/schema-errors.ts';
import { invalidFixtures, validFixtures } from './helpers.ts';

const SCHEMAS: SchemaNode[] = [...Object.values(EVENT_SCHEMAS), UNKNOWN_TYPE_SCHEMA];
const READ = new Set([
  'title',
  'description',
  'type',
  'required',
  'properties',
  'items',
  'const',
  'enum',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'not',
]);

/** What TypeBox's general engine reports, in the shape schemaErrors uses. */
function typeboxErrors(schema: SchemaNode, value: unknown) {
  const [, errors] = Errors(schema as never, value) as unknown as [
    boolean,
    { keyword: string; instancePath: string; params: Record<string, unknown> }[],
  ];
  return errors.map(({ keyword, instancePath, params }) => ({ keyword, instancePath, params }));
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  'x',
  'verbose',
  'log',
  'a'.repeat(129),
  '😀'.repeat(128),
  '😀'.repeat(129),
  '\ud83d'.repeat(129),
  'a\ude00'.repeat(65),
  [],
  ['a', 2],
  {},
  { message: 1 },
];

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** Every valid fixture event, with each field in turn (top level and in `data`) replaced. */
function* variants(): Generator<unknown> {
  for (const { lines } of validFixtures()) {
    for (const text of lines) {
      const event = JSON.parse(text) as Record<string, unknown>;
      yield event;
      const data = (event.data ?? {}) as Record<string, unknown>;
      for (const key of [...Object.keys(event), 'extra']) {
        yield omit(event, key);
        for (const value of REPLACEMENTS) yield { ...event, [key]: value };
      }
      for (const key of [...Object.keys(data), 'error', 'tags', 'total', 'message']) {
        yield { ...event, data: omit(data, key) };
        for (const value of REPLACEMENTS) yield { ...event, data: { ...data, [key]: value } };
      }
    }
  }
  for (const { event } of invalidFixtures()) yield event;
  yield* [null, [], 'x', 1, { v: 1 }, Object.create(null)];
}

describe('schemaErrors', () => {
  it('reads every keyword the schemas use (and their const and enum values are scalars)', () => {
    const walk = (node: SchemaNode) => {
      for (const [keyword, value] of Object.entries(node)) {
        assert.ok(READ.has(keyword), `schema-errors.ts does not read "${keyword}"`);
        if (keyword === 'const') assert.notEqual(typeof value, 'object');
        if (keyword === 'enum')
          for (const v of value as unknown[]) assert.notEqual(typeof v, 'object');
      }
      for (const child of Object.values(node.properties ?? {})) walk(child);
      for (const child of [node.items, node.not]) if (child) walk(child);
    };
    SCHEMAS.forEach(walk);
  });

  it('reports what TypeBox reports, for thousands of broken events', () => {
    let compared = 0;
    for (const value of variants()) {
      for (const schema of SCHEMAS) {
        assert.deepEqual(
          schemaErrors(schema, value),
          typeboxErrors(schema, value),
          `${schema.title}: ${JSON.stringify(value)}`,
        );
        compared += 1;
      }
    }
    assert.ok(compared > 5_000, `only ${compared} comparisons`);
  });

  it('stops at 8 errors', () => {
    const errors = schemaErrors(EVENT_SCHEMAS.run, {
      v: 2,
      run: '',
      seq: -1.5,
      time: 'x',
      type: 'x',
      data: { instance: 1, name: 2, config: 3, tags: [1, 2, 3] },
    });
    assert.equal(errors.length, 8);
  });
});
