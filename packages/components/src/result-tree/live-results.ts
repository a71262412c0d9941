/**
 * A run's results as one JSON document: an object keyed by result key, holding the latest value
 * of a key seen once and, for a key that repeats, the series of all its values (an array, with
 * the key marked as a series so the tree shows its count and latest value). Each value is
 * serialized once, when it arrives: a new version of the document costs a join, not a walk.
 */
import type { ResultSeries, RunState } from '@athanor/protocol';

export interface ResultsText {
  /** The document's JSON text. */
  readonly text: string;
  /** Keys whose value in the document is the series of all their values. */
  readonly series: ReadonlySet<string>;
}

export class LiveResults {
  private readonly serialized = new Map<ResultSeries, string[]>();
  private seen = -1;
  private last: ResultsText = { text: '{}', series: new Set() };

  /** The document for `state`, the same object while no result arrived since the last call. */
  read(state: RunState): ResultsText {
    let count = 0;
    for (const s of state.results.values()) count += s.values.length;
    if (count === this.seen) return this.last;
    this.seen = count;
    const members: string[] = [];
    const series = new Set<string>();
    for (const [key, s] of state.results) {
      let parts = this.serialized.get(s);
      if (!parts) this.serialized.set(s, (parts = []));
      for (let i = parts.length; i < s.values.length; i++)
        parts.push(JSON.stringify(s.values.at(i)) ?? 'null');
      if (parts.length > 1) series.add(key);
      members.push(
        `${JSON.stringify(key)}:${parts.length > 1 ? `[${parts.join(',')}]` : parts[0]!}`,
      );
    }
    this.last = { text: `{${members.join(',')}}`, series };
    return this.last;
  }
}
