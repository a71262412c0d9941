/**
 * Structural comparison of JSON values: equality that ignores key order, and the changed, added
 * and removed paths between two documents, bounded so that two huge documents cost at most a
 * fixed number of visited values and a fixed number of listed paths. No DOM.
 */
import type { JsonValue } from '@athanor/protocol';
import { jsAccessor, type PathStep } from '../result-tree/json-doc.ts';

type JsonRecord = { [key: string]: JsonValue };

const isRecord = (value: JsonValue): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of two JSON values; the order of object keys does not matter. */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]!));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key]!, b[key]!));
}

/** A path as a reader writes it: `optimizer.lr`, `layers[0]`, `["warm up"].steps`; `` for the root. */
export function formatPath(steps: readonly PathStep[]): string {
  const accessor = jsAccessor(steps, '');
  return accessor.startsWith('.') ? accessor.slice(1) : accessor;
}

/** What happened at one path, going from the baseline's value to the other one. */
export type ChangeKind = 'changed' | 'added' | 'removed';

/** One difference: `before` is the baseline's value (absent when added), `after` the other's. */
export interface ValueChange {
  readonly kind: ChangeKind;
  readonly path: string;
  readonly before?: JsonValue;
  readonly after?: JsonValue;
}

/** The differences between two values. */
export interface ValueDiff {
  /** The first differences in document order, at most `limit` of them. */
  readonly changes: readonly ValueChange[];
  /** Every difference found, by kind (including those past `limit`). */
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Differences found but not listed. */
  readonly more: number;
  /** False when the walk stopped at `budget` values: there may be differences not counted. */
  readonly complete: boolean;
}

/** Options of {@link diffValues}. */
export interface DiffOptions {
  /** Most differences listed. Default 200. */
  readonly limit?: number;
  /** Most values visited (in both documents together). Default 200,000. */
  readonly budget?: number;
}

export const DIFF_LIMIT = 200;
export const DIFF_BUDGET = 200_000;

/** A path as a chain to its parent: children share it, so depth costs nothing until listed. */
interface Path {
  readonly parent: Path | undefined;
  readonly step: PathStep;
}

const stepsOf = (path: Path | undefined): PathStep[] => {
  const steps: PathStep[] = [];
  for (let p = path; p; p = p.parent) steps.push(p.step);
  return steps.reverse();
};

const pathText = (path: Path | undefined) => formatPath(stepsOf(path));

/** A pair still to compare, or a difference already found, to note when its turn comes. */
type Frame = Pair | Found;

interface Pair {
  readonly before: JsonValue;
  readonly after: JsonValue;
  readonly path: Path | undefined;
}

interface Found {
  readonly kind: 'added' | 'removed';
  readonly value: JsonValue;
  readonly path: Path;
}

/**
 * The changed, added and removed paths from `before` (the baseline) to `after`, in document
 * order. Objects are compared key by key, arrays index by index (a longer array adds its tail, a
 * shorter one removes it); a value whose kind changes (an object becoming a number, an array an
 * object) is one change at its path. Iterative, so depth does not matter.
 */
export function diffValues(
  before: JsonValue,
  after: JsonValue,
  options: DiffOptions = {},
): ValueDiff {
  const limit = options.limit ?? DIFF_LIMIT;
  const budget = options.budget ?? DIFF_BUDGET;
  const changes: ValueChange[] = [];
  const counts: Record<ChangeKind, number> = { changed: 0, added: 0, removed: 0 };
  const note = (kind: ChangeKind, change: () => ValueChange) => {
    counts[kind]++;
    if (changes.length < limit) changes.push(change());
  };
  const stack: Frame[] = [{ before, after, path: undefined }];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited >= budget) return result(changes, counts, false);
    const frame = stack.pop()!;
    if ('kind' in frame) {
      const { kind, value, path } = frame;
      note(kind, () =>
        kind === 'added'
          ? { kind, path: pathText(path), after: value }
          : { kind, path: pathText(path), before: value },
      );
      continue;
    }
    if (frame.before === frame.after) continue;
    const children = expand(frame);
    if (children === undefined) {
      const { before: b, after: a, path } = frame;
      note('changed', () => ({ kind: 'changed', path: pathText(path), before: b, after: a }));
      continue;
    }
    // Pushed in reverse so that they are popped, and so listed, in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return result(changes, counts, true);
}

function result(
  changes: ValueChange[],
  counts: Record<ChangeKind, number>,
  complete: boolean,
): ValueDiff {
  const total = counts.changed + counts.added + counts.removed;
  return { changes, counts, more: total - changes.length, complete };
}

/**
 * What to look at under a pair of containers of the same kind, in document order (the other's
 * new keys after the baseline's); `[]` for equal leaves and undefined for a changed value.
 */
function expand({ before, after, path }: Pair): Frame[] | undefined {
  const at = (step: PathStep): Path => ({ parent: path, step });
  const out: Frame[] = [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++)
      out.push({ before: before[i]!, after: after[i]!, path: at(i) });
    for (let i = common; i < before.length; i++)
      out.push({ kind: 'removed', value: before[i]!, path: at(i) });
    for (let i = common; i < after.length; i++)
      out.push({ kind: 'added', value: after[i]!, path: at(i) });
    return out;
  }
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(before))
      out.push(
        Object.hasOwn(after, key)
          ? { before: before[key]!, after: after[key]!, path: at(key) }
          : { kind: 'removed', value: before[key]!, path: at(key) },
      );
    for (const key of Object.keys(after))
      if (!Object.hasOwn(before, key))
        out.push({ kind: 'added', value: after[key]!, path: at(key) });
    return out;
  }
  return sameJson(before, after) ? out : undefined;
}
