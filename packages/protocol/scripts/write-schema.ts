/**
 * Writes what is generated from `src/schema.ts`:
 * - `schema/run-event.schema.json`: the JSON Schema (draft 2020-12) for backend authors;
 * - `src/generated/check.ts`: the validator compiled ahead of time (no eval at run time, so it
 *   works under a strict Content-Security-Policy, and no schema compiler in the bundle);
 * - `src/generated/schemas.ts`: the per-type schemas as plain data, read to explain a rejection.
 *
 * `npm run schema` runs it; a test fails when the committed files differ from what it makes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generate.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [path, text] of Object.entries(generatedFiles())) {
  mkdirSync(dirname(root + path), { recursive: true });
  writeFileSync(root + path, text);
  console.log(`wrote packages/protocol/${path}`);
}
