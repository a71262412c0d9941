import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { from } from 'rxjs';
import { fromNdjson, splitNdjson } from '../src/index.ts';
import { collect, labels, line } from './helpers.ts';

const enc = new TextEncoder();

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array | string> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

describe('splitNdjson', () => {
  it('turns chunks into ordered events with diagnostics in place', async () => {
    const text = [
      line(0, 'run', { instance: 'i' }),
      '{not json',
      line(1),
      line(1),
      line(4),
      JSON.stringify({ v: 2, run: 'r1', seq: 5, time: 0, type: 'heartbeat', data: {} }),
      line(5, 'gpu_stats'),
      line(6, 'log', { level: 'verbose', message: 'x' }),
    ].join('\n');
    const cut = Math.floor(text.length / 2);
    const items = await collect(from([text.slice(0, cut), text.slice(cut)]).pipe(splitNdjson()));
    assert.deepEqual(labels(items), [
      'run#0',
      'invalid: malformed JSON: ' +
        (() => {
          try {
            JSON.parse('{not json');
          } catch (e) {
            return (e as Error).message;
          }
          return '';
        })(),
      'heartbeat#1',
      'dup#1',
      'gap 2-3',
      'heartbeat#4',
      'invalid: v: unsupported version 2 (this reader supports 1)',
      'unknown:gpu_stats#5',
      'invalid: data.level: expected one of trace|debug|info|warn|error|fatal, got "verbose"',
    ]);
  });
});

describe('fromNdjson', () => {
  it('reads a byte stream split inside UTF-8 sequences', async () => {
    const bytes = enc.encode(
      `${line(0, 'log', { level: 'info', message: 'naïve 🎉' })}\n${line(1)}\n`,
    );
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const items = await collect(fromNdjson(streamOf(chunks)));
    assert.deepEqual(labels(items), ['conn:open', 'log#0', 'heartbeat#1', 'conn:closed']);
    const log = items[1]!;
    assert.ok(!('diagnostic' in log) && log.type === 'log' && log.data.message === 'naïve 🎉');
  });

  it('reads a fetch Response', async () => {
    const items = await collect(fromNdjson(new Response(`${line(0)}\n${line(1)}`)));
    assert.deepEqual(labels(items), ['conn:open', 'heartbeat#0', 'heartbeat#1', 'conn:closed']);
  });

  it('reports an HTTP error as a connection error and completes', async () => {
    const items = await collect(fromNdjson(Promise.resolve(new Response('no', { status: 503 }))));
    assert.equal(items.length, 1);
    assert.equal('diagnostic' in items[0]! && items[0].diagnostic, 'connection');
    assert.match(JSON.stringify(items[0]), /"state":"error".*HTTP 503/);
  });

  it('reports a stream that fails midway, keeping what came before', async () => {
    let pulls = 0;
    const stream = new ReadableStream<string>({
      pull(c) {
        if (pulls++ === 0) c.enqueue(`${line(0)}\n`);
        else c.error(new Error('connection reset'));
      },
    });
    const items = await collect(fromNdjson(stream));
    assert.deepEqual(labels(items), ['conn:open', 'heartbeat#0', 'conn:error']);
  });

  it('cancels the reader on unsubscribe', async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      start(c) {
        c.enqueue(`${line(0)}\n`);
      },
      cancel() {
        cancelled = true;
      },
    });
    await new Promise<void>((resolve) => {
      const sub = fromNdjson(stream).subscribe((item) => {
        if (!('diagnostic' in item)) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(cancelled, true);
  });
});
