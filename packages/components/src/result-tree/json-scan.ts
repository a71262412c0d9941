/**
 * A strict JSON scanner that indexes a document instead of building it: one pass over the text
 * records, for every value in document order, its kind, where its text starts and ends, where
 * its key starts (object members) and the index just past its subtree. Nothing is decoded and no
 * object is made, so the index is lossless by construction (numbers keep their spelling, keys
 * like `__proto__` are only text) and costs 17 bytes a value beside the text.
 *
 * `scanJson` is self-contained (it refers to nothing outside its own body) so that it can run in
 * a worker made from its source text; see `json-doc.ts`.
 */

/** Kinds of value, as stored in {@link JsonIndex.kind}. */
export const KIND_NULL = 0;
export const KIND_FALSE = 1;
export const KIND_TRUE = 2;
export const KIND_NUMBER = 3;
export const KIND_STRING = 4;
export const KIND_ARRAY = 5;
export const KIND_OBJECT = 6;

/** The index of a JSON text: one entry per value, in document (pre-)order; value 0 is the root. */
export interface JsonIndex {
  /** Number of values. */
  readonly size: number;
  /** Kind of each value (`KIND_*`). */
  readonly kind: Uint8Array;
  /** Offset (UTF-16 code units) of each value's first character. */
  readonly start: Uint32Array;
  /** Offset just past each value's last character (a container's closing bracket). */
  readonly end: Uint32Array;
  /** Offset of the opening quote of each object member's key; -1 for array items and the root. */
  readonly key: Int32Array;
  /** Index just past each value's subtree: its next sibling, if it has one. */
  readonly next: Uint32Array;
  /** Deepest nesting seen (the root's children are at depth 1). */
  readonly depth: number;
}

/** Where and why a text is not JSON. */
export interface JsonScanError {
  readonly message: string;
  /** Offset (UTF-16 code units) of the offending character, or the text's length at its end. */
  readonly offset: number;
}

/**
 * Indexes `text` as one JSON value (RFC 8259: what `JSON.parse` accepts), or says where and why
 * it is not JSON. Iterative: any depth of nesting is fine.
 */
export function scanJson(text: string): JsonIndex | { error: JsonScanError } {
  const n = text.length;
  let cap = Math.max(64, (n >> 3) + 64);
  let kind = new Uint8Array(cap);
  let start = new Uint32Array(cap);
  let end = new Uint32Array(cap);
  let key = new Int32Array(cap);
  let next = new Uint32Array(cap);
  let size = 0;
  let maxDepth = 0;
  const stack: number[] = [];
  let i = 0;
  let pendingKey = -1;
  let c = 0;

  const grow = () => {
    cap *= 2;
    const k = new Uint8Array(cap);
    k.set(kind);
    kind = k;
    const s = new Uint32Array(cap);
    s.set(start);
    start = s;
    const e = new Uint32Array(cap);
    e.set(end);
    end = e;
    const y = new Int32Array(cap);
    y.set(key);
    key = y;
    const x = new Uint32Array(cap);
    x.set(next);
    next = x;
  };
  const describe = (at: number) => {
    if (at >= n) return 'the end of the text';
    const ch = text.codePointAt(at)!;
    return ch < 0x20 || ch === 0x7f
      ? `character U+${ch.toString(16).toUpperCase().padStart(4, '0')}`
      : `'${String.fromCodePoint(ch)}'`;
  };
  const fail = (message: string, offset: number) => ({ error: { message, offset } });
  const isWs = (ch: number) => ch === 32 || ch === 10 || ch === 13 || ch === 9;
  // Strings are most of a document's text, so they are crossed with the engine's own searches
  // (native code, whatever tier this function runs in) instead of a character at a time: the
  // closing quote by indexOf, and before it any backslash or control character, whose next
  // positions are cached (they only move forward, so each is searched for once per occurrence).
  let nextBackslash = -1;
  let nextControl = -1;
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  const control = /[\x00-\x1f]/g;
  const backslashFrom = (from: number) => {
    if (nextBackslash < from) {
      nextBackslash = text.indexOf('\\', from);
      if (nextBackslash < 0) nextBackslash = n;
    }
    return nextBackslash;
  };
  const controlFrom = (from: number) => {
    if (nextControl < from) {
      control.lastIndex = from;
      nextControl = control.exec(text)?.index ?? n;
    }
    return nextControl;
  };
  /** Scans the string whose opening quote is at `at`; returns its end, or -1 - offset of error. */
  let stringError = '';
  const scanString = (at: number): number => {
    let j = at + 1;
    for (;;) {
      const quote = text.indexOf('"', j);
      if (quote < 0) {
        stringError = 'Unterminated string';
        return -1 - at;
      }
      const backslash = backslashFrom(j);
      const ctl = controlFrom(j);
      if (ctl < quote && ctl < backslash) {
        stringError = 'Bad control character in string (it must be escaped)';
        return -1 - ctl;
      }
      if (backslash > quote) return quote + 1;
      j = backslash;
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        for (let h = j + 2; h < j + 6; h++) {
          const d = text.charCodeAt(h);
          if (!((d >= 48 && d <= 57) || (d >= 65 && d <= 70) || (d >= 97 && d <= 102))) {
            stringError = 'Bad \\u escape in string (four hex digits expected)';
            return -1 - j;
          }
        }
        j += 6;
      } else if (
        e === 34 ||
        e === 92 ||
        e === 47 ||
        e === 98 ||
        e === 102 ||
        e === 110 ||
        e === 114 ||
        e === 116
      ) {
        j += 2;
      } else {
        stringError = j + 1 >= n ? 'Unterminated string' : 'Bad escape in string';
        return -1 - j;
      }
    }
  };

  /** Reads `"key":` from i (after whitespace) into pendingKey; an error if it is not there. */
  const readKey = () => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 34)
      return fail(`Expected a double-quoted property name, found ${describe(i)}`, i);
    const keyEnd = scanString(i);
    if (keyEnd < 0) return fail(stringError, -1 - keyEnd);
    pendingKey = i;
    i = keyEnd;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58)
      return fail(`Expected ':' after a property name, found ${describe(i)}`, i);
    i++;
    return undefined;
  };

  for (;;) {
    // A value is expected at i.
    while (i < n && isWs((c = text.charCodeAt(i)))) i++;
    if (i >= n) return fail('Unexpected end of the text: a value was expected', n);
    c = text.charCodeAt(i);
    if (size === cap) grow();
    const node = size++;
    start[node] = i;
    key[node] = pendingKey;
    pendingKey = -1;
    let closedContainer = false;
    if (c === 123 || c === 91) {
      kind[node] = c === 123 ? 6 : 5;
      stack.push(node);
      if (stack.length > maxDepth) maxDepth = stack.length;
      i++;
      while (i < n && isWs(text.charCodeAt(i))) i++;
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(i) === close) {
        i++;
        end[node] = i;
        next[node] = size;
        stack.pop();
        closedContainer = true;
      } else if (c === 123) {
        const bad = readKey();
        if (bad) return bad;
        continue;
      } else continue;
    } else if (c === 34) {
      const stop = scanString(i);
      if (stop < 0) return fail(stringError, -1 - stop);
      kind[node] = 4;
      i = stop;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) i++;
      let d = text.charCodeAt(i);
      if (d === 48) {
        i++;
      } else if (d >= 49 && d <= 57) {
        i++;
        while ((d = text.charCodeAt(i)) >= 48 && d <= 57) i++;
      } else return fail('No digits after the minus sign', i);
      if (text.charCodeAt(i) === 46) {
        i++;
        d = text.charCodeAt(i);
        if (!(d >= 48 && d <= 57)) return fail('No digits after the decimal point', i);
        while ((d = text.charCodeAt(i)) >= 48 && d <= 57) i++;
      }
      d = text.charCodeAt(i);
      if (d === 101 || d === 69) {
        i++;
        d = text.charCodeAt(i);
        if (d === 43 || d === 45) i++;
        d = text.charCodeAt(i);
        if (!(d >= 48 && d <= 57)) return fail('No digits in the exponent', i);
        while ((d = text.charCodeAt(i)) >= 48 && d <= 57) i++;
      }
      kind[node] = 3;
    } else if (c === 116 && text.startsWith('true', i)) {
      kind[node] = 2;
      i += 4;
    } else if (c === 102 && text.startsWith('false', i)) {
      kind[node] = 1;
      i += 5;
    } else if (c === 110 && text.startsWith('null', i)) {
      kind[node] = 0;
      i += 4;
    } else {
      return fail(`Unexpected ${describe(i)}: a value was expected`, i);
    }
    if (!closedContainer) {
      end[node] = i;
      next[node] = node + 1;
    }
    // After a value: a separator, a closing bracket, or the end.
    for (;;) {
      while (i < n && isWs(text.charCodeAt(i))) i++;
      if (stack.length === 0) {
        if (i < n) return fail(`Unexpected ${describe(i)} after the JSON value`, i);
        return { size, kind, start, end, key, next, depth: maxDepth };
      }
      const top = stack[stack.length - 1]!;
      const inObject = kind[top] === 6;
      c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        if (inObject) {
          const bad = readKey();
          if (bad) return bad;
        }
        break;
      }
      if (c === (inObject ? 125 : 93)) {
        i++;
        end[top] = i;
        next[top] = size;
        stack.pop();
        continue;
      }
      return fail(
        inObject
          ? `Expected ',' or '}' after a property value, found ${describe(i)}`
          : `Expected ',' or ']' after an array item, found ${describe(i)}`,
        i,
      );
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
