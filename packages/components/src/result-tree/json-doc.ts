/**
 * A JSON document read through its index (see `json-scan.ts`): values are decoded only when
 * shown, from the text as written. Large texts are indexed in a worker, so the page never
 * stalls on them; without workers (a strict Content-Security-Policy), on the main thread.
 */
import {
  KIND_ARRAY,
  KIND_NUMBER,
  KIND_OBJECT,
  lineAndColumn,
  scanJson,
  type JsonIndex,
} from './json-scan.ts';

export {
  KIND_ARRAY,
  KIND_FALSE,
  KIND_NULL,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_STRING,
  KIND_TRUE,
} from './json-scan.ts';

/**
 * Texts at least this long (16 MiB) are indexed in a worker. Shorter ones are indexed on the
 * page's thread: once the scanner is compiled (see {@link prepareJsonWorker}) that costs about
 * what `JSON.parse` of the text would (under 0.1 s for 10 MB), while handing the text to a worker
 * and back costs more than it saves; a larger text would hold the page for too long.
 */
export const WORKER_THRESHOLD = 16 << 20;

/** One step of a value's path: a member's key or an item's index. */
export type PathStep = string | number;

/** A text that is not JSON: the reason and where. */
export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'JsonTextError';
  }
}

/** A JSON text and its index. */
export class JsonDoc {
  private counts = new Map<number, number>();
  private lasts = new Map<number, number>();

  constructor(
    readonly text: string,
    readonly index: JsonIndex,
  ) {}

  /** Indexes `text` on this thread; throws {@link JsonTextError} if it is not JSON. */
  static parse(text: string): JsonDoc {
    const r = scanJson(text);
    if ('error' in r) throw textError(text, r.error.message, r.error.offset);
    return new JsonDoc(text, r);
  }

  /** The document of a JavaScript value (via `JSON.stringify`: what JSON cannot hold is gone). */
  static of(value: unknown): JsonDoc {
    const text = JSON.stringify(value);
    return JsonDoc.parse(text === undefined ? 'null' : text);
  }

  get size(): number {
    return this.index.size;
  }

  kind(node: number): number {
    return this.index.kind[node]!;
  }

  isContainer(node: number): boolean {
    const k = this.index.kind[node]!;
    return k === KIND_ARRAY || k === KIND_OBJECT;
  }

  /** Number of children of a container (0 for a scalar). */
  childCount(node: number): number {
    if (!this.isContainer(node)) return 0;
    let count = this.counts.get(node);
    if (count === undefined) {
      count = 0;
      const stop = this.index.next[node]!;
      for (let c = node + 1; c < stop; c = this.index.next[c]!) count++;
      this.counts.set(node, count);
    }
    return count;
  }

  /** The last child of a container, or undefined for an empty one or a scalar (cached). */
  lastChild(node: number): number | undefined {
    if (!this.isContainer(node)) return undefined;
    let last = this.lasts.get(node);
    if (last === undefined) {
      const stop = this.index.next[node]!;
      last = -1;
      for (let c = node + 1; c < stop; c = this.index.next[c]!) last = c;
      this.lasts.set(node, last);
    }
    return last < 0 ? undefined : last;
  }

  /** The children of `node` from the `from`-th, at most `limit` of them. */
  children(node: number, from = 0, limit = Infinity): number[] {
    const out: number[] = [];
    const stop = this.index.next[node]!;
    let k = 0;
    for (let c = node + 1; c < stop && out.length < limit; c = this.index.next[c]!, k++)
      if (k >= from) out.push(c);
    return out;
  }

  /** The member key of `node` (decoded), or undefined for an array item or the root. */
  keyOf(node: number): string | undefined {
    const at = this.index.key[node]!;
    if (at < 0) return undefined;
    return decodeString(this.text, at);
  }

  /** The text of `node` exactly as written (a number's spelling, a subtree's layout). */
  raw(node: number): string {
    return this.text.slice(this.index.start[node], this.index.end[node]);
  }

  /** Length, in characters, of `node`'s text as written. */
  rawLength(node: number): number {
    return this.index.end[node]! - this.index.start[node]!;
  }

  /** A string value decoded, at most about `limit` characters of it (the rest stays in the text). */
  stringValue(node: number, limit = Infinity): string {
    const length = this.index.end[node]! - this.index.start[node]! - 2;
    return decodeString(this.text, this.index.start[node]!, length > limit ? limit : Infinity);
  }

  /** Whether a number is written otherwise than JavaScript would write it back (precision, form). */
  numberIsExact(node: number): boolean {
    if (this.kind(node) !== KIND_NUMBER) return true;
    const raw = this.raw(node);
    return String(Number(raw)) === raw;
  }

  /** The parent of `node`, -1 for the root (found from the root down: O(depth × siblings)). */
  parentOf(node: number): number {
    const path = this.nodePath(node);
    return path.length > 1 ? path[path.length - 2]! : -1;
  }

  /** The values from the root down to `node`, both included. */
  nodePath(node: number): number[] {
    const out = [0];
    let at = 0;
    while (at !== node) {
      let c = at + 1;
      while (this.index.next[c]! <= node) c = this.index.next[c]!;
      out.push(c);
      at = c;
    }
    return out;
  }

  /** The path steps (keys and indices) from the root to `node`. */
  pathOf(node: number): PathStep[] {
    const nodes = this.nodePath(node);
    const steps: PathStep[] = [];
    for (let d = 1; d < nodes.length; d++) {
      const parent = nodes[d - 1]!;
      const child = nodes[d]!;
      if (this.kind(parent) === KIND_OBJECT) steps.push(this.keyOf(child)!);
      else {
        let k = 0;
        for (let c = parent + 1; c !== child; c = this.index.next[c]!) k++;
        steps.push(k);
      }
    }
    return steps;
  }

  /** The value (decoded) of a node and its subtree, as `JSON.parse` would give it. */
  value(node: number): unknown {
    return JSON.parse(this.raw(node));
  }
}

/**
 * Decodes the JSON string literal whose opening quote is at `at`: all of it, or (with `limit`)
 * its first `limit` characters of text as written, cut between escapes, never inside one.
 */
function decodeString(text: string, at: number, limit = Infinity): string {
  let j = at + 1;
  let plain = true;
  const stop = limit === Infinity ? text.length : Math.min(text.length, at + 1 + limit);
  for (;;) {
    if (j >= stop) break;
    const c = text.charCodeAt(j);
    if (c === 34) break;
    if (c === 92) {
      const step = text.charCodeAt(j + 1) === 117 ? 6 : 2;
      if (j + step > stop && limit !== Infinity) break;
      plain = false;
      j += step;
    } else j++;
  }
  const body = text.slice(at + 1, j);
  return plain ? body : (JSON.parse(`"${body}"`) as string);
}

function textError(text: string, reason: string, offset: number): JsonTextError {
  const { line, column } = lineAndColumn(text, offset);
  return new JsonTextError(reason, offset, line, column);
}

/** `$.models[3].score` (JSONPath), keys that are not identifiers as `['a key']`. */
export function jsonPath(steps: readonly PathStep[]): string {
  let out = '$';
  for (const s of steps)
    out += typeof s === 'number' ? `[${s}]` : IDENT.test(s) ? `.${s}` : `[${quoteSingle(s)}]`;
  return out;
}

/** `value.models[3].score` (a JavaScript accessor from `root`), other keys as `["a key"]`. */
export function jsAccessor(steps: readonly PathStep[], root = 'value'): string {
  let out = root;
  for (const s of steps)
    out += typeof s === 'number' ? `[${s}]` : IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return out;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function quoteSingle(s: string): string {
  // JSON.stringify escapes what needs escaping; then the quotes are swapped for single ones.
  const inner = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${inner}'`;
}

let workerUrl: string | undefined;
let workerBroken = false;

/** A worker running `scanJson`, made from its source (no separate file to ship or serve). */
function scanWorker(): Worker | undefined {
  if (workerBroken || typeof Worker === 'undefined' || typeof Blob === 'undefined')
    return undefined;
  try {
    workerUrl ??= URL.createObjectURL(
      new Blob(
        [
          // Bundlers that keep function names may call a `__name` helper inside the source.
          `const __name = (f) => f; const scanJson = ${scanJson.toString()};\n` +
            `onmessage = (e) => { const { id, text } = e.data; const r = scanJson(text); postMessage({ id, r }, 'error' in r ? [] : [r.kind.buffer, r.start.buffer, r.end.buffer, r.key.buffer, r.next.buffer]); };`,
        ],
        { type: 'text/javascript' },
      ),
    );
    return new Worker(workerUrl);
  } catch {
    workerBroken = true;
    return undefined;
  }
}

/** A worker kept ready between documents; it goes after this long unused. */
const IDLE_WORKER_MS = 30_000;
let spare: Worker | undefined;
let lastId = 0;
let spareTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Starts a worker while the page is idle and runs the scanner over a small document in it, so
 * the first large text meets a running worker with compiled code (starting one and compiling
 * the scanner cost more than half of indexing 10 MB). Called by `<result-tree>` when connected.
 */
export function prepareJsonWorker(): void {
  if (spare || workerBroken) return;
  const warm = JSON.stringify(
    Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      s: `w\u00e9\\"${i}`,
      x: [i / 7, null, true],
    })),
  );
  // This thread's copy of the scanner too, for the texts it indexes itself: a few runs, for
  // the engine to compile it fully (about 10 ms, while idle).
  for (let i = 0; i < 4; i++) scanJson(warm);
  const worker = scanWorker();
  if (!worker) return;
  spare = worker;
  worker.onmessage = () => undefined;
  worker.postMessage({ id: 0, text: warm });
  retire();
}

function retire(): void {
  clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spare?.terminate();
    spare = undefined;
  }, IDLE_WORKER_MS);
}

/**
 * Indexes `text`, a large one in a worker (the page stays responsive), a small one or one where
 * workers are not allowed on this thread. Rejects with {@link JsonTextError} if it is not JSON,
 * with an `AbortError` if `signal` aborts first.
 */
export async function parseJsonDoc(text: string, signal?: AbortSignal): Promise<JsonDoc> {
  if (text.length < WORKER_THRESHOLD) return JsonDoc.parse(text);
  // The spare worker if there is one (it is then busy: a second text meanwhile gets its own).
  const worker = spare ?? scanWorker();
  spare = undefined;
  if (!worker) return JsonDoc.parse(text);
  let keep = false;
  const id = ++lastId;
  try {
    const result = await new Promise<JsonIndex | { error: { message: string; offset: number } }>(
      (resolve, reject) => {
        // Only this text's answer: a spare worker may still be answering its warm-up.
        worker.onmessage = (e: MessageEvent<{ id: number; r: JsonIndex }>) => {
          if (e.data.id === id) resolve(e.data.r);
        };
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(e.message || 'worker failed'));
        };
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        worker.postMessage({ id, text });
      },
    );
    keep = !signal?.aborted;
    if ('error' in result) throw textError(text, result.error.message, result.error.offset);
    return new JsonDoc(text, result);
  } catch (error) {
    if (error instanceof JsonTextError || signal?.aborted) throw error;
    // The worker could not run here (a policy, a bundler's rewrite): index on this thread.
    workerBroken = true;
    keep = false;
    return JsonDoc.parse(text);
  } finally {
    if (keep && !spare) {
      spare = worker;
      retire();
    } else worker.terminate();
  }
}
