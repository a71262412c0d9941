import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { generatedFiles } from '../scripts/generate.ts';
import { EVENT_TYPES, LOG_LEVELS, RUN_STATUSES } from '../src/index.ts';
import { invalidFixtures, validFixtures } from './helpers.ts';

const root = new URL('../', import.meta.url);

describe('generated files', () => {
  for (const [path, text] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (run \`npm run schema\` if not)`, () => {
      assert.equal(readFileSync(new URL(path, root), 'utf8'), text);
    });
  }

  it('runtime constants equal what the committed JSON Schema says', () => {
    const json = JSON.parse(readFileSync(new URL('schema/run-event.schema.json', root), 'utf8'));
    const enums: unknown[][] = [];
    JSON.stringify(json, (_key, value: unknown) => {
      const node = value as { enum?: unknown[] } | null;
      if (node && Array.isArray(node.enum)) enums.push(node.enum);
      return value;
    });
    for (const list of [EVENT_TYPES, LOG_LEVELS, RUN_STATUSES]) {
      assert.ok(
        enums.some((e) => JSON.stringify(e) === JSON.stringify(list)),
        `no enum ${list.join('|')} in the JSON Schema`,
      );
    }
  });
});

describe('the JSON Schema, read by an independent validator (ajv)', () => {
  const json = JSON.parse(readFileSync(new URL('schema/run-event.schema.json', root), 'utf8'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(json);

  it('is a draft 2020-12 schema', () => {
    assert.equal(json.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts every valid fixture', () => {
    for (const { name, lines } of validFixtures()) {
      for (const text of lines) {
        assert.ok(validate(JSON.parse(text)), `${name}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  });

  it('rejects every invalid fixture', () => {
    for (const { name, event } of invalidFixtures()) {
      assert.equal(validate(event), false, name);
    }
  });
});
