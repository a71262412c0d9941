/**
 * An append-only list for very long series: O(1) append and O(1) indexed read, stored in
 * fixed-size chunks so that growing never copies what is already there (a plain array doubling
 * at a million entries copies megabytes and pauses the page).
 */

/** Entries per chunk, as a power of two, shared with the log store. */
export const CHUNK_BITS = 12;
export const CHUNK_SIZE = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_SIZE - 1;

export class AppendOnlyStore<T> implements Iterable<T> {
  private readonly chunks: T[][] = [];
  private size = 0;

  /** Number of entries. */
  get length(): number {
    return this.size;
  }

  /** Appends one entry and returns its index. */
  push(item: T): number {
    const index = this.size;
    const offset = index & CHUNK_MASK;
    if (offset === 0) this.chunks.push(new Array<T>());
    this.chunks[index >>> CHUNK_BITS]![offset] = item;
    this.size = index + 1;
    return index;
  }

  /** The entry at `index`, or undefined out of range. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK];
  }

  /** The most recent entry. */
  last(): T | undefined {
    return this.at(this.size - 1);
  }

  /** A copy of entries `from` (inclusive) to `to` (exclusive), for rendering a window. */
  slice(from = 0, to = this.size): T[] {
    const start = Math.max(0, from);
    const end = Math.min(this.size, to);
    const out: T[] = [];
    for (let i = start; i < end; i++) out.push(this.chunks[i >>> CHUNK_BITS]![i & CHUNK_MASK]!);
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.size; i++) yield this.chunks[i >>> CHUNK_BITS]![i & CHUNK_MASK]!;
  }
}
