/**
 * The backend authors' guide (`docs/protocol.md`) cannot drift from the protocol: every `jsonl`
 * example in it is valid under the validator and the JSON Schema, its whole-run example is a
 * clean run, and every rejection reason it quotes is one this library gives.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { from } from 'rxjs';
import { RunState, parseEvent, toStreamItems, validateEvent } from '../src/index.ts';
import { invalidFixtures } from './helpers.ts';

const guide = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
const schema = JSON.parse(
  readFileSync(new URL('../schema/run-event.schema.json', import.meta.url), 'utf8'),
) as object;

/** The fenced blocks of a language, in order. */
function blocks(lang: string): string[] {
  const fence = new RegExp('^( *)```' + lang + '\\n([\\s\\S]*?)^\\1```$', 'gm');
  return [...guide.matchAll(fence)].map((m) =>
    m[2]!
      .split('\n')
      .map((line) => line.slice(m[1]!.length))
      .join('\n'),
  );
}
const linesOf = (block: string) => block.split('\n').filter((l) => l.trim() !== '');

describe('docs/protocol.md', () => {
  const examples = blocks('jsonl');

  it('has examples of every event type', () => {
    const types = new Set(
      examples.flatMap(linesOf).map((l) => (JSON.parse(l) as { type: string }).type),
    );
    for (const type of ['run', 'status', 'log', 'output', 'progress', 'result', 'heartbeat'])
      assert.ok(types.has(type), `no example of ${type}`);
  });

  it('gives only events the validator and the JSON Schema accept', () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const line of examples.flatMap(linesOf)) {
      const value: unknown = JSON.parse(line);
      const result = validateEvent(value);
      assert.notEqual(
        result.kind,
        'invalid',
        `${line}: ${'reason' in result ? result.reason : ''}`,
      );
      assert.ok(validate(value), `${line}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('shows a whole run that its own check finds clean', () => {
    const whole = examples.find((b) => b.includes('"status":"completed"'))!;
    const state = new RunState();
    from(linesOf(whole).map(parseEvent))
      .pipe(toStreamItems())
      .subscribe((item) => state.apply(item));
    assert.equal(state.status, 'completed');
    assert.deepEqual(
      { events: state.counts.events, invalid: state.counts.invalid, gaps: state.counts.gaps },
      { events: linesOf(whole).length, invalid: 0, gaps: 0 },
    );
    assert.equal(state.counts.duplicates, 0);
  });

  it('quotes rejection reasons exactly as the library gives them', () => {
    const reasons = new Set(invalidFixtures().map((f) => f.reason));
    const quoted = blocks('text').find((b) => b.includes('expected one of'))!;
    for (const reason of linesOf(quoted)) assert.ok(reasons.has(reason), reason);
  });
});
