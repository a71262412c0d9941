/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { first, firstValueFrom } from 'rxjs';
import {
  fromWebSocket,
  isDiagnostic,
  type InvalidDiagnostic,
  type LogEvent,
} from '../../src/index.ts';
import {
  collect,
  connections,
  jsonError,
  labels,
  scenario,
  serverLog,
  serverLogWhen,
} from './helpers.ts';

const retry = { initialMs: 50, maxMs: 200 };
const WS = '/test-api/ws/run';

describe('fromWebSocket against a real server', () => {
  it('reads one event per message and completes when the server closes after the final status', async () => {
    const { id, url } = scenario(WS, { n: 3 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'status#2',
      'conn:closed',
    ]);
    const log = await serverLogWhen(id, (l) => l[0]?.code !== undefined);
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ after: null, messages: 3, closedBy: 'server', code: 1000 });
  });

  it('reads several NDJSON lines from one text message', async () => {
    const { id, url } = scenario(WS, { n: 6, batch: 3 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect(labels(items.filter((i) => !isDiagnostic(i)))).to.deep.equal([
      'run#0',
      'log#1',
      'log#2',
      'log#3',
      'log#4',
      'status#5',
    ]);
    expect((await serverLog(id))[0]?.messages).to.equal(2);
  });

  it('reads binary messages of NDJSON lines as UTF-8', async () => {
    const text = 'naïve café ✓ 🌍';
    const { id, url } = scenario(WS, { n: 6, batch: 2, binary: 1, text });

    const items = await collect(fromWebSocket(url, { retry }));

    const logs = items.filter((i): i is LogEvent => !isDiagnostic(i) && i.type === 'log');
    expect(logs.map((e) => e.data.message)).to.deep.equal([1, 2, 3, 4].map((s) => `${text} ${s}`));
    expect(labels(items)).to.include.members(['run#0', 'status#5', 'conn:closed']);
    expect((await serverLog(id))[0]?.messages).to.equal(3);
  });

  it('reconnects with ?after=<last seq> after an unexpected close', async () => {
    const { id, url } = scenario(WS, { n: 6, drop: 2 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'log#2',
      'conn:reconnecting',
      'conn:connecting',
      'conn:open',
      'log#3',
      'log#4',
      'status#5',
      'conn:closed',
    ]);
    expect(connections(items)[2]).to.include({
      state: 'reconnecting',
      attempt: 1,
      lastSeq: 2,
      message: 'closed with code 1012: restarting',
    });
    const log = await serverLog(id);
    expect(log.map((c) => c.after)).to.deep.equal([null, '2']);
  });

  it('asks for events after the `after` option', async () => {
    const { id, url } = scenario(WS, { n: 5 });

    const items = await collect(fromWebSocket(url, { retry, after: 2 }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'log#3',
      'status#4',
      'conn:closed',
    ]);
    expect((await serverLog(id))[0]?.after).to.equal('2');
  });

  it('drops seqs replayed after a resume as duplicates and reports skipped ones as a gap', async () => {
    const { url } = scenario(WS, { n: 8, drop: 3, replay: 2, skip: 6, batch: 2 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'log#2',
      'log#3',
      'conn:reconnecting',
      'conn:connecting',
      'conn:open',
      'dup#2',
      'dup#3',
      'log#4',
      'log#5',
      'gap 6-6',
      'status#7',
      'conn:closed',
    ]);
  });

  it('passes malformed, invalid and unknown-type events on as diagnostics and still completes', async () => {
    const { url } = scenario(WS, { n: 4, junk: 1, batch: 2 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      `invalid: malformed JSON: ${jsonError('not json')}`,
      'invalid: data.level: expected one of trace|debug|info|warn|error|fatal, got "verbose"',
      'unknown:metric_v2#1',
      'log#2',
      'status#3',
      'conn:closed',
    ]);
    expect((items[3] as InvalidDiagnostic).raw).to.equal('not json');
  });

  it('resumes after an event of an unknown type, which it skipped but did receive', async () => {
    const { id, url } = scenario(WS, { n: 4, junk: 1, drop: 1 });

    const items = await collect(fromWebSocket(url, { retry }));

    expect((await serverLog(id)).map((c) => c.after)).to.deep.equal([null, '1']);
    expect(labels(items).filter((l) => !l.startsWith('invalid'))).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'unknown:metric_v2#1',
      'conn:reconnecting',
      'conn:connecting',
      'conn:open',
      'log#2',
      'status#3',
      'conn:closed',
    ]);
  });

  it('closes the socket with 1000 when unsubscribed', async () => {
    const { id, url } = scenario(WS, { n: 6, end: 'hold' });

    // Taking the first item that matches unsubscribes; the server holds the socket open.
    await firstValueFrom(
      fromWebSocket(url, { retry }).pipe(first((i) => !isDiagnostic(i) && i.seq === 2)),
    );

    const log = await serverLogWhen(id, (l) => l[0]?.closedBy !== undefined);
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ closedBy: 'client', code: 1000, reason: 'unsubscribed' });
  });
});
