import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { validateEvent } from '@athanor/protocol';
import { RunHub } from '../src/run-hub.ts';
import { loadSamples } from '../src/samples.ts';
import { stamp } from '../src/synthetic/draft.ts';
import { failedEvalDrafts } from '../src/synthetic/failed-eval.ts';
import { fineTuneDrafts } from '../src/synthetic/fine-tune.ts';

describe('synthetic runs', () => {
  test('every simulated event is valid under the protocol', () => {
    for (const count of [3, 4, 20, 137, 400, 2000]) {
      const events = stamp(fineTuneDrafts(count, count), `sim-${count}`, 0);
      assert.equal(events.length, count);
      for (const event of events) {
        const validation = validateEvent(event);
        assert.equal(
          validation.kind,
          'event',
          `${count}/${event.seq}: ${JSON.stringify(validation)}`,
        );
      }
      assert.equal(events[0]?.type, 'run');
      assert.deepEqual(events.at(-1)?.data, { status: 'completed' });
    }
    for (const event of stamp(failedEvalDrafts(7), 'failed', 0)) {
      assert.equal(validateEvent(event).kind, 'event', `failed-eval/${event.seq}`);
    }
  });

  test('the same seed gives the same run', () => {
    assert.deepEqual(fineTuneDrafts(300, 42), fineTuneDrafts(300, 42));
    assert.notDeepEqual(fineTuneDrafts(300, 42), fineTuneDrafts(300, 43));
  });
});

describe('loadSamples', () => {
  test('names the file, line and reason of an invalid recorded event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'athanor-samples-'));
    try {
      const good = { v: 1, run: 'r', seq: 0, time: 0, type: 'run', data: { instance: 'x' } };
      const bad = { ...good, seq: 1, type: 'log', data: { level: 'verbose', message: 'm' } };
      await writeFile(join(dir, 'r.jsonl'), `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
      await assert.rejects(loadSamples(new RunHub(), dir), (error: Error) => {
        assert.match(error.message, /r\.jsonl:2: data\.level: expected one of trace\|/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('keeps events of a type this version does not know', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'athanor-samples-'));
    try {
      const lines = [
        { v: 1, run: 'r', seq: 0, time: 0, type: 'run', data: { instance: 'x' } },
        { v: 1, run: 'r', seq: 1, time: 1, type: 'metric_v2', data: { loss: 1 } },
      ];
      await writeFile(join(dir, 'r.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
      const hub = new RunHub();
      assert.deepEqual(await loadSamples(hub, dir), ['r']);
      assert.equal(hub.events('r').length, 2);
      assert.equal(hub.isLive('r'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
