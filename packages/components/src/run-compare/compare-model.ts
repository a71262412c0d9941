/**
 * The comparison of 2 to 20 runs, read from their run states: a summary of each run, and per
 * result key each run's latest value with its delta against the baseline run, the statistics of
 * a series (from `KeyStats`, fed incrementally) and the structural diff of a structured value.
 * No DOM. Reading again after more events costs the new values, not the whole history.
 */
import type { JsonObject, JsonValue, LogLevel, RunState, RunStatus } from '@athanor/protocol';
import {
  KeyStats,
  kindOf,
  type KeyStatsOptions,
  type NumericSummary,
  type ValueKind,
} from '../result-stats/key-stats.ts';
import { diffValues, sameJson, type ValueDiff } from './value-diff.ts';

/** One run of the comparison. */
export interface CompareColumn {
  /** Unique within the comparison: the run id given, or else the stream's. */
  readonly id: string;
  /** What the reader sees: the label given, the run's name, or its id. */
  readonly label: string;
  readonly state: RunState;
}

/** How a value compares with the baseline run's. */
export type Delta =
  | {
      readonly kind: 'numeric';
      readonly absolute: number;
      /** `absolute / |baseline|`; undefined when the baseline is 0 and the value is not. */
      readonly relative: number | undefined;
    }
  | { readonly kind: 'same' }
  | { readonly kind: 'changed' };

/** The statistics of a key that has more than one value. */
export interface SeriesSummary {
  readonly count: number;
  readonly kinds: Readonly<Record<ValueKind, number>>;
  readonly numeric: NumericSummary | undefined;
  /** The numeric values, downsampled, in arrival order. */
  readonly sparkline: readonly number[];
  readonly booleans: { readonly true: number; readonly false: number } | undefined;
  readonly topStrings: readonly { readonly value: string; readonly count: number }[];
}

/** One run's values of one key. */
export interface ResultCell {
  /** Values seen; 0 when the run has no such key. */
  readonly count: number;
  readonly latest: JsonValue | undefined;
  readonly kind: ValueKind | undefined;
  /** The latest value against the baseline's latest; undefined for the baseline itself, or without both. */
  readonly delta: Delta | undefined;
  /** The mean against the baseline's mean, when both are numeric series. */
  readonly meanDelta: Delta | undefined;
  /** Statistics, when the key has more than one value. */
  readonly series: SeriesSummary | undefined;
  /** Structural diff from the baseline's latest, when both are objects or arrays. */
  readonly diff: ValueDiff | undefined;
}

/** One result key across the runs. */
export interface ResultRow {
  readonly key: string;
  readonly cells: readonly ResultCell[];
  /** Some run's latest value differs from the baseline's, or only some runs have the key. */
  readonly differs: boolean;
  /**
   * `different` when a run's value differs from the baseline's; else `missing` when only some
   * runs have the key; else `identical`.
   */
  readonly state: 'identical' | 'different' | 'missing';
}

/** What the header, the logs section and the export show of a run. */
export interface RunSummary {
  readonly id: string;
  readonly label: string;
  readonly runId: string | undefined;
  readonly name: string | undefined;
  readonly status: RunStatus;
  readonly live: boolean;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly duration: number | undefined;
  readonly error: string | undefined;
  /** What is wrong with the connection to a live run's stream, while something is. */
  readonly connection: string | undefined;
  /** Undefined until the run's `run` event; `{}` for a run that declared none. */
  readonly config: JsonObject | undefined;
  readonly logCounts: Readonly<Record<LogLevel, number>>;
}

/** Series statistics kept per run and key: quantiles exact up to 2,000 values, then sketched. */
export const STATS_OPTIONS: KeyStatsOptions = { exactLimit: 2000, sparklinePoints: 60 };

/** A run's summary at `now`. */
export function summarize(column: CompareColumn, now: number): RunSummary {
  const s = column.state;
  return {
    id: column.id,
    label: column.label,
    runId: s.runId,
    name: s.name,
    status: s.status,
    live: !s.isFinal,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    duration: s.duration(now),
    error: s.error?.message,
    connection: connectionProblem(s),
    config: s.instance === undefined ? undefined : (s.config ?? {}),
    logCounts: s.logCounts,
  };
}

function connectionProblem(s: RunState): string | undefined {
  const c = s.connection;
  if (s.isFinal || !c || (c.state !== 'reconnecting' && c.state !== 'error')) return undefined;
  return c.state === 'reconnecting'
    ? 'connection lost, reconnecting…'
    : (c.message ?? 'stream error');
}

/** `value` against `base`: numbers by difference, anything else same or changed. */
export function deltaOf(value: JsonValue, base: JsonValue): Delta {
  if (typeof value === 'number' && typeof base === 'number') {
    const absolute = value - base;
    const relative = base !== 0 ? absolute / Math.abs(base) : absolute === 0 ? 0 : undefined;
    return { kind: 'numeric', absolute, relative };
  }
  return sameJson(value, base) ? { kind: 'same' } : { kind: 'changed' };
}

const collator = new Intl.Collator(undefined, { numeric: true });

interface Tracker {
  readonly stats: KeyStats;
  fed: number;
  diff?: { readonly base: JsonValue; readonly value: JsonValue; readonly result: ValueDiff };
}

/** Reads result rows from run states, keeping per run and key what it already worked out. */
export class CompareModel {
  private readonly trackers = new WeakMap<RunState, Map<string, Tracker>>();
  private rows = new Map<string, { readonly seen: readonly unknown[]; readonly row: ResultRow }>();

  /**
   * Every result key of any run, sorted (numbers in keys in numeric order), across the runs. A
   * row none of whose values changed since the last read is the same object as then, so that a
   * view can skip it: a live run moving one key costs one row a frame, not every row.
   */
  results(columns: readonly CompareColumn[], baseline: number): ResultRow[] {
    const keys = new Set<string>();
    for (const { state } of columns) for (const key of state.results.keys()) keys.add(key);
    const sorted = [...keys].sort(collator.compare);
    const previous = this.rows;
    this.rows = new Map();
    return sorted.map((key) => {
      const seen = [
        baseline,
        ...columns.flatMap((c) => [c.state, c.state.results.get(key)?.values.length]),
      ];
      const kept = previous.get(key);
      const same =
        kept && kept.seen.length === seen.length && kept.seen.every((v, i) => v === seen[i]);
      const row = same ? kept.row : this.row(key, columns, baseline);
      this.rows.set(key, { seen, row });
      return row;
    });
  }

  private row(key: string, columns: readonly CompareColumn[], baseline: number): ResultRow {
    const trackers = columns.map((c) => this.tracker(c.state, key));
    const base = trackers[baseline];
    const baseLatest = base ? columns[baseline]!.state.results.get(key)!.latest : undefined;
    const cells = columns.map((column, i) => {
      const tracker = trackers[i];
      if (!tracker) return EMPTY;
      const latest = column.state.results.get(key)!.latest;
      const own = i === baseline || baseLatest === undefined;
      return this.cell(tracker, latest, own ? undefined : baseLatest, own ? undefined : base);
    });
    const missing = cells.some((cell) => cell.count === 0);
    const changed = cells.some((c) => c.delta !== undefined && !isSame(c.delta));
    const state = changed ? 'different' : missing ? 'missing' : 'identical';
    return { key, cells, differs: state !== 'identical', state };
  }

  private cell(
    tracker: Tracker,
    latest: JsonValue,
    baseLatest: JsonValue | undefined,
    base: Tracker | undefined,
  ): ResultCell {
    const stats = tracker.stats;
    const diff = baseLatest === undefined ? undefined : this.diff(tracker, latest, baseLatest);
    const delta =
      baseLatest === undefined
        ? undefined
        : diff
          ? diff.complete && diff.more + diff.changes.length === 0
            ? ({ kind: 'same' } as const)
            : ({ kind: 'changed' } as const)
          : deltaOf(latest, baseLatest);
    const mean = stats.count > 1 ? stats.numeric()?.mean : undefined;
    const baseMean = base && base.stats.count > 1 ? base.stats.numeric()?.mean : undefined;
    return {
      count: stats.count,
      latest,
      kind: kindOf(latest),
      delta,
      meanDelta: mean !== undefined && baseMean !== undefined ? deltaOf(mean, baseMean) : undefined,
      series: stats.count > 1 ? seriesOf(stats) : undefined,
      diff,
    };
  }

  /** The structural diff of two structured values, worked out once per pair of values. */
  private diff(tracker: Tracker, value: JsonValue, base: JsonValue): ValueDiff | undefined {
    if (kindOf(value) !== 'structured' || kindOf(base) !== 'structured') return undefined;
    const cached = tracker.diff;
    if (cached && cached.base === base && cached.value === value) return cached.result;
    const result = diffValues(base, value);
    tracker.diff = { base, value, result };
    return result;
  }

  /** The tracker of a run's key, fed the values that arrived since the last read. */
  private tracker(state: RunState, key: string): Tracker | undefined {
    const series = state.results.get(key);
    if (!series) return undefined;
    let byKey = this.trackers.get(state);
    if (!byKey) this.trackers.set(state, (byKey = new Map()));
    let tracker = byKey.get(key);
    if (!tracker) byKey.set(key, (tracker = { stats: new KeyStats(key, STATS_OPTIONS), fed: 0 }));
    const values = series.values;
    for (let i = tracker.fed; i < values.length; i++) tracker.stats.add(values.at(i));
    tracker.fed = values.length;
    return tracker;
  }
}

const EMPTY: ResultCell = {
  count: 0,
  latest: undefined,
  kind: undefined,
  delta: undefined,
  meanDelta: undefined,
  series: undefined,
  diff: undefined,
};

const isSame = (delta: Delta) =>
  delta.kind === 'same' || (delta.kind === 'numeric' && delta.absolute === 0);

function seriesOf(stats: KeyStats): SeriesSummary {
  return {
    count: stats.count,
    kinds: { ...stats.kinds },
    numeric: stats.numeric(),
    sparkline: stats.sparkline(),
    booleans: stats.booleans(),
    topStrings: stats.kinds.string > 0 ? stats.topStrings(3) : [],
  };
}
