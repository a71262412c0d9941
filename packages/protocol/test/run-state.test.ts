import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AppendOnlyStore,
  LogStore,
  RunState,
  otelSeverity,
  parseEvent,
  type LogEntry,
  type StreamItem,
} from '../src/index.ts';
import { validFixtures } from './helpers.ts';

const ev = (seq: number, time: number, type: string, data: object, run = 'r'): StreamItem =>
  parseEvent(JSON.stringify({ v: 1, run, seq, time, type, data }));

function stateOf(items: StreamItem[], now = 0): RunState {
  const state = new RunState(undefined, () => now);
  for (const i of items) state.apply(i);
  return state;
}

describe('RunState', () => {
  it('derives status, times, duration and the error of a failed run', () => {
    const lines = validFixtures().find((f) => f.name === 'every-type.jsonl')!.lines;
    const s = stateOf(lines.map(parseEvent));
    assert.equal(s.runId, 'run-all');
    assert.equal(s.instance, 'inst-eval');
    assert.equal(s.name, 'mmlu eval');
    assert.deepEqual(s.config, { model: 'llama-3-8b', shots: 5, temperature: 0 });
    assert.deepEqual(s.tags, ['eval', 'mmlu']);
    assert.equal(s.status, 'failed');
    assert.equal(s.isFinal, true);
    assert.equal(s.startedAt, 1767225600100);
    assert.equal(s.endedAt, 1767225601700);
    assert.equal(s.duration(), 1600);
    assert.equal(s.error?.type, 'torch.OutOfMemoryError');
    assert.deepEqual(s.logCounts, { trace: 1, debug: 1, info: 1, warn: 1, error: 1, fatal: 1 });
    assert.equal(s.logs.length, 8); // 6 logs + 2 output chunks
    assert.equal(s.firstLogIndex.error, 4);
    assert.equal(s.lastSeq, 18);
    assert.equal(s.lastEventTime, 1767225601700);
  });

  it('keeps the latest value and the whole series per result key', () => {
    const s = stateOf([
      ev(0, 0, 'result', { key: 'acc', value: 0.5 }),
      ev(1, 1, 'result', { key: 'loss', value: { a: [1] } }),
      ev(2, 2, 'result', { key: 'acc', value: 0.75 }),
    ]);
    const acc = s.results.get('acc')!;
    assert.equal(acc.latest, 0.75);
    assert.equal(acc.latestTime, 2);
    assert.deepEqual([...acc.values], [0.5, 0.75]);
    assert.deepEqual(s.results.get('loss')!.latest, { a: [1] });
  });

  it('computes progress rate and ETA over time, resetting on a new phase', () => {
    const s = new RunState();
    s.apply(ev(0, 0, 'progress', { current: 0, total: 1000, unit: 'step' }));
    assert.equal(s.progress?.rate, undefined);
    assert.equal(s.progress?.fraction, 0);
    s.apply(ev(1, 1000, 'progress', { current: 100, total: 1000, unit: 'step' }));
    assert.equal(s.progress?.rate, 100);
    assert.equal(s.progress?.etaMs, 9000);
    s.apply(ev(2, 2000, 'progress', { current: 300, total: 1000 }));
    assert.ok(s.progress!.rate! > 100 && s.progress!.rate! < 200, String(s.progress?.rate));
    s.apply(ev(3, 3000, 'progress', { current: 5, total: 50, label: 'eval' }));
    assert.equal(s.progress?.rate, undefined);
    assert.equal(s.progress?.label, 'eval');
    s.apply(ev(4, 4000, 'progress', { current: 7 }));
    assert.equal(s.progress?.fraction, undefined);
    assert.equal(s.progress?.etaMs, undefined);
  });

  it('keeps a final status final', () => {
    const s = stateOf([
      ev(0, 0, 'status', { status: 'running' }),
      ev(1, 5, 'status', { status: 'cancelled' }),
      ev(2, 9, 'status', { status: 'running' }),
    ]);
    assert.equal(s.status, 'cancelled');
    assert.equal(s.endedAt, 5);
  });

  it('ticks duration while running from the clock', () => {
    const s = stateOf([ev(0, 1000, 'status', { status: 'running' })], 4000);
    assert.equal(s.duration(), 3000);
    assert.equal(s.duration(6000), 5000);
    assert.equal(s.lastReceivedAt, 4000);
  });

  it('counts diagnostics and ignores other runs', () => {
    const s = stateOf([
      ev(0, 0, 'heartbeat', {}),
      ev(0, 0, 'heartbeat', {}, 'other'),
      parseEvent('nope'),
      { diagnostic: 'unknown-type', type: 'x', run: 'r', seq: 1 },
      { diagnostic: 'duplicate', run: 'r', seq: 0 },
      { diagnostic: 'gap', run: 'r', from: 2, to: 4 },
      { diagnostic: 'connection', state: 'reconnecting', transport: 'sse', attempt: 1 },
    ]);
    assert.deepEqual(s.counts, {
      events: 1,
      invalid: 1,
      unknownTypes: 1,
      duplicates: 1,
      gaps: 1,
      missing: 3,
      foreign: 1,
    });
    assert.equal(s.connection?.state, 'reconnecting');
    assert.equal(s.version, 7);
  });

  it('keeps every log and output entry readable, field by field and whole', () => {
    const log = ev(0, 5.5, 'log', { level: 'warn', message: 'm', logger: 'l', meta: { a: 1 } });
    const out = ev(1, 6, 'output', { stream: 'stderr', data: '\r 10%' });
    const s = stateOf([log, out]);
    assert.deepEqual(s.logs.slice(), [log, out]);
    assert.equal(s.logs.level(0), 'warn');
    assert.equal(s.logs.stream(1), 'stderr');
  });
});

describe('AppendOnlyStore', () => {
  it('appends and reads across chunk boundaries', () => {
    const store = new AppendOnlyStore<number>();
    for (let i = 0; i < 10_000; i++) assert.equal(store.push(i * 2), i);
    assert.equal(store.length, 10_000);
    assert.equal(store.at(4095), 8190);
    assert.equal(store.at(4096), 8192);
    assert.equal(store.at(9999), 19998);
    assert.equal(store.at(10_000), undefined);
    assert.equal(store.at(-1), undefined);
    assert.equal(store.last(), 19998);
    assert.deepEqual(store.slice(4094, 4098), [8188, 8190, 8192, 8194]);
    assert.equal([...store].length, 10_000);
  });
});

describe('LogStore', () => {
  const entry = (seq: number, data: object, type = 'log', run = 'r') =>
    JSON.parse(JSON.stringify({ v: 1, run, seq, time: 1000 + seq / 4, type, data })) as LogEntry;

  it('reads every field of every entry across chunk boundaries', () => {
    const store = new LogStore();
    for (let i = 0; i < 10_000; i++) {
      const data =
        i % 3 === 0
          ? { stream: i % 2 ? 'stderr' : 'stdout', data: `out ${i}` }
          : { level: i % 2 ? 'error' : 'info', message: `msg ${i}`, logger: `lg${i % 5}` };
      assert.equal(store.push(entry(i, data, i % 3 === 0 ? 'output' : 'log')), i);
    }
    assert.equal(store.length, 10_000);
    assert.equal(store.run, 'r');
    for (const i of [0, 1, 2, 4095, 4096, 4097, 9999]) {
      assert.equal(store.seq(i), i);
      assert.equal(store.time(i), 1000 + i / 4);
      if (i % 3 === 0) {
        assert.equal(store.type(i), 'output');
        assert.equal(store.stream(i), i % 2 ? 'stderr' : 'stdout');
        assert.equal(store.level(i), undefined);
        assert.equal(store.text(i), `out ${i}`);
      } else {
        assert.equal(store.type(i), 'log');
        assert.equal(store.level(i), i % 2 ? 'error' : 'info');
        assert.equal(store.stream(i), undefined);
        assert.equal(store.logger(i), `lg${i % 5}`);
        assert.equal(store.text(i), `msg ${i}`);
      }
    }
    assert.equal([...store].length, 10_000);
    assert.equal(store.last()?.seq, 9999);
  });

  it('builds each entry back as the event it was, meta and optional fields included', () => {
    const store = new LogStore();
    const events = [
      entry(0, { level: 'trace', message: 'plain' }),
      entry(1, { level: 'fatal', message: 'with', logger: 'x.y', meta: { k: [1, { z: null }] } }),
      entry(2, { stream: 'stdout', data: '\u001b[32mok\u001b[0m\r' }, 'output'),
    ];
    for (const e of events) store.push(e);
    assert.deepEqual(store.slice(), events);
    assert.deepEqual(store.slice(1, 2), [events[1]]);
    assert.equal(store.meta(0), undefined);
    assert.equal(store.logger(0), undefined);
  });

  it('reads texts and metas back the same once a full chunk is packed', () => {
    const store = new LogStore();
    const meta = (i: number) => ({ i, nested: { list: [i, 'x', null], ok: i % 2 === 0 } });
    for (let i = 0; i < 5000; i++) {
      const data = {
        level: 'info',
        message: `msg ${i} ✓ é 😀`,
        ...(i % 3 ? {} : { meta: meta(i) }),
      };
      store.push(entry(i, data));
    }
    for (const i of [0, 1, 3, 4095, 4096, 4098, 4999]) {
      assert.equal(store.text(i), `msg ${i} ✓ é 😀`);
      assert.deepEqual(store.meta(i), i % 3 ? undefined : meta(i));
    }
    assert.deepEqual(store.at(3)!.data, { level: 'info', message: 'msg 3 ✓ é 😀', meta: meta(3) });
  });

  it('answers out-of-range reads clearly and refuses entries of another run', () => {
    const store = new LogStore();
    store.push(entry(0, { level: 'info', message: 'a' }));
    assert.equal(store.at(1), undefined);
    assert.equal(store.at(-1), undefined);
    assert.throws(() => store.text(1), /log index 1 out of range 0\.\.0/);
    assert.throws(
      () => store.push(entry(1, { level: 'info', message: 'b' }, 'log', 'other')),
      /holds run "r", not "other"/,
    );
    assert.equal(store.length, 1);
  });
});

describe('LogStore navigation and trimming', () => {
  const store = new LogStore();
  for (let i = 0; i < 10_000; i++) {
    store.push(
      JSON.parse(
        JSON.stringify({
          v: 1,
          run: 'r',
          seq: i * 2,
          time: i,
          type: 'log',
          data: { level: 'info', message: `m${i}` },
        }),
      ) as LogEntry,
    );
  }

  it('finds an entry by seq, or the first after it', () => {
    assert.equal(store.indexOfSeq(0), 0);
    assert.equal(store.indexOfSeq(8190), 4095);
    assert.equal(store.indexOfSeq(8191), 4096);
    assert.equal(store.indexOfSeq(-5), 0);
    assert.equal(store.indexOfSeq(1e9), 10_000);
  });

  it('discards whole chunks before an index and keeps every index stable', () => {
    store.discardBefore(9000);
    assert.equal(store.first, 8192);
    assert.equal(store.length, 10_000);
    assert.equal(store.at(8191), undefined);
    assert.equal(store.text(8192), 'm8192');
    assert.equal(store.text(9999), 'm9999');
    assert.throws(() => store.text(100), /out of range 8192\.\.9999/);
    assert.equal([...store].length, 10_000 - 8192);
    assert.equal(store.indexOfSeq(0), 8192);
    store.discardBefore(10); // never undoes a discard
    assert.equal(store.first, 8192);
  });
});

describe('RunState markers', () => {
  it('records gaps, invalid events and connection drops where they happened in the log', () => {
    const s = new RunState(undefined, () => 42);
    const items: StreamItem[] = [
      { diagnostic: 'connection', state: 'connecting', transport: 'sse', attempt: 0 },
      { diagnostic: 'connection', state: 'open', transport: 'sse', attempt: 0 },
      ev(0, 0, 'log', { level: 'info', message: 'a' }),
      { diagnostic: 'invalid', reason: 'malformed JSON: x', raw: 'x'.repeat(300_000) },
      { diagnostic: 'gap', run: 'r', from: 1, to: 3 },
      ev(4, 4, 'log', { level: 'info', message: 'b' }),
      { diagnostic: 'connection', state: 'reconnecting', transport: 'sse', attempt: 1 },
      { diagnostic: 'connection', state: 'reconnecting', transport: 'sse', attempt: 2 },
      { diagnostic: 'connection', state: 'open', transport: 'sse', attempt: 2 },
      { diagnostic: 'gap', run: 'other-run', from: 0, to: 9 },
    ];
    for (const item of items) s.apply(item);
    const markers = [...s.markers];
    assert.deepEqual(
      markers.map((m) => [m.kind, m.at]),
      [
        ['invalid', 1],
        ['gap', 1],
        ['connection', 2],
        ['connection', 2],
      ],
    );
    const invalid = markers[0] as Extract<(typeof markers)[0], { kind: 'invalid' }>;
    assert.equal(invalid.raw.length, 256 * 1024);
    assert.equal(invalid.rawLength, 300_000);
    assert.equal(invalid.time, 42);
    assert.deepEqual(
      markers.slice(2).map((m) => m.kind === 'connection' && [m.state, m.attempt]),
      [
        ['reconnecting', 1],
        ['open', 2],
      ],
    );
    assert.equal(s.counts.foreign, 1);
    assert.equal(s.counts.gaps, 1);
  });
});

describe('otelSeverity', () => {
  it('maps SeverityNumber ranges to levels', () => {
    assert.deepEqual([1, 4, 5, 9, 13, 17, 21, 24].map(otelSeverity), [
      'trace',
      'trace',
      'debug',
      'info',
      'warn',
      'error',
      'fatal',
      'fatal',
    ]);
    assert.equal(otelSeverity(0), undefined);
    assert.equal(otelSeverity(25), undefined);
  });
});
