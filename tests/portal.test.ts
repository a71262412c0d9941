/**
 * End to end: the real demo host (as `npm start` runs it, with the built portal) driven in
 * headless Chromium. The portal follows runs through the protocol's SSE transport.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  const pageErrors: string[] = [];

  before(async () => {
    host = createHost({ port: 0 });
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
  });

  it('lists the recorded sample runs', async () => {
    await page.goto(base);
    const links = page.locator('#runs a');
    await links.first().waitFor();
    const texts = await links.allTextContents();
    assert.ok(
      texts.some((t) => t.includes('completed')),
      texts.join(' | '),
    );
    assert.ok(
      texts.some((t) => t.includes('failed')),
      texts.join(' | '),
    );
  });

  it('replays a finished run whole over SSE and derives its state', async () => {
    const lines = sampleLines('sample-finetune.jsonl');
    const id = (JSON.parse(lines[0]!) as { run: string }).run;
    await page.goto(`${base}#/runs/${encodeURIComponent(id)}`);
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
    await page.goto(`${base}#/runs/${encodeURIComponent(id)}`);
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
    await page.goto(`${base}#/runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Failed' }).waitFor();
    const message = page.locator('run-status [part=error] .error-message');
    await message.waitFor();
    assert.ok(((await message.textContent()) ?? '').length > 0);
    assert.match(await page.title(), /^✗ /);
  });

  it('follows a simulated live run until it completes', async () => {
    await page.goto(base);
    await page.locator('#runs a').first().waitFor();
    await page.getByRole('button', { name: 'Start a simulated run' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/runs/live-'));
    await page.locator('run-status [part=status]', { hasText: 'Running' }).waitFor();
    const early = Number(await page.locator('#run-events').textContent());
    await page
      .locator('run-status [part=status]', { hasText: 'Completed' })
      .waitFor({ timeout: 60_000 });
    const final = Number(await page.locator('#run-events').textContent());
    assert.ok(final > early, `events grew live: ${early} → ${final}`);
    const id = decodeURIComponent(
      (await page.evaluate(() => location.hash)).slice('#/runs/'.length),
    );
    const exported = await (await fetch(`${base}api/runs/${id}/events.jsonl`)).text();
    assert.equal(exported.split('\n').filter(Boolean).length, final);
  });

  it('cancels a live run from its status bar: cancelled, and no event after', async () => {
    await page.goto(base);
    await page.locator('#runs a').first().waitFor();
    await page.getByRole('button', { name: 'Start a simulated run' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/runs/live-'));
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
    const id = decodeURIComponent(
      (await page.evaluate(() => location.hash)).slice('#/runs/'.length),
    );
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
    await page.goto(`${base}#/runs/${encodeURIComponent(id)}`);
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
    await page.goto(`${base}#/runs/${encodeURIComponent(id)}`);
    await page.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
    page.off('request', listener);
    assert.equal(streams.length, 1, streams.join(', '));
  });

  it('raised no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
