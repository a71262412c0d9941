import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeShapeProblem } from './events.ts';
import type { RunEvent } from './events.ts';
import type { RunHub } from './run-hub.ts';

/** Parses one JSONL recording; throws with file and line on the first unusable line. */
export function parseJsonl(text: string, file: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${index + 1}: not valid JSON`);
    }
    const problem = describeShapeProblem(value);
    if (problem) throw new Error(`${file}:${index + 1}: ${problem}`);
    events.push(value as RunEvent);
  }
  return events;
}

/**
 * Loads every `*.jsonl` in `dir` (in name order) into the hub as finished runs, keyed by
 * each event's `run` field. A missing directory just means no samples; a broken file
 * fails loudly because a silently missing demo run is harder to notice.
 * Returns the ids of the runs loaded.
 */
export async function loadSamples(hub: RunHub, dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const loaded = new Set<string>();
  for (const name of names.filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = join(dir, name);
    for (const event of parseJsonl(await readFile(file, 'utf8'), file)) {
      hub.append(event);
      loaded.add(event.run);
    }
  }
  for (const id of loaded) hub.finish(id);
  return [...loaded];
}
