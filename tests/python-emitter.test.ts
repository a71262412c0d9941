/**
 * The standard-library Python emitter (`examples/python/athanor_emitter.py`) end to end: the
 * example training script runs as a child process against the real demo host (or a host that
 * is down, slow, or away for a while), and the test reads back what the host stored.
 *
 * What "the output arrived" means: the script's stdout is compared with the `stdout` chunks
 * joined, exactly (the text printed after the run closed, its summary line, aside). Its stderr
 * (a bar redrawn with `\r`) must look the same on a terminal — every line, each `\r` piece
 * drawn from column 0 — as the `stderr` chunks joined, with fewer `\r` redraws: the emitter
 * drops a redraw only when a later one of the same line covers it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost } from '@athanor/demo-host';
import type { Host } from '@athanor/demo-host';

/** Per test: a script that hangs fails its test instead of the whole run. */
const LIMIT = { timeout: 60_000 };
const EXAMPLES = fileURLToPath(new URL('../examples/python/', import.meta.url));
const SCRIPT = join(EXAMPLES, 'train_example.py');

interface StoredEvent {
  seq: number;
  time: number;
  type: string;
  data: Record<string, unknown>;
}

/** The emitter's `stats()` as the script prints it. */
type Stats = Record<string, number>;

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Start to exit, as the test saw it. */
  wallMs: number;
  /** The script's last line, `summary {…}`, when it got there. */
  summary?: { loop_seconds: number; steps: number; stats: Stats };
}

/** A Python ≥ 3.9: $PYTHON, `python3` on PATH, or Debian's; or the reason there is none. */
function findPython(): string {
  const candidates = [process.env['PYTHON'], 'python3', '/usr/bin/python3'];
  for (const candidate of candidates.filter((c): c is string => Boolean(c))) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 9))'], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  throw new Error(
    'The Python emitter tests need Python 3.9 or later as `python3` on PATH (or in $PYTHON); ' +
      'on Debian or Ubuntu: apt-get install -y python3',
  );
}

const children = new Set<ChildProcess>();

/** Runs the example script; `started` gets the process as soon as it exists. */
function runScript(
  python: string,
  args: string[],
  started?: (child: ChildProcess) => void,
): Promise<Ran> {
  const t0 = performance.now();
  const child = spawn(python, [SCRIPT, ...args], {
    cwd: EXAMPLES,
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONIOENCODING: 'utf-8',
      NO_PROXY: '*',
      no_proxy: '*',
    },
  });
  children.add(child);
  started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      const last = stdout.trimEnd().split('\n').at(-1) ?? '';
      const summary = last.startsWith('summary ')
        ? (JSON.parse(last.slice('summary '.length)) as Ran['summary'])
        : undefined;
      resolve({ code, signal, stdout, stderr, wallMs: performance.now() - t0, summary });
    });
  });
}

/** What a terminal shows of `text`: per line, each `\r` piece drawn over it from column 0. */
function screen(text: string): string[] {
  return text.split('\n').map((line) => {
    let shown = '';
    for (const piece of line.split('\r')) shown = piece + shown.slice(piece.length);
    return shown;
  });
}

const tail = (text: string) => `…${JSON.stringify(text.slice(-600))}`;

/** `pattern` found in `text`; on failure shows the end of the text, not all of it. */
function assertHas(text: string, pattern: RegExp): void {
  assert.ok(pattern.test(text), `${pattern} not in ${tail(text)}`);
}

const count = (text: string, char: string) => text.split(char).length - 1;
const ofType = (events: StoredEvent[], type: string) => events.filter((e) => e.type === type);
const output = (events: StoredEvent[], stream: 'stdout' | 'stderr') =>
  ofType(events, 'output').filter((e) => e.data['stream'] === stream);
const joined = (events: StoredEvent[]) => events.map((e) => e.data['data'] as string).join('');
const results = (events: StoredEvent[], key: string) =>
  ofType(events, 'result').filter((e) => e.data['key'] === key);
const statuses = (events: StoredEvent[]) =>
  ofType(events, 'status').map((e) => e.data['status'] as string);
const lastStatus = (events: StoredEvent[]) => ofType(events, 'status').at(-1)!.data;
const logs = (events: StoredEvent[], pattern: RegExp) =>
  ofType(events, 'log').filter((e) => pattern.test(e.data['message'] as string));

/** A port nobody listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type ProxyMode = 'forward' | 'down' | 'delay';

/** A proxy in front of the host; `mode(n)` says what to do with its n-th request (from 1). */
async function startProxy(target: string, mode: (n: number) => ProxyMode) {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const how = mode(++requests);
    if (how === 'down') return req.socket.destroy();
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const forward = () => {
        const upstream = request(new URL(req.url!, target), {
          method: req.method,
          headers: req.headers,
        });
        upstream.on('response', (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(body));
      };
      setTimeout(forward, how === 'delay' ? 2000 : 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('Python emitter', () => {
  let python: string;
  let host: Host;
  let base: string;
  let dataDir: string;

  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(new URL(path, base), init);
    assert.ok(res.ok, `${init?.method ?? 'GET'} ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const runIds = async () => new Set((await api<{ id: string }[]>('api/runs')).map((r) => r.id));
  const eventsOf = async (id: string): Promise<StoredEvent[]> => {
    const text = await (await fetch(new URL(`api/runs/${id}/events.jsonl`, base))).text();
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as StoredEvent);
  };
  /** Runs the script and returns it with the one run it opened and that run's events. */
  const runAndRead = async (args: string[], url = base) => {
    const known = await runIds();
    const ran = await runScript(python, ['--url', url, ...args]);
    const opened = [...(await runIds())].filter((id) => !known.has(id));
    assert.equal(opened.length, 1, `one run opened: ${tail(ran.stderr)}`);
    return { ran, id: opened[0]!, events: await eventsOf(opened[0]!) };
  };
  /** The run a script still running opened, once it holds `events` events. */
  const liveRun = async (known: Set<string>, events: number) => {
    for (let tries = 0; tries < 400; tries++) {
      for (const run of await api<{ id: string; events: number }[]>('api/runs'))
        if (!known.has(run.id) && run.events >= events) return run.id;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no new run with ${events} events`);
  };

  before(async () => {
    python = findPython();
    dataDir = await mkdtemp(join(tmpdir(), 'athanor-python-'));
    host = createHost({ port: 0, dataDir, samples: 'none' });
    base = await host.listen();
  });

  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'sends the run event, the statuses, every result and the latest progress, all once',
    LIMIT,
    async (t) => {
      const { ran, events } = await runAndRead(['--steps', '50', '--step-ms', '10', '--quiet']);
      assert.equal(ran.code, 0, tail(ran.stderr));
      const stats = ran.summary!.stats;
      t.diagnostic(`stats: ${JSON.stringify(stats)}`);

      const [first] = events;
      assert.equal(first!.type, 'run');
      assert.deepEqual(first!.data, {
        instance: 'toy-lm',
        name: 'toy-lm lr=0.0003 seed=7',
        config: { model: 'toy-lm', steps: 50, epochs: 2, lr: 0.0003, seed: 7 },
        tags: ['example', 'toy'],
      });
      assert.deepEqual(statuses(events), ['running', 'completed']);
      assert.equal(events.at(-1)!.type, 'status');
      // Everything the emitter numbered reached the host, once, in its order.
      assert.equal(stats['events'], events.length);
      assert.equal(stats['sent'], events.length);
      for (const key of ['dropped', 'discarded', 'rejected', 'duplicates', 'send_errors'])
        assert.equal(stats[key], 0, key);

      const losses = results(events, 'train/loss');
      assert.equal(losses.length, 50);
      assert.ok(losses.every((e) => typeof e.data['value'] === 'number'));
      assert.equal(results(events, 'eval/accuracy').length, 2);
      assert.deepEqual(
        (results(events, 'summary')[0]!.data['value'] as { steps: number }).steps,
        50,
      );

      // Progress: the latest of each batch, so fewer events than updates, ending at the end.
      const progress = ofType(events, 'progress').map((e) => e.data);
      assert.ok(progress.length >= 1 && progress.length < 50, `${progress.length} progress events`);
      const currents = progress.map((p) => p['current'] as number);
      assert.deepEqual(
        currents,
        [...currents].sort((a, b) => a - b),
      );
      assert.deepEqual(progress.at(-1), { current: 50, total: 50, unit: 'step', label: 'train' });
    },
  );

  it('bridges logging: levels, logger, extra as meta, tracebacks', LIMIT, async () => {
    const { events } = await runAndRead(['--steps', '20', '--step-ms', '1', '--quiet']);
    const level = (pattern: RegExp) => logs(events, pattern).map((e) => e.data['level']);
    assert.deepEqual(level(/^tokenizer ready$/), ['trace']); // a custom level 5
    assert.deepEqual(level(/^step \d+: loss/), ['debug', 'debug']);
    assert.deepEqual(level(/^training toy-lm/), ['info']);
    assert.deepEqual(level(/below the target/), ['warn']);
    assert.deepEqual(level(/^eval shard 7 skipped/), ['error']);
    assert.ok(ofType(events, 'log').every((e) => e.data['logger'] === 'trainer'));
    assert.deepEqual(logs(events, /^training toy-lm/)[0]!.data['meta'], {
      lr: 0.0003,
      batch_size: 32,
      seed: 7,
    });
    assert.deepEqual(logs(events, /^step 10:/)[0]!.data['meta'], { step: 10 });
    const failure = logs(events, /^eval shard 7 skipped/)[0]!.data;
    assert.match(failure['message'] as string, /\nTraceback \(most recent call last\):\n/);
    assert.match(failure['message'] as string, /OSError: eval shard 7: checksum mismatch/);
    assert.deepEqual(failure['meta'], { exception: 'OSError' });
  });

  it(
    "tees stdout exactly and stderr as a terminal shows it, in the script's order",
    LIMIT,
    async () => {
      const { ran, events } = await runAndRead(['--steps', '50', '--step-ms', '10', '--quiet']);
      const stdout = output(events, 'stdout');
      const stderr = output(events, 'stderr');
      // The summary line is printed after the run closed: not captured.
      const summaryLine = ran.stdout.slice(ran.stdout.lastIndexOf('summary '));
      assert.equal(joined(stdout) + summaryLine, ran.stdout);
      assert.deepEqual(screen(joined(stderr)), screen(ran.stderr));
      assertHas(ran.stderr, /epoch 2\/2: 100%\|█{20}\| 25\/25/);
      // Coalesced: fewer redraws sent than drawn, but the last state of every bar is there.
      assert.ok(
        count(joined(stderr), '\r') < count(ran.stderr, '\r'),
        `${count(joined(stderr), '\r')} of ${count(ran.stderr, '\r')} redraws sent`,
      );
      assert.ok(stderr.length < ran.summary!.stats['output_writes']!);
      // One numbering for both streams and the logs: epoch 1's bar ends, then its line on
      // stdout, then its log record, then epoch 2's bar.
      const seqOf = (list: StoredEvent[], pattern: RegExp) =>
        list.find((e) => pattern.test((e.data['data'] ?? e.data['message']) as string))!.seq;
      const order = [
        seqOf(stderr, /epoch 1\/2: 100%.*\n/),
        seqOf(stdout, /^epoch 1\/2: train loss/m),
        seqOf(ofType(events, 'log'), /^epoch 1 done/),
        seqOf(stderr, /epoch 2\/2/),
      ];
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      );
    },
  );

  it('ends a failing script failed, with its exception and traceback', LIMIT, async () => {
    const { ran, events } = await runAndRead(['--steps', '20', '--step-ms', '1', '--fail']);
    assert.equal(ran.code, 1);
    assertHas(ran.stderr, /RuntimeError: CUDA out of memory/); // Python's own report
    assert.deepEqual(statuses(events), ['running', 'failed']);
    const error = lastStatus(events)['error'] as Record<string, string>;
    assert.equal(error['type'], 'RuntimeError');
    assert.equal(error['message'], 'CUDA out of memory (simulated): tried to allocate 2.00 GiB');
    assert.match(error['stack']!, /^Traceback \(most recent call last\):\n/);
    assert.match(error['stack']!, /train_example\.py", line \d+, in train\n/);
    assert.match(error['stack']!, /raise RuntimeError/);
    assert.deepEqual(
      logs(events, /^out of memory at step 10/).map((e) => e.data['level']),
      ['fatal'],
    );
    assert.equal(results(events, 'train/loss').length, 10);
  });

  it(
    'runs an instance: the host writes the run event, console logs are not sent twice',
    LIMIT,
    async () => {
      const instance = await api<{ id: string }>('api/instances', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'toy-lm', config: { lr: 0.0003, steps: 10 } }),
      });
      const { ran, id, events } = await runAndRead(['--steps', '10', '--instance', instance.id]);
      assert.equal(ran.code, 0, tail(ran.stderr));
      const runs = await api<{ id: string }[]>(`api/instances/${instance.id}/runs`);
      assert.deepEqual(
        runs.map((r) => r.id),
        [id],
      );
      assert.deepEqual(
        ofType(events, 'run').map((e) => [e.seq, e.data['instance']]),
        [[0, instance.id]],
      );
      assert.deepEqual(statuses(events), ['running', 'completed']);
      assert.equal(ran.summary!.stats['sent'], events.length - 1);
      // The console handler was made before Run.create: it writes to the real stderr.
      assertHas(ran.stderr, /^INFO trainer: training toy-lm/m);
      assert.ok(!joined(output(events, 'stderr')).includes('trainer:'));
      assert.equal(logs(events, /^training toy-lm/).length, 1);
    },
  );

  it(
    'lets the experiment finish when the host is down, counting and saying what was lost',
    LIMIT,
    async (t) => {
      const url = `http://127.0.0.1:${await freePort()}/`;
      const args = ['--url', url, '--steps', '40', '--step-ms', '5', '--buffer', '30', '--quiet'];
      const ran = await runScript(python, args);
      assert.equal(ran.code, 0, tail(ran.stderr));
      const { stats, loop_seconds } = ran.summary!;
      t.diagnostic(`wall ${ran.wallMs.toFixed(0)} ms, loop ${(loop_seconds * 1000).toFixed(0)} ms`);
      assert.equal(stats['sent'], 0);
      assert.ok(stats['dropped']! > 0, 'a buffer of 30 overflowed');
      assert.equal(stats['discarded'], stats['events'], 'what was kept is given up at exit');
      assertHas(ran.stderr, /^athanor: cannot reach the host/m);
      assertHas(
        ran.stderr,
        new RegExp(
          `^athanor: run \\(never created\\): ${stats['dropped']} dropped \\(buffer full\\)`,
          'm',
        ),
      );
      // Bounded: the exit does not wait out close_timeout (5 s) for a host refusing connections.
      assert.ok(ran.wallMs - loop_seconds * 1000 < 4000, `${ran.wallMs} ms`);
      // And the experiment's own exit status is kept.
      const failed = await runScript(python, [...args, '--fail']);
      assert.equal(failed.code, 1);
      assertHas(failed.stderr, /RuntimeError: CUDA out of memory/);
    },
  );

  it(
    'delivers what the buffer kept once the host is back, and logs how many were dropped',
    LIMIT,
    async () => {
      // The first three requests fail (the run is opened on the fourth, ~1.5 s in).
      const proxy = await startProxy(base, (n) => (n <= 3 ? 'down' : 'forward'));
      try {
        const args = ['--steps', '250', '--step-ms', '10', '--buffer', '40', '--quiet'];
        const { ran, events } = await runAndRead(args, proxy.url);
        assert.equal(ran.code, 0, tail(ran.stderr));
        const { stats } = ran.summary!;
        assert.ok(stats['send_errors']! >= 3);
        assert.ok(stats['dropped']! > 0);
        assert.equal(stats['sent'], events.length);
        assert.equal(stats['discarded'], 0);
        const reports = logs(events, /^[\d,]+ events dropped while the host was unreachable$/);
        assert.ok(reports.length >= 1);
        assert.ok(
          reports.every((e) => e.data['level'] === 'warn' && e.data['logger'] === 'athanor'),
        );
        const reported = reports.reduce((sum, e) => sum + (e.data['meta'] as Stats)['dropped']!, 0);
        assert.equal(reported, stats['dropped']);
        // Said as soon as the host answered again, while the loop still ran.
        assert.ok(reports[0]!.seq < results(events, 'summary')[0]!.seq);
        assert.deepEqual(statuses(events), ['running', 'completed']);
        assert.equal(ofType(events, 'run').length, 1);
        assert.equal(results(events, 'summary').length, 1);
      } finally {
        await proxy.close();
      }
    },
  );

  it('does not slow the loop down when every answer of the host takes 2 s', LIMIT, async (t) => {
    const args = ['--steps', '100', '--step-ms', '10', '--quiet'];
    const alone = await runScript(python, ['--url', base, ...args, '--no-emitter']);
    const fast = await runScript(python, ['--url', base, ...args]);
    const proxy = await startProxy(base, () => 'delay');
    try {
      const { ran, events } = await runAndRead([...args, '--close-timeout', '20'], proxy.url);
      const loop = (r: Ran) => r.summary!.loop_seconds;
      const ratio = loop(ran) / loop(alone);
      t.diagnostic(
        `loop: ${loop(alone).toFixed(3)} s alone, ${loop(fast).toFixed(3)} s reporting, ` +
          `${loop(ran).toFixed(3)} s to a host answering in 2 s (ratio ${ratio.toFixed(2)}); ` +
          `${ran.summary!.stats['batches']} batches`,
      );
      // Waiting for a single answer would add 2 s to a loop of about 1 s.
      assert.ok(ratio < 1.6, `ratio ${ratio}`);
      assert.deepEqual(statuses(events), ['running', 'completed']);
      assert.equal(ran.summary!.stats['sent'], events.length);
    } finally {
      await proxy.close();
    }
  });

  it('stops when the host asks to cancel, and ends the run cancelled', LIMIT, async () => {
    const known = await runIds();
    const running = runScript(python, ['--url', base, '--steps', '2000', '--step-ms', '5']);
    const id = await liveRun(known, 20);
    const answer = await fetch(new URL(`api/runs/${id}/cancel`, base), { method: 'POST' });
    assert.equal(answer.status, 202);
    const ran = await running;
    assert.equal(ran.code, 0, tail(ran.stderr));
    assertHas(ran.stdout, /^stopping at step \d+: the host asked to cancel$/m);
    assertHas(ran.stderr, /^athanor: run ext-\w+: the host asks to cancel the run$/m);
    assert.equal((ran.summary!.stats as Record<string, unknown>)['cancel_requested'], true);
    const events = await eventsOf(id);
    assert.deepEqual(statuses(events), ['running', 'cancelled']);
    // Confirmed by the script, not recorded by the host after its grace period.
    assert.deepEqual(lastStatus(events)['error'], {
      message: 'cancel requested by the host',
      type: 'Cancelled',
    });
    assert.ok(results(events, 'train/loss').length < 2000);
  });

  it('ends the run cancelled on SIGTERM, and exits with status 143', LIMIT, async () => {
    const known = await runIds();
    let child: ChildProcess | undefined;
    const running = runScript(
      python,
      ['--url', base, '--steps', '2000', '--step-ms', '5', '--quiet'],
      (c) => (child = c),
    );
    const id = await liveRun(known, 20);
    child!.kill('SIGTERM');
    const ran = await running;
    assert.equal(ran.code, 143);
    const events = await eventsOf(id);
    assert.deepEqual(statuses(events), ['running', 'cancelled']);
    assert.deepEqual(lastStatus(events)['error'], {
      message: 'terminated by SIGTERM',
      type: 'SIGTERM',
    });
  });

  it("passes the module's own unit tests", () => {
    const tests = spawnSync(python, ['-m', 'unittest', 'discover', '-s', EXAMPLES], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    assert.equal(tests.status, 0, tests.stderr);
  });
});
