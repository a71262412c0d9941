import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualTimeScheduler } from 'rxjs';
import { replayJsonl, type StreamItem } from '../src/index.ts';
import { collect, labels } from './helpers.ts';

const at = (seq: number, time: number) =>
  JSON.stringify({ v: 1, run: 'r', seq, time, type: 'heartbeat', data: {} });

describe('replayJsonl', () => {
  const recording = [at(0, 10_000), at(1, 11_000), 'garbage', at(2, 15_000)].join('\n');

  it('replays instantly by default', async () => {
    const items = await collect(replayJsonl(recording));
    assert.equal(items.length, 6);
    assert.deepEqual(labels(items).slice(0, 3), ['conn:open', 'heartbeat#0', 'heartbeat#1']);
    assert.match(labels(items)[3]!, /^invalid: malformed JSON/);
  });

  it('replays at the recorded pace scaled by speed', () => {
    const scheduler = new VirtualTimeScheduler();
    const seen: [number, string][] = [];
    replayJsonl(recording, { speed: 2, scheduler }).subscribe((item: StreamItem) =>
      seen.push([scheduler.now(), labels([item])[0]!.slice(0, 20)]),
    );
    scheduler.flush();
    assert.deepEqual(seen, [
      [0, 'conn:open'],
      [0, 'heartbeat#0'],
      [500, 'heartbeat#1'],
      [500, 'invalid: malformed J'],
      [2500, 'heartbeat#2'],
      [2500, 'conn:closed'],
    ]);
  });

  it('stops emitting when unsubscribed', () => {
    const scheduler = new VirtualTimeScheduler();
    const seen: StreamItem[] = [];
    const sub = replayJsonl(recording, { speed: 1, scheduler }).subscribe((i) => seen.push(i));
    scheduler.schedule(() => sub.unsubscribe(), 1500);
    scheduler.flush();
    assert.deepEqual(labels(seen), [
      'conn:open',
      'heartbeat#0',
      'heartbeat#1',
      labels([seen[3]!])[0],
    ]);
  });

  it('rejects a speed that is not positive', () => {
    assert.throws(() => replayJsonl('', { speed: 0 }), /speed must be a positive number/);
  });
});
