/**
 * The rows a tree view shows of a {@link JsonDoc}: every value whose ancestors are all expanded,
 * in document order, a container's children paged in sections with a "show more" row after the
 * shown ones. Only what is expanded is ever walked, so a collapsed 50 MB document is one row.
 *
 * What is expanded (and how many children are shown) is kept by path, not by value index, so a
 * new version of a live document keeps what the reader opened.
 */
import type { JsonDoc } from './json-doc.ts';
import { KIND_OBJECT } from './json-scan.ts';
import { HOLDS_MATCH, type TreeFilter } from './tree-filter.ts';

/** Children shown at first, and added by each "show more". */
export const SECTION = 1000;

/** Path key of the root. */
export const ROOT_KEY = 0;

/** One row: a value, or the "show more" row of a container whose children are not all shown. */
export interface TreeRow {
  /** Value index in the document (for a "more" row: the container). */
  readonly node: number;
  /** Nesting depth (the root is 0). */
  readonly depth: number;
  /** Path key (see {@link childKey}). */
  readonly key: number;
  /** The container it is shown in (-1 for the root). */
  readonly parent: number;
  /** Index among its parent's children (-1 for the root). */
  readonly index: number;
  /** For a "show more" row: how many children are shown, and how many there are. */
  readonly more?: { shown: number; total: number };
}

/**
 * Path keys: a number for each path, the same for the same path in any version of a document.
 * A child's key is interned from its parent's and its own step (`[index]`, or the member key as
 * a JSON string): each part is self-delimiting, so no two paths share a key, and a key costs
 * the same at any depth (path strings would grow with it: quadratic at 100,000 levels).
 */
export class PathKeys {
  private ids = new Map<string, number>();

  child(parent: number, step: string | number): number {
    const name = typeof step === 'number' ? `${parent}[${step}]` : parent + JSON.stringify(step);
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(name, id);
    }
    return id;
  }
}

export class TreeRows {
  /** Expanded containers by path key, with how many of their children are shown. */
  readonly expanded = new Map<number, number>();
  readonly keys = new PathKeys();
  private list: TreeRow[] = [];
  private filter: TreeFilter | undefined;
  /** Under a filter: how many of a container's shown children to show, by path key. */
  private readonly filterShown = new Map<number, number>();

  constructor(public doc: JsonDoc) {}

  get rows(): readonly TreeRow[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  isExpanded(key: number): boolean {
    return this.expanded.has(key);
  }

  /** Opens a container (showing its first section) or closes it. */
  toggle(row: TreeRow, open = !this.expanded.has(row.key)): void {
    if (!this.doc.isContainer(row.node) || row.more) return;
    if (open) this.expanded.set(row.key, Math.max(this.expanded.get(row.key) ?? 0, SECTION));
    else this.expanded.delete(row.key);
    this.rebuild();
  }

  /** Shows `count` more children of the container of a "more" row (default a section). */
  showMore(row: TreeRow, count = SECTION): void {
    if (!row.more) return;
    if (this.filtered(row.node)) this.filterShown.set(row.key, row.more.shown + count);
    else this.expanded.set(row.key, row.more.shown + count);
    this.rebuild();
  }

  /**
   * Shows only what a filter shows: its matches and the containers that hold them, those open
   * on their matching children (a matching container shows its children when opened). Without
   * a filter, the tree as it was opened. Call {@link rebuild} as the filter scans further.
   */
  setFilter(filter: TreeFilter | undefined): void {
    this.filter = filter;
    this.filterShown.clear();
    this.rebuild();
  }

  /** Whether the filter opens `node` on its matching children. */
  private filtered(node: number): boolean {
    return !!this.filter && (this.filter.marks[node]! & HOLDS_MATCH) !== 0;
  }

  /**
   * Expands every container under the row's (siblings' for `*`: see the element), but at most
   * `limit` rows in all: returns false, changing nothing, if that many would show.
   */
  expandAll(limit: number, from: TreeRow = this.list[0]!): boolean {
    const doc = this.doc;
    const opened = new Map<number, number>();
    let rows = 0;
    const stack: { node: number; key: number }[] = [{ node: from.node, key: from.key }];
    while (stack.length > 0) {
      const { node, key } = stack.pop()!;
      if (!doc.isContainer(node)) continue;
      const count = doc.childCount(node);
      const shown = Math.max(this.expanded.get(key) ?? 0, Math.min(count, SECTION));
      rows += Math.min(count, shown) + (count > shown ? 1 : 0);
      if (rows > limit) return false;
      opened.set(key, shown);
      const isObject = doc.kind(node) === KIND_OBJECT;
      doc
        .children(node, 0, shown)
        .forEach((c, i) =>
          stack.push({ node: c, key: this.keys.child(key, isObject ? doc.keyOf(c)! : i) }),
        );
    }
    for (const [key, shown] of opened) this.expanded.set(key, shown);
    this.rebuild();
    return true;
  }

  /** Closes everything but the root. */
  collapseAll(): void {
    const root = this.expanded.get(ROOT_KEY);
    this.expanded.clear();
    if (root !== undefined) this.expanded.set(ROOT_KEY, root);
    this.rebuild();
  }

  /** Expands the root and the first levels, down to `depth` (0: only the root row). */
  expandTo(depth: number): void {
    this.expandNew(depth, new Set());
  }

  /**
   * Opens, down to `depth`, the containers not in `known` (new in a live document's latest
   * version) and records every container walked in `known`: one the reader closed stays closed.
   */
  expandNew(depth: number, known: Set<number>): void {
    const doc = this.doc;
    const stack: { node: number; key: number; d: number }[] = [{ node: 0, key: ROOT_KEY, d: 0 }];
    while (stack.length > 0) {
      const { node, key, d } = stack.pop()!;
      if (d >= depth || !doc.isContainer(node)) continue;
      if (!known.has(key)) {
        known.add(key);
        this.expanded.set(key, Math.max(this.expanded.get(key) ?? 0, SECTION));
      }
      const shown = this.expanded.get(key);
      if (shown === undefined) continue;
      const isObject = doc.kind(node) === KIND_OBJECT;
      doc.children(node, 0, shown).forEach((c, i) =>
        stack.push({
          node: c,
          key: this.keys.child(key, isObject ? doc.keyOf(c)! : i),
          d: d + 1,
        }),
      );
    }
    this.rebuild();
  }

  /** Makes sure the path to `node` is open and it is shown; returns its row index. */
  reveal(node: number): number {
    const doc = this.doc;
    const path = doc.nodePath(node);
    let key = ROOT_KEY;
    for (let d = 0; d < path.length - 1; d++) {
      const parent = path[d]!;
      const child = path[d + 1]!;
      let index = 0;
      for (let c = parent + 1; c !== child; c = doc.index.next[c]!) index++;
      this.expanded.set(key, Math.max(this.expanded.get(key) ?? SECTION, index + 1));
      key = this.keys.child(key, doc.kind(parent) === KIND_OBJECT ? doc.keyOf(child)! : index);
    }
    this.rebuild();
    return this.list.findIndex((r) => r.node === node && !r.more);
  }

  /** Switches to another version of the document (live results), keeping what was opened. */
  replace(doc: JsonDoc): void {
    this.doc = doc;
    this.rebuild();
  }

  /** Recomputes the rows from what is expanded: work in proportion to the rows shown. */
  rebuild(): void {
    const doc = this.doc;
    const out: TreeRow[] = [];
    // An explicit stack: a document nested 100,000 deep must not overflow the call stack.
    const stack: TreeRow[] = [{ node: 0, depth: 0, key: ROOT_KEY, parent: -1, index: -1 }];
    while (stack.length > 0) {
      const row = stack.pop()!;
      out.push(row);
      if (row.more) continue;
      if (!doc.isContainer(row.node)) continue;
      let children: number[];
      let total: number;
      // Each child's index in its container (under a filter, not its place among those shown).
      let indexOf = (i: number) => i;
      if (this.filtered(row.node)) {
        const filter = this.filter!;
        const all = doc.children(row.node);
        const places: number[] = [];
        for (let i = 0; i < all.length; i++) if (filter.shows(all[i]!)) places.push(i);
        total = places.length;
        const kept = places.slice(0, this.filterShown.get(row.key) ?? SECTION);
        children = kept.map((i) => all[i]!);
        indexOf = (i) => kept[i]!;
      } else {
        const shown = this.expanded.get(row.key);
        if (shown === undefined) continue;
        children = doc.children(row.node, 0, shown);
        total = doc.childCount(row.node);
      }
      const isObject = doc.kind(row.node) === KIND_OBJECT;
      if (total > children.length)
        stack.push({
          node: row.node,
          depth: row.depth + 1,
          key: row.key,
          parent: row.node,
          index: children.length,
          more: { shown: children.length, total },
        });
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i]!;
        stack.push({
          node: c,
          depth: row.depth + 1,
          parent: row.node,
          key: this.keys.child(row.key, isObject ? doc.keyOf(c)! : indexOf(i)),
          index: indexOf(i),
        });
      }
    }
    this.list = out;
  }
}
