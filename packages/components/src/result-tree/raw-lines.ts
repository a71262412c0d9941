/**
 * The raw view's lines: the document pretty-printed (two-space indent, as
 * `JSON.stringify(value, null, 2)` lays it out) but with every number, string and key as
 * written, computed line by line on demand. A line is a value's own line (a scalar, or a
 * container's opening bracket) or a non-empty container's closing bracket; one pass over the
 * index numbers them all, so any line of a 50 MB document is found by binary search.
 */
import type { JsonDoc } from './json-doc.ts';
import { KIND_ARRAY, KIND_OBJECT } from './json-scan.ts';

/** Deeper lines show this many spaces of indent and say their depth instead. */
export const MAX_INDENT = 64;

/** One line of the raw view. */
export interface RawLine {
  /** The value the line belongs to. */
  readonly node: number;
  /** Whether it is that container's closing line. */
  readonly close: boolean;
  readonly depth: number;
  /** The member key as written (with its quotes), on a member's own line. */
  readonly key: string | undefined;
  /** What follows the indent and key: the value as written, `{`, `[`, `}`, `]`, `{}` or `[]`. */
  readonly body: string;
  /** Whether a comma ends the line. */
  readonly comma: boolean;
}

export class RawLines {
  /** Number of lines. */
  readonly length: number;
  /** First line of each value; one more entry: the line count. */
  private readonly lineStart: Uint32Array;
  private readonly parent: Int32Array;
  private readonly depth: Uint32Array;

  constructor(readonly doc: JsonDoc) {
    const { size, next, kind } = doc.index;
    const parent = new Int32Array(size);
    const depth = new Uint32Array(size);
    const closesAt = new Uint32Array(size + 1);
    const stack: number[] = [];
    for (let i = 0; i < size; i++) {
      while (stack.length > 0 && next[stack[stack.length - 1]!]! <= i) stack.pop();
      parent[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      depth[i] = stack.length;
      const k = kind[i]!;
      if ((k === KIND_ARRAY || k === KIND_OBJECT) && next[i]! > i + 1) {
        closesAt[next[i]!]!++;
        stack.push(i);
      }
    }
    const lineStart = new Uint32Array(size + 1);
    let closes = 0;
    for (let i = 0; i <= size; i++) {
      closes += closesAt[i]!;
      lineStart[i] = i + closes;
    }
    this.lineStart = lineStart;
    this.parent = parent;
    this.depth = depth;
    this.length = lineStart[size]!;
  }

  /** The line where `node` starts. */
  lineOf(node: number): number {
    return this.lineStart[node]!;
  }

  /** Line `n` (0-based). */
  line(n: number): RawLine {
    const { doc, lineStart } = this;
    // The last value starting at or before the line.
    let lo = 0;
    let hi = doc.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStart[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    const node = lo;
    if (lineStart[node] === n) {
      const container = doc.isContainer(node);
      const open = doc.kind(node) === KIND_OBJECT ? '{' : '[';
      const empty = container && doc.index.next[node] === node + 1;
      const body = !container ? doc.raw(node) : empty ? `${open}${open === '{' ? '}' : ']'}` : open;
      const keyAt = doc.index.key[node]!;
      return {
        node,
        close: false,
        depth: this.depth[node]!,
        key: keyAt >= 0 ? keyText(doc.text, keyAt) : undefined,
        body,
        comma: !container || empty ? this.hasNextSibling(node) : false,
      };
    }
    // A closing line. The containers closing between this value and the next are its parent,
    // that one's parent, and so on (innermost first): the k-th of them.
    let c = this.parent[node]!;
    for (let k = n - lineStart[node]! - 1; k > 0; k--) c = this.parent[c]!;
    return {
      node: c,
      close: true,
      depth: this.depth[c]!,
      key: undefined,
      body: doc.kind(c) === KIND_OBJECT ? '}' : ']',
      comma: this.hasNextSibling(c),
    };
  }

  /** Line `n` as text. */
  text(n: number): string {
    const l = this.line(n);
    const indent =
      l.depth > MAX_INDENT ? `${' '.repeat(MAX_INDENT)}⟨depth ${l.depth}⟩ ` : '  '.repeat(l.depth);
    return `${indent}${l.key !== undefined ? `${l.key}: ` : ''}${l.body}${l.comma ? ',' : ''}`;
  }

  private hasNextSibling(node: number): boolean {
    const p = this.parent[node]!;
    return p >= 0 && this.doc.index.next[node] !== this.doc.index.next[p];
  }
}

/** A key's literal as written, quotes included. */
function keyText(text: string, at: number): string {
  let e = at + 1;
  for (;;) {
    const c = text.charCodeAt(e);
    if (c === 34) break;
    e += c === 92 ? 2 : 1;
  }
  return text.slice(at, e + 1);
}
