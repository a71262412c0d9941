import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEvent, validateEvent } from '../src/index.ts';
import { invalidFixtures, validFixtures } from './helpers.ts';

describe('validateEvent', () => {
  it('accepts every valid fixture', () => {
    for (const { name, lines } of validFixtures()) {
      for (const text of lines) {
        const result = validateEvent(JSON.parse(text));
        assert.notEqual(result.kind, 'invalid', `${name}: ${text}`);
      }
    }
  });

  it('rejects every invalid fixture with its expected reason', () => {
    const fixtures = invalidFixtures();
    assert.ok(fixtures.length >= 20);
    for (const { name, reason, event } of fixtures) {
      const result = validateEvent(event);
      assert.equal(result.kind, 'invalid', name);
      assert.equal(
        result.kind === 'invalid' && result.reason.replace(/ \(and \d+ more\)$/, ''),
        reason,
        name,
      );
    }
  });

  it('names the field and the reason in one line', () => {
    const result = validateEvent({
      v: 1,
      run: 'r',
      seq: 0,
      time: 0,
      type: 'log',
      data: { level: 'verbose', message: 'm' },
    });
    assert.deepEqual(result, {
      kind: 'invalid',
      reason: 'data.level: expected one of trace|debug|info|warn|error|fatal, got "verbose"',
    });
  });

  it('says how many more problems there are', () => {
    const result = validateEvent({ v: 1, run: '', seq: -1, time: 'x', type: 'log', data: {} });
    assert.equal(result.kind, 'invalid');
    assert.match(result.kind === 'invalid' ? result.reason : '', /\(and \d+ more\)$/);
  });

  it('treats version 2 as unsupported, whatever else it holds', () => {
    for (const data of [{}, { level: 'info', message: 'x' }]) {
      const result = validateEvent({ v: 2, run: 'r', seq: 0, time: 0, type: 'log', data });
      assert.deepEqual(result, {
        kind: 'invalid',
        reason: 'v: unsupported version 2 (this reader supports 1)',
      });
    }
  });

  it('reports an unknown type as valid but unknown, with its run and seq', () => {
    const result = validateEvent({ v: 1, run: 'r', seq: 4, time: 0, type: 'gpu_stats', data: {} });
    assert.deepEqual(result, { kind: 'unknown-type', type: 'gpu_stats', run: 'r', seq: 4 });
  });

  it('ignores unknown extra fields and keeps the event object as given', () => {
    const value = {
      v: 1,
      run: 'r',
      seq: 0,
      time: 0,
      type: 'heartbeat',
      data: { x: 1 },
      extra: true,
    };
    const result = validateEvent(value);
    assert.equal(result.kind, 'event');
    assert.equal(result.kind === 'event' && result.event, value);
  });

  it('never throws on hostile values', () => {
    const cyclic: Record<string, unknown> = { v: 1 };
    cyclic.self = cyclic;
    for (const value of [undefined, null, 0, 'x', [], cyclic, Object.create(null)]) {
      assert.equal(validateEvent(value).kind, 'invalid');
    }
  });
});

describe('parseEvent', () => {
  it('reports malformed JSON with the raw text kept whole', () => {
    const item = parseEvent('{"v":1,');
    assert.equal('diagnostic' in item && item.diagnostic, 'invalid');
    assert.ok('reason' in item && item.reason.startsWith('malformed JSON: '));
    assert.equal('raw' in item && item.raw, '{"v":1,');
  });

  it('keeps the raw text of an invalid event', () => {
    const text =
      '{"v":1,"run":"r","seq":0,"time":0,"type":"log","data":{"level":"x","message":""}}';
    const item = parseEvent(text);
    assert.ok('raw' in item);
    assert.equal(item.raw, text);
  });

  it('does not let __proto__ keys touch prototypes', () => {
    const item = parseEvent(
      '{"v":1,"run":"r","seq":0,"time":0,"type":"result","data":{"key":"k","value":{"__proto__":{"polluted":1}}}}',
    );
    assert.ok(!('diagnostic' in item));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
