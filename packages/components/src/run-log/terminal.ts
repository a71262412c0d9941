/**
 * Terminal output as lines, the way a terminal would show it: `\n` ends a line, `\r` returns to
 * its start and what follows overwrites, cursor-up and erase-line let tqdm keep each bar one
 * live line, SGR styles and OSC 8 links (http and https only) are kept, every other escape
 * sequence is removed. Chunks may split anywhere, inside an escape sequence or a surrogate pair.
 *
 * Escape sequences are tokenized by @ansi-tools/parser (maintained, no dependencies, ~3 KB);
 * this module decides what they mean. Columns count UTF-16 code units.
 */
import { parser, tokenize, type CODE, type TOKEN } from '@ansi-tools/parser';
import { applySgr, type TermStyle } from './sgr.ts';

export type { TermStyle } from './sgr.ts';

/** A piece of a line in one style (and link). */
export interface TermSegment {
  readonly text: string;
  readonly style: TermStyle | undefined;
  /** An http(s) link (OSC 8). */
  readonly href: string | undefined;
}

interface Run {
  start: number;
  style: TermStyle | undefined;
  href: string | undefined;
}

/** How the line looked at some redraw: its history, sampled. */
export interface LineSample {
  readonly time: number;
  readonly text: string;
}

/** Most samples a line keeps; past it, every other is dropped and sampling halves its rate. */
export const MAX_SAMPLES = 48;

/** One line of a terminal stream. */
export class TermLine {
  /** The line's text (no styles), as shown. */
  text = '';
  /** Event time and seq of the first and the latest write. */
  lastTime: number;
  lastSeq: number;
  /** Times the line was drawn over (a progress bar redrawing itself). */
  redraws = 0;
  /** The line as it was at sampled redraws, oldest first. */
  samples: LineSample[] = [];
  /** Bumped on every change, for caches. */
  version = 0;
  /** Where a view placed the line (a row index), -1 until it does. */
  row = -1;
  private runs: Run[] = [];
  private sampleEvery = 1;
  private cached: TermSegment[] | undefined;
  private cachedVersion = -1;

  constructor(
    readonly stream: 'stdout' | 'stderr',
    readonly firstTime: number,
    readonly firstSeq: number,
  ) {
    this.lastTime = firstTime;
    this.lastSeq = firstSeq;
  }

  /** The line in styled pieces. */
  segments(): TermSegment[] {
    if (this.cachedVersion === this.version && this.cached) return this.cached;
    const out: TermSegment[] = [];
    for (let i = 0; i < this.runs.length; i++) {
      const run = this.runs[i]!;
      const end = i + 1 < this.runs.length ? this.runs[i + 1]!.start : this.text.length;
      if (end > run.start) {
        out.push({ text: this.text.slice(run.start, end), style: run.style, href: run.href });
      }
    }
    this.cached = out;
    this.cachedVersion = this.version;
    return out;
  }

  /** Writes `text` from column `col`, over what is there. */
  overwrite(col: number, text: string, style: TermStyle | undefined, href: string | undefined) {
    if (text === '') return;
    if (col > this.text.length) {
      this.runs.push({ start: this.text.length, style: undefined, href: undefined });
      this.text += ' '.repeat(col - this.text.length);
    }
    const end = col + text.length;
    const after = this.runAt(end);
    this.text = this.text.slice(0, col) + text + this.text.slice(end);
    const runs = this.runs.filter((r) => r.start < col);
    runs.push({ start: col, style, href });
    if (after && end < this.text.length)
      runs.push({ start: end, style: after.style, href: after.href });
    for (const r of this.runs) if (r.start > end) runs.push(r);
    this.runs = merge(runs);
    this.version++;
  }

  /** Erases from `col` to the end of the line. */
  eraseFrom(col: number): void {
    if (col >= this.text.length) return;
    this.text = this.text.slice(0, col);
    this.runs = this.runs.filter((r) => r.start < col);
    this.version++;
  }

  /** Notes that the line is about to be drawn over, keeping a sample of how it looked. */
  redraw(): void {
    if (this.text === '') return;
    this.redraws++;
    if (this.redraws % this.sampleEvery !== 0) return;
    this.samples.push({ time: this.lastTime, text: this.text });
    if (this.samples.length > MAX_SAMPLES) {
      this.samples = this.samples.filter((_, i) => i % 2 === 1);
      this.sampleEvery *= 2;
    }
  }

  private runAt(index: number): Run | undefined {
    let found: Run | undefined;
    for (const r of this.runs) {
      if (r.start <= index) found = r;
      else break;
    }
    return found;
  }
}

/** Drops empty runs and joins neighbours of the same style and link. */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    while (out.length > 0 && out.at(-1)!.start === r.start) out.pop();
    const last = out.at(-1);
    if (last && last.style === r.style && last.href === r.href) continue;
    out.push(r);
  }
  return out;
}

/** How far up the cursor may go: the height of a generous screen. */
const SCREEN_LINES = 200;
/** C0 controls that do something; the others are dropped. */
// eslint-disable-next-line no-control-regex -- finding the controls is the point
const CONTROL = /[\x00-\x1f\x7f]/g;
const SAFE_LINK = /^https?:\/\//i;

/**
 * One output stream (stdout or stderr) as a terminal: a cursor, the current style and link, and
 * the lines the cursor can still reach (a screen of {@link SCREEN_LINES}); older lines belong to
 * whoever keeps them. `onLine` hears each new line as it is created, in order.
 */
export class Terminal {
  /** Lines the cursor can reach; `screen[0]` is line number `top` of the stream. */
  private readonly screen: TermLine[] = [];
  private top = 0;
  private line = 0;
  private col = 0;
  private saved: [number, number] = [0, 0];
  private style: TermStyle | undefined;
  private href: string | undefined;
  private pending = '';
  private time = 0;
  private seq = 0;

  constructor(
    readonly stream: 'stdout' | 'stderr',
    private readonly onLine: (line: TermLine) => void = () => undefined,
  ) {}

  /** Number of lines the stream has made. */
  get lineCount(): number {
    return this.top + this.screen.length;
  }

  /** Feeds one chunk, written at `time` as event `seq`. */
  write(chunk: string, time: number, seq: number): void {
    this.time = time;
    this.seq = seq;
    let input = this.pending + chunk;
    this.pending = '';
    // A lone high surrogate at the end waits for its other half.
    const last = input.charCodeAt(input.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pending = input.slice(-1);
      input = input.slice(0, -1);
    }
    const tokens = tokenize(input);
    const cut = incompleteFrom(tokens);
    if (cut !== undefined) {
      this.pending = input.slice(cut) + this.pending;
      tokens.length = tokens.findIndex((t) => t.pos >= cut);
    }
    for (const code of parser(tokens[Symbol.iterator]())) this.apply(code);
  }

  /** The line the cursor is on, created (with any lines before it) when first written. */
  private current(): TermLine {
    while (this.lineCount <= this.line) {
      const created = new TermLine(this.stream, this.time, this.seq);
      this.screen.push(created);
      if (this.screen.length > SCREEN_LINES) {
        this.screen.shift();
        this.top++;
      }
      this.onLine(created);
    }
    const line = this.screen[this.line - this.top]!;
    line.lastTime = this.time;
    line.lastSeq = this.seq;
    return line;
  }

  /** The line numbered `n`, if the cursor can still reach it. */
  private at(n: number): TermLine | undefined {
    return n >= this.top ? this.screen[n - this.top] : undefined;
  }

  private apply(code: CODE): void {
    if (code.type === 'TEXT') return this.text(code.raw);
    if (code.type === 'CSI' || code.type === 'SGR') return this.csi(code.command, code);
    if (code.type === 'OSC' && code.command === '8') {
      // OSC 8 ; params ; URI — the URI may itself hold semicolons.
      const target = code.params.slice(1).join(';');
      this.href = SAFE_LINK.test(target) ? target : undefined;
      return;
    }
    if (code.type === 'ESC' && (code.command === '7' || code.command === '8')) {
      if (code.command === '7') this.saved = [this.line, this.col];
      else this.restore();
    }
    // Everything else (titles, DEC private modes, charsets, DCS…) is removed.
  }

  private text(raw: string): void {
    let start = 0;
    CONTROL.lastIndex = 0;
    for (let m = CONTROL.exec(raw); m; m = CONTROL.exec(raw)) {
      this.print(raw.slice(start, m.index));
      this.control(raw.charCodeAt(m.index));
      start = m.index + 1;
    }
    this.print(raw.slice(start));
  }

  private print(text: string): void {
    if (text === '') return;
    const line = this.current();
    // Writing from the start of a line that has text: a redraw (a bar, a spinner).
    if (this.col === 0 && line.text !== '') line.redraw();
    line.overwrite(this.col, text, this.style, this.href);
    this.col += text.length;
  }

  private control(c: number): void {
    if (c === 0x0a) {
      this.line++;
      this.col = 0;
    } else if (c === 0x0d) {
      this.col = 0;
    } else if (c === 0x08) {
      this.col = Math.max(0, this.col - 1);
    } else if (c === 0x09) {
      this.col = (Math.floor(this.col / 8) + 1) * 8;
    }
  }

  private csi(command: string, code: CODE & { params: string[] }): void {
    const n = Math.max(1, Number(code.params[0]) || 1);
    switch (command) {
      case 'm':
        this.style = applySgr(
          this.style,
          code.params,
          (code as { parameterGroups?: string[][] }).parameterGroups,
        );
        return;
      case 'A':
      case 'F':
        this.moveUp(n);
        if (command === 'F') this.col = 0;
        return;
      case 'B':
      case 'E':
        this.line = Math.min(this.line + n, Math.max(this.lineCount - 1, this.line));
        if (command === 'E') this.col = 0;
        return;
      case 'C':
        this.col += n;
        return;
      case 'D':
        this.col = Math.max(0, this.col - n);
        return;
      case 'G':
        this.col = n - 1;
        return;
      case 'H':
      case 'f':
        this.col = Math.max(1, Number(code.params[1]) || 1) - 1;
        return;
      case 'K':
        return this.eraseLine(Number(code.params[0]) || 0);
      case 's':
        this.saved = [this.line, this.col];
        return;
      case 'u':
        this.restore();
        return;
    }
  }

  private restore(): void {
    [this.line, this.col] = this.saved;
    this.line = Math.max(this.line, this.top);
  }

  private moveUp(n: number): void {
    this.line = Math.min(Math.max(this.top, this.line - n), this.lineCount);
  }

  private eraseLine(mode: number): void {
    if (this.line >= this.lineCount) return;
    const line = this.current();
    if ((mode === 2 || (mode === 0 && this.col === 0)) && line.text !== '') line.redraw();
    if (mode === 0) line.eraseFrom(this.col);
    else if (mode === 2) line.eraseFrom(0);
    else if (mode === 1)
      line.overwrite(0, ' '.repeat(Math.min(this.col + 1, line.text.length)), undefined, undefined);
  }
}

/** Where an escape sequence left unfinished at the end of the input starts, if one is. */
function incompleteFrom(tokens: TOKEN[]): number | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === 'FINAL' || t.type === 'TEXT') return undefined;
    if (t.type === 'INTRODUCER') return t.pos;
  }
  return undefined;
}
