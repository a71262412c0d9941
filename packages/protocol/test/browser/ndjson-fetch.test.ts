/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { first, firstValueFrom } from 'rxjs';
import { fromNdjson, isDiagnostic, type LogEvent } from '../../src/index.ts';
import { collect, labels, scenario, serverLog, serverLogWhen } from './helpers.ts';

const NDJSON = '/test-api/ndjson';
const text = 'naïve café ✓ 🌍';
const strict = new TextDecoder('utf-8', { fatal: true });

/** True when `chunk` is not valid UTF-8 by itself: it starts or ends inside a character. */
function cutInsideCharacter(chunk: Uint8Array): boolean {
  try {
    strict.decode(chunk);
    return false;
  } catch {
    return true;
  }
}

describe('fromNdjson over fetch against a real server', () => {
  it('reads a response streamed in tiny pieces, multi-byte characters included', async () => {
    const { id, url } = scenario(NDJSON, { n: 6, text, chunk: 3, delay: 2 });

    const items = await collect(fromNdjson(fetch(url)));

    expect(labels(items)).to.deep.equal([
      'conn:open',
      'run#0',
      'log#1',
      'log#2',
      'log#3',
      'log#4',
      'status#5',
      'conn:closed',
    ]);
    const logs = items.filter((i): i is LogEvent => !isDiagnostic(i) && i.type === 'log');
    expect(logs.map((e) => e.data.message)).to.deep.equal([1, 2, 3, 4].map((s) => `${text} ${s}`));
    expect((await serverLog(id))[0]?.messages).to.be.greaterThan(100);
  });

  it('decodes characters whose bytes arrive in different reads', async () => {
    const { url } = scenario(NDJSON, { n: 6, text, chunk: 3, delay: 2 });
    const reads: Uint8Array[] = [];
    const recorder = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        reads.push(chunk);
        controller.enqueue(chunk);
      },
    });
    const body = fetch(url).then((r) =>
      (r.body as ReadableStream<Uint8Array>).pipeThrough(recorder),
    );

    const items = await collect(fromNdjson(body));

    // Otherwise this test proves nothing: the browser must have handed over characters in parts.
    expect(reads.some(cutInsideCharacter)).to.equal(true);
    expect(items.filter(isDiagnostic).map((d) => d.diagnostic)).to.deep.equal([
      'connection',
      'connection',
    ]);
    const logs = items.filter((i): i is LogEvent => !isDiagnostic(i) && i.type === 'log');
    expect(logs.map((e) => e.data.message)).to.deep.equal([1, 2, 3, 4].map((s) => `${text} ${s}`));
  });

  it('reports an HTTP error as a connection error and completes', async () => {
    const { url } = scenario(NDJSON, { status: 500 });

    const items = await collect(fromNdjson(fetch(url)));

    expect(items).to.deep.equal([
      {
        diagnostic: 'connection',
        transport: 'ndjson',
        state: 'error',
        attempt: 0,
        message: 'HTTP 500 Internal Server Error',
      },
    ]);
  });

  it('cancels the response body when unsubscribed', async () => {
    const { id, url } = scenario(NDJSON, { n: 6, end: 'hold' });

    await firstValueFrom(
      fromNdjson(fetch(url)).pipe(first((i) => !isDiagnostic(i) && i.seq === 2)),
    );

    const log = await serverLogWhen(id, (l) => l[0]?.closedBy !== undefined);
    expect(log[0]?.closedBy).to.equal('client');
  });
});
