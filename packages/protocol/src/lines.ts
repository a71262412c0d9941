/**
 * Splits a stream of chunks into lines. Chunks may split lines anywhere, and byte chunks may
 * split a UTF-8 sequence anywhere: bytes are cut at the newline byte (which never occurs inside
 * a multi-byte sequence) and each whole line is decoded strictly, so invalid UTF-8 is reported
 * for that line instead of silently turning into replacement characters.
 */

/** Default longest accepted line: 16 MiB (the protocol promises lines up to 10 MB). */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** Receives what a splitter finds. */
export interface LineSink {
  line(text: string): void;
  /** A line that cannot be read as text (invalid UTF-8, too long); `raw` is a lossy rendering. */
  bad(reason: string, raw: string): void;
}

const NEWLINE = 0x0a;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lossy = new TextDecoder('utf-8');

/** Incremental line splitter for string or byte chunks (one kind per splitter). */
export class LineSplitter {
  private texts: string[] = [];
  private bytes: Uint8Array[] = [];
  private pendingLength = 0;
  private overflowing = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH,
  ) {}

  /** Feeds one chunk; complete lines go to the sink at once. */
  push(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') this.pushText(chunk);
    else this.pushBytes(chunk);
  }

  /** Ends the input: a last line without a newline still counts. */
  end(): void {
    if (this.texts.length > 0) this.flushText('');
    if (this.bytes.length > 0) this.flushBytes(new Uint8Array(0));
    this.overflowing = false;
  }

  private pushText(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl !== -1) {
      const piece = chunk.slice(start, nl);
      if (this.texts.length === 0 && !this.overflowing) this.emit(piece);
      else this.flushText(piece);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.holdText(chunk.slice(start));
  }

  private holdText(rest: string): void {
    if (this.overflowing) return;
    this.pendingLength += rest.length;
    this.texts.push(rest);
    if (this.pendingLength > this.maxLineLength) this.overflow(this.texts.join(''));
  }

  private flushText(last: string): void {
    const wasOverflowing = this.overflowing;
    const text = this.texts.join('') + last;
    this.texts = [];
    this.pendingLength = 0;
    this.overflowing = false;
    if (!wasOverflowing) this.emit(text);
  }

  private pushBytes(chunk: Uint8Array): void {
    let start = 0;
    let nl = chunk.indexOf(NEWLINE);
    while (nl !== -1) {
      this.flushBytes(chunk.subarray(start, nl));
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length && !this.overflowing) {
      // Copy: the caller may reuse its buffer once push() returns.
      this.bytes.push(chunk.slice(start));
      this.pendingLength += chunk.length - start;
      if (this.pendingLength > this.maxLineLength) this.overflow(lossy.decode(concat(this.bytes)));
    }
  }

  private flushBytes(last: Uint8Array): void {
    const wasOverflowing = this.overflowing;
    const line = this.bytes.length === 0 ? last : concat([...this.bytes, last]);
    this.bytes = [];
    this.pendingLength = 0;
    this.overflowing = false;
    if (wasOverflowing) return;
    let text: string;
    try {
      text = strict.decode(line);
    } catch {
      this.sink.bad('invalid UTF-8 in line', lossy.decode(line));
      return;
    }
    this.emit(text);
  }

  /** Reports an over-long line once and drops the rest of it up to its newline. */
  private overflow(head: string): void {
    this.sink.bad(
      `line longer than ${this.maxLineLength} characters: skipped (first 1,024 shown)`,
      head.slice(0, 1024),
    );
    this.texts = [];
    this.bytes = [];
    this.pendingLength = 0;
    this.overflowing = true;
  }

  private emit(text: string): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.length > this.maxLineLength) {
      this.sink.bad(
        `line longer than ${this.maxLineLength} characters: skipped (first 1,024 shown)`,
        line.slice(0, 1024),
      );
      return;
    }
    if (line.trim() !== '') this.sink.line(line);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
