import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { from, map } from 'rxjs';
import { orderBySeq, parseEvent, replayJsonl, toStreamItems } from '../src/index.ts';
import { collect, labels, line } from './helpers.ts';

const items = (...lines: string[]) => lines.map(parseEvent);

describe('orderBySeq', () => {
  it('drops duplicates and reports gaps, per run', async () => {
    const out = await collect(
      from(
        items(
          line(0),
          line(1, 'heartbeat', {}, 'r2'),
          line(2),
          line(0),
          line(1),
          line(0, 'heartbeat', {}, 'r2'),
        ),
      ).pipe(orderBySeq()),
    );
    assert.deepEqual(labels(out), [
      'heartbeat#0',
      'gap 0-0',
      'heartbeat#1',
      'gap 1-1',
      'heartbeat#2',
      'dup#0',
      'dup#1',
      'dup#0',
    ]);
  });

  it('resumes after a given seq', async () => {
    const out = await collect(from(items(line(5), line(6), line(9))).pipe(orderBySeq(4)));
    assert.deepEqual(labels(out), ['heartbeat#5', 'heartbeat#6', 'gap 7-8', 'heartbeat#9']);
  });

  it('orders unknown types too, so they never cause false gaps', async () => {
    const out = await collect(from(items(line(0), line(1, 'future'), line(2))).pipe(orderBySeq()));
    assert.deepEqual(labels(out), ['heartbeat#0', 'unknown:future#1', 'heartbeat#2']);
  });
});

describe('toStreamItems', () => {
  it('validates plain objects and is idempotent on transport output', async () => {
    const values: unknown[] = [
      JSON.parse(line(0)),
      { v: 1, run: 'r1', seq: 1, time: 0, type: 'log', data: { level: 'nope', message: '' } },
      JSON.parse(line(1)),
      parseEvent(line(1)),
      { diagnostic: 'connection', state: 'open', transport: 'sse', attempt: 0 },
    ];
    const out = await collect(from(values).pipe(toStreamItems()));
    assert.deepEqual(labels(out), [
      'heartbeat#0',
      'invalid: data.level: expected one of trace|debug|info|warn|error|fatal, got "nope"',
      'heartbeat#1',
      'dup#1',
      'conn:open',
    ]);
  });

  it("passes a transport's output through unchanged, and checks it again once re-piped", async () => {
    const recording = [line(0), line(1), line(1), line(3)].join('\n');
    const transport = replayJsonl(recording);
    assert.equal(transport.pipe(toStreamItems()), transport);
    // Any operator after the transport makes a new Observable, which is validated and ordered.
    const repiped = transport.pipe(map((item) => item));
    assert.notEqual(repiped.pipe(toStreamItems()), repiped);
    const expected = ['conn:open', 'heartbeat#0', 'heartbeat#1', 'dup#1', 'gap 2-2', 'heartbeat#3'];
    assert.deepEqual(labels(await collect(transport.pipe(toStreamItems()))), [
      ...expected,
      'conn:closed',
    ]);
    assert.deepEqual(labels(await collect(repiped.pipe(toStreamItems()))), [
      ...expected,
      'conn:closed',
    ]);
  });
});
