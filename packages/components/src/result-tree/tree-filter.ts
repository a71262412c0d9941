/**
 * Filter a document by key or value (text or regular expression): the values that match, with
 * every ancestor of a match kept so the matches show in place, and the exact number of matches.
 * It runs a time budget at a time, so a 50 MB document filters without freezing the page.
 */
import { compileQuery, type SearchQuery } from '../shared/search-query.ts';
import type { JsonDoc } from './json-doc.ts';
import { KIND_STRING } from './json-scan.ts';

/** A value's mark: it matches, or it holds a match. */
export const MATCH = 1;
export const HOLDS_MATCH = 2;

/** Strings longer than this are searched in their first this-many characters. */
export const SEARCH_STRING_LIMIT = 1 << 20;

export class TreeFilter {
  /** Matches found so far: the exact count once {@link done}. */
  count = 0;
  /** Values scanned so far. */
  scanned = 0;
  done = false;
  /** Per value: 0, {@link MATCH}, {@link HOLDS_MATCH} or both. */
  readonly marks: Uint8Array;
  /** Why the query is not a regular expression, if it is not. */
  readonly error: string | undefined;
  /** The query as a global pattern, for marking matches in what is shown. */
  readonly highlight: RegExp | undefined;
  private readonly pattern: RegExp | undefined;
  /** Open containers around the value being scanned. */
  private readonly stack: number[] = [];

  constructor(
    readonly doc: JsonDoc,
    readonly query: SearchQuery,
  ) {
    this.marks = new Uint8Array(doc.size);
    const compiled = compileQuery(query);
    this.highlight = compiled instanceof RegExp ? compiled : undefined;
    if (compiled instanceof RegExp) {
      // Tested once per value: a sticky-free, non-global copy has no lastIndex to reset.
      this.pattern = new RegExp(compiled.source, compiled.flags.replace('g', ''));
    } else {
      this.error = compiled?.error;
      this.done = true;
    }
  }

  /** Whether `node` is shown under this filter (it matches or holds a match). */
  shows(node: number): boolean {
    return this.marks[node] !== 0;
  }

  /** Scans for about `budgetMs`; returns whether the whole document has been scanned. */
  step(budgetMs: number): boolean {
    if (this.done || !this.pattern) return true;
    const { doc, marks, stack, pattern } = this;
    const { next, kind } = doc.index;
    const deadline = performance.now() + budgetMs;
    let i = this.scanned;
    const size = doc.size;
    while (i < size) {
      while (stack.length > 0 && next[stack[stack.length - 1]!]! <= i) stack.pop();
      const key = doc.keyOf(i);
      const k = kind[i]!;
      let hit = key !== undefined && pattern.test(key);
      if (!hit && !doc.isContainer(i))
        hit = pattern.test(
          k === KIND_STRING ? doc.stringValue(i, SEARCH_STRING_LIMIT) : doc.raw(i),
        );
      if (hit) {
        this.count++;
        marks[i]! |= MATCH;
        for (let d = stack.length - 1; d >= 0; d--) {
          const a = stack[d]!;
          if (marks[a]! & HOLDS_MATCH) break;
          marks[a]! |= HOLDS_MATCH;
        }
      }
      if (doc.isContainer(i)) stack.push(i);
      i++;
      if ((i & 1023) === 0 && performance.now() > deadline) break;
    }
    this.scanned = i;
    this.done = i >= size;
    return this.done;
  }

  /** Runs to the end (for tests and small documents). */
  run(): this {
    while (!this.step(1000));
    return this;
  }
}
