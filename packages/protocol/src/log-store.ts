/**
 * The log of one run, built to hold a million entries: `log` and `output` events are taken apart
 * into columns (seq and time in Float64Arrays, level or stream in a byte, logger names interned)
 * kept in fixed-size chunks. Appending is O(1) and never copies what is already there, reading
 * any entry or field is O(1). A chunk that fills joins its texts into one string and its metas
 * into one JSON string, so that a million entries are a few hundred heap objects instead of a
 * graph of parsed events: a fraction of the memory, and next to nothing for the garbage
 * collector to mark while a live stream grows.
 */
import { CHUNK_BITS, CHUNK_MASK, CHUNK_SIZE } from './append-only-store.ts';
import { LOG_LEVELS, PROTOCOL_VERSION } from './constants.ts';
import type { JsonObject, LogEvent, LogLevel, OutputEvent } from './types.ts';

/** An entry of the log: a `log` record or a chunk of terminal `output`. */
export type LogEntry = LogEvent | OutputEvent;

/** The stream an `output` chunk was written to. */
export type OutputStream = OutputEvent['data']['stream'];

const STREAMS: readonly OutputStream[] = ['stdout', 'stderr'];
/** Codes 0–5 are log levels in LOG_LEVELS order; output codes start here. */
const OUTPUT_CODE = 8;
const LEVEL_CODE: Readonly<Record<string, number>> = Object.fromEntries(
  LOG_LEVELS.map((level, i) => [level, i]),
);

/** Past this many characters a full chunk keeps its texts apart (strings have a length limit). */
const MAX_BLOB = 64 * 1024 * 1024;

class Chunk {
  readonly seq = new Float64Array(CHUNK_SIZE);
  readonly time = new Float64Array(CHUNK_SIZE);
  readonly code = new Uint8Array(CHUNK_SIZE);
  /** 0: no logger; otherwise index + 1 in the store's logger names. */
  readonly logger = new Uint32Array(CHUNK_SIZE);
  /** While the chunk fills: texts and metas as they came. */
  texts: string[] | undefined = new Array<string>(CHUNK_SIZE);
  metas: (JsonObject | undefined)[] | undefined = new Array<JsonObject | undefined>(CHUNK_SIZE);
  /** Once full: every text in one string, entry `o` ending at `textEnd[o]`; metas as JSON so. */
  private textBlob = '';
  private textEnd: Uint32Array | undefined;
  private metaBlob = '';
  private metaEnd: Uint32Array | undefined;

  text(o: number): string {
    if (this.texts) return this.texts[o]!;
    return this.textBlob.slice(o === 0 ? 0 : this.textEnd![o - 1]!, this.textEnd![o]!);
  }

  meta(o: number): JsonObject | undefined {
    if (this.metas) return this.metas[o];
    const start = o === 0 ? 0 : this.metaEnd![o - 1]!;
    const end = this.metaEnd![o]!;
    return start === end ? undefined : (JSON.parse(this.metaBlob.slice(start, end)) as JsonObject);
  }

  /**
   * A full chunk becomes a few large objects instead of thousands of small ones: a million
   * retained entries then cost the garbage collector a few hundred strings to mark, not a
   * million, which keeps its pauses out of the frames of a live log.
   */
  compact(): void {
    const texts = this.texts!;
    let length = 0;
    for (let o = 0; o < CHUNK_SIZE; o++) length += texts[o]!.length;
    if (length <= MAX_BLOB) {
      this.textEnd = ends(texts);
      this.textBlob = texts.join('');
      this.texts = undefined;
    }
    // A plain loop: the array has holes where entries had no meta, which map() would skip.
    const metas = new Array<string>(CHUNK_SIZE);
    for (let o = 0; o < CHUNK_SIZE; o++) {
      const m = this.metas![o];
      metas[o] = m === undefined ? '' : JSON.stringify(m);
    }
    this.metaEnd = ends(metas);
    this.metaBlob = metas.join('');
    this.metas = undefined;
  }
}

function ends(parts: string[]): Uint32Array {
  const out = new Uint32Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) out[i] = at += parts[i]!.length;
  return out;
}

/**
 * Append-only, columnar store of one run's `log` and `output` events in arrival order. Read a
 * field with the accessors (`time(i)`, `level(i)`, `text(i)`, …) without building anything, or a
 * whole entry with `at(i)`, which builds the event afresh (extra fields a newer producer added are
 * not kept: this version ignores them anyway).
 */
export class LogStore implements Iterable<LogEntry> {
  // Discarded chunks become undefined; indexes never move.
  private readonly chunks: (Chunk | undefined)[] = [];
  private size = 0;
  private firstKept = 0;
  private runId: string | undefined;
  private readonly loggerNames: string[] = [];
  private readonly loggerIds = new Map<string, number>();

  /** Number of entries. */
  get length(): number {
    return this.size;
  }

  /** Index of the oldest entry still held (0 unless {@link discardBefore} dropped some). */
  get first(): number {
    return this.firstKept;
  }

  /** The run whose entries these are, once one was appended. */
  get run(): string | undefined {
    return this.runId;
  }

  /** Appends one event and returns its index. Throws if the event is of another run. */
  push(event: LogEntry): number {
    if (this.runId === undefined) this.runId = event.run;
    else if (event.run !== this.runId) {
      throw new Error(`LogStore holds run "${this.runId}", not "${event.run}"`);
    }
    const index = this.size;
    const offset = index & CHUNK_MASK;
    if (offset === 0) this.chunks.push(new Chunk());
    const chunk = this.chunks[index >>> CHUNK_BITS]!;
    chunk.seq[offset] = event.seq;
    chunk.time[offset] = event.time;
    if (event.type === 'log') {
      const { level, message, logger, meta } = event.data;
      chunk.code[offset] = LEVEL_CODE[level]!;
      chunk.texts![offset] = message;
      if (logger !== undefined) chunk.logger[offset] = this.loggerId(logger);
      if (meta !== undefined) chunk.metas![offset] = meta;
    } else {
      chunk.code[offset] = OUTPUT_CODE + (event.data.stream === 'stderr' ? 1 : 0);
      chunk.texts![offset] = event.data.data;
    }
    this.size = index + 1;
    if (offset === CHUNK_MASK) chunk.compact();
    return index;
  }

  /** Seq of entry `index`. */
  seq(index: number): number {
    return this.chunk(index).seq[index & CHUNK_MASK]!;
  }

  /** Event time (epoch ms) of entry `index`. */
  time(index: number): number {
    return this.chunk(index).time[index & CHUNK_MASK]!;
  }

  /** `log` or `output`. */
  type(index: number): LogEntry['type'] {
    return this.chunk(index).code[index & CHUNK_MASK]! >= OUTPUT_CODE ? 'output' : 'log';
  }

  /** Level of a `log` entry; undefined for `output`. */
  level(index: number): LogLevel | undefined {
    return LOG_LEVELS[this.chunk(index).code[index & CHUNK_MASK]!];
  }

  /** Stream of an `output` entry; undefined for `log`. */
  stream(index: number): OutputStream | undefined {
    return STREAMS[this.chunk(index).code[index & CHUNK_MASK]! - OUTPUT_CODE];
  }

  /** Logger name of a `log` entry, when it has one. */
  logger(index: number): string | undefined {
    const id = this.chunk(index).logger[index & CHUNK_MASK]!;
    return id === 0 ? undefined : this.loggerNames[id - 1];
  }

  /** The message of a `log` entry, or the data of an `output` chunk. */
  text(index: number): string {
    return this.chunk(index).text(index & CHUNK_MASK);
  }

  /** Meta of a `log` entry, when it has one (a fresh copy once its chunk is full). */
  meta(index: number): JsonObject | undefined {
    return this.chunk(index).meta(index & CHUNK_MASK);
  }

  /**
   * Index of the first entry whose seq is `seq` or more (entries are in seq order), or `length`
   * when there is none. O(log n).
   */
  indexOfSeq(seq: number): number {
    let lo = this.firstKept;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Frees the entries before `index` (whole chunks at a time, so a few more may stay readable):
   * for a view that keeps only the newest entries. Indexes of the others do not change.
   */
  discardBefore(index: number): void {
    const target = Math.min(Math.max(index, this.firstKept), this.size);
    const lastChunk = target >>> CHUNK_BITS;
    for (let c = this.firstKept >>> CHUNK_BITS; c < lastChunk; c++) this.chunks[c] = undefined;
    this.firstKept = lastChunk << CHUNK_BITS;
  }

  /** Entry `index` as a newly built event, or undefined out of range or discarded. */
  at(index: number): LogEntry | undefined {
    if (!Number.isInteger(index) || index < this.firstKept || index >= this.size) return undefined;
    const envelope = { v: PROTOCOL_VERSION, run: this.runId!, seq: this.seq(index) } as const;
    const time = this.time(index);
    const stream = this.stream(index);
    if (stream !== undefined) {
      return { ...envelope, time, type: 'output', data: { stream, data: this.text(index) } };
    }
    const data: LogEvent['data'] = { level: this.level(index)!, message: this.text(index) };
    const logger = this.logger(index);
    const meta = this.meta(index);
    if (logger !== undefined) data.logger = logger;
    if (meta !== undefined) data.meta = meta;
    return { ...envelope, time, type: 'log', data };
  }

  /** The most recent entry, built as by {@link at}. */
  last(): LogEntry | undefined {
    return this.at(this.size - 1);
  }

  /** Entries `from` (inclusive) to `to` (exclusive), built as by {@link at}. */
  slice(from = this.firstKept, to = this.size): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = Math.max(this.firstKept, from); i < Math.min(this.size, to); i++) {
      out.push(this.at(i)!);
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<LogEntry> {
    for (let i = this.firstKept; i < this.size; i++) yield this.at(i)!;
  }

  private chunk(index: number): Chunk {
    if (index >= this.firstKept && index < this.size) return this.chunks[index >>> CHUNK_BITS]!;
    throw new RangeError(`log index ${index} out of range ${this.firstKept}..${this.size - 1}`);
  }

  private loggerId(name: string): number {
    let id = this.loggerIds.get(name);
    if (id === undefined) {
      id = this.loggerNames.push(name);
      this.loggerIds.set(name, id);
    }
    return id;
  }
}
