import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isFinalStatus, validateEvent } from '@athanor/protocol';
import type { RunEvent } from '../src/events.ts';
import { Instances } from '../src/instances.ts';
import { RunHub } from '../src/run-hub.ts';
import { RunStore } from '../src/run-store.ts';
import { loadSamples } from '../src/samples.ts';
import { createHost } from '../src/server.ts';
import { SAMPLES, exampleLogs, instancesOf, samplesOf } from '../src/synthetic/catalogue.ts';
import { stamp } from '../src/synthetic/draft.ts';
import { failedEvalDrafts } from '../src/synthetic/failed-eval.ts';
import { fineTuneDrafts } from '../src/synthetic/fine-tune.ts';

const SAMPLES_DIR = new URL('../samples/', import.meta.url);
const NO_PORTAL = join(tmpdir(), 'athanor-no-such-portal');
const TIMEOUT = { timeout: 15_000 };

/** Nesting depth of a JSON value: 0 for a scalar, 1 + the deepest member for a container. */
function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const member of Object.values(value)) deepest = Math.max(deepest, depth(member));
  return 1 + deepest;
}

const results = (events: readonly RunEvent[], key: string) =>
  events.filter((e) => e.type === 'result' && e.data['key'] === key).map((e) => e.data['value']);

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

describe('committed sample files', () => {
  test('are byte for byte what the generators make now', async () => {
    const expected = exampleLogs();
    assert.ok(expected.has('sample-finetune.jsonl') && expected.has('sample-failed-eval.jsonl'));
    for (const [file, text] of expected) {
      const committed = await readFile(new URL(file, SAMPLES_DIR), 'utf8');
      // Not deepEqual on the whole text: a 200 KB diff would drown the message.
      assert.ok(committed === text, `${file} is stale: run scripts/make-samples.ts`);
    }
    const onDisk = (await readdir(SAMPLES_DIR)).filter((name) => name.endsWith('.jsonl'));
    assert.deepEqual(onDisk.sort(), [...expected.keys()].sort(), 'no stray or missing .jsonl');
  });

  test('instances.json holds every sample instance as the host records it', async () => {
    const committed = JSON.parse(await readFile(new URL('instances.json', SAMPLES_DIR), 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(instancesOf(SAMPLES))));
  });
});

describe('sample runs', () => {
  const hub = new RunHub();
  const instances = new Instances();
  let runs: Map<string, RunEvent[]>;
  before(() => {
    loadSamples(hub, instances, 'all');
    runs = new Map(SAMPLES.map((s) => [s.run, hub.events(s.run)]));
  });
  const eventsOf = (run: string) => runs.get(run) ?? assert.fail(`no run ${run}`);

  test('every event is valid under the protocol, in seq order, in time order', () => {
    for (const [run, events] of runs) {
      assert.ok(events.length > 0, run);
      for (const [seq, event] of events.entries()) {
        const validation = validateEvent(event);
        if (validation.kind !== 'event')
          assert.fail(`${run}/${seq}: ${JSON.stringify(validation)}`);
        assert.equal(event.seq, seq, run);
        assert.ok(seq === 0 || event.time >= events[seq - 1]!.time, `${run}/${seq} time`);
      }
    }
  });

  test('each run opens with its instance, created before it, and ends with a final status', () => {
    for (const sample of SAMPLES) {
      const events = eventsOf(sample.run);
      const [first, last] = [events[0]!, events.at(-1)!];
      assert.equal(first.type, 'run', sample.run);
      const instance = instances.get(String(first.data['instance']));
      assert.ok(instance, `${sample.run}: instance ${String(first.data['instance'])} exists`);
      assert.deepEqual(first.data['config'], instance.config, `${sample.run}: config`);
      assert.ok(instance.createdAt < first.time, `${sample.run}: instance created first`);
      assert.equal(last.type, 'status', sample.run);
      assert.ok(isFinalStatus(String(last.data['status'])), sample.run);
      assert.equal(hub.isLive(sample.run), false, sample.run);
    }
    assert.equal(hub.summary('sample-finetune-rerun')?.instance, 'inst-llama-sft');
  });

  test('the large run has exactly 200,000 log entries of every kind, and completes', () => {
    const events = eventsOf('sample-corpus-dedup');
    const logs = events.filter((e) => e.type === 'log');
    assert.equal(logs.length, 200_000);
    const levels = new Set(logs.map((e) => e.data['level']));
    assert.deepEqual([...levels].sort(), ['debug', 'error', 'info', 'trace', 'warn']);
    assert.ok(new Set(logs.map((e) => e.data['logger'])).size >= 6);
    assert.ok(logs.some((e) => e.data['meta'] !== undefined));
    assert.ok(events.some((e) => e.type === 'output' && String(e.data['data']).startsWith('\r')));
    assert.equal(events.at(-1)?.data['status'], 'completed');
  });

  test('the report run holds a JSON document of about 2 MB, at least 8 levels deep', () => {
    const events = eventsOf('sample-activation-report');
    const [report] = results(events, 'report');
    const bytes = Buffer.byteLength(JSON.stringify(report));
    assert.ok(bytes > 1.9e6 && bytes < 2.2e6, `${bytes} bytes`);
    assert.ok(depth(report) >= 8, `depth ${depth(report)}`);
    assert.equal(events.at(-1)?.data['status'], 'completed');
  });

  test('the eval sweep grades hundreds of items with confidences in [0, 1]', () => {
    const events = eventsOf('sample-eval-sweep');
    const items = results(events, 'item') as { confidence: number; correct: boolean }[];
    assert.ok(items.length >= 300, `${items.length} items`);
    for (const item of items) {
      assert.ok(item.confidence >= 0 && item.confidence <= 1, String(item.confidence));
      assert.equal(typeof item.correct, 'boolean');
    }
    // Calibrated-looking: right answers are stated with more confidence than wrong ones.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sure = (right: boolean) =>
      mean(items.filter((i) => i.correct === right).map((i) => i.confidence));
    assert.ok(sure(true) > sure(false) + 0.1);
    const calibration = results(events, 'calibration') as { ece: number; bins: unknown[] }[];
    assert.equal(calibration.length, 8);
    assert.ok(calibration.every((c) => c.ece >= 0 && c.ece <= 1 && c.bins.length > 0));
  });

  test('the search is cancelled after the scheduler’s SIGTERM', () => {
    const events = eventsOf('sample-hparam-search');
    assert.deepEqual(events.at(-1)?.data, { status: 'cancelled' });
    const sigterm = events.findIndex((e) => /SIGTERM/.test(String(e.data['message'])));
    assert.ok(sigterm > events.length - 8, 'SIGTERM is logged just before the end');
  });

  test('a large sample generates the same events every time', () => {
    // The small ones are pinned by the committed files; this one is not committed.
    const sample = SAMPLES.find((s) => s.run === 'sample-activation-report')!;
    const again = JSON.stringify(sample.drafts(sample.startTime).map((d) => d.data));
    assert.ok(again === JSON.stringify(eventsOf(sample.run).map((e) => e.data)));
  });
});

describe('loading samples', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('"small" leaves out the large runs and "none" loads nothing', () => {
    const small = samplesOf('small').map((s) => s.run);
    assert.ok(small.includes('sample-finetune') && small.includes('sample-eval-sweep'));
    assert.ok(
      !small.includes('sample-corpus-dedup') && !small.includes('sample-activation-report'),
    );
    assert.deepEqual(samplesOf('none'), []);
  });

  test('adopting an instance keeps its id and time, stores it once, and freezes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'athanor-adopt-'));
    dirs.push(dir);
    const store = new RunStore(dir);
    const instances = new Instances(store);
    const record = SAMPLES[0]!.instance;
    const adopted = instances.adopt(record);
    assert.deepEqual(adopted, record);
    assert.ok(Object.isFrozen(adopted.config) && !Object.isFrozen(record.config));
    assert.equal(instances.adopt({ ...record, name: 'other' }), adopted, 'the one held stays');
    const reloaded = new Instances(new RunStore(dir));
    reloaded.load();
    assert.deepEqual(reloaded.list(), [record]);
  });

  test(
    'a first start loads the sample instances with their runs, once; "none" loads none',
    TIMEOUT,
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'athanor-data-'));
      dirs.push(dataDir);
      const instanceList = async (base: string) =>
        (await (await fetch(new URL('/api/instances', base))).json()) as {
          id: string;
          runs: number;
        }[];
      const expected = instancesOf(samplesOf('small')).map((i) => i.id);
      for (let start = 0; start < 2; start++) {
        const host = createHost({ port: 0, dataDir, portalDir: NO_PORTAL, samples: 'small' });
        try {
          const listed = await instanceList(await host.listen());
          assert.deepEqual(
            listed.map((i) => i.id),
            expected,
          );
          assert.equal(listed.find((i) => i.id === 'inst-llama-sft')?.runs, 2);
        } finally {
          await host.close();
        }
      }
      const empty = createHost({ port: 0, portalDir: NO_PORTAL, samples: 'none' });
      try {
        const base = await empty.listen();
        assert.deepEqual(await instanceList(base), []);
        assert.deepEqual(await (await fetch(new URL('/api/runs', base))).json(), []);
      } finally {
        await empty.close();
      }
    },
  );
});
