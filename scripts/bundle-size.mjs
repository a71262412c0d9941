// Bundle size of the elements as a page that uses them ships them: each element entry alone and
// all of them together (`@athanor/components/define`), bundled with esbuild the way a consumer's
// production build would (bundle, minify, ESM, browser, tree-shaken, the package's own
// `sideEffects`; no `source` condition, so the built dist/ files), with lit, @lit/context,
// @lit-labs/virtualizer, rxjs and @ansi-tools/parser included, then gzipped (zlib,
// level 9). Sizes are deterministic for a given lockfile, so the budget is checked by a test
// (tests/packaging.test.ts) and the figures are recorded by `npm run bench bundle-size`.
// `node scripts/bundle-size.mjs` builds the packages and prints the table.
import { build, version } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildPackages, ROOT } from './pack.mjs';

/** The all-elements goal: 60 KB of gzip. Not met yet (≈ 86 KB): see the README's figures. */
export const GOAL_GZIP_BYTES = 60 * 1024;

/**
 * The all-elements ceiling the test holds: today's size with a little room (≈ 4 %), so that
 * growth is a decision, not an accident. It only moves down, toward the goal.
 */
export const BUDGET_GZIP_BYTES = 90 * 1024;

/** Each element's entry point (`@athanor/components/<entry>`). */
export const ELEMENT_ENTRIES = [
  'run-status',
  'run-log',
  'result-tree',
  'result-stats',
  'run-compare',
  'run-history',
  'run-scope',
  'theme-switch',
];

/** The entry that registers every element. */
export const ALL_ELEMENTS = '@athanor/components/define';

/** Groups of the bundle's inputs, for the breakdown: npm packages, and our own two packages. */
const GROUPS = {
  lit: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'],
  '@lit/context': ['@lit/context'],
  '@lit-labs/virtualizer': ['@lit-labs/virtualizer'],
  rxjs: ['rxjs', 'tslib'],
  '@ansi-tools/parser': ['@ansi-tools/parser'],
  typebox: ['typebox'],
};

async function bundle(specifier, projectDir, external = []) {
  const result = await build({
    stdin: { contents: `import '${specifier}';`, resolveDir: projectDir, loader: 'js' },
    absWorkingDir: projectDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: external.flatMap((name) => [name, `${name}/*`]),
  });
  const code = result.outputFiles[0].contents;
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    inputs: Object.values(result.metafile.outputs)[0].inputs,
  };
}

/** The group an input path belongs to: an npm package group, our package, or `other`. */
function groupOf(path) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) {
    const group = Object.entries(GROUPS).find(([, names]) => names.includes(pkg))?.[0];
    return group ?? pkg;
  }
  if (path.includes('packages/components/')) return '@athanor/components';
  if (path.includes('packages/protocol/')) return '@athanor/protocol';
  return 'other';
}

/**
 * Minified bytes of each group in the all-elements bundle, and the gzip bytes the bundle loses
 * when a dependency group is left out (its marginal cost; the shares of gzip do not add up
 * exactly, since compression works across module boundaries).
 */
async function breakdown(all, projectDir) {
  const groups = {};
  for (const [path, { bytesInOutput }] of Object.entries(all.inputs)) {
    if (bytesInOutput === 0) continue;
    const group = groupOf(path);
    groups[group] ??= { minified_bytes: 0 };
    groups[group].minified_bytes += bytesInOutput;
    if (path.endsWith('/generated/styles.js')) {
      groups['(of which the shared CSS)'] = { minified_bytes: bytesInOutput };
    }
  }
  for (const [group, names] of Object.entries(GROUPS)) {
    if (!groups[group]) continue;
    const without = await bundle(ALL_ELEMENTS, projectDir, names);
    groups[group].gzip_bytes_saved_without = all.gzip - without.gzip;
  }
  return Object.fromEntries(
    Object.entries(groups).sort(([, a], [, b]) => b.minified_bytes - a.minified_bytes),
  );
}

/**
 * Measures from `projectDir`, a folder whose node_modules holds the packages (the repository,
 * whose workspace links lead to the built dist/, or a project that installed the tarballs).
 */
export async function measureBundleSizes(projectDir = ROOT) {
  const entries = {};
  for (const entry of ELEMENT_ENTRIES) {
    const { minified, gzip } = await bundle(`@athanor/components/${entry}`, projectDir);
    entries[`@athanor/components/${entry}`] = { minified_bytes: minified, gzip_bytes: gzip };
  }
  const all = await bundle(ALL_ELEMENTS, projectDir);
  entries[ALL_ELEMENTS] = { minified_bytes: all.minified, gzip_bytes: all.gzip };
  const ownCode = await bundle(ALL_ELEMENTS, projectDir, Object.values(GROUPS).flat());
  return {
    bundler: `esbuild ${version} (bundle, minify, esm, browser), gzip level 9`,
    goal_gzip_bytes: GOAL_GZIP_BYTES,
    budget_gzip_bytes: BUDGET_GZIP_BYTES,
    all_elements_gzip_bytes: all.gzip,
    /** All elements with every npm dependency left out: our two packages' own code and CSS. */
    all_elements_own_code_gzip_bytes: ownCode.gzip,
    entries,
    all_elements_by_package: await breakdown(all, projectDir),
  };
}

/** `npm run bench bundle-size`: builds the packages, then measures from the repository. */
export async function run() {
  buildPackages();
  return measureBundleSizes(ROOT);
}

/** The figures as a markdown table (for the README). */
export function markdownTable(figures) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = Object.entries(figures.entries).map(
    ([entry, { minified_bytes, gzip_bytes }]) =>
      `| \`${entry}\` | ${kb(minified_bytes)} | ${kb(gzip_bytes)} |`,
  );
  return [
    '| entry | minified | gzip |',
    '|---|---:|---:|',
    ...rows,
    `| goal (all elements) | | ${kb(figures.goal_gzip_bytes)} |`,
    `| ceiling held by the test | | ${kb(figures.budget_gzip_bytes)} |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await run();
  console.log(markdownTable(figures));
  console.log(JSON.stringify(figures.all_elements_by_package, null, 2));
}
