/**
 * The comparison as one JSON document (`<run-compare>`'s `toJSON()` and its "Download JSON"):
 * the runs, the configuration diff, every result key with deltas and summaries, log counts.
 * Values are the runs' own; very large ones are replaced by a cut preview so that the export of
 * 20 runs' huge documents stays a file one can open. No DOM.
 */
import type { JsonObject, JsonValue, LogLevel, RunStatus } from '@athanor/protocol';
import type { ValueKind } from '../result-stats/key-stats.ts';
import type { ConfigDiff, PathState } from './config-diff.ts';
import type { Delta, ResultCell, ResultRow, RunSummary, SeriesSummary } from './compare-model.ts';
import type { ChangeKind, ValueDiff } from './value-diff.ts';

/** Largest value (as JSON text) exported whole; larger ones become `{ preview, chars }`. */
export const EXPORT_VALUE_LIMIT = 100_000;
/** The same for the values of each listed structural change. */
export const EXPORT_CHANGE_LIMIT = 2_000;

/** A value too large to export whole: its first characters and its length. */
export interface Clipped {
  readonly clipped: true;
  readonly preview: string;
  readonly chars: number;
}

export interface ExportedRun {
  readonly id: string;
  readonly label: string;
  readonly runId: string | null;
  readonly name: string | null;
  readonly status: RunStatus;
  readonly live: boolean;
  /** ISO 8601, or null before the run started. */
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  /** Null while the run's `run` event has not arrived. */
  readonly config: JsonObject | null;
}

export interface ExportedConfigRow {
  readonly path: string;
  readonly state: PathState;
  /** By run id; runs without the path are absent. */
  readonly values: Readonly<Record<string, JsonValue>>;
  /** Ids of the runs whose value differs from the baseline's. */
  readonly differs: readonly string[];
}

export interface ExportedCell {
  readonly count: number;
  readonly kind: ValueKind;
  readonly latest: JsonValue | Clipped;
  readonly delta?: Delta;
  readonly meanDelta?: Delta;
  readonly summary?: Omit<SeriesSummary, 'sparkline'>;
  readonly diff?: {
    readonly counts: Readonly<Record<ChangeKind, number>>;
    readonly complete: boolean;
    readonly more: number;
    readonly changes: readonly {
      readonly kind: ChangeKind;
      readonly path: string;
      readonly before?: JsonValue | Clipped;
      readonly after?: JsonValue | Clipped;
    }[];
  };
}

/** The whole export. */
export interface ComparisonExport {
  readonly format: 'athanor-run-comparison';
  readonly version: 1;
  readonly exportedAt: string;
  /** Id of the baseline run. */
  readonly baseline: string;
  readonly runs: readonly ExportedRun[];
  readonly config: {
    readonly counts: Readonly<Record<PathState, number>>;
    /** Ids of runs whose config is not known yet. */
    readonly unknown: readonly string[];
    readonly omitted: number;
    readonly rows: readonly ExportedConfigRow[];
  };
  /** Per key, by run id; runs without the key are absent. */
  readonly results: readonly {
    readonly key: string;
    readonly runs: Readonly<Record<string, ExportedCell>>;
  }[];
  /** Log entries per level, by run id. */
  readonly logs: Readonly<Record<string, Readonly<Record<LogLevel, number>>>>;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** `value`, or a preview of it when its JSON is longer than `limit`. */
export function clip(value: JsonValue, limit: number): JsonValue | Clipped {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  const text = JSON.stringify(value);
  return text.length <= limit
    ? value
    : { clipped: true, preview: text.slice(0, Math.min(limit, 200)), chars: text.length };
}

/** Builds the export from what the element shows. */
export function buildExport(
  runs: readonly RunSummary[],
  baseline: number,
  config: ConfigDiff,
  results: readonly ResultRow[],
  now: number,
): ComparisonExport {
  const ids = runs.map((r) => r.id);
  return {
    format: 'athanor-run-comparison',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    baseline: ids[baseline]!,
    runs: runs.map(exportRun),
    config: {
      counts: config.counts,
      unknown: config.unknown.map((i) => ids[i]!),
      omitted: config.omitted,
      rows: config.rows.map((row) => ({
        path: row.path,
        state: row.state,
        values: byId(ids, row.values, (v) => v),
        differs: ids.filter((_, i) => row.differs[i]),
      })),
    },
    results: results.map((row) => ({ key: row.key, runs: byId(ids, row.cells, exportCell) })),
    logs: Object.fromEntries(runs.map((r) => [r.id, { ...r.logCounts }])),
  };
}

function exportRun(run: RunSummary): ExportedRun {
  return {
    id: run.id,
    label: run.label,
    runId: run.runId ?? null,
    name: run.name ?? null,
    status: run.status,
    live: run.live,
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    durationMs: run.duration ?? null,
    error: run.error ?? null,
    config: run.config ?? null,
  };
}

/** `{ [id]: map(item) }` for the items that are there. */
function byId<T, U>(
  ids: readonly string[],
  items: readonly T[],
  map: (item: T) => U | undefined,
): Record<string, U> {
  const out: Record<string, U> = {};
  items.forEach((item, i) => {
    const value = item === undefined ? undefined : map(item);
    if (value !== undefined) out[ids[i]!] = value;
  });
  return out;
}

function exportCell(cell: ResultCell): ExportedCell | undefined {
  if (cell.count === 0 || cell.latest === undefined || cell.kind === undefined) return undefined;
  return {
    count: cell.count,
    kind: cell.kind,
    latest: clip(cell.latest, EXPORT_VALUE_LIMIT),
    ...(cell.delta ? { delta: cell.delta } : {}),
    ...(cell.meanDelta ? { meanDelta: cell.meanDelta } : {}),
    ...(cell.series ? { summary: withoutSparkline(cell.series) } : {}),
    ...(cell.diff ? { diff: exportDiff(cell.diff) } : {}),
  };
}

function withoutSparkline(series: SeriesSummary): Omit<SeriesSummary, 'sparkline'> {
  const { count, kinds, numeric, booleans, topStrings } = series;
  return { count, kinds, numeric, booleans, topStrings };
}

function exportDiff(diff: ValueDiff): NonNullable<ExportedCell['diff']> {
  return {
    counts: diff.counts,
    complete: diff.complete,
    more: diff.more,
    changes: diff.changes.map((c) => ({
      kind: c.kind,
      path: c.path,
      ...(c.before !== undefined ? { before: clip(c.before, EXPORT_CHANGE_LIMIT) } : {}),
      ...(c.after !== undefined ? { after: clip(c.after, EXPORT_CHANGE_LIMIT) } : {}),
    })),
  };
}
