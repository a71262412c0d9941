/**
 * The packages as a consumer gets them: `npm run pack`'s tarballs of @athanor/protocol and
 * @athanor/components installed into a fresh project outside the repository, with the peers at
 * the lockfile's versions; a page bundled from them with esbuild (no `source` condition) opened
 * in headless Chromium; the types checked by tsc; and the bundle size against its budget.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import {
  ALL_ELEMENTS,
  BUDGET_GZIP_BYTES,
  GOAL_GZIP_BYTES,
  ELEMENT_ENTRIES,
  markdownTable,
  measureBundleSizes,
  type BundleSizes,
} from '../scripts/bundle-size.mjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { exportTargets, packAll, ROOT } from '../scripts/pack.mjs';
import { serveDirectory } from '../scripts/static-server.mjs';

/** Every element's tag: each element entry is named after the tag it registers. */
const TAGS = ELEMENT_ENTRIES;
/** Tags an entry registers besides its own: <result-stats> renders <result-tree>s. */
const ALSO_REGISTERS: Record<string, string[]> = { 'result-stats': ['result-tree'] };
/** @lit-labs/virtualizer can raise this one harmlessly (see shared/STACK.md). */
const HARMLESS = /ResizeObserver loop completed with undelivered notifications/;

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
};
const manifestOf = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };

/** The lockfile's version of each package named and of everything they depend on. */
function lockedClosure(names: string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const entry = lock.packages[`node_modules/${name}`];
    if (versions[name] || !entry) continue;
    versions[name] = entry.version;
    queue.push(...Object.keys(entry.dependencies ?? {}));
  }
  return versions;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** A consumer's source file that fails tsc if a public type is missing or `any`. */
const TYPES_CHECK = `
import '@athanor/components/define';
import { RunStatus, RunLog, ResultTree, type RunStreamControllerOptions } from '@athanor/components';
import { replayJsonl, type RunEvent, type StreamItem } from '@athanor/protocol';
import type { Observable } from 'rxjs';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Tags = HTMLElementTagNameMap;
const typed: [
  IsAny<Tags['run-status']>, IsAny<Tags['run-log']>, IsAny<Tags['result-tree']>,
  IsAny<Tags['result-stats']>, IsAny<Tags['run-compare']>, IsAny<Tags['run-history']>,
  IsAny<Tags['run-scope']>, IsAny<Tags['theme-switch']>, IsAny<RunEvent>,
  IsAny<RunStreamControllerOptions>,
] = [false, false, false, false, false, false, false, false, false, false];
const status: RunStatus = document.createElement('run-status');
const log: RunLog | null = document.querySelector('run-log');
const tree: ResultTree = document.createElement('result-tree');
const replay: Observable<StreamItem> = replayJsonl('');
status.events = replay;
// @ts-expect-error: events is an Observable, not a string
tree.events = 'not a stream';
console.log(typed, status, log, tree);
`;

describe('the packed packages in a fresh project', () => {
  let work: string;
  let project: string;
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let sizes: BundleSizes;
  const timings: Record<string, number> = {};

  const timed = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    timings[name] = Math.round(performance.now() - started);
    return result;
  };

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'athanor-packaging-'));
    project = join(work, 'project');
    const tarballs = await timed('build + pack', () => packAll(join(work, 'tarballs')));
    const peers = Object.keys({
      ...manifestOf('protocol').peerDependencies,
      ...manifestOf('components').peerDependencies,
    });
    const deps = Object.keys({
      ...manifestOf('protocol').dependencies,
      ...manifestOf('components').dependencies,
    }).filter((name) => !name.startsWith('@athanor/'));
    const locked = lockedClosure([...peers, ...deps]);
    const dependencies = Object.fromEntries([
      ...Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
      ...peers.map((name) => [name, locked[name]!]),
    ]);
    // What the packages pull in transitively is pinned to the lockfile too, so the sizes measured
    // here are the repository's and do not move when a new version is published.
    const overrides = Object.fromEntries(
      Object.entries(locked).filter(([name]) => !(name in dependencies)),
    );
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies, overrides }),
    );
    await timed('npm install', () =>
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project),
    );
    sizes = await timed('bundle sizes', () => measureBundleSizes(project));
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
    mkdirSync(join(project, 'www'));
    ({ server, baseUrl } = await serveDirectory(join(project, 'www')));
  });

  after(async () => {
    console.log(`packaging steps (ms): ${JSON.stringify(timings)}`);
    await browser?.close();
    server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const installed = (name: string) => join(project, 'node_modules', name);

  /** Bundles `source` (a module in the consumer project) into www/<name>.js and its page. */
  async function page(name: string, source: string, body = '') {
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'src', `${name}.js`), source);
    const result = await build({
      entryPoints: [join(project, 'src', `${name}.js`)],
      absWorkingDir: project,
      outfile: join(project, 'www', `${name}.js`),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
    });
    writeFileSync(
      join(project, 'www', `${name}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
        `<script type="module" src="./${name}.js"></script></head><body>${body}</body></html>`,
    );
    return Object.keys(result.metafile.inputs);
  }

  /** Opens a page; returns it with the tags registered and the problems it logged. */
  async function open(name: string) {
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && !HARMLESS.test(m.text())) {
        problems.push(`${m.type()}: ${m.text()}`);
      }
    });
    await tab.goto(`${baseUrl}/${name}.html`);
    const defined = await tab.evaluate(
      (tags) => tags.filter((tag) => customElements.get(tag) !== undefined),
      TAGS,
    );
    return { tab, problems, defined };
  }

  it('ships every exports target, types first, and no repo-only condition', () => {
    for (const name of ['@athanor/protocol', '@athanor/components']) {
      const dir = installed(name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        type: string;
        exports: Record<string, string | Record<string, string>>;
      };
      assert.equal(manifest.type, 'module', name);
      const files = new Set(filesUnder(dir));
      for (const [subpath, entry] of Object.entries(manifest.exports)) {
        if (typeof entry === 'object') {
          assert.deepEqual(Object.keys(entry), ['types', 'default'], `${name} ${subpath}`);
        }
        for (const target of exportTargets(entry)) {
          const path = target.replace(/^\.\//, '');
          const found = path.includes('*')
            ? [...files].some((f) => f.startsWith(path.slice(0, path.indexOf('*'))))
            : files.has(path);
          assert.ok(found, `${name} ${subpath} → ${target} is not in the tarball`);
        }
      }
    }
  });

  it('ships no sources, tests, stories or build leftovers', () => {
    for (const name of ['@athanor/protocol', '@athanor/components']) {
      const unwanted = filesUnder(installed(name)).filter(
        (f) =>
          /\.(test|stories)\.|\.tsbuildinfo$|(^|\/)test\//.test(f) ||
          (f.endsWith('.ts') && !f.endsWith('.d.ts')),
      );
      assert.deepEqual(unwanted, [], name);
    }
  });

  it('runs the protocol package in Node from its tarball', () => {
    const script =
      "const { replayJsonl, RunState } = await import('@athanor/protocol');" +
      "const line = JSON.stringify({ v: 1, run: 'r', seq: 0, time: 0, type: 'run', data: { instance: 'i' } });" +
      'replayJsonl(line).subscribe((item) => console.log(item.type ?? item.diagnostic));' +
      'console.log(typeof RunState);';
    const out = run(process.execPath, ['--input-type=module', '-e', script], project);
    assert.deepEqual(out.trim().split('\n'), ['connection', 'run', 'connection', 'function']);
  });

  it('type-checks a consumer against the published declarations', () => {
    writeFileSync(join(project, 'check.ts'), TYPES_CHECK);
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
      },
      files: ['check.ts'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
  });

  it('registers nothing on importing the package index', async () => {
    const inputs = await page(
      'index',
      "import * as api from '@athanor/components'; globalThis.athanor = api;",
    );
    assert.ok(inputs.some((i) => i.startsWith('node_modules/@athanor/components/dist/')));
    const { tab, problems, defined } = await open('index');
    const exported = await tab.evaluate(
      () => Object.keys((globalThis as { athanor?: object }).athanor ?? {}).length,
    );
    assert.ok(exported > 20, `${exported} exports`);
    assert.deepEqual(defined, []);
    assert.deepEqual(problems, []);
    await tab.close();
  });

  for (const entry of ELEMENT_ENTRIES) {
    it(`registers only what @athanor/components/${entry} is for`, async () => {
      await page(`entry-${entry}`, `import '@athanor/components/${entry}';`);
      const { tab, problems, defined } = await open(`entry-${entry}`);
      const expected = [entry, ...(ALSO_REGISTERS[entry] ?? [])];
      assert.deepEqual(defined.sort(), expected.sort());
      assert.deepEqual(problems, []);
      await tab.close();
    });
  }

  it('renders a replayed run with run-status, run-log and result-tree', async () => {
    const recording = readFileSync(
      join(ROOT, 'packages/demo-host/samples/sample-finetune.jsonl'),
      'utf8',
    );
    writeFileSync(
      join(project, 'src', 'recording.js'),
      `export default ${JSON.stringify(recording)};`,
    );
    const inputs = await page(
      'app',
      [
        "import '@athanor/components/run-status';",
        "import '@athanor/components/run-log';",
        "import '@athanor/components/result-tree';",
        "import { replayJsonl } from '@athanor/protocol';",
        "import recording from './recording.js';",
        "for (const el of document.querySelectorAll('run-status, run-log, result-tree')) {",
        '  el.events = replayJsonl(recording);',
        '}',
      ].join('\n'),
      '<run-status></run-status><run-log style="height: 20rem"></run-log><result-tree></result-tree>',
    );
    // Everything ours came from the tarballs' dist/, none of it from the repository's sources.
    const ours = inputs.filter((i) => i.includes('@athanor/'));
    assert.ok(ours.length > 0 && ours.every((i) => /^node_modules\/@athanor\/\w+\/dist\//.test(i)));
    const { tab, problems, defined } = await open('app');
    assert.deepEqual(defined.sort(), ['result-tree', 'run-log', 'run-status']);
    await tab.locator('run-status [part=status]', { hasText: 'Completed' }).waitFor();
    await tab
      .locator('result-tree [role=treeitem]', { hasText: 'train/loss' })
      .filter({ hasText: 'series of 71' })
      .waitFor();
    await tab.locator('run-log .row').first().waitFor();
    assert.ok(((await tab.locator('run-log .rows').textContent()) ?? '').length > 0);
    assert.deepEqual(problems, []);
    await tab.close();
  });

  it('bundles each element entry apart from the others', () => {
    const all = sizes.entries[ALL_ELEMENTS]!.gzip_bytes;
    for (const entry of ELEMENT_ENTRIES) {
      const one = sizes.entries[`@athanor/components/${entry}`]!.gzip_bytes;
      assert.ok(one < all, `${entry}: ${one} bytes of gzip, all elements ${all}`);
    }
  });

  // The goal is GOAL_GZIP_BYTES (60 KB); until it is met, the test holds the ceiling of today's
  // size so that the bundle cannot grow unnoticed.
  it(`keeps all elements together within ${BUDGET_GZIP_BYTES} bytes of gzip`, () => {
    const total = sizes.all_elements_gzip_bytes;
    assert.ok(
      total <= BUDGET_GZIP_BYTES,
      `all elements: ${total} bytes of gzip, over the ceiling of ${BUDGET_GZIP_BYTES} ` +
        `(the goal: ${GOAL_GZIP_BYTES}) by ` +
        `${total - BUDGET_GZIP_BYTES}; our own code and CSS alone: ` +
        `${sizes.all_elements_own_code_gzip_bytes}.\n${markdownTable(sizes)}\n` +
        `by package: ${JSON.stringify(sizes.all_elements_by_package, null, 1)}`,
    );
  });
});
