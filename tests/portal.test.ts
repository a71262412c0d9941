/**
 * End to end: the real demo host (as `npm start` runs it, with the built portal) driven in
 * headless Chromium. The portal follows runs through the protocol's SSE transport.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHost, type Host } from '@athanor/demo-host';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';

const SAMPLES = new URL('../packages/demo-host/samples/', import.meta.url);
const sampleLines = (name: string) =>
  readFileSync(new URL(name, SAMPLES), 'utf8').split('\n').filter(Boolean);

describe('demo portal', () => {
  let host: Host;
  let base: string;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const pageErrors: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'athanor-e2e-'));
    host = createHost({ port: 0, dataDir });
    base = await host.listen();
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The run id of the page shown (`/runs/<id>`). */
  const shownRun = async () =>
    decodeURIComponent((await page.evaluate(() => location.pathname)).slice('/runs/'.length));

  it('lists the instances and every recorded sample run', async () => {
    await page.goto(base);
    await page.locator('#instances a').first().waitFor();
    const instances = (await (await fetch(`${base}api/instances`)).json()) as unknown[];
    assert.equal(await page.locator('#instances tbody tr').count(), instances.length);
    const rows = page.locator('#all-runs tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    assert.ok(
      texts.some((t) => t.includes('Completed')),
      texts.join(' | '),
    );
    assert.ok(
      texts.some((t) => t.includes('Failed')),
      texts.join(' | '),
    );
    assert.match(await page.title(), /^Instances · Athanor$/);
  });

  it('replays a finished run whole over SSE and derives its state', async () => {
    const lines = sampleLines('sample-finetune.jsonl');
    const id = (JSON.parse(lines[0]!) as { run: string }).run;
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
    await page.locator('#run-events', { hasText: String(lines.length) }).waitFor();
    // The results as a tree: a key that repeats is a series.
    await page
      .locator('result-tree [role=treeitem]', { hasText: 'train/loss' })
      .filter({ hasText: 'series of 71' })
      .waitFor();
    // The log shows the run's records and terminal lines, escapes interpreted, not printed.
    await page.locator('run-log .row').first().waitFor();
    const logText = (await page.locator('run-log .rows').textContent()) ?? '';
    assert.ok(logText.length > 0);
    assert.ok(!logText.includes('\u001b['), 'no raw escape sequences');
  });

  it('exports from the log exactly the records and output the host holds', async () => {
    const lines = sampleLines('sample-finetune.jsonl');
    const id = (JSON.parse(lines[0]!) as { run: string }).run;
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
    await page.locator('run-log .row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('run-log').getByRole('button', { name: 'JSONL' }).click(),
    ]);
    const shown = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    const held = lines
      .map((l) => JSON.parse(l) as { seq: number; type: string })
      .filter((e) => e.type === 'log' || e.type === 'output')
      .map((e) => e.seq);
    assert.deepEqual(shown, held);
  });

  it('shows the error of a failed run', async () => {
    const lines = sampleLines('sample-failed-eval.jsonl');
    const id = (JSON.parse(lines[0]!) as { run: string }).run;
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Failed' }).waitFor();
    const message = page.locator('run-status [part=error] .error-message');
    await message.waitFor();
    assert.ok(((await message.textContent()) ?? '').length > 0);
    assert.match(await page.title(), /^✗ /);
  });

  it('follows a simulated live run until it completes', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Start a simulated run' }).click();
    await page.waitForFunction(() => location.pathname.startsWith('/runs/live-'));
    await page.locator('run-status [part=status]', { hasText: 'Running' }).waitFor();
    const early = Number(await page.locator('#run-events').textContent());
    await page
      .locator('run-status [part=status]', { hasText: 'Completed' })
      .waitFor({ timeout: 60_000 });
    const final = Number(await page.locator('#run-events').textContent());
    assert.ok(final > early, `events grew live: ${early} → ${final}`);
    const id = await shownRun();
    const exported = await (await fetch(`${base}api/runs/${id}/events.jsonl`)).text();
    assert.equal(exported.split('\n').filter(Boolean).length, final);
  });

  it('cancels a live run from its status bar: cancelled, and no event after', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Start a simulated run' }).click();
    await page.waitForFunction(() => location.pathname.startsWith('/runs/live-'));
    await page.locator('run-status [part=status]', { hasText: 'Running' }).waitFor();
    await page
      .locator('run-status')
      .getByRole('button', { name: /Cancel run/ })
      .click();
    await page
      .locator('run-status')
      .getByRole('button', { name: /Yes, cancel/ })
      .click();
    await page.locator('run-status [part=status]', { hasText: 'Cancelled' }).waitFor();
    const id = await shownRun();
    const count = async () =>
      (await (await fetch(`${base}api/runs/${id}/events.jsonl`)).text())
        .split('\n')
        .filter(Boolean);
    const lines = await count();
    assert.equal(
      (JSON.parse(lines.at(-1)!) as { data: { status: string } }).data.status,
      'cancelled',
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await count()).length, lines.length, 'no events after the cancel');
  });

  /** Starts a quick simulated run through the API and opens its page. */
  async function openLiveRun(events = 400): Promise<string> {
    const response = await fetch(`${base}api/runs`, {
      method: 'POST',
      body: JSON.stringify({ events, intervalMs: 15 }),
    });
    const { id } = (await response.json()) as { id: string };
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Running' }).waitFor();
    return id;
  }

  /** What the page's run state holds once the run completed, against the host's export. */
  async function checkWhole(id: string): Promise<void> {
    await page
      .locator('run-status [part=status]', { hasText: 'Completed' })
      .waitFor({ timeout: 60_000 });
    const seen = await page.evaluate(() => {
      const scope = document.querySelector('run-scope') as unknown as {
        state: { counts: Record<string, number>; lastSeq: number | undefined };
      };
      return { counts: scope.state.counts, lastSeq: scope.state.lastSeq };
    });
    const exported = (await (await fetch(`${base}api/runs/${id}/events.jsonl`)).text())
      .split('\n')
      .filter(Boolean);
    assert.equal(seen.counts['duplicates'], 0, 'nothing twice');
    assert.equal(seen.counts['gaps'], 0, 'nothing lost');
    assert.equal(seen.counts['events'], exported.length, 'every event');
  }

  it('reloads mid-run and gets every event exactly once', async () => {
    const id = await openLiveRun();
    await page.waitForTimeout(1500);
    await page.reload();
    await checkWhole(id);
  });

  it('resumes a stream the server dropped mid-run, with nothing lost or twice', async () => {
    // Long enough (about 12 s) for two drops and the client's resumes (the host says retry: 2 s).
    const id = await openLiveRun(800);
    const connection = (want: 'open' | 'not open') =>
      page.waitForFunction(
        (w) => {
          const c = (
            document.querySelector('run-scope') as unknown as {
              state: { connection?: { state: string } };
            }
          ).state.connection;
          return w === 'open' ? c?.state === 'open' : c?.state !== 'open';
        },
        want,
        { timeout: 10_000 },
      );
    // Dropped: the client notices, then resumes (the browser retries after the host's 2 s).
    const reconnected = async () => {
      await connection('not open');
      await connection('open');
    };
    await page.waitForTimeout(800);
    assert.ok(host.dropStreams() >= 1, 'a stream was open');
    await reconnected();
    assert.ok(host.dropStreams() >= 1, 'and was opened again');
    await reconnected();
    await checkWhole(id);
  });

  it('applies the theme in the head, before anything renders, and switches it', async () => {
    const html = await (await fetch(base)).text();
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const snippet = head.indexOf('localStorage.getItem(k)');
    assert.ok(snippet > 0 && snippet < head.indexOf('<script type="module"'), head);
    assert.ok(snippet < head.indexOf('<link rel="stylesheet"'), head);
    await page.goto(base);
    await page.locator('theme-switch input[value=dark]').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'athanor-dark');
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'athanor-dark');
    await page.locator('theme-switch input[value=light]').click();
    assert.equal(
      await page.evaluate(() => document.documentElement.dataset.theme),
      'athanor-light',
    );
  });

  it('opens one connection for the run page, shared by its elements', async () => {
    const lines = sampleLines('sample-finetune.jsonl');
    const id = (JSON.parse(lines[0]!) as { run: string }).run;
    const streams: string[] = [];
    const listener = (request: { url(): string }) => {
      if (request.url().includes('/events')) streams.push(request.url());
    };
    page.on('request', listener);
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
    page.off('request', listener);
    assert.equal(streams.length, 1, streams.join(', '));
  });

  /** The first instance with recorded runs, as the API lists it. */
  async function sampleInstance(): Promise<{ id: string; name: string; runs: number }> {
    const list = (await (await fetch(`${base}api/instances`)).json()) as {
      id: string;
      name: string;
      runs: number;
    }[];
    const found = list.find((i) => i.runs > 0);
    assert.ok(found, 'a sample instance has runs');
    return found;
  }

  it('opens an instance: configuration, run history, a run started with options, breadcrumbs', async () => {
    const instance = await sampleInstance();
    await page.goto(base);
    await page.locator('#instances').getByRole('link', { name: instance.name }).click();
    await page.waitForFunction(
      (id) => location.pathname === `/instances/${encodeURIComponent(id)}`,
      instance.id,
    );
    await page.locator('h2.page-title', { hasText: instance.name }).waitFor();
    // The heading takes the focus after a navigation.
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'page-title');
    await page.locator('#instance-runs tbody tr').first().waitFor();
    assert.equal(await page.locator('#instance-runs tbody tr').count(), instance.runs);
    await page.locator('#instance-config [role=treeitem]').first().waitFor();
    // Start a short run that fails for sure, at 40 events/s.
    await page.getByLabel('Events', { exact: true }).fill('30');
    await page.getByLabel('Rate (events/s)').fill('40');
    await page.getByLabel('Failure chance (%)').fill('100');
    await page.locator('#start-duration', { hasText: 'about 1 s' }).waitFor();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForFunction(() => location.pathname.startsWith('/runs/live-'));
    const id = await shownRun();
    await page
      .locator('run-status [part=status]', { hasText: 'Failed' })
      .waitFor({ timeout: 30_000 });
    const summary = (await (await fetch(`${base}api/runs/${id}`)).json()) as {
      instance: string;
      events: number;
    };
    assert.equal(summary.instance, instance.id);
    assert.ok(summary.events < 30, `failed part-way: ${summary.events} events`);
    // Breadcrumb: Instances › the instance › the run.
    const crumbs = await page.locator('#breadcrumb li').allTextContents();
    assert.deepEqual(crumbs.slice(0, 2), ['Instances', instance.name]);
    assert.equal(crumbs.length, 3);
    await page.locator('#breadcrumb').getByRole('link', { name: instance.name }).click();
    const row = page.locator('#instance-runs tbody tr', { hasText: id });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Failed/);
    // The browser's Back returns to the run; a reload stays on it.
    await page.goBack();
    await page.waitForFunction((r) => location.pathname === `/runs/${r}`, id);
    await page.locator('run-status [part=status]', { hasText: 'Failed' }).waitFor();
    await page.reload();
    await page.locator('run-status [part=status]', { hasText: 'Failed' }).waitFor();
    assert.equal(await shownRun(), id);
  });

  it('selects runs of an instance for comparison', async () => {
    const instance = await sampleInstance();
    await page.goto(`${base}instances/${encodeURIComponent(instance.id)}`);
    const boxes = page.locator('#instance-runs tbody input[type=checkbox]');
    await boxes.first().waitFor();
    const compare = page.getByRole('button', { name: 'Compare selected' });
    assert.equal(await compare.isDisabled(), true);
    await boxes.first().check();
    await page
      .locator('#instance-runs-selection', { hasText: '1 run selected: select at least 2' })
      .waitFor();
    assert.equal(await compare.isDisabled(), true);
  });

  it('compares the runs selected in a history, side by side, with the results of each', async () => {
    await page.goto(`${base}instances/inst-llama-sft`);
    await page.locator('#instance-runs [data-run=sample-finetune]').waitFor();
    await page.locator('#instance-runs [data-run=sample-finetune] input[type=checkbox]').check();
    await page
      .locator('#instance-runs [data-run=sample-finetune-rerun] input[type=checkbox]')
      .check();
    await page.locator('#instance-runs-selection', { hasText: '2 runs selected' }).waitFor();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await page.waitForFunction(() => location.pathname === '/compare');
    assert.equal(
      await page.evaluate(() => new URLSearchParams(location.search).get('runs')),
      'sample-finetune,sample-finetune-rerun',
    );
    const compare = page.locator('#compare');
    // Both runs, final, with the baseline choice; the shared instance in the breadcrumb.
    await compare.locator('[part=status]', { hasText: 'Completed' }).nth(1).waitFor();
    assert.equal(await compare.locator('input[type=radio]').count(), 2);
    const crumbs = await page.locator('#breadcrumb li').allTextContents();
    assert.equal(crumbs.length, 3);
    // A result series of each run summarised, with its delta against the baseline.
    const loss = compare.locator('tr[data-key="train/loss"]');
    await loss.waitFor();
    assert.match((await loss.textContent()) ?? '', /71/);
    // The run page shows the statistics of its results beside the tree.
    await page.goto(`${base}runs/sample-finetune`);
    await page.locator('#run-stats [part=key]', { hasText: 'train/loss' }).waitFor();
    assert.match(
      (await page.locator('#run-stats [part=key]', { hasText: 'train/loss' }).textContent()) ?? '',
      /71 values/,
    );
  });

  it('clones an instance with an edited configuration, refusing invalid JSON first', async () => {
    const instance = await sampleInstance();
    await page.goto(`${base}instances/${encodeURIComponent(instance.id)}`);
    await page.locator('#clone summary').click();
    const config = page.locator('#clone-config');
    const original = JSON.parse(await config.inputValue()) as Record<string, unknown>;
    await config.fill('{"broken": ');
    await page.getByRole('button', { name: 'Create clone' }).click();
    await page.locator('#clone [role=alert]', { hasText: 'not valid JSON' }).waitFor();
    await config.fill(JSON.stringify({ ...original, seed: 4242 }, null, 2));
    await page.locator('#clone-name').fill(`${instance.name} v2`);
    await page.getByRole('button', { name: 'Create clone' }).click();
    await page.locator('h2.page-title', { hasText: `${instance.name} v2` }).waitFor();
    const id = decodeURIComponent(
      (await page.evaluate(() => location.pathname)).slice('/instances/'.length),
    );
    const created = (await (await fetch(`${base}api/instances/${id}`)).json()) as {
      clonedFrom: string;
      config: Record<string, unknown>;
      runs: unknown[];
    };
    assert.equal(created.clonedFrom, instance.id);
    assert.deepEqual(created.config, { ...original, seed: 4242 });
    assert.deepEqual(created.runs, []);
    await page.locator('.meta').getByRole('link', { name: instance.name }).waitFor();
    await page.locator('#instance-runs', { hasText: 'No runs yet.' }).waitFor();
  });

  it('shows what an outside producer ingests, and says which lines it refused', async () => {
    const { id } = (await (
      await fetch(`${base}api/runs`, { method: 'POST', body: '{"external":true}' })
    ).json()) as { id: string };
    await page.goto(`${base}runs/${encodeURIComponent(id)}`);
    await page.locator('#run-events', { hasText: '0' }).waitFor();
    const event = (seq: number, type: string, data: unknown) =>
      JSON.stringify({ v: 1, run: id, seq, time: Date.now(), type, data });
    const body = [
      event(1, 'run', { instance: 'external', name: 'ingested run' }),
      event(2, 'log', { level: 'info', message: 'first line from outside' }),
      '{"v":1,"run":',
      event(3, 'log', { level: 'shout', message: 'bad level' }),
      event(4, 'status', { status: 'running' }),
      event(2, 'log', { level: 'info', message: 'a retried line' }),
      event(5, 'log', { level: 'warn', message: 'second line from outside' }),
    ].join('\n');
    const answer = (await (
      await fetch(`${base}api/runs/${id}/events`, { method: 'POST', body })
    ).json()) as { accepted: number; duplicates: number; rejected: { line: number }[] };
    assert.equal(answer.accepted, 4);
    assert.equal(answer.duplicates, 1);
    assert.deepEqual(
      answer.rejected.map((r) => r.line),
      [3, 4],
    );
    await page.locator('#run-events', { hasText: '4' }).waitFor();
    await page.locator('run-status [part=status]', { hasText: 'Running' }).waitFor();
    await page.locator('run-log .row', { hasText: 'second line from outside' }).waitFor();
    assert.equal(await page.locator('run-log .row', { hasText: 'bad level' }).count(), 0);
    assert.equal(await page.locator('run-log .row', { hasText: 'a retried line' }).count(), 0);
    await fetch(`${base}api/runs/${id}/events`, {
      method: 'POST',
      body: event(6, 'status', { status: 'completed' }),
    });
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
  });

  it('says so when a link names no run or no page', async () => {
    const errors = pageErrors.length;
    await page.goto(`${base}runs/no-such-run`);
    await page.locator('[role=alert]', { hasText: 'Run "no-such-run" not found' }).waitFor();
    // The browser logs the host's 404 for the run; that one is expected.
    const logged = pageErrors.splice(errors);
    assert.deepEqual(logged, [
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    assert.equal((await fetch(`${base}elsewhere`)).status, 404);
    // A link from before real URLs still lands on its run.
    await page.goto(`${base}#/runs/sample-finetune`);
    await page.waitForFunction(() => location.pathname === '/runs/sample-finetune');
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
  });

  it('restarts the host and finds every instance and run as it was', async () => {
    const before = (await (await fetch(`${base}api/runs`)).json()) as {
      id: string;
      events: number;
      status: string;
    }[];
    const instances = await (await fetch(`${base}api/instances`)).json();
    await host.close();
    host = createHost({ port: 0, dataDir });
    base = await host.listen();
    const after = (await (await fetch(`${base}api/runs`)).json()) as typeof before;
    const view = (runs: typeof before) =>
      runs
        .map(({ id, events, status }) => ({ id, events, status }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(view(after), view(before));
    assert.deepEqual(await (await fetch(`${base}api/instances`)).json(), instances);
    await page.goto(base);
    await page.locator('#all-runs tbody tr').first().waitFor();
    assert.equal(await page.locator('#all-runs tbody tr').count(), Math.min(before.length, 100));
  });

  it('raised no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
