import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost } from '../src/server.ts';
import type { Host } from '../src/server.ts';
import { parseCorsOrigins } from '../src/cors.ts';
import { resolveInside } from '../src/static.ts';
import { eventsOf, rawGet, readSse, startRun } from './helpers.ts';

const SAMPLES = new URL('../samples/', import.meta.url);
const TIMEOUT = { timeout: 15_000 };

async function sampleLines(name: string): Promise<string[]> {
  const text = await readFile(new URL(`${name}.jsonl`, SAMPLES), 'utf8');
  return text.trimEnd().split('\n');
}

async function started(options: Parameters<typeof createHost>[0]): Promise<[Host, string]> {
  // The small samples: the two stress runs would only slow every host here down.
  const host = createHost({ host: '127.0.0.1', port: 0, samples: 'small', ...options });
  return [host, await host.listen()];
}

describe('run API', () => {
  let host: Host;
  let base: string;
  const get = (path: string, init?: RequestInit) => fetch(new URL(path, base), init);
  before(async () => {
    [host, base] = await started({ portalDir: join(tmpdir(), 'athanor-no-such-portal') });
  });
  after(() => host.close());

  test('lists the recorded samples as finished runs', async () => {
    const response = await get('/api/runs');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const runs = (await response.json()) as Array<Record<string, unknown>>;
    const byId = new Map(runs.map((run) => [run['id'], run]));
    const lines = await sampleLines('sample-finetune');
    const first = JSON.parse(lines[0]!) as { time: number };
    const last = JSON.parse(lines.at(-1)!) as { seq: number; time: number };
    const summary = byId.get('sample-finetune');
    assert.equal(typeof (summary?.['results'] as Record<string, unknown>)['train/loss'], 'number');
    assert.deepEqual(
      { ...summary, results: undefined },
      {
        id: 'sample-finetune',
        instance: 'inst-llama-sft',
        name: 'llama-3.1-8b-lora-support',
        status: 'completed',
        events: lines.length,
        live: false,
        lastSeq: last.seq,
        startedAt: first.time,
        updatedAt: last.time,
        results: undefined,
      },
    );
    assert.equal(byId.get('sample-failed-eval')?.['status'], 'failed');
  });

  test('summarises one run with its last seq', async () => {
    const summary = (await (await get('/api/runs/sample-failed-eval')).json()) as Record<
      string,
      unknown
    >;
    const lines = await sampleLines('sample-failed-eval');
    assert.equal(summary['lastSeq'], lines.length - 1);
    assert.equal(summary['status'], 'failed');
  });

  test('streams a finished run as SSE history and ends', TIMEOUT, async () => {
    const response = await get('/api/runs/sample-finetune/events');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const frames = await readSse(response);
    assert.equal(frames[0]?.retry, '2000');
    const lines = await sampleLines('sample-finetune');
    const withData = frames.filter((frame) => frame.data !== undefined);
    assert.deepEqual(
      withData.map((frame) => frame.id),
      lines.map((_, seq) => String(seq)),
    );
    assert.deepEqual(
      withData.map((frame) => frame.data),
      lines,
    );
  });

  test('resumes after ?after= and Last-Event-ID, taking the larger', TIMEOUT, async () => {
    const firstId = async (query: string, lastEventId?: string) => {
      const headers: Record<string, string> = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
      const frames = await readSse(
        await get(`/api/runs/sample-finetune/events${query}`, { headers }),
      );
      return frames.find((frame) => frame.id !== undefined)?.id;
    };
    assert.equal(await firstId('?after=300'), '301');
    assert.equal(await firstId('', '310'), '311');
    assert.equal(await firstId('?after=300', '310'), '311');
    assert.equal(await firstId('?after=315', '305'), '316');
  });

  test('answers 204 for a finished run with nothing after the cursor', async () => {
    const response = await get('/api/runs/sample-finetune/events?after=319');
    assert.equal(response.status, 204);
  });

  test('refuses a malformed resume cursor with 400', async () => {
    for (const query of ['?after=-1', '?after=abc', '?after=1.5', '?after=']) {
      const response = await get(`/api/runs/sample-finetune/events${query}`);
      assert.equal(response.status, 400, query);
      assert.match(((await response.json()) as { error: string }).error, /after/);
    }
    const response = await get('/api/runs/sample-finetune/events', {
      headers: { 'Last-Event-ID': 'x' },
    });
    assert.equal(response.status, 400);
  });

  test('answers 404 for unknown runs and routes', async () => {
    for (const path of [
      '/api/runs/nope',
      '/api/runs/nope/events',
      '/api/runs/nope/events.jsonl',
      '/api/nothing',
      '/api/runs/sample-finetune/bogus',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
    }
  });

  test('answers 405 with Allow for a wrong method', async () => {
    const collection = await get('/api/runs', { method: 'DELETE' });
    assert.equal(collection.status, 405);
    assert.equal(collection.headers.get('allow'), 'GET, POST');
    const events = await get('/api/runs/sample-finetune/events', { method: 'DELETE' });
    assert.equal(events.status, 405);
    assert.equal(events.headers.get('allow'), 'GET, POST');
    const exported = await get('/api/runs/sample-finetune/events.jsonl', { method: 'POST' });
    assert.equal(exported.status, 405);
    assert.equal(exported.headers.get('allow'), 'GET');
  });

  test('exports a run as NDJSON', async () => {
    const response = await get('/api/runs/sample-finetune/events.jsonl');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /^attachment; filename="sample-finetune\.jsonl"/,
    );
    assert.deepEqual(
      (await response.text()).trimEnd().split('\n'),
      await sampleLines('sample-finetune'),
    );
  });

  test('refuses bad simulation options with 400', async () => {
    for (const body of [
      '{"events":0}',
      '{"events":"9"}',
      '{"intervalMs":1.5}',
      '{"failureChance":1.5}',
      '{"failureChance":"0.5"}',
      '{"speed":1}',
      '[]',
      '{',
    ]) {
      const response = await get('/api/runs', { method: 'POST', body });
      assert.equal(response.status, 400, body);
      assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
    }
  });

  test('streams a simulated run live until it completes', TIMEOUT, async () => {
    const response = await get('/api/runs', {
      method: 'POST',
      body: '{"events":20,"intervalMs":100}',
    });
    assert.equal(response.status, 201);
    const { id, url } = (await response.json()) as { id: string; url: string };
    assert.match(id, /^live-/);
    assert.equal(url, `/api/runs/${id}/events`);
    // The run lasts ~2 s, so it is still live here; the stream below must follow its tail.
    const before = (await (await get(`/api/runs/${id}`)).json()) as { live: boolean };
    assert.equal(before.live, true);
    const events = eventsOf(await readSse(await get(url)));
    assert.deepEqual(
      events.map((event) => event.seq),
      Array.from({ length: 20 }, (_, seq) => seq),
    );
    assert.equal(events[0]?.type, 'run');
    assert.deepEqual(events.at(-1)?.data, { status: 'completed' });
    const afterwards = (await (await get(`/api/runs/${id}`)).json()) as Record<string, unknown>;
    assert.equal(afterwards['live'], false);
    assert.equal(afterwards['status'], 'completed');
  });

  test(
    'fails a simulated run part-way with a traceback when asked to (failureChance)',
    TIMEOUT,
    async () => {
      const failing = await startRun(base, { events: 60, intervalMs: 2, failureChance: 1 });
      const events = eventsOf(await readSse(await get(`/api/runs/${failing}/events`)));
      const last = events.at(-1)!;
      assert.equal(last.data['status'], 'failed');
      assert.match(String((last.data['error'] as { stack: string }).stack), /Traceback/);
      assert.ok(events.length > 20 && events.length < 60, String(events.length));
      const fine = await startRun(base, { events: 20, intervalMs: 2, failureChance: 0 });
      const ok = eventsOf(await readSse(await get(`/api/runs/${fine}/events`)));
      assert.deepEqual(ok.at(-1)?.data, { status: 'completed' });
    },
  );

  test('sends the same live events to concurrent clients', TIMEOUT, async () => {
    const id = await startRun(base, { events: 30, intervalMs: 20 });
    const [a, b] = await Promise.all(
      [0, 1].map(async () => eventsOf(await readSse(await get(`/api/runs/${id}/events`)))),
    );
    assert.equal(a?.length, 30);
    assert.deepEqual(a, b);
  });

  test('answers 503 with a build hint when the portal is missing', async () => {
    const response = await get('/');
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build/);
  });
});

describe('keep-alive and close', () => {
  test('sends keep-alive comments and close() ends open streams', TIMEOUT, async () => {
    const [host, base] = await started({ keepAliveMs: 25 });
    const id = await startRun(base, { events: 3, intervalMs: 60_000 });
    const frames = await readSse(
      await fetch(new URL(`/api/runs/${id}/events`, base)),
      (frame) => frame.comment === 'keep-alive',
    );
    assert.equal(frames.at(-1)?.comment, 'keep-alive');
    const open = readSse(await fetch(new URL(`/api/runs/${id}/events`, base)));
    await host.close();
    // Resolves only because close() ended the response of a run that is still "live".
    assert.equal(eventsOf(await open).length, 1);
  });
});

describe('portal', () => {
  let dir: string;
  let host: Host;
  let base: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'athanor-portal-'));
    await mkdir(join(dir, 'portal', 'assets'), { recursive: true });
    await writeFile(join(dir, 'portal', 'index.html'), '<!doctype html><title>portal</title>');
    await writeFile(join(dir, 'portal', 'assets', 'app.js'), 'console.log(1);');
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET');
    [host, base] = await started({ portalDir: join(dir, 'portal') });
  });
  after(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves index.html for / and files with their content type', async () => {
    const index = await fetch(base);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await index.text(), /<title>portal<\/title>/);
    const script = await fetch(new URL('/assets/app.js', base));
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal((await fetch(new URL('/assets/missing.js', base))).status, 404);
  });

  test('refuses paths that escape the portal directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
    ]) {
      const { status, body } = await rawGet(base, path);
      assert.ok(status === 403 || status === 404, `${path}: ${status}`);
      assert.doesNotMatch(body, /TOP-SECRET/, path);
    }
    assert.equal(resolveInside(join(dir, 'portal'), '/..%2fsecret.txt'), undefined);
  });

  test('serves the portal page for its own URLs, so deep links and reloads land', async () => {
    for (const path of [
      '/instances',
      '/instances/inst-x',
      '/runs/a%2Fb',
      '/runs/live-1/',
      '/compare',
    ]) {
      const response = await fetch(new URL(path, base));
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<title>portal<\/title>/, path);
    }
    for (const path of ['/runs', '/runs/a/b', '/instances/x/runs', '/nowhere'])
      assert.equal((await fetch(new URL(path, base))).status, 404, path);
  });

  test('answers 405 for writes to static paths', async () => {
    const response = await fetch(base, { method: 'PUT', body: 'x' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });
});

describe('data directory', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const options = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'athanor-data-'));
    dirs.push(dataDir);
    return { dataDir, portalDir: join(tmpdir(), 'athanor-no-such-portal') };
  };
  const json = async (base: string, path: string) =>
    (await (await fetch(new URL(path, base))).json()) as Record<string, unknown>;
  const exported = async (base: string, id: string) =>
    (await (await fetch(new URL(`/api/runs/${id}/events.jsonl`, base))).text())
      .trimEnd()
      .split('\n');

  test(
    'keeps every run across a restart; a run live at the stop is failed, saying why',
    TIMEOUT,
    async () => {
      const opts = await options();
      let [host, base] = await started(opts);
      const finished = await startRun(base, { events: 10, intervalMs: 5 });
      await readSse(await fetch(new URL(`/api/runs/${finished}/events`, base)));
      const live = await startRun(base, { events: 1000, intervalMs: 20 });
      // Some of the live run's events, then the host stops under it.
      await readSse(await fetch(new URL(`/api/runs/${live}/events`, base)), (f) => f.id === '5');
      const finishedBefore = await exported(base, finished);
      const liveBefore = await exported(base, live);
      const samplesBefore = await exported(base, 'sample-finetune');
      await host.close();

      [host, base] = await started(opts);
      try {
        assert.deepEqual(await exported(base, finished), finishedBefore);
        assert.deepEqual(await exported(base, 'sample-finetune'), samplesBefore, 'samples once');
        const runs = (await (await fetch(new URL('/api/runs', base))).json()) as { id: string }[];
        assert.equal(runs.filter((r) => r.id === 'sample-finetune').length, 1);
        const after = await exported(base, live);
        assert.ok(after.length >= liveBefore.length + 1);
        assert.deepEqual(after.slice(0, liveBefore.length), liveBefore);
        const last = JSON.parse(after.at(-1)!) as { seq: number; data: Record<string, unknown> };
        assert.equal(last.seq, (JSON.parse(after.at(-2)!) as { seq: number }).seq + 1);
        assert.equal(last.data['status'], 'failed');
        assert.match(String((last.data['error'] as { message: string }).message), /host stopped/);
        const summary = await json(base, `/api/runs/${live}`);
        assert.equal(summary['status'], 'failed');
        assert.equal(summary['live'], false);
      } finally {
        await host.close();
      }
      // A third start changes nothing: the failed run is final now.
      [host, base] = await started(opts);
      try {
        const again = await exported(base, live);
        assert.equal(JSON.parse(again.at(-1)!).data.status, 'failed');
        assert.equal(again.filter((l) => l.includes('"HostStopped"')).length, 1);
      } finally {
        await host.close();
      }
    },
  );
});

describe('NDJSON ingest', () => {
  let host: Host;
  let base: string;
  before(async () => {
    [host, base] = await started({ portalDir: join(tmpdir(), 'athanor-no-such-portal') });
  });
  after(() => host.close());
  const post = (path: string, body: string) => fetch(new URL(path, base), { method: 'POST', body });
  const line = (run: string, seq: number, type: string, data: Record<string, unknown>) =>
    JSON.stringify({ v: 1, run, seq, time: 1_700_000_000_000 + seq, type, data });

  test(
    'stores valid lines under the host’s seqs, rejects the rest by line, drops retries',
    TIMEOUT,
    async () => {
      const created = await post('/api/runs', '{"external": true}');
      assert.equal(created.status, 201);
      const { id, ingest } = (await created.json()) as { id: string; ingest: string };
      const tail = readSse(await fetch(new URL(`/api/runs/${id}/events`, base)));
      const body = [
        line(id, 100, 'run', { instance: 'outside' }),
        line(id, 101, 'log', { level: 'info', message: 'hello' }),
        '{"v":1,"run":',
        line(id, 102, 'log', { level: 'verbose', message: 'bad level' }),
        '',
        line('other-run', 103, 'log', { level: 'info', message: 'wrong run' }),
        line(id, 101, 'log', { level: 'info', message: 'hello' }),
        line(id, 104, 'progress', { current: 1, total: 2 }),
      ].join('\n');
      const response = await post(ingest, body);
      assert.equal(response.status, 200);
      const result = (await response.json()) as {
        accepted: number;
        duplicates: number;
        rejected: { line: number; reason: string }[];
        lastSeq: number;
      };
      assert.equal(result.accepted, 3);
      assert.equal(result.duplicates, 1);
      assert.deepEqual(
        result.rejected.map((r) => r.line),
        [3, 4, 6],
      );
      assert.match(result.rejected[0]!.reason, /not JSON/);
      assert.match(result.rejected[1]!.reason, /level/);
      assert.match(result.rejected[2]!.reason, /for run "other-run"/);
      assert.equal(result.lastSeq, 2);
      // A retry of the whole request stores nothing twice; the final status ends the run.
      const retry = (await (await post(ingest, body)).json()) as {
        accepted: number;
        duplicates: number;
      };
      assert.deepEqual([retry.accepted, retry.duplicates], [0, 4]);
      await post(ingest, line(id, 200, 'status', { status: 'completed' }));
      const events = eventsOf(await tail);
      assert.deepEqual(
        events.map((e) => [e.seq, e.type]),
        [
          [0, 'run'],
          [1, 'log'],
          [2, 'progress'],
          [3, 'status'],
        ],
      );
      const late = await post(ingest, line(id, 300, 'log', { level: 'info', message: 'late' }));
      assert.equal(late.status, 409);
      assert.match(((await late.json()) as { error: string }).error, /finished/);
    },
  );

  test('refuses ingest into runs it does not take, and bodies over the limit', async () => {
    const simulated = await startRun(base, { events: 5, intervalMs: 1 });
    const notExternal = await post(`/api/runs/${simulated}/events`, '');
    assert.equal(notExternal.status, 409);
    assert.match(((await notExternal.json()) as { error: string }).error, /not fed by an outside/);
    assert.equal((await post('/api/runs/no-such-run/events', '')).status, 404);
    const { ingest } = (await (await post('/api/runs', '{"external": true}')).json()) as {
      ingest: string;
    };
    const huge = await post(ingest, 'x'.repeat(9 * 1024 * 1024));
    assert.equal(huge.status, 413);
  });
});

describe('cancel', () => {
  let host: Host;
  let base: string;
  before(async () => {
    [host, base] = await started({
      portalDir: join(tmpdir(), 'athanor-no-such-portal'),
      cancelGraceMs: 150,
    });
  });
  after(() => host.close());
  const post = (path: string, body = '') => fetch(new URL(path, base), { method: 'POST', body });
  const summary = async (id: string) =>
    (await (await fetch(new URL(`/api/runs/${id}`, base))).json()) as Record<string, unknown>;
  const line = (run: string, seq: number, type: string, data: Record<string, unknown>) =>
    JSON.stringify({ v: 1, run, seq, time: Date.now(), type, data });

  test('stops a simulated run at once: cancelled, and nothing after', TIMEOUT, async () => {
    const id = await startRun(base, { events: 1000, intervalMs: 10 });
    await readSse(await fetch(new URL(`/api/runs/${id}/events`, base)), (f) => f.id === '3');
    const response = await post(`/api/runs/${id}/cancel`);
    assert.equal(response.status, 200);
    const events = eventsOf(await readSse(await fetch(new URL(`/api/runs/${id}/events`, base))));
    assert.deepEqual(events.at(-1)?.data, { status: 'cancelled' });
    const count = events.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await summary(id))['events'], count);
    assert.equal((await summary(id))['status'], 'cancelled');
    assert.equal((await post(`/api/runs/${id}/cancel`)).status, 409);
  });

  test(
    'tells an external producer, which confirms; or the host cancels after the grace period',
    TIMEOUT,
    async () => {
      const open = async () =>
        (await (await post('/api/runs', '{"external": true}')).json()) as {
          id: string;
          ingest: string;
        };
      const a = await open();
      await post(a.ingest, line(a.id, 0, 'run', { instance: 'x' }));
      const requested = await post(`/api/runs/${a.id}/cancel`);
      assert.equal(requested.status, 202);
      const { cancel } = (await requested.json()) as { cancel: { deadline: number } };
      assert.ok(cancel.deadline > Date.now() - 1000);
      const told = (await (
        await post(a.ingest, line(a.id, 1, 'log', { level: 'info', message: 'stopping' }))
      ).json()) as {
        cancel?: unknown;
      };
      assert.ok(told.cancel, 'the ingest answer says a cancel was requested');
      await post(a.ingest, line(a.id, 2, 'status', { status: 'cancelled' }));
      assert.equal((await summary(a.id))['status'], 'cancelled');

      const b = await open();
      await post(b.ingest, line(b.id, 0, 'run', { instance: 'x' }));
      assert.equal((await post(`/api/runs/${b.id}/cancel`)).status, 202);
      const events = eventsOf(
        await readSse(await fetch(new URL(`/api/runs/${b.id}/events`, base))),
      );
      const last = events.at(-1)!;
      assert.equal(last.data['status'], 'cancelled');
      assert.equal((last.data['error'] as { type: string }).type, 'CancelTimeout');
    },
  );

  test('refuses to cancel a finished run', async () => {
    const response = await post('/api/runs/sample-finetune/cancel');
    assert.equal(response.status, 409);
    assert.match(((await response.json()) as { error: string }).error, /finished/);
  });
});

describe('instances', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const send = (base: string, path: string, body?: unknown, method = 'POST') =>
    fetch(new URL(path, base), {
      method,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });

  test(
    'creates immutable instances, clones them with an edited configuration, and keeps them',
    TIMEOUT,
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'athanor-data-'));
      dirs.push(dataDir);
      // No samples: their instances would be listed with the ones this test creates.
      const opts = {
        dataDir,
        portalDir: join(tmpdir(), 'athanor-no-such-portal'),
        samples: 'none' as const,
      };
      let [host, base] = await started(opts);
      const created = await send(base, '/api/instances', {
        name: 'sft-math',
        config: { lr: 1e-5, layers: [1, 2] },
      });
      assert.equal(created.status, 201);
      const a = (await created.json()) as { id: string; config: unknown; clonedFrom: unknown };
      assert.match(created.headers.get('location') ?? '', new RegExp(`/api/instances/${a.id}$`));
      assert.deepEqual(a.config, { lr: 1e-5, layers: [1, 2] });
      assert.equal(a.clonedFrom, null);
      const cloned = await send(base, `/api/instances/${a.id}/clone`, {
        config: { lr: 2e-5, layers: [1, 2] },
      });
      assert.equal(cloned.status, 201);
      const b = (await cloned.json()) as {
        id: string;
        name: string;
        clonedFrom: string;
        config: unknown;
      };
      assert.equal(b.clonedFrom, a.id);
      assert.equal(b.name, 'sft-math (copy)');
      assert.deepEqual(b.config, { lr: 2e-5, layers: [1, 2] });
      // No route edits an instance.
      assert.equal((await send(base, `/api/instances/${a.id}`, { name: 'x' }, 'PUT')).status, 405);
      // Runs of an instance: a simulation, and an external run tied to it by the host's run event.
      const sim = (await (
        await send(base, `/api/instances/${a.id}/runs`, { events: 5, intervalMs: 1 })
      ).json()) as { id: string };
      const ext = (await (
        await send(base, `/api/instances/${a.id}/runs`, { external: true })
      ).json()) as { id: string };
      await readSse(await fetch(new URL(`/api/runs/${sim.id}/events`, base)));
      const detail = (await (await fetch(new URL(`/api/instances/${a.id}`, base))).json()) as {
        runs: { id: string; instance: string }[];
      };
      assert.deepEqual(detail.runs.map((r) => r.id).sort(), [sim.id, ext.id].sort());
      assert.ok(detail.runs.every((r) => r.instance === a.id));
      const list = (await (await fetch(new URL('/api/instances', base))).json()) as {
        id: string;
        runs: number;
      }[];
      assert.deepEqual(
        list.map((i) => [i.id, i.runs]),
        [
          [a.id, 2],
          [b.id, 0],
        ],
      );
      await host.close();
      [host, base] = await started(opts);
      try {
        const again = (await (await fetch(new URL(`/api/instances/${b.id}`, base))).json()) as {
          config: unknown;
        };
        assert.deepEqual(again.config, { lr: 2e-5, layers: [1, 2] });
        const runs = (await (
          await fetch(new URL(`/api/instances/${a.id}/runs`, base))
        ).json()) as unknown[];
        assert.equal(runs.length, 2);
      } finally {
        await host.close();
      }
    },
  );

  test('summarises each run of an instance with the latest scalar of every result key', async () => {
    const [host, base] = await started({ portalDir: join(tmpdir(), 'athanor-no-such-portal') });
    try {
      const inst = (await (
        await send(base, '/api/instances', { name: 'eval', config: { k: 1 } })
      ).json()) as { id: string };
      const run = (await (
        await send(base, `/api/instances/${inst.id}/runs`, { external: true })
      ).json()) as { id: string };
      const event = (seq: number, key: string, value: unknown) =>
        JSON.stringify({
          v: 1,
          run: run.id,
          seq,
          time: 1000 + seq,
          type: 'result',
          data: { key, value },
        });
      const body = [
        event(1, 'acc', 0.5),
        event(2, 'acc', 0.75),
        event(3, 'report', { per_item: [1, 2] }),
        event(4, 'note', 'ok'),
        event(5, 'flip', 1),
        event(6, 'flip', [1]),
      ].join('\n');
      const ingested = (await (await send(base, `/api/runs/${run.id}/events`, body)).json()) as {
        accepted: number;
      };
      assert.equal(ingested.accepted, 6);
      const [summary] = (await (
        await fetch(new URL(`/api/instances/${inst.id}/runs`, base))
      ).json()) as { results: Record<string, unknown>; status: string }[];
      // Object values are left out; a key whose latest value is not a scalar has none.
      assert.deepEqual(summary?.results, { acc: 0.75, note: 'ok' });
      assert.equal(summary?.status, 'pending');
    } finally {
      await host.close();
    }
  });

  test('refuses bad instance bodies with a 400 that says why, and unknown ids with 404', async () => {
    const [host, base] = await started({ portalDir: join(tmpdir(), 'athanor-no-such-portal') });
    try {
      for (const [body, reason] of [
        ['[1]', /JSON object/],
        [{ name: '', config: {} }, /"name"/],
        [{ name: 'x', config: [1] }, /"config"/],
        [{ name: 'x', config: {}, extra: 1 }, /Unknown field "extra"/],
        ['{not json', /not valid JSON/],
      ] as const) {
        const response = await send(base, '/api/instances', body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.match(((await response.json()) as { error: string }).error, reason);
      }
      assert.equal((await fetch(new URL('/api/instances/inst-none', base))).status, 404);
      assert.equal((await send(base, '/api/instances/inst-none/clone', {})).status, 404);
      assert.equal((await send(base, '/api/instances', 'x'.repeat(300 * 1024))).status, 413);
    } finally {
      await host.close();
    }
  });
});

describe('CORS', () => {
  const origin = 'https://lab.example.org';
  const preflight = (base: string) =>
    fetch(new URL('/api/runs', base), {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
    });

  test('sends no CORS headers unless origins are configured', async () => {
    const [host, base] = await started({ samples: 'none' });
    try {
      const response = await fetch(new URL('/api/runs', base), { headers: { Origin: origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal((await preflight(base)).status, 405);
    } finally {
      await host.close();
    }
  });

  test('allows the configured origins only, preflight included', async () => {
    const [host, base] = await started({ samples: 'none', corsOrigins: [origin] });
    try {
      const allowed = await fetch(new URL('/api/runs', base), { headers: { Origin: origin } });
      assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
      assert.equal(allowed.headers.get('vary'), 'Origin');
      const other = await fetch(new URL('/api/runs', base), {
        headers: { Origin: 'https://elsewhere.example' },
      });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      const answer = await preflight(base);
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-methods'), 'GET, POST');
      assert.match(answer.headers.get('access-control-allow-headers') ?? '', /Last-Event-ID/);
    } finally {
      await host.close();
    }
  });

  test('refuses a misspelt origin in the environment, saying what it should be', () => {
    assert.deepEqual(parseCorsOrigins(' https://a.example , * '), ['https://a.example', '*']);
    assert.deepEqual(parseCorsOrigins(''), []);
    assert.throws(
      () => parseCorsOrigins('https://a.example/'),
      /did you mean "https:\/\/a\.example"/,
    );
    assert.throws(() => parseCorsOrigins('lab.example.org'), /not an origin/);
  });
});
