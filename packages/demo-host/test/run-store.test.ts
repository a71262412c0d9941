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
import { RunStore, fileNameOf, idOfFileName } from '../src/run-store.ts';

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
});
