/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { first, firstValueFrom } from 'rxjs';
import { fromSSE, isDiagnostic, type InvalidDiagnostic } from '../../src/index.ts';
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

describe('fromSSE against a real server', () => {
  it('reports connecting and open, then completes when the server closes after the final status', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 3 });

    const items = await collect(fromSSE(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'status#2',
      'conn:closed',
    ]);
    const log = await serverLogWhen(id, (l) => l[0]?.closedBy !== undefined);
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ lastEventId: null, after: null, closedBy: 'server' });
  });

  it('resumes a dropped stream through the browser, which sends Last-Event-ID', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 6, drop: 2 });

    const items = await collect(fromSSE(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'log#2',
      'conn:reconnecting',
      'conn:open',
      'log#3',
      'log#4',
      'status#5',
      'conn:closed',
    ]);
    expect(connections(items)[2]).to.include({ state: 'reconnecting', lastSeq: 2 });
    const log = await serverLog(id);
    expect(log.map((c) => [c.lastEventId, c.after])).to.deep.equal([
      [null, null],
      ['2', null],
    ]);
  });

  for (const refusal of ['status', 'type']) {
    it(`reconnects by itself with ?after= when the browser gives up (refused by ${refusal})`, async () => {
      const { id, url } = scenario('/test-api/sse', { n: 6, drop: 2, refuse: 2, refusal });

      const items = await collect(fromSSE(url, { retry }));

      expect(labels(items)).to.deep.equal([
        'conn:connecting',
        'conn:open',
        'run#0',
        'log#1',
        'log#2',
        'conn:reconnecting', // the browser retries, and is refused
        'conn:reconnecting', // the transport takes over
        'conn:connecting',
        'conn:open',
        'log#3',
        'log#4',
        'status#5',
        'conn:closed',
      ]);
      const log = await serverLog(id);
      expect(log.map((c) => [c.lastEventId, c.after, c.refused !== undefined])).to.deep.equal([
        [null, null, false],
        ['2', null, true],
        [null, '2', false],
      ]);
    });
  }

  it('asks for events after the `after` option', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 5 });

    const items = await collect(fromSSE(url, { retry, after: 2 }));

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
    const { url } = scenario('/test-api/sse', { n: 8, drop: 3, replay: 2, skip: 6 });

    const items = await collect(fromSSE(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'log#2',
      'log#3',
      'conn:reconnecting',
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
    const { url } = scenario('/test-api/sse', { n: 4, junk: 1 });

    const items = await collect(fromSSE(url, { retry }));

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

  it('resumes with ?after= past an event of an unknown type, which it skipped but did receive', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 4, junk: 1, drop: 1, refuse: 2 });

    const items = await collect(fromSSE(url, { retry }));

    const log = await serverLog(id);
    expect(log.map((c) => [c.lastEventId, c.after])).to.deep.equal([
      [null, null],
      ['1', null],
      [null, '1'],
    ]);
    expect(labels(items).filter((l) => !l.startsWith('invalid'))).to.deep.equal([
      'conn:connecting',
      'conn:open',
      'run#0',
      'unknown:metric_v2#1',
      'conn:reconnecting',
      'conn:reconnecting',
      'conn:connecting',
      'conn:open',
      'log#2',
      'status#3',
      'conn:closed',
    ]);
  });

  it('reconnects by itself when the very first connection is refused', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 3, refuse: 1 });

    const items = await collect(fromSSE(url, { retry }));

    expect(labels(items)).to.deep.equal([
      'conn:connecting',
      'conn:reconnecting',
      'conn:connecting',
      'conn:open',
      'run#0',
      'log#1',
      'status#2',
      'conn:closed',
    ]);
    expect((await serverLog(id)).map((c) => c.refused ?? 'served')).to.deep.equal([
      'status 500',
      'served',
    ]);
  });

  it('closes the EventSource when unsubscribed', async () => {
    const { id, url } = scenario('/test-api/sse', { n: 6, end: 'hold' });

    // Taking the first item that matches unsubscribes; the server holds the stream open.
    await firstValueFrom(
      fromSSE(url, { retry }).pipe(first((i) => !isDiagnostic(i) && i.seq === 2)),
    );

    const log = await serverLogWhen(id, (l) => l[0]?.closedBy !== undefined);
    expect(log).to.have.length(1);
    expect(log[0]?.closedBy).to.equal('client');
  });
});
