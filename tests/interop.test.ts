/**
 * Framework interop, end to end: the same three elements (`<run-status>`, `<run-log>`,
 * `<result-tree>`) showing the recorded sample fine-tune in a plain page with an import map and no
 * bundler, in a React 19 app and in a Vue 3 app (pages in tests/interop/), in headless Chromium.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { startInteropSite, type InteropSite } from './interop/site.ts';

interface SampleEvent {
  run: string;
  type: string;
  data: { message?: string; key?: string; name?: string };
}

const events = readFileSync(
  new URL('../packages/demo-host/samples/sample-finetune.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as SampleEvent);

/** What a page must show of a run made of `shown`, the events it was given. */
function expected(shown: SampleEvent[]) {
  return {
    lastLog: shown.findLast((e) => e.type === 'log')!.data.message!,
    losses: shown.filter((e) => e.type === 'result' && e.data.key === 'train/loss').length,
  };
}
const FINISHED = expected(events);
/** The live run of the React and Vue pages: the first 120 events (tests/interop/shared/runs.ts). */
const LIVE = expected(events.slice(0, 120));
const RUN_NAME = events[0]!.data.name!;

describe('the elements in plain HTML, React 19 and Vue 3', () => {
  let site: InteropSite;
  let browser: Browser;

  before(async () => {
    site = await startInteropSite();
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /**
   * Opens a page in a fresh context: `problems` gathers its errors and warnings, `requests` the
   * paths it loaded, `posts` the paths it posted to.
   */
  async function open(path: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    const posts: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      (r.method() === 'POST' ? posts : requests).push(new URL(r.url()).pathname);
    });
    await page.goto(`${site.baseUrl}${path}`);
    return { page, problems, requests, posts, close: () => context.close() };
  }

  /** All three elements show the run: its status, its newest log line, its loss series. */
  async function expectRun(page: Page, status: string, run: typeof FINISHED) {
    await page.locator('run-status [part=status]', { hasText: status }).waitFor();
    await page.locator('run-log .row', { hasText: run.lastLog }).waitFor();
    await page
      .locator('result-tree [role=treeitem]', { hasText: 'train/loss' })
      .filter({ hasText: `series of ${run.losses}` })
      .waitFor();
  }

  /** Confirms Cancel in the status bar as a reader does. */
  async function confirmCancel(page: Page) {
    const status = page.locator('run-status');
    await status.getByRole('button', { name: 'Cancel run' }).click();
    await status.getByRole('button', { name: 'Yes, cancel' }).click();
  }

  /** Whether `.events` of each tag holds an Observable set as a property, never an attribute. */
  const eventsBinding = (page: Page, tags: string[]) =>
    page.evaluate(
      (list) =>
        list.map((tag) => {
          const el = document.querySelector(tag) as (Element & { events?: unknown }) | null;
          const events = el?.events as { subscribe?: unknown } | undefined;
          return `${tag}: ${typeof events?.subscribe} ${el?.hasAttribute('events') ?? 'absent'}`;
        }),
      tags,
    );

  const liveSubscriptions = (page: Page) => page.evaluate(() => window.interopSubscriptions?.live);

  it('plain HTML: an import map onto the built dist/, no bundler, .events from a script', async () => {
    const { page, problems, requests, close } = await open('/plain/');
    await expectRun(page, 'Completed', FINISHED);
    // The inline attributes reached the elements: the tab title follows the run.
    assert.equal(await page.title(), `✓ ${RUN_NAME}`);
    assert.equal(await page.locator('run-status').getAttribute('sticky'), '');
    // Every module came as the packages ship it: dist/ files, one by one.
    for (const file of [
      '/node_modules/@athanor/components/dist/run-status/define.js',
      '/node_modules/@athanor/components/dist/result-tree/define.js',
      '/node_modules/@athanor/components/dist/generated/styles.js',
      '/node_modules/@athanor/protocol/dist/index.js',
      '/node_modules/lit/index.js',
    ]) {
      assert.ok(requests.includes(file), `${file} was loaded: ${requests.join(', ')}`);
    }
    assert.deepEqual(
      requests.filter((r) => r.endsWith('.ts')),
      [],
    );
    assert.deepEqual(problems, []);
    await close();
  });

  it('React 19: the Observable as a property, a new one re-subscribes, onrun-cancel', async () => {
    const { page, problems, posts, close } = await open('/react/');
    await expectRun(page, 'Completed', FINISHED);
    const tags = ['run-status', 'run-log', 'result-tree'];
    assert.deepEqual(await eventsBinding(page, tags), [
      'run-status: function false',
      'run-log: function false',
      'result-tree: function false',
    ]);
    assert.equal(await page.title(), `✓ ${RUN_NAME}`);
    // No property of that name: React set the attributes.
    assert.equal(await page.locator('run-status').getAttribute('cancel-url'), site.cancelPath);
    assert.equal(await page.locator('run-status').getAttribute('document-title'), '');

    // React state gives the elements another Observable: each drops the old run, follows the new.
    await page.getByRole('button', { name: 'Live run' }).click();
    await expectRun(page, 'Running', LIVE);
    assert.equal(await liveSubscriptions(page), 3, 'one subscription per element');

    await confirmCancel(page);
    await page
      .locator('#cancel-request', { hasText: 'Cancel requested for interop-live' })
      .waitFor();
    // The handler prevented the event: the element leaves the cancel to the app (no POST below).
    await page.locator('run-status').getByRole('button', { name: 'Cancel run' }).waitFor();
    assert.equal(
      (await page.locator('run-status [part=status]').textContent())?.trim(),
      '▶Running',
    );

    await page.getByRole('button', { name: 'Finished run' }).click();
    await expectRun(page, 'Completed', FINISHED);
    assert.equal(await liveSubscriptions(page), 0, 'the live run was unsubscribed');
    assert.deepEqual(posts, [], 'nothing posted to the cancel-url');
    assert.deepEqual(problems, []);
    await close();
  });

  it('Vue 3: :events.prop on <run-scope>, attributes, @run-cancel and the cancel-url', async () => {
    const { page, problems, close } = await open('/vue/');
    await expectRun(page, 'Completed', FINISHED);
    assert.deepEqual(await eventsBinding(page, ['run-scope']), ['run-scope: function false']);
    const status = page.locator('run-status');
    assert.equal(await status.getAttribute('cancel-url'), site.cancelPath);
    assert.equal(await status.getAttribute('sticky'), '');
    assert.equal(await page.title(), `✓ ${RUN_NAME}`);

    await page.getByRole('button', { name: 'Live run' }).click();
    await expectRun(page, 'Running', LIVE);
    assert.equal(await liveSubscriptions(page), 1, 'the scope shares one subscription');

    const posted = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === site.cancelPath,
    );
    await confirmCancel(page);
    await page
      .locator('#cancel-request', { hasText: 'Cancel requested for interop-live' })
      .waitFor();
    // Not prevented: the element posts to its cancel-url and says it is cancelling.
    await posted;
    await page.locator('run-status [part=status]', { hasText: 'Cancelling…' }).waitFor();

    await page.getByRole('button', { name: 'Finished run' }).click();
    await expectRun(page, 'Completed', FINISHED);
    assert.equal(await liveSubscriptions(page), 0, 'the live run was unsubscribed');
    assert.deepEqual(problems, []);
    await close();
  });
});
