/**
 * Row templates of `<result-tree>`: a tree item (key, value coloured by type or a preview of a
 * collapsed container), a "show more" item, and a line of the raw view. Text reaches the page
 * only as text; invisible characters and lone surrogates show as pictures.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber, plural } from '../shared/format.ts';
import { matchRanges } from '../shared/search-query.ts';
import { visibleText } from '../shared/visible-text.ts';
import {
  KIND_ARRAY,
  KIND_FALSE,
  KIND_NULL,
  KIND_NUMBER,
  KIND_OBJECT,
  KIND_STRING,
  KIND_TRUE,
  type JsonDoc,
} from './json-doc.ts';
import type { RawLine } from './raw-lines.ts';
import type { TreeRow } from './tree-rows.ts';

/** Characters of a string shown before "show all". */
export const STRING_PREVIEW = 300;
/** Characters of a string shown at most, even expanded (the rest copies). */
export const STRING_EXPANDED = 100_000;
/** Indent stops growing below this depth; the row says its depth. */
export const MAX_INDENT_DEPTH = 32;

const KIND_CLASS: Record<number, string> = {
  [KIND_NULL]: 'v-null',
  [KIND_FALSE]: 'v-bool',
  [KIND_TRUE]: 'v-bool',
  [KIND_NUMBER]: 'v-num',
  [KIND_STRING]: 'v-str',
  [KIND_ARRAY]: 'v-arr',
  [KIND_OBJECT]: 'v-obj',
};

/** What every row needs from the element, once per render. */
export interface TreeRowContext {
  readonly doc: JsonDoc;
  readonly active: number;
  readonly expanded: (row: TreeRow) => boolean;
  readonly longOpen: ReadonlySet<number>;
  readonly flashing: ReadonlySet<number>;
  readonly pattern: RegExp | undefined;
  /** Top-level keys that hold a series of results. */
  readonly series: ReadonlySet<string>;
  /** Number of items of the row's container (aria-setsize). */
  readonly setSize: (row: TreeRow) => number;
}

/** Text with the filter's matches marked. */
function marked(text: string, pattern: RegExp | undefined): unknown {
  if (!pattern) return visibleText(text);
  const ranges = matchRanges(pattern, text, 200);
  if (ranges.length === 0) return visibleText(text);
  const out: unknown[] = [];
  let last = 0;
  for (const [a, b] of ranges) {
    if (a > last) out.push(visibleText(text.slice(last, a)));
    out.push(html`<mark>${visibleText(text.slice(a, b))}</mark>`);
    last = b;
  }
  if (last < text.length) out.push(visibleText(text.slice(last)));
  return out;
}

/** `{12 keys}`, `[1,024 items]`, or a series' count and latest value. */
export function preview(doc: JsonDoc, node: number, series: boolean): string {
  const count = doc.childCount(node);
  if (series) {
    const last = doc.lastChild(node)!;
    const latest = doc.isContainer(last) ? compact(doc, last) : scalarPreview(doc, last);
    return `series of ${formatNumber(count, 0)} · latest ${latest}`;
  }
  return doc.kind(node) === KIND_OBJECT
    ? `{${plural(count, 'key')}}`
    : `[${plural(count, 'item')}]`;
}

/** A container's text as written, its first 80 characters. */
function compact(doc: JsonDoc, node: number): string {
  const raw = doc.text.slice(
    doc.index.start[node],
    Math.min(doc.index.end[node]!, doc.index.start[node]! + 81),
  );
  return raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
}

function scalarPreview(doc: JsonDoc, node: number): string {
  if (doc.kind(node) !== KIND_STRING) return doc.raw(node);
  const s = doc.stringValue(node, 40);
  return JSON.stringify(s.length >= 40 ? `${s}…` : s);
}

function indent(depth: number): string {
  return `calc(${Math.min(depth, MAX_INDENT_DEPTH)} * var(--_indent) + 0.25rem)`;
}

/** One tree item. */
export function treeRow(index: number, row: TreeRow, ctx: TreeRowContext): TemplateResult {
  if (row.more) return moreRow(index, row, ctx);
  const { doc } = ctx;
  const node = row.node;
  const kind = doc.kind(node);
  const container = doc.isContainer(node);
  const open = container && ctx.expanded(row);
  const key = doc.keyOf(node);
  const isSeries = row.depth === 1 && key !== undefined && ctx.series.has(key);
  const label =
    key === ''
      ? html`<span class="key muted" title="An empty key">""</span><span class="punct">:</span>`
      : key !== undefined
        ? html`<span class="key">${marked(key, ctx.pattern)}</span><span class="punct">:</span>`
        : row.index >= 0
          ? html`<span class="index">${row.index}</span><span class="punct">:</span>`
          : nothing;
  let value: unknown;
  let long = nothing as unknown;
  if (container) {
    value = html`<span class="preview ${KIND_CLASS[kind]}"
      >${
        open && !isSeries ? (kind === KIND_OBJECT ? '{' : '[') : preview(doc, node, isSeries)
      }</span
    >`;
  } else if (kind === KIND_STRING) {
    const length = doc.rawLength(node) - 2;
    const openLong = ctx.longOpen.has(row.key);
    const text = doc.stringValue(node, openLong ? STRING_EXPANDED : STRING_PREVIEW);
    // Lengths as written (escapes count as written): past the limit, only a prefix is decoded.
    const cut = length > (openLong ? STRING_EXPANDED : STRING_PREVIEW);
    value = html`<span class="v-str ${openLong ? 'long-open' : ''}"
      >"${marked(text, ctx.pattern)}${cut ? '…' : ''}"</span
    >`;
    if (length > STRING_PREVIEW)
      long = html`<button class="long btn btn-ghost btn-xs" tabindex="-1" data-action="long">
        ${openLong ? 'show less' : `show all (${plural(length, 'char')})`}
      </button>`;
  } else {
    value = html`<span class=${KIND_CLASS[kind]!}>${marked(doc.raw(node), ctx.pattern)}</span>`;
  }
  const deep = row.depth > MAX_INDENT_DEPTH;
  return html`<div
    class="row${index === ctx.active ? ' active' : ''}${ctx.flashing.has(row.key) ? ' flash' : ''}"
    role="treeitem"
    data-index=${index}
    tabindex=${index === ctx.active ? 0 : -1}
    aria-level=${row.depth + 1}
    aria-setsize=${ctx.setSize(row)}
    aria-posinset=${Math.max(0, row.index) + 1}
    aria-expanded=${container ? (open ? 'true' : 'false') : nothing}
    style="padding-inline-start: ${indent(row.depth)}"
  >
    <span class="twisty" aria-hidden="true">${container ? (open ? '▾' : '▸') : ''}</span>
    ${deep ? html`<span class="depth">⟨depth ${row.depth}⟩</span>` : nothing} ${label} ${value}
    ${long}
    ${
      index === ctx.active
        ? html`<span class="actions">
            <button
              class="btn btn-ghost btn-xs"
              tabindex="-1"
              data-action="path"
              title="Ctrl+Shift+C"
            >
              copy path
            </button>
            <button class="btn btn-ghost btn-xs" tabindex="-1" data-action="js">copy as JS</button>
            <button class="btn btn-ghost btn-xs" tabindex="-1" data-action="value" title="Ctrl+C">
              copy value
            </button>
          </span>`
        : nothing
    }
  </div>`;
}

function moreRow(index: number, row: TreeRow, ctx: TreeRowContext): TemplateResult {
  const { shown, total } = row.more!;
  const step = Math.min(1000, total - shown);
  return html`<div
    class="row more-row${index === ctx.active ? ' active' : ''}"
    role="treeitem"
    data-index=${index}
    tabindex=${index === ctx.active ? 0 : -1}
    aria-level=${row.depth + 1}
    aria-setsize=${ctx.setSize(row)}
    aria-posinset=${shown + 1}
    style="padding-inline-start: ${indent(row.depth)}"
  >
    <span class="twisty" aria-hidden="true"></span>
    <button class="btn btn-ghost btn-xs" tabindex="-1" data-action="more">
      show ${formatNumber(step, 0)} more
    </button>
    <span class="muted">${formatNumber(shown, 0)} of ${formatNumber(total, 0)} shown</span>
  </div>`;
}

/** One line of the raw view (no whitespace between its parts: the line is preformatted). */
export function rawRow(n: number, line: RawLine, doc: JsonDoc): TemplateResult {
  const kind = doc.kind(line.node);
  const deep = line.depth > MAX_INDENT_DEPTH;
  const depth = deep ? html`<span class="depth">⟨depth ${line.depth}⟩ </span>` : nothing;
  const key =
    line.key !== undefined
      ? html`<span class="key">${visibleText(line.key)}</span><span class="punct">: </span>`
      : nothing;
  const cls = doc.isContainer(line.node) ? 'punct' : KIND_CLASS[kind]!;
  const comma = line.comma ? html`<span class="punct">,</span>` : nothing;
  const style = `padding-inline-start: ${indent(line.depth)}`;
  // prettier-ignore
  return html`<div class="line" data-line=${n} style=${style}>${depth}${key}<span class=${cls}>${visibleText(line.body)}</span>${comma}</div>`;
}
