/**
 * An SSE connection writes a tick's frames as one chunk, in order, and only once the store says
 * the events are on disk: a viewer never sees a seq that a crash could take back.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import type { RunEvent } from '../src/events.ts';
import { openSse } from '../src/sse.ts';

/** The part of a response an SSE connection uses, recording what is written. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  writableEnded = false;
  destroyed = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): this {
    this.writableEnded = true;
    // As a real response does once it is finished: the connection stops its keep-alive then.
    setImmediate(() => this.emit('close'));
    return this;
  }
}

const ev = (seq: number): RunEvent => ({
  v: 1,
  run: 'r',
  seq,
  time: 1_700_000_000_000 + seq,
  type: 'log',
  data: { level: 'info', message: `m${seq}` },
});
const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Seqs of the frames written after the `retry:` head, chunk by chunk. */
const seqs = (res: FakeResponse) =>
  res.chunks.slice(1).map((chunk) => [...chunk.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));

/** A `durable()` whose promises resolve only when told, in order. */
function heldDisk() {
  const waiting: (() => void)[] = [];
  return {
    durable: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => waiting.shift()?.(),
    get asked() {
      return waiting.length;
    },
  };
}

describe('SSE connection', () => {
  test("writes a tick's frames as one chunk once they are durable, ticks in order", async () => {
    const res = new FakeResponse();
    const disk = heldDisk();
    const connection = openSse(res as unknown as ServerResponse, 60_000, disk.durable);
    connection.send([ev(0), ev(1)]);
    connection.send([ev(2)]);
    await tick();
    assert.deepEqual(seqs(res), [], 'nothing before the disk has it');
    assert.equal(disk.asked, 1, 'one durable() for the tick');
    connection.send([ev(3)]);
    await tick();
    assert.equal(disk.asked, 2);
    disk.release();
    await tick();
    assert.deepEqual(seqs(res), [[0, 1, 2]]);
    disk.release();
    await tick();
    assert.deepEqual(seqs(res), [[0, 1, 2], [3]]);
    connection.end();
    await tick();
    assert.equal(res.writableEnded, true);
  });

  test('a later tick waits for the earlier one even when its own sync is done first', async () => {
    const res = new FakeResponse();
    const resolvers: (() => void)[] = [];
    const durable = () => new Promise<void>((resolve) => resolvers.push(resolve));
    const connection = openSse(res as unknown as ServerResponse, 60_000, durable);
    connection.send([ev(0)]);
    await tick();
    connection.send([ev(1)]);
    await tick();
    resolvers[1]!();
    await tick();
    assert.deepEqual(seqs(res), []);
    resolvers[0]!();
    await tick();
    assert.deepEqual(seqs(res), [[0], [1]]);
    connection.end();
  });

  test('ending writes what is pending once it is durable, then ends', async () => {
    const res = new FakeResponse();
    const disk = heldDisk();
    const connection = openSse(res as unknown as ServerResponse, 60_000, disk.durable);
    connection.send([ev(0)]);
    connection.end();
    assert.equal(res.writableEnded, false, 'not ended before its frames are out');
    disk.release();
    await tick();
    assert.deepEqual(seqs(res), [[0]]);
    assert.equal(res.writableEnded, true);
  });

  test('a failed sync ends the stream without the frames it could not make durable', async () => {
    const res = new FakeResponse();
    const outcomes: ((ok: boolean) => void)[] = [];
    const durable = () =>
      new Promise<void>((resolve, reject) =>
        outcomes.push((ok) => (ok ? resolve() : reject(new Error('EIO')))),
      );
    const connection = openSse(res as unknown as ServerResponse, 60_000, durable);
    connection.send([ev(0)]);
    await tick();
    connection.send([ev(1)]);
    await tick();
    // The later sync fails first: no unhandled rejection, and order is kept.
    outcomes[1]!(false);
    await tick();
    outcomes[0]!(true);
    await tick();
    assert.deepEqual(seqs(res), [[0]], 'what is durable, and nothing after the failure');
    assert.equal(res.writableEnded, true);
    connection.send([ev(2)]);
    await tick();
    assert.deepEqual(seqs(res), [[0]]);
  });
});
