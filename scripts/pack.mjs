// Packs the publishable packages (@athanor/protocol, @athanor/components) into npm tarballs:
// `npm run pack [-- --out <dir>] [-- --json]`. Builds them first (styles, then each package's own
// `build` script), then packs a staged copy of each package whose manifest has the in-repo
// `source` export condition removed. Publish the tarballs: `npm publish <file>.tgz`.
//
// Why a staged copy: in this repo `source` points Vite, tsx, the test runner and TypeScript at
// src/*.ts, and src/ does not ship. Published as is, it would send any consumer whose tooling
// sets a `source` condition (a common monorepo convention, applied to node_modules too) to files
// that are not there. npm has no publish-time manifest override, and rewriting package.json in
// place during `npm pack` would race with whoever edits it; so the tarball is made from a copy.
// Each package's `prepack` runs this file with --guard, which refuses a direct `npm pack` or
// `npm publish` in the package folder (a --dry-run listing is still allowed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The packages that are published, in dependency order. */
export const PUBLISHED = ['protocol', 'components'];

/** Conditions that only make sense inside this repository. */
const REPO_ONLY_CONDITIONS = new Set(['source']);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

const npm = (args, cwd) => run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, cwd);

/** Builds what the tarballs hold: the generated styles, then each package's `build` script. */
export function buildPackages() {
  npm(['run', 'styles', '--silent'], ROOT);
  for (const name of PUBLISHED) npm(['run', 'build', '--silent'], join(ROOT, 'packages', name));
}

/** `exports` without the repo-only conditions, in the same order. */
export function publishedExports(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(publishedExports);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !REPO_ONLY_CONDITIONS.has(key))
      .map(([key, target]) => [key, publishedExports(target)]),
  );
}

/** Every file path an `exports` value can resolve to (patterns kept as written). */
export function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(exportTargets);
}

/**
 * A pattern as a regular expression: a `sideEffects` glob (`*` stays within one folder, `**`
 * crosses them) or, with `anyDepth`, an `exports` target, whose `*` may hold slashes.
 */
function patternRegExp(pattern, anyDepth = false) {
  const body = pattern
    .replace(/^\.\//, '')
    .split(/(\*\*\/|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '*') return anyDepth ? '.*' : '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether some packed file matches the pattern. */
function matchesPackedFile(pattern, files, anyDepth = false) {
  const re = patternRegExp(pattern, anyDepth);
  return files.some((file) => re.test(file));
}

/** The manifest as published: no repo-only conditions, no scripts, no patterns into src/. */
export function publishedManifest(manifest, files) {
  const published = { ...manifest };
  delete published.scripts;
  delete published.devDependencies;
  published.exports = publishedExports(manifest.exports);
  if (Array.isArray(manifest.sideEffects)) {
    published.sideEffects = manifest.sideEffects.filter((p) => matchesPackedFile(p, files));
  }
  return published;
}

/** Problems that make a packed file list unfit to publish. */
export function packProblems(packageDir, manifest, files) {
  const problems = [];
  const shipped = new Set(files);
  for (const target of exportTargets(manifest.exports)) {
    const path = target.replace(/^\.\//, '');
    const found = path.includes('*') ? matchesPackedFile(target, files, true) : shipped.has(path);
    if (!found) problems.push(`exports target ${target} is not in the tarball`);
  }
  for (const file of files) {
    if (/\.(test|stories)\.|\.tsbuildinfo$/.test(file)) {
      problems.push(`${file} must not ship`);
    }
    // tsc -b never deletes output: a .js whose source is gone is stale and must not ship.
    const source = /^dist\/(.*)\.js$/.exec(file)?.[1];
    if (source !== undefined && !existsSync(join(packageDir, 'src', `${source}.ts`))) {
      problems.push(`${file} has no source (stale build output: delete dist/ and rebuild)`);
    }
  }
  return problems;
}

/** The files `npm pack` takes from a package folder (its `files`, plus what npm always adds). */
function packlist(packageDir) {
  const [report] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], packageDir));
  return report.files.map((f) => f.path);
}

/**
 * Packs one package from a staged copy into `outDir`; returns the tarball's path.
 * @param {string} name folder under packages/
 * @param {string} outDir
 */
export async function packPackage(name, outDir) {
  const packageDir = join(ROOT, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const files = packlist(packageDir);
  const published = publishedManifest(manifest, files);
  const problems = packProblems(packageDir, published, files);
  if (problems.length > 0) throw new Error(`${manifest.name}:\n  ${problems.join('\n  ')}`);
  const stage = await mkdtemp(join(tmpdir(), `athanor-pack-${name}-`));
  try {
    for (const file of files.filter((f) => f !== 'package.json')) {
      const to = join(stage, file);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(packageDir, file), to);
    }
    writeFileSync(join(stage, 'package.json'), JSON.stringify(published, null, 2) + '\n');
    const args = ['pack', stage, '--pack-destination', outDir, '--json', '--ignore-scripts'];
    const [report] = JSON.parse(npm(args, stage));
    return join(outDir, report.filename);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** Builds (unless `build` is false) and packs every published package into `outDir`. */
export async function packAll(outDir, { build = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  if (build) buildPackages();
  const tarballs = {};
  for (const name of PUBLISHED) tarballs[`@athanor/${name}`] = await packPackage(name, outDir);
  return tarballs;
}

function guard() {
  // npm sets npm_config_dry_run for `npm pack --dry-run`: listing the files is harmless.
  if (process.env.npm_config_dry_run === 'true') return;
  console.error(
    'Pack or publish the Athanor packages from the repository root with `npm run pack`: the ' +
      'published manifest must not carry the in-repo `source` export condition. Then publish ' +
      'the tarball: `npm publish <file>.tgz`.',
  );
  process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--guard')) guard();
  else {
    const at = args.indexOf('--out');
    const outDir = resolve(at >= 0 && args[at + 1] ? args[at + 1] : join(ROOT, 'dist'));
    const tarballs = await packAll(outDir, { build: !args.includes('--no-build') });
    if (args.includes('--json')) console.log(JSON.stringify(tarballs));
    else for (const [name, file] of Object.entries(tarballs)) console.log(`${name}: ${file}`);
  }
}
