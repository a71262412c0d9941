/**
 * Writes the small sample runs to `samples/*.jsonl`, and every sample's instance to
 * `samples/instances.json`, as examples of the protocol for backend authors. The host does not
 * read them: it generates all samples in-process at first start (see
 * `src/synthetic/catalogue.ts`, which also lists the two stress runs, too big to commit).
 * Deterministic: re-running it only changes the files when the generators change, and
 * `test/samples.test.ts` fails while the files differ from what the generators make.
 *
 *   node --import tsx packages/demo-host/scripts/make-samples.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { SAMPLES, exampleLogs, instancesOf } from '../src/synthetic/catalogue.ts';

const samplesDir = new URL('../samples/', import.meta.url);

await mkdir(samplesDir, { recursive: true });
for (const [file, text] of exampleLogs()) {
  await writeFile(new URL(file, samplesDir), text);
  const events = text.split('\n').length - 1;
  console.log(`${file}: ${events} events, ${(text.length / 1024).toFixed(1)} KiB`);
}
// Formatted as the repository formats JSON, so `prettier --check` accepts the file as written.
const instancesFile = fileURLToPath(new URL('instances.json', samplesDir));
const options = await resolveConfig(instancesFile);
const instances = instancesOf(SAMPLES);
await writeFile(
  instancesFile,
  await format(JSON.stringify(instances), { ...options, filepath: instancesFile }),
);
console.log(`instances.json: ${instances.length} instances`);
