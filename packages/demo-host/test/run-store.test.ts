import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { RunEvent } from '../src/events.ts';
import { fdatasync } from 'node:fs';
import { RunStore, fileNameOf, idOfFileName, type SyncFile } from '../src/run-store.ts';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-store-'));
  dirs.push(dir);
  return dir;
}
const ev = (
  run: string,
  seq: number,
  data: Record<string, unknown> = { message: `m${seq}` },
): RunEvent => ({
  v: 1,
  run,
  seq,
  time: 1_700_000_000_000 + seq,
  type: 'log',
  data: { level: 'info', ...data },
});

describe('run store', () => {
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('keeps each run as an append-only log that reads back in order', () => {
    const dir = freshDir();
    const store = new RunStore(dir);
    for (let seq = 0; seq < 50; seq++) {
      store.append(ev('a', seq));
      if (seq % 2 === 0) store.append(ev('b', seq / 2, { message: 'é ✓ "quoted"\n' }));
    }
    store.close();
    const again = new RunStore(dir);
    const runs = again.loadRuns();
    assert.deepEqual(
      runs.map((r) => [r.id, r.events.length, r.droppedTail]),
      [
        ['a', 50, 0],
        ['b', 25, 0],
      ],
    );
    assert.deepEqual(
      runs[0]!.events.map((e) => e.seq),
      [...Array(50).keys()],
    );
    assert.equal(runs[1]!.events[3]!.data['message'], 'é ✓ "quoted"\n');
    // Appending after a reopen continues the same log.
    again.append(ev('a', 50));
    again.close();
    assert.equal(new RunStore(dir).readRun('a').events.length, 51);
  });

  test('drops a last line cut by a crash, and appends after it cleanly', () => {
    const dir = freshDir();
    const store = new RunStore(dir);
    store.append(ev('r', 0));
    store.append(ev('r', 1));
    store.close();
    appendFileSync(join(dir, 'runs', 'r.jsonl'), '{"v":1,"run":"r","seq":2,"ti');
    const reopened = new RunStore(dir);
    const run = reopened.readRun('r');
    assert.equal(run.events.length, 2);
    assert.equal(run.droppedTail, '{"v":1,"run":"r","seq":2,"ti'.length);
    reopened.append(ev('r', 2));
    reopened.close();
    const lines = readFileSync(join(dir, 'runs', 'r.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as RunEvent).seq),
      [0, 1, 2],
    );
  });

  test('says which line of a damaged log is unreadable', () => {
    const dir = freshDir();
    new RunStore(dir).close();
    writeFileSync(join(dir, 'runs', 'x.jsonl'), `${JSON.stringify(ev('x', 0))}\nnot json\n`);
    assert.throws(() => new RunStore(dir).loadRuns(), /x\.jsonl, line 2: not JSON/);
  });

  test('keeps every id inside its folder, whatever it holds', () => {
    const ids = ['../../etc/passwd', 'a/b', 'C:\\x', '.hidden', 'ok-id_1', 'ünï', '%41', 'run-🚀'];
    for (const id of ids) {
      const name = fileNameOf(id);
      assert.match(name, /^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/, id);
      assert.equal(idOfFileName(name), id);
    }
    assert.equal(new Set(ids.map(fileNameOf)).size, ids.length);
    const dir = freshDir();
    const store = new RunStore(dir);
    store.append(ev('../../escape', 0));
    store.close();
    assert.deepEqual(readdirSync(join(dir, 'runs')), [`${fileNameOf('../../escape')}.jsonl`]);
    assert.equal(new RunStore(dir).loadRuns()[0]!.id, '../../escape');
    assert.equal(idOfFileName('a.b'), undefined);
    assert.throws(() => fileNameOf(''), /empty/);
  });

  test('replaces instance records atomically and reads them all back', () => {
    const dir = freshDir();
    const store = new RunStore(dir);
    store.saveInstance('ft-1', { id: 'ft-1', config: { lr: 1e-5 } });
    store.saveInstance('ft-2', { id: 'ft-2', config: {} });
    store.saveInstance('ft-1', { id: 'ft-1', config: { lr: 2e-5 } });
    assert.deepEqual(readdirSync(join(dir, 'instances')).sort(), ['ft-1.json', 'ft-2.json']);
    const instances = new RunStore(dir).loadInstances();
    assert.deepEqual([...instances.keys()], ['ft-1', 'ft-2']);
    assert.deepEqual(instances.get('ft-1'), { id: 'ft-1', config: { lr: 2e-5 } });
  });

  /** A real fdatasync that takes until `release()` and counts its calls per fd. */
  function heldSync() {
    const calls: number[] = [];
    const held: (() => void)[] = [];
    let fail: NodeJS.ErrnoException | undefined;
    const sync: SyncFile = (fd, done) => {
      calls.push(fd);
      held.push(() => (fail ? done(fail) : fdatasync(fd, done)));
    };
    return {
      sync,
      calls,
      release: () => held.splice(0).forEach((go) => go()),
      failNext: (code: string) => (fail = Object.assign(new Error(code), { code })),
      heal: () => (fail = undefined),
    };
  }
  const lines = (dir: string, id: string) =>
    readFileSync(join(dir, 'runs', `${id}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean).length;
  const settled = (p: Promise<void>) => {
    let state = 'pending';
    p.then(
      () => (state = 'resolved'),
      () => (state = 'rejected'),
    );
    return () => state;
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  test('makes appends durable off the event loop, one sync shared by all who wait (group commit)', async () => {
    const dir = freshDir();
    const disk = heldSync();
    const store = new RunStore(dir, disk.sync);
    store.append(ev('a', 0));
    const first = store.durable();
    assert.equal(disk.calls.length, 1, 'the first caller starts a sync');
    // Three producers ask while it runs: their appends came after it began, so they wait for
    // the next sync, which is one for all three.
    store.append(ev('a', 1));
    const second = store.durable();
    store.append(ev('b', 0));
    const third = store.durable();
    const fourth = store.durable();
    assert.equal(second, third);
    assert.equal(third, fourth);
    assert.equal(disk.calls.length, 1, 'nobody else syncs while one runs');
    const firstState = settled(first);
    const secondState = settled(second);
    await tick();
    assert.equal(firstState(), 'pending', 'not acknowledged before the disk says so');
    disk.release();
    await first;
    await tick();
    assert.equal(secondState(), 'pending');
    assert.equal(disk.calls.length, 3, 'the next sync: both logs, once each');
    disk.release();
    await second;
    assert.equal(lines(dir, 'a'), 2);
    assert.equal(lines(dir, 'b'), 1);
    // Nothing new: nothing to sync.
    await store.durable();
    assert.equal(disk.calls.length, 3);
    store.close();
  });

  test('a caller with nothing new waits for the sync that holds its appends', async () => {
    const disk = heldSync();
    const store = new RunStore(freshDir(), disk.sync);
    store.append(ev('a', 0));
    const first = store.durable();
    const again = settled(store.durable());
    await tick();
    assert.equal(again(), 'pending');
    disk.release();
    await first;
    await tick();
    assert.equal(again(), 'resolved');
    assert.equal(disk.calls.length, 1);
    store.close();
  });

  test('a failed sync fails the store: its callers, those waiting and every later call reject', async () => {
    const disk = heldSync();
    const store = new RunStore(freshDir(), disk.sync);
    store.append(ev('a', 0));
    disk.failNext('EIO');
    const failing = store.durable();
    store.append(ev('a', 1));
    const waiting = store.durable();
    disk.release();
    const message = /could not be written to disk \(EIO\); nothing more is acknowledged/;
    await assert.rejects(failing, (error: Error) => {
      assert.match(error.message, message);
      assert.equal((error.cause as NodeJS.ErrnoException).code, 'EIO');
      return true;
    });
    await assert.rejects(waiting, { message });
    // The disk says it is fine again: a retried fdatasync could "succeed" without the pages the
    // failed one dropped, so the store does not acknowledge anything more.
    disk.heal();
    store.append(ev('a', 2));
    await assert.rejects(store.durable(), { message });
    assert.equal(disk.calls.length, 1, 'no sync is tried after the failure');
    store.close();
  });

  test('appends made while the next sync waits are covered by the promise they get', async () => {
    const dir = freshDir();
    // Each sync notes how many lines the log held when it began, and whether it has ended.
    const syncs: { lines: number; done: boolean }[] = [];
    const held: (() => void)[] = [];
    const store = new RunStore(dir, (fd, done) => {
      const sync = { lines: lines(dir, 'a'), done: false };
      syncs.push(sync);
      held.push(() =>
        fdatasync(fd, (error) => {
          sync.done = true;
          done(error);
        }),
      );
    });
    const covered = (atLeast: number) => syncs.some((s) => s.done && s.lines >= atLeast);
    const release = async () => {
      held.splice(0).forEach((go) => go());
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    store.append(ev('a', 0));
    const first = store.durable();
    // Runs when the first sync ends, before the waiting sync starts: it starts one of its own,
    // then appends again and asks, while its own sync runs.
    let late: Promise<void> | undefined;
    let lateCovered: boolean | undefined;
    void first.then(() => {
      store.append(ev('a', 2));
      void store.durable();
      store.append(ev('a', 3));
      late = store.durable();
      void late.then(() => (lateCovered = covered(4)));
    });
    store.append(ev('a', 1));
    const next = store.durable();
    await release();
    await first;
    for (let round = 0; round < 5 && lateCovered === undefined; round++) await release();
    await next;
    await late;
    assert.equal(lateCovered, true, 'acknowledged only after a sync that began with all 4 lines');
    assert.equal(lines(dir, 'a'), 4);
    store.close();
  });

  test('closing syncs everything, so a sync it overtook still resolves', async () => {
    const dir = freshDir();
    const disk = heldSync();
    const store = new RunStore(dir, disk.sync);
    store.append(ev('a', 0));
    const running = store.durable();
    store.append(ev('a', 1));
    store.close();
    disk.release();
    await running;
    assert.equal(lines(dir, 'a'), 2);
  });
});
