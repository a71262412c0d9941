// Smoke test for Storybook: builds it statically, serves the result on 127.0.0.1, and opens every
// entry of storybook-static/index.json in headless Chromium. An entry passes when it renders
// something without page errors or console errors. The theme toolbar switch is checked too; every
// story is run through axe-core in the light and the dark theme (zero violations), and every
// element's Docs page must list what the custom elements manifest says it has (run
// `npm run manifest` first: `npm run test:storybook` does).
// Run as `node scripts/storybook-smoke.mjs`; the last line is `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { axeProblems, docsTableProblems } from './storybook-checks.mjs';
import { serveDirectory } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'storybook-static');
// How long a story may take to show something before it counts as hung: a bound, not a timing
// check. The million-entry log story builds its million events in the page, which took over 15 s
// once on a loaded 2-core machine with four pages open at a time.
const RENDER_TIMEOUT_MS = 60_000;
const PARALLEL_PAGES = 4;
const HARMLESS_MESSAGES = ['ResizeObserver loop completed with undelivered notifications'];

let passed = 0;
let failed = 0;

function report(ok, name, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Builds Storybook with the local CLI; returns whether the build succeeded. */
function buildStorybook() {
  const packageJsonPath = fileURLToPath(import.meta.resolve('storybook/package.json'));
  const { bin } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  const cli = join(packageJsonPath, '..', typeof bin === 'string' ? bin : bin.storybook);
  const started = Date.now();
  const result = spawnSync(process.execPath, [cli, 'build', '--quiet', '-o', 'storybook-static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) {
    report(false, 'storybook build', result.error.message);
    return false;
  }
  const ok = result.status === 0;
  report(ok, 'storybook build', ok ? `${seconds}s` : `exit code ${result.status ?? result.signal}`);
  return ok;
}

function readEntries() {
  try {
    const index = JSON.parse(readFileSync(join(OUT_DIR, 'index.json'), 'utf8'));
    return Object.values(index.entries ?? {});
  } catch (error) {
    console.error(`Cannot read storybook-static/index.json: ${error.message}`);
    return [];
  }
}

const isHarmless = (text) => HARMLESS_MESSAGES.some((message) => text.includes(message));
// Error texts may carry a stack; one line each keeps the report to one line per check.
const firstLine = (text) => String(text).trim().split('\n')[0];

/**
 * Opens one entry in its own page and waits until Storybook has rendered it; with `expectTheme`,
 * also waits for the page to reach that theme; with `check`, then runs it on the rendered page
 * (it returns problems). Returns the problems seen, none when all is well.
 */
async function openEntry(browser, baseUrl, entry, { globals, expectTheme, check } = {}) {
  const viewMode = entry.type === 'docs' ? 'docs' : 'story';
  const rootSelector = viewMode === 'docs' ? '#storybook-docs' : '#storybook-root';
  const params = new URLSearchParams({ id: entry.id, viewMode });
  // Storybook reads `globals=key:value` literally, so it is appended unencoded.
  const url = `${baseUrl}/iframe.html?${params}${globals ? `&globals=${globals}` : ''}`;
  const problems = [];
  // A context of its own per page: pages sharing one would share localStorage, and a
  // <theme-switch> follows the theme another tab stores (the `storage` event), so a dark check
  // running beside a light one would flip it.
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${firstLine(error.message)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isHarmless(message.text())) {
      const { url } = message.location();
      problems.push(`console error: ${firstLine(message.text())}${url ? ` (${url})` : ''}`);
    }
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
    const outcome = await page
      .waitForFunction(
        (selector) => {
          if (document.body.classList.contains('sb-show-errordisplay')) return 'error';
          const root = document.querySelector(selector);
          // Stories render inside Storybook's own #root-inner wrapper, which alone is no content.
          const hasContent =
            root && (root.textContent.trim() || root.querySelector(':not(#root-inner)'));
          return hasContent ? 'rendered' : false;
        },
        rootSelector,
        { timeout: RENDER_TIMEOUT_MS },
      )
      .then((handle) => handle.jsonValue())
      .catch(() => 'timeout');
    if (outcome === 'error') {
      const message = await page
        .locator('#error-message')
        .innerText()
        .catch(() => '');
      problems.push(`Storybook shows an error: ${firstLine(message) || '(no message)'}`);
    } else if (outcome === 'timeout') {
      problems.push(`${rootSelector} still empty after ${RENDER_TIMEOUT_MS / 1000}s`);
    }
    if (expectTheme) {
      // Runs in the page, so it must not close over anything from this module.
      const readTheme = () => {
        const { dataset, style } = document.documentElement;
        return `data-theme=${dataset.theme ?? '(unset)'} color-scheme=${style.colorScheme || '(unset)'}`;
      };
      const actual = await page
        .waitForFunction(`(${readTheme})() === ${JSON.stringify(expectTheme)}`, undefined, {
          timeout: 20_000,
        })
        .then(() => expectTheme)
        .catch(() => page.evaluate(readTheme));
      if (actual !== expectTheme) problems.push(`${actual}, expected ${expectTheme}`);
    }
    // Let late errors surface: elements render at most once per animation frame.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    if (check && problems.length === 0) problems.push(...(await check(page)));
  } catch (error) {
    problems.push(firstLine(error.message));
  } finally {
    await context.close().catch(() => {});
  }
  return problems;
}

/** Runs the checks a few pages at a time and prints their results in the order given. */
async function runChecks(checks) {
  const results = new Array(checks.length);
  let nextToRun = 0;
  let nextToPrint = 0;
  const flush = () => {
    while (nextToPrint < checks.length && results[nextToPrint]) {
      const { name, problems } = results[nextToPrint];
      report(problems.length === 0, name, problems.join('; '));
      nextToPrint += 1;
    }
  };
  const worker = async () => {
    while (nextToRun < checks.length) {
      const index = nextToRun++;
      const { name, run } = checks[index];
      results[index] = { name, problems: await run() };
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PAGES, checks.length) }, worker));
}

/** The Docs page of an element (`Elements/<tag>`, made by autodocs) is checked against the manifest. */
function docsCheck(entry) {
  const tag = /^Elements\/([a-z0-9-]+)$/.exec(entry.title)?.[1];
  if (entry.type !== 'docs' || !entry.tags?.includes('autodocs') || !tag) return undefined;
  return (page) => docsTableProblems(page, tag);
}

async function main() {
  const executablePath = findChromium(); // exits with a hint when there is no browser
  if (!buildStorybook()) return;
  const entries = readEntries();
  if (entries.length === 0) {
    report(false, 'storybook-static/index.json lists at least one entry');
    return;
  }

  let server;
  let browser;
  try {
    let baseUrl;
    ({ server, baseUrl } = await serveDirectory(OUT_DIR));
    browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
    });

    const checks = entries.map((entry) => ({
      name: `${entry.type} ${entry.id}`,
      run: () => openEntry(browser, baseUrl, entry, { check: docsCheck(entry) }),
    }));
    for (const theme of ['light', 'dark']) {
      for (const entry of entries.filter((e) => e.type === 'story')) {
        checks.push({
          name: `axe ${theme} ${entry.id}`,
          run: () =>
            openEntry(browser, baseUrl, entry, {
              // The addon's own automatic run is switched off here: one axe at a time per page.
              globals: `theme:${theme};a11y.manual:!true`,
              expectTheme: `data-theme=athanor-${theme} color-scheme=${theme}`,
              check: axeProblems,
            }),
        });
      }
    }
    // The theme switch: a story goes through the decorator, so prefer one when there is any.
    const themed = entries.find((entry) => entry.type === 'story') ?? entries[0];
    for (const theme of ['dark', 'light']) {
      checks.push({
        name: `theme ${theme} on ${themed.id}`,
        run: () =>
          openEntry(browser, baseUrl, themed, {
            globals: `theme:${theme}`,
            expectTheme: `data-theme=athanor-${theme} color-scheme=${theme}`,
          }),
      });
    }
    await runChecks(checks);
  } finally {
    await browser?.close().catch(() => {});
    if (server) {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  report(false, 'smoke test ran to the end', firstLine(error?.message ?? error));
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
