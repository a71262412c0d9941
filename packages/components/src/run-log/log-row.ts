/**
 * One row of `<run-log>` as a template: a log record, a terminal line or a marker. Rows are lean
 * (text set as properties, no extra wrappers) because up to a screenful and a half of them is
 * all the DOM the log ever has. Nothing from the stream is ever read as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { LogLevel, LogMarker, RunState } from '@athanor/protocol';
import { formatNumber, plural } from '../shared/format.ts';
import { highlightJson, prettyJson } from '../shared/json-highlight.ts';
import { legible } from '../shared/contrast.ts';
import { hasInvisible, visibleText } from '../shared/visible-text.ts';
import { matchRanges } from './log-search.ts';
import { DROPPED_ROW } from './log-view.ts';
import { ROW_LINE, ROW_LOG, type LogRows } from './log-rows.ts';
import type { TermLine, TermSegment, TermStyle } from './terminal.ts';

/** Characters of a message shown before "show more"; all of it is copied. */
export const SHOWN_CHARS = 10_000;
/** Characters shown once the reader asked for more. */
export const SHOWN_CHARS_EXPANDED = 1_000_000;

/** What every row needs to know. */
export interface RowContext {
  readonly rows: LogRows;
  readonly state: RunState;
  readonly relative: boolean;
  readonly expanded: ReadonlySet<number>;
  readonly pattern: RegExp | undefined;
  /** Row and in-row number of the current search hit. */
  readonly current: { readonly row: number; readonly nth: number } | undefined;
  readonly active: number;
  readonly setSize: number;
  readonly cap: number;
  /** Row marked as just jumped to. */
  readonly flashRow: number;
  /** View position of the row that shows the copy actions. */
  readonly actionsAt: number;
  readonly actions: (row: number) => TemplateResult;
  /** Luminance of the log's background, to keep programs' own colours legible on it. */
  readonly background: number;
}

const LEVEL_LABEL: Record<LogLevel, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'FATAL',
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `HH:MM:SS.mmm` local, or `+H:MM:SS.mmm` since the run started. */
export function formatStamp(
  time: number,
  relative: boolean,
  startedAt: number | undefined,
): string {
  if (relative && startedAt !== undefined) {
    const ms = Math.max(0, time - startedAt);
    const s = Math.floor(ms / 1000);
    return `+${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(Math.floor(ms % 1000), 3)}`;
  }
  const d = new Date(time);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The text a row is searched and copied as. */
export function rowText(rows: LogRows, row: number): string {
  const kind = rows.kind(row);
  if (kind === ROW_LOG) return rows.state.logs.text(rows.ref(row));
  if (kind === ROW_LINE) return rows.line(row)?.text ?? '';
  const marker = rows.marker(row);
  return marker ? markerText(marker) : '';
}

/** A marker in words. */
export function markerText(marker: LogMarker): string {
  if (marker.kind === 'gap') {
    const n = marker.to - marker.from + 1;
    const seqs = n === 1 ? `seq ${marker.from}` : `seq ${marker.from}–${marker.to}`;
    return `${plural(n, 'event')} missing (${seqs})`;
  }
  if (marker.kind === 'invalid') return `invalid event skipped: ${marker.reason}`;
  if (marker.state === 'open') return `reconnected (attempt ${marker.attempt})`;
  return `connection lost${marker.message ? `: ${marker.message}` : ''}; reconnecting…`;
}

/** Text with the search hits marked; the current hit gets `.current`. */
function marked(text: string, ctx: RowContext, row: number, offset = 0): unknown[] {
  if (!ctx.pattern) return [visibleText(text)];
  const out: unknown[] = [];
  let last = 0;
  matchRanges(ctx.pattern, text).forEach(([a, b], i) => {
    if (a > last) out.push(visibleText(text.slice(last, a)));
    const current = ctx.current?.row === row && ctx.current.nth === i + offset;
    out.push(html`<mark class=${current ? 'current' : ''}>${visibleText(text.slice(a, b))}</mark>`);
    last = b;
  });
  if (last < text.length) out.push(visibleText(text.slice(last)));
  return out;
}

function clipped(text: string, expanded: boolean): { shown: string; more: number } {
  const limit = expanded ? SHOWN_CHARS_EXPANDED : SHOWN_CHARS;
  return text.length > limit
    ? { shown: text.slice(0, limit), more: text.length - limit }
    : { shown: text, more: 0 };
}

function rowAttrs(pos: number, ctx: RowContext) {
  return { tab: pos === ctx.active ? 0 : -1, posinset: pos + 1, setsize: ctx.setSize };
}

function extras(pos: number, row: number, ctx: RowContext) {
  return pos === ctx.actionsAt ? ctx.actions(row) : nothing;
}

const flash = (row: number, ctx: RowContext) => (row === ctx.flashRow ? ' flash' : '');

/** The row at view position `pos`. */
export function renderRow(pos: number, row: number, ctx: RowContext): TemplateResult {
  const a = rowAttrs(pos, ctx);
  if (row === DROPPED_ROW) {
    return html`<div
      class="row marker"
      role="listitem"
      data-pos=${pos}
      tabindex=${a.tab}
      aria-posinset=${a.posinset}
      aria-setsize=${a.setsize}
    >
      <span
        class="mark-text"
        .textContent=${`… ${plural(ctx.rows.dropped, 'older row')} dropped (max-entries ${formatNumber(ctx.cap)})`}
      ></span>
    </div>`;
  }
  const kind = ctx.rows.kind(row);
  if (kind === ROW_LOG) return logRow(pos, row, ctx);
  if (kind === ROW_LINE) return lineRow(pos, row, ctx);
  return markerRow(pos, row, ctx);
}

/** Whether a text can go straight into `.textContent` (nothing to mark, nothing to show). */
const plainText = (text: string, ctx: RowContext) => !ctx.pattern && !hasInvisible(text);

function logRow(pos: number, row: number, ctx: RowContext): TemplateResult {
  const { logs } = ctx.state;
  const i = ctx.rows.ref(row);
  const level = logs.level(i)!;
  const meta = logs.meta(i);
  const expanded = ctx.expanded.has(row);
  const { shown, more } = clipped(logs.text(i), expanded);
  const a = rowAttrs(pos, ctx);
  const cls = `row log lvl-${level}${flash(row, ctx)}`;
  const time = formatStamp(logs.time(i), ctx.relative, ctx.state.startedAt);
  // Most rows are plain text with nothing after the message: their template has no whitespace
  // nodes and sets the message as textContent, the cheapest row to make while a log streams.
  const tail = more > 0 || meta || pos === ctx.actionsAt;
  const msg =
    plainText(shown, ctx) && !tail
      ? html`<span class="msg" .textContent=${shown}></span>`
      : html`<span class="msg"
          >${marked(shown, ctx, row)}${more > 0 ? moreButton(more, expanded) : nothing}</span
        >`;
  // prettier-ignore
  return html`<div class=${cls} role="listitem" data-pos=${pos} tabindex=${a.tab} aria-posinset=${a.posinset} aria-setsize=${a.setsize}><span class="time" .textContent=${time}></span><span class="lvl" .textContent=${LEVEL_LABEL[level]}></span><span class="logger" .textContent=${logs.logger(i) ?? ''}></span>${msg}${tail ? logTail(pos, row, ctx, meta, expanded) : nothing}</div>`;
}

function logTail(
  pos: number,
  row: number,
  ctx: RowContext,
  meta: Record<string, unknown> | undefined,
  expanded: boolean,
): TemplateResult {
  const keys = meta ? Object.keys(meta).length : 0;
  return html`${
    meta
      ? html`<button
          class="toggle"
          tabindex="-1"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-label=${`Meta {${formatNumber(keys)}}: ${plural(keys, 'key')}`}
          .textContent=${`{${formatNumber(keys)}}`}
        ></button>`
      : nothing
  }${extras(pos, row, ctx)}${meta && expanded ? metaBlock(meta) : nothing}`;
}

function moreButton(more: number, expanded: boolean): TemplateResult {
  return html`<button
    class="more"
    tabindex="-1"
    aria-expanded=${expanded ? 'true' : 'false'}
    .textContent=${expanded ? ` … ${formatNumber(more)} more characters (copy the line for all)` : ` … show ${formatNumber(more)} more characters`}
  ></button>`;
}

function metaBlock(meta: unknown): TemplateResult {
  const { text, truncated } = prettyJson(meta);
  return html`<pre class="meta">${highlightJson(text)}${truncated ? '\n…' : ''}</pre>`;
}

function lineRow(pos: number, row: number, ctx: RowContext): TemplateResult {
  const line = ctx.rows.line(row)!;
  const expanded = ctx.expanded.has(row);
  const a = rowAttrs(pos, ctx);
  return html`<div
    class="row line stream-${line.stream}${flash(row, ctx)}"
    role="listitem"
    data-pos=${pos}
    tabindex=${a.tab}
    aria-posinset=${a.posinset}
    aria-setsize=${a.setsize}
  >
    <span
      class="time"
      .textContent=${formatStamp(line.firstTime, ctx.relative, ctx.state.startedAt)}
    ></span>
    <span class="lvl" .textContent=${line.stream === 'stderr' ? 'err' : 'out'}></span>
    <span class="msg">${segments(line, ctx, row)}</span>
    ${
      line.redraws > 0
        ? html`<button
            class="toggle"
            tabindex="-1"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-label=${`History ↻${formatNumber(line.redraws)}: ${plural(line.redraws, 'redraw')}`}
            .textContent=${`↻${formatNumber(line.redraws)}`}
          ></button>`
        : nothing
    }
    ${extras(pos, row, ctx)} ${expanded && line.redraws > 0 ? history(line, ctx) : nothing}
  </div>`;
}

function segments(line: TermLine, ctx: RowContext, row: number): unknown[] {
  const parts = line.segments();
  if (ctx.pattern) {
    // Search hits may cross styles: mark the plain text, keep the styles of the first piece.
    return parts.length === 1 && !parts[0]!.style && !parts[0]!.href
      ? marked(line.text, ctx, row)
      : markedSegments(parts, ctx, row);
  }
  return parts.map((p) => segment(p, ctx.background));
}

function markedSegments(parts: TermSegment[], ctx: RowContext, row: number) {
  let nth = 0;
  return parts.map((p) => {
    const inner = marked(p.text, ctx, row, nth);
    nth += ctx.pattern ? matchRanges(ctx.pattern, p.text).length : 0;
    return segment(p, ctx.background, inner);
  });
}

function segment(
  p: TermSegment,
  background: number,
  inner?: unknown[],
): TemplateResult | string | unknown[] {
  const content = inner ?? visibleText(p.text);
  if (!p.style && !p.href) return content as TemplateResult | string;
  const style = p.style ? styleMap(cssOf(p.style, background)) : nothing;
  return p.href
    ? html`<a href=${p.href} target="_blank" rel="noopener noreferrer" style=${style}
        >${content}</a
      >`
    : html`<span style=${style}>${content}</span>`;
}

/** Inline CSS of a terminal style (set through the CSSOM: fine under a strict CSP). */
export function cssOf(s: TermStyle, background: number): Record<string, string> {
  const fg = s.inverse ? (s.bg ?? 'var(--_log-bg)') : s.fg;
  const bg = s.inverse ? (s.fg ?? 'var(--color-base-content)') : s.bg;
  const css: Record<string, string> = {};
  // A program's own colour on our background is made legible; on its own background it is kept.
  if (fg) css.color = bg === undefined ? legible(fg, background) : fg;
  if (bg) css['background-color'] = bg;
  if (s.bold) css['font-weight'] = '700';
  if (s.dim) css.opacity = '0.7';
  if (s.italic) css['font-style'] = 'italic';
  const lines = [s.underline && 'underline', s.strike && 'line-through'].filter(Boolean);
  if (lines.length) css['text-decoration'] = lines.join(' ');
  return css;
}

function history(line: TermLine, ctx: RowContext): TemplateResult {
  const stamp = (t: number) => formatStamp(t, ctx.relative, ctx.state.startedAt);
  // It scrolls past 20rem (up to 48 samples): focusable, so the keyboard can scroll it too.
  return html`<div
    class="history"
    role="group"
    tabindex="0"
    aria-label="Earlier states of this line"
  >
    ${line.samples.map(
      (s) =>
        html`<div>
          <span class="time" .textContent=${stamp(s.time)}></span
          ><span .textContent=${s.text}></span>
        </div>`,
    )}
    <div>
      <span class="time" .textContent=${stamp(line.lastTime)}></span><span class="muted">now</span>
    </div>
  </div>`;
}

function markerRow(pos: number, row: number, ctx: RowContext): TemplateResult {
  const marker = ctx.rows.marker(row)!;
  const expanded = ctx.expanded.has(row);
  const a = rowAttrs(pos, ctx);
  const icon = marker.kind === 'gap' ? '⚠' : marker.kind === 'invalid' ? '✗' : '↻';
  return html`<div
    class="row marker marker-${marker.kind}${flash(row, ctx)}"
    role="listitem"
    data-pos=${pos}
    tabindex=${a.tab}
    aria-posinset=${a.posinset}
    aria-setsize=${a.setsize}
  >
    <span
      class="time"
      .textContent=${formatStamp(marker.time, ctx.relative, ctx.state.startedAt)}
    ></span>
    <span class="lvl" aria-hidden="true" .textContent=${icon}></span>
    <span class="msg mark-text">${marked(markerText(marker), ctx, row)}</span>
    ${
      marker.kind === 'invalid'
        ? html`<button
            class="toggle"
            tabindex="-1"
            aria-expanded=${expanded ? 'true' : 'false'}
            .textContent=${'raw'}
          ></button>`
        : nothing
    }
    ${extras(pos, row, ctx)}
    ${
      marker.kind === 'invalid' && expanded
        ? html`<pre
            class="raw"
            .textContent=${marker.raw + (marker.rawLength > marker.raw.length ? `\n… ${formatNumber(marker.rawLength - marker.raw.length)} more characters not kept` : '')}
          ></pre>`
        : nothing
    }
  </div>`;
}
