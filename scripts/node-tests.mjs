// Runs the Node test files under the given folders with node's own test runner, TypeScript
// through tsx and workspace packages resolved to their sources. (Node 20's --test takes no globs.)
// Folders named `browser` hold tests for the browser runner (web-test-runner) and are skipped.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'browser') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const dirs = process.argv.slice(2);
const files = dirs.flatMap(find).sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${dirs.join(', ')}.`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
