/**
 * Writes the recorded sample runs the demo host loads at start into `samples/*.jsonl`.
 * Deterministic: the same seeds and start times give byte-identical files, so re-running it
 * only changes the samples when the generators change.
 *
 *   node --import tsx packages/demo-host/scripts/make-samples.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { stamp } from '../src/synthetic/draft.ts';
import type { EventDraft } from '../src/synthetic/draft.ts';
import { failedEvalDrafts } from '../src/synthetic/failed-eval.ts';
import { fineTuneDrafts } from '../src/synthetic/fine-tune.ts';

const samplesDir = new URL('../samples/', import.meta.url);

interface Sample {
  file: string;
  run: string;
  startTime: number;
  drafts: EventDraft[];
}

const samples: Sample[] = [
  {
    file: 'sample-finetune.jsonl',
    run: 'sample-finetune',
    startTime: Date.UTC(2026, 0, 12, 9, 30, 0),
    drafts: fineTuneDrafts(320, 20260112),
  },
  {
    file: 'sample-failed-eval.jsonl',
    run: 'sample-failed-eval',
    startTime: Date.UTC(2026, 0, 13, 14, 5, 0),
    drafts: failedEvalDrafts(20260113),
  },
];

await mkdir(samplesDir, { recursive: true });
for (const { file, run, startTime, drafts } of samples) {
  const lines = stamp(drafts, run, startTime).map((event) => JSON.stringify(event));
  const text = `${lines.join('\n')}\n`;
  await writeFile(new URL(file, samplesDir), text);
  console.log(`${file}: ${lines.length} events, ${(text.length / 1024).toFixed(1)} KiB`);
}
