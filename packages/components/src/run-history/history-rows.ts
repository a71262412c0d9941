/**
 * What `<run-history>` shows, computed from plain run summaries: which result is the key one,
 * each run's duration, and the order of the rows. No DOM here.
 */
import { RUN_STATUSES, type RunStatus } from '@athanor/protocol';

/** A scalar result value, as a run summary carries it. */
export type ScalarResult = number | string | boolean | null;

/**
 * One run as `<run-history>` shows it: the shape of the demo host's run summaries
 * (`GET /api/instances/:id/runs`), and what any backend's history endpoint should answer.
 */
export interface RunHistoryEntry {
  /** The run id. */
  id: string;
  /** The run's name, when it named itself. */
  name?: string | null;
  /** Its latest status. */
  status: RunStatus;
  /** True while more events may come (default: the status is not final). */
  live?: boolean;
  /** Epoch ms of its first event. */
  startedAt?: number | null;
  /** Epoch ms of its latest event (for a finished run: when it ended). */
  updatedAt?: number | null;
  /** The latest scalar value of each result key. */
  results?: Readonly<Record<string, ScalarResult>> | null;
}

/** The columns rows can be sorted by. */
export type HistorySortKey = 'status' | 'name' | 'start' | 'duration' | 'result';
export type SortDirection = 'ascending' | 'descending';

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

/** Whether more events may still come for the run. */
export const isLive = (run: RunHistoryEntry): boolean => run.live ?? !FINAL.has(run.status);

/** The run's duration in ms (to `now` while live), or undefined before it started. */
export function durationOf(run: RunHistoryEntry, now: number): number | undefined {
  if (run.startedAt == null) return undefined;
  const end = isLive(run) ? now : (run.updatedAt ?? run.startedAt);
  return Math.max(0, end - run.startedAt);
}

/**
 * The result key to show when none is chosen: the numeric key most runs have (ties go to the
 * one seen first, newest run first), or undefined when no run has a numeric result.
 */
export function pickKeyResult(runs: readonly RunHistoryEntry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const run of [...runs].sort(byStartDescending))
    for (const [key, value] of Object.entries(run.results ?? {}))
      if (typeof value === 'number') counts.set(key, (counts.get(key) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts)
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  return best;
}

/** Newest first; runs not started yet after every started one. */
const byStartDescending = (a: RunHistoryEntry, b: RunHistoryEntry) =>
  compareValues(a.startedAt ?? undefined, b.startedAt ?? undefined, -1);

const statusRank = (status: RunStatus) => RUN_STATUSES.indexOf(status);

/**
 * Orders two sort values by `sign`; missing values go last and numbers before strings (a result
 * column may mix them), whichever the direction.
 */
function compareValues(
  a: number | string | undefined,
  b: number | string | undefined,
  sign: number,
): number {
  if (a === undefined || b === undefined)
    return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  if (a < b) return -sign;
  if (a > b) return sign;
  return 0;
}

/** A result value as a sortable number or string (booleans as 0/1, null as missing). */
function sortableResult(value: ScalarResult | undefined): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * The runs in display order, sorted by `key` in `direction`; equal rows keep newest first,
 * and rows missing the value sort last.
 */
export function sortRuns(
  runs: readonly RunHistoryEntry[],
  key: HistorySortKey,
  direction: SortDirection,
  options: { now: number; resultKey?: string | undefined },
): RunHistoryEntry[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (run: RunHistoryEntry): number | string | undefined => {
    switch (key) {
      case 'status':
        return statusRank(run.status);
      case 'name':
        return (run.name ?? run.id).toLocaleLowerCase();
      case 'start':
        return run.startedAt ?? undefined;
      case 'duration':
        return durationOf(run, options.now);
      case 'result':
        return options.resultKey === undefined
          ? undefined
          : sortableResult(run.results?.[options.resultKey]);
    }
  };
  return [...runs]
    .map((run) => ({ run, v: value(run) }))
    .sort((a, b) => compareValues(a.v, b.v, sign) || byStartDescending(a.run, b.run))
    .map(({ run }) => run);
}

/**
 * Checks a history body: an array of entries (or `{runs: [...]}`), each with a string `id` and a
 * known `status`. Returns the entries or why the body is unusable.
 */
export function parseHistory(body: unknown): RunHistoryEntry[] | { error: string } {
  const list = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null && Array.isArray((body as { runs?: unknown }).runs)
      ? (body as { runs: unknown[] }).runs
      : undefined;
  if (list === undefined) return { error: 'expected a JSON array of runs' };
  for (const [index, entry] of list.entries()) {
    const run = entry as Partial<RunHistoryEntry> | null;
    if (typeof run !== 'object' || run === null || typeof run.id !== 'string')
      return { error: `run ${index + 1} has no string "id"` };
    if (!RUN_STATUSES.includes(run.status as RunStatus))
      return { error: `run "${run.id}" has an unknown status ${JSON.stringify(run.status)}` };
  }
  return list as RunHistoryEntry[];
}
