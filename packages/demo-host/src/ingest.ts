/**
 * NDJSON ingest for outside producers: every line is checked on its own; valid ones are stored
 * (under the host's next seq) and broadcast, the others rejected with their line number and
 * reason, and a producer's retried lines (its seq not above the highest it sent) are dropped.
 */
import { describeShapeProblem } from './events.ts';
import type { RunEvent } from './events.ts';
import type { RunHub } from './run-hub.ts';

export interface IngestResult {
  /** Lines stored. */
  accepted: number;
  /** Lines dropped as retries of lines already stored. */
  duplicates: number;
  /** Lines refused, with their (1-based) line number and why. */
  rejected: { line: number; reason: string }[];
  /** The run's last stored seq afterwards (null while it has no events). */
  lastSeq: number | null;
  /** False once a final status was stored: further lines are refused. */
  live: boolean;
  /**
   * Present once cancelling the run was requested: the producer should stop the experiment and
   * send a `cancelled` status; `deadline` (epoch ms) is when the host records it itself.
   */
  cancel?: { requestedAt: number; deadline: number };
}

/** Ingests NDJSON `text` into external run `id` (which must be live). */
export function ingestNdjson(
  hub: RunHub,
  id: string,
  text: string,
  cancelGraceMs: number,
): IngestResult {
  const result: IngestResult = {
    accepted: 0,
    duplicates: 0,
    rejected: [],
    lastSeq: null,
    live: true,
  };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const reject = (reason: string) => result.rejected.push({ line: n + 1, reason });
    if (!hub.isLive(id)) {
      reject('the run has finished: no event is taken after its final status');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      reject(`not JSON: ${(error as Error).message}`);
      continue;
    }
    const problem = describeShapeProblem(value);
    if (problem) {
      reject(problem);
      continue;
    }
    const event = value as RunEvent;
    if (event.run !== id) {
      reject(`the event is for run "${event.run}", not "${id}"`);
      continue;
    }
    if (hub.appendFromProducer(event)) result.accepted++;
    else result.duplicates++;
  }
  result.lastSeq = hub.summary(id)?.lastSeq ?? null;
  result.live = hub.isLive(id);
  const requestedAt = hub.cancelRequestedAt(id);
  if (requestedAt !== undefined && result.live)
    result.cancel = { requestedAt, deadline: requestedAt + cancelGraceMs };
  return result;
}
