/**
 * Configuration across runs: each run's config flattened to paths (objects opened, arrays and
 * other values kept whole), then every path compared across the runs. No DOM.
 */
import type { JsonObject, JsonValue } from '@athanor/protocol';
import type { PathStep } from '../result-tree/json-doc.ts';
import { formatPath, sameJson } from './value-diff.ts';

/** Most paths one config is flattened to; the rest are counted, not compared. */
export const MAX_CONFIG_PATHS = 2000;

/** A config as paths to values, in the config's own order. */
export interface FlatConfig {
  readonly paths: ReadonlyMap<string, JsonValue>;
  /** Paths past the limit, not kept. */
  readonly omitted: number;
}

type JsonRecord = { [key: string]: JsonValue };

const isRecord = (value: JsonValue): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{optimizer: {lr: 3e-4}, layers: [64, 64]}` → `optimizer.lr`: 3e-4, `layers`: [64, 64].
 * Arrays stay whole: `layers` differs as a list, which is how a reader compares it. An empty
 * object is a value of its own (`{}`), so that it is not lost.
 */
export function flattenConfig(config: JsonObject, limit = MAX_CONFIG_PATHS): FlatConfig {
  const paths = new Map<string, JsonValue>();
  let omitted = 0;
  const stack: { value: JsonValue; steps: PathStep[] }[] = [{ value: config, steps: [] }];
  while (stack.length > 0) {
    const { value, steps } = stack.pop()!;
    const keys = isRecord(value) ? Object.keys(value) : [];
    if (isRecord(value) && (keys.length > 0 || steps.length === 0)) {
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: value[keys[i]!]!, steps: [...steps, keys[i]!] });
    } else if (paths.size < limit) paths.set(formatPath(steps), value);
    else omitted++;
  }
  return { paths, omitted };
}

/** Whether the runs agree on a path: all the same, some different, or some without it. */
export type PathState = 'identical' | 'different' | 'missing';

/** One path across the runs. */
export interface ConfigRow {
  readonly path: string;
  /** Each run's value; undefined where the run has no such path or its config is not known. */
  readonly values: readonly (JsonValue | undefined)[];
  readonly state: PathState;
  /** Per run: its value differs from the baseline run's (a path only one of them has counts). */
  readonly differs: readonly boolean[];
}

/** The configuration comparison. */
export interface ConfigDiff {
  /** Every path of any run, in the order the runs first name them. */
  readonly rows: readonly ConfigRow[];
  readonly counts: Readonly<Record<PathState, number>>;
  /** Runs whose config is not known (yet): they take no part in the comparison. */
  readonly unknown: readonly number[];
  /** Paths left out because a config had more than {@link MAX_CONFIG_PATHS}. */
  readonly omitted: number;
}

/**
 * Compares the configs of runs. `configs[i]` undefined means run `i`'s config is not known yet
 * (its `run` event has not arrived): it neither agrees nor differs. A run known to have no
 * config should be given `{}`.
 */
export function diffConfigs(
  configs: readonly (JsonObject | undefined)[],
  baseline: number,
): ConfigDiff {
  const flat = configs.map((config) => (config ? flattenConfig(config) : undefined));
  const order = new Set<string>();
  for (const f of flat) if (f) for (const path of f.paths.keys()) order.add(path);
  const counts: Record<PathState, number> = { identical: 0, different: 0, missing: 0 };
  const rows: ConfigRow[] = [];
  for (const path of order) {
    const row = compareRow(path, flat, baseline);
    counts[row.state]++;
    rows.push(row);
  }
  const unknown = flat.flatMap((f, i) => (f ? [] : [i]));
  const omitted = flat.reduce((sum, f) => sum + (f?.omitted ?? 0), 0);
  return { rows, counts, unknown, omitted };
}

function compareRow(
  path: string,
  flat: readonly (FlatConfig | undefined)[],
  baseline: number,
): ConfigRow {
  const values = flat.map((f) => f?.paths.get(path));
  const known = flat.flatMap((f, i) => (f ? [i] : []));
  const present = known.filter((i) => values[i] !== undefined);
  const first = values[present[0]!]!;
  const state: PathState =
    present.length < known.length
      ? 'missing'
      : present.every((i) => sameJson(values[i]!, first))
        ? 'identical'
        : 'different';
  const base = flat[baseline] ? values[baseline] : undefined;
  const baseKnown = flat[baseline] !== undefined;
  const differs = values.map((value, i) => {
    if (!baseKnown || !flat[i] || i === baseline) return false;
    if (value === undefined || base === undefined) return value !== base;
    return !sameJson(value, base);
  });
  return { path, values, state, differs };
}
