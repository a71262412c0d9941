/**
 * A search as the reader types it (text or regular expression, case ignored unless asked), and
 * where it matches: shared by the log's and the result tree's search.
 */

/** A search as the reader typed it. */
export interface SearchQuery {
  readonly text: string;
  /** Read `text` as a regular expression. */
  readonly regex: boolean;
  /** Match case exactly (default: ignore case). */
  readonly matchCase?: boolean;
}

/** The query as a global regular expression, or why it is not one. */
export function compileQuery(query: SearchQuery): RegExp | { error: string } | undefined {
  if (query.text === '') return undefined;
  const flags = query.matchCase ? 'gu' : 'giu';
  const source = query.regex ? query.text : query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return { error: (error as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}

/** Where a pattern matches in a text, as [start, end) pairs; empty matches are skipped. */
export function matchRanges(pattern: RegExp, text: string, limit = 10_000): [number, number][] {
  const out: [number, number][] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m && out.length < limit; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
