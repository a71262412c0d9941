/**
 * The host's embedded persistence: a data directory holding one append-only JSONL event log per
 * run (the log is the source of truth: replaying a run is reading it) and one JSON record per
 * instance. Writes are in order; the appends of one tick are written together at its end (one
 * write per log, not one per event), and `durable()` writes what was appended and resolves once
 * it is on disk, before the host acknowledges it. Its fdatasync runs off the event loop (the
 * streams keep flowing meanwhile) and is shared: requests that ask while one is running wait for
 * the next, which covers them all (group commit), so several producers cost one sync per round,
 * not one each. A failed sync fails the store: nothing is acknowledged after it. A log whose last line was cut by a crash is repaired on open: the partial line
 * (never acknowledged) is dropped and reported.
 *
 * Layout: `<dir>/runs/<id>.jsonl`, `<dir>/instances/<id>.json`. Ids are percent-encoded into
 * file names, so no id can name a file outside its folder.
 */
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from './events.ts';

/** A run's log as read back. */
export interface StoredRun {
  readonly id: string;
  readonly events: RunEvent[];
  /** Characters of a cut last line that were dropped (0 when the log ended cleanly). */
  readonly droppedTail: number;
}

/** An id as a file name: characters other than `A-Z a-z 0-9 - _` percent-encoded (`.` too). */
const utf8 = new TextEncoder();

export function fileNameOf(id: string): string {
  if (id === '') throw new Error('an id cannot be empty');
  return id.replace(/[^A-Za-z0-9_-]/gu, (c) =>
    [...utf8.encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** The id a file name stands for, or undefined for a name this store did not write. */
export function idOfFileName(name: string): string | undefined {
  if (!/^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/.test(name)) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}

/** How a file's data is made durable (fdatasync); a test may slow it down or make it fail. */
export type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

export class RunStore {
  private readonly runsDir: string;
  private readonly instancesDir: string;
  private readonly open = new Map<string, number>();
  private readonly dirty = new Set<number>();
  /** Lines appended this tick and not yet written, by log. */
  private readonly pending = new Map<number, string>();
  private writeScheduled = false;
  /** The sync running, and the one waiting for it to end (for appends written since it began). */
  private syncing: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private closed = false;
  /** Set by the first failed write or sync; from then on `durable()` rejects with it. */
  private failure: Error | undefined;

  constructor(
    readonly dir: string,
    private readonly syncFile: SyncFile = fdatasync,
  ) {
    this.runsDir = join(dir, 'runs');
    this.instancesDir = join(dir, 'instances');
    mkdirSync(this.runsDir, { recursive: true });
    mkdirSync(this.instancesDir, { recursive: true });
  }

  /** Every run's log, oldest file order aside: sorted by id. Repairs logs cut by a crash. */
  loadRuns(): StoredRun[] {
    const out: StoredRun[] = [];
    for (const name of readdirSync(this.runsDir).sort()) {
      if (!name.endsWith('.jsonl')) continue;
      const id = idOfFileName(name.slice(0, -'.jsonl'.length));
      if (id === undefined) continue;
      out.push(this.readRun(id));
    }
    return out;
  }

  /** One run's log (empty if it has none). */
  readRun(id: string): StoredRun {
    const path = this.runPath(id);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { id, events: [], droppedTail: 0 };
      throw error;
    }
    const end = text.lastIndexOf('\n') + 1;
    const events: RunEvent[] = [];
    const lines = text.slice(0, end).split('\n');
    for (let n = 0; n < lines.length; n++) {
      if (lines[n] === '') continue;
      try {
        events.push(JSON.parse(lines[n]!) as RunEvent);
      } catch (error) {
        // A whole line this store wrote cannot be unreadable unless the file was edited or
        // damaged: say where, rather than serve a run with a hole in it.
        throw new Error(`${path}, line ${n + 1}: not JSON (${(error as Error).message})`);
      }
    }
    const droppedTail = text.length - end;
    if (droppedTail > 0) {
      // A write cut short (the host died mid-line): it was never acknowledged; drop it so the
      // next append starts on a line of its own.
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
      } finally {
        closeSync(fd);
      }
    }
    return { id, events, droppedTail };
  }

  /** Appends `event` to its run's log (created on the first event). */
  append(event: RunEvent): void {
    let fd = this.open.get(event.run);
    if (fd === undefined) {
      fd = openSync(this.runPath(event.run), 'a');
      this.open.set(event.run, fd);
    }
    // An ingest request appends up to thousands of events in one tick: a write (a syscall)
    // for each cost more than validating them. Still written at once: at the end of the tick.
    this.pending.set(fd, (this.pending.get(fd) ?? '') + `${JSON.stringify(event)}\n`);
    if (!this.writeScheduled) {
      this.writeScheduled = true;
      process.nextTick(() => this.write());
    }
  }

  /**
   * Resolves once every append so far is on disk (await it before acknowledging them). Rejects
   * when the disk fails, and so does every call after that: once an fdatasync has failed, the
   * kernel may have dropped the unwritten pages, and a second one would "succeed" without them.
   */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    try {
      this.write();
    } catch (error) {
      return Promise.reject(this.fail(error));
    }
    if (this.dirty.size === 0) return this.syncing ?? Promise.resolve();
    if (!this.syncing) return (this.syncing = this.sync());
    // A sync is running, begun before these appends were written: they need the next one, which
    // starts when it ends and covers whatever was appended by then.
    this.next ??= this.syncing.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<void> {
    this.next = undefined;
    return this.durable();
  }

  private async sync(): Promise<void> {
    const fds = [...this.dirty];
    this.dirty.clear();
    const closedBefore = this.closed;
    const results = await Promise.allSettled(
      fds.map(
        (fd) =>
          new Promise<void>((resolve, reject) =>
            this.syncFile(fd, (error) => (error ? reject(error) : resolve())),
          ),
      ),
    );
    this.syncing = undefined;
    // close() synced and closed every log itself: a sync it overtook is no failure.
    if (this.closed && !closedBefore) return;
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) throw this.fail(rejected.reason);
  }

  /** Marks the store failed (the first failure stands) and returns the error every call gets. */
  private fail(cause: unknown): Error {
    if (!this.failure) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.failure = new Error(
        `the run logs could not be written to disk (${reason}); nothing more is acknowledged ` +
          'until the host is restarted',
        { cause },
      );
      console.error(`demo-host: ${this.failure.message}`);
    }
    return this.failure;
  }

  /** Writes and syncs every append so far before returning (loading samples, closing). */
  flush(): void {
    this.write();
    for (const fd of this.dirty) fdatasyncSync(fd);
    this.dirty.clear();
  }

  /** Writes the lines appended since the last write, one write per log. */
  private write(): void {
    this.writeScheduled = false;
    for (const [fd, text] of this.pending) {
      writeSync(fd, text);
      this.dirty.add(fd);
    }
    this.pending.clear();
  }

  /** Stores an instance record, replacing any earlier one atomically (write, then rename). */
  saveInstance(id: string, record: unknown): void {
    const path = join(this.instancesDir, `${fileNameOf(id)}.json`);
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(temporary, path);
  }

  /** Every instance record, by id. */
  loadInstances(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const name of readdirSync(this.instancesDir).sort()) {
      if (!name.endsWith('.json')) continue;
      const id = idOfFileName(name.slice(0, -'.json'.length));
      if (id === undefined) continue;
      out.set(id, JSON.parse(readFileSync(join(this.instancesDir, name), 'utf8')) as unknown);
    }
    return out;
  }

  /** Flushes and closes every open log (a sync still running then resolves: this one covers it). */
  close(): void {
    this.write();
    for (const fd of this.open.values()) fdatasyncSync(fd);
    this.dirty.clear();
    this.closed = true;
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  private runPath(id: string): string {
    return join(this.runsDir, `${fileNameOf(id)}.jsonl`);
  }
}
