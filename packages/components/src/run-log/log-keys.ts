/**
 * Keyboard, pointer and row actions of `<run-log>`: the rows form one tab stop (roving
 * tabindex); arrows, Page Up/Down, Home and End move between them, Enter expands; the row under
 * the pointer or the keyboard offers copy line, copy JSON and copy link.
 */
import { html, type TemplateResult } from 'lit';
import { ROW_LINE, ROW_LOG } from './log-rows.ts';
import { rowLine } from './log-export.ts';
import type { RunLog } from './run-log.ts';

const PAGE_ROWS = 20;

export class LogKeys {
  private focusPending = false;

  constructor(private readonly host: RunLog) {}

  readonly onKeyDown = (e: KeyboardEvent) => {
    const h = this.host;
    const total = h.view?.length ?? 0;
    if (total === 0 || e.defaultPrevented) return;
    if ((e.target as HTMLElement).closest('input, button:not(.toggle):not(.more)')) return;
    const moves: Record<string, () => number> = {
      ArrowDown: () => h.active + 1,
      ArrowUp: () => h.active - 1,
      PageDown: () => h.active + PAGE_ROWS,
      PageUp: () => h.active - PAGE_ROWS,
      Home: () => 0,
    };
    if (e.key === 'End') {
      e.preventDefault();
      h.active = total - 1;
      h.resume();
      this.focusPending = true;
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      const row = h.view!.rowAt(h.active);
      if (row >= 0 && this.expandable(row)) {
        e.preventDefault();
        h.toggleRow(row);
      }
      return;
    }
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    if (e.key !== 'ArrowDown' && e.key !== 'PageDown') h.pause();
    const pos = Math.max(0, Math.min(total - 1, move()));
    h.reveal(pos, 'nearest');
    this.focusPending = true;
  };

  readonly onClick = (e: MouseEvent) => {
    const target = e.composedPath()[0] as HTMLElement;
    const rowEl = target.closest?.('.row') as HTMLElement | null;
    if (!rowEl) return;
    const pos = Number(rowEl.dataset.pos);
    const h = this.host;
    h.active = pos;
    const row = h.view!.rowAt(pos);
    const action = (target.closest('[data-action]') as HTMLElement | null)?.dataset.action;
    if (action) return void this.act(action, row);
    if (target.closest('.toggle, .more') && row >= 0) h.toggleRow(row);
    h.requestUpdate();
  };

  readonly onPointerOver = (e: PointerEvent) => {
    const rowEl = (e.composedPath()[0] as HTMLElement).closest?.('.row') as HTMLElement | null;
    const pos = rowEl ? Number(rowEl.dataset.pos) : -1;
    if (pos !== this.hovered) {
      this.hovered = pos;
      this.host.requestUpdate();
    }
  };

  readonly onFocusIn = (e: FocusEvent) => {
    const rowEl = (e.target as HTMLElement).closest?.('.row') as HTMLElement | null;
    if (rowEl && Number(rowEl.dataset.pos) !== this.host.active) {
      this.host.active = Number(rowEl.dataset.pos);
      this.host.requestUpdate();
    }
  };

  /** Row under the pointer, -1 when none. */
  hovered = -1;

  /** Row that shows the actions: the hovered one, else the keyboard's. */
  get actionsAt(): number {
    return this.hovered >= 0 ? this.hovered : this.host.active;
  }

  /** Focuses the keyboard's row once it is rendered. */
  afterRender(): void {
    if (!this.focusPending) return;
    const el = this.host.shadowRoot?.querySelector<HTMLElement>(
      `.row[data-pos="${this.host.active}"]`,
    );
    if (el) {
      el.focus({ preventScroll: true });
      this.focusPending = false;
    } else {
      requestAnimationFrame(() => this.host.requestUpdate());
    }
  }

  /** The copy actions of a row. */
  actions(row: number): TemplateResult {
    const kind = row >= 0 ? this.host.rows!.kind(row) : -1;
    const entry = kind === ROW_LOG || kind === ROW_LINE;
    return html`<span class="actions">
      <button class="btn btn-xs btn-ghost" data-action="line" title="Copy the line">copy</button>
      ${
        entry
          ? html`<button class="btn btn-xs btn-ghost" data-action="json" title="Copy as JSON">
                json
              </button>
              <button
                class="btn btn-xs btn-ghost"
                data-action="link"
                title="Copy a link to this entry"
              >
                link
              </button>`
          : ''
      }
    </span>`;
  }

  private expandable(row: number): boolean {
    const rows = this.host.rows!;
    const kind = rows.kind(row);
    if (kind === ROW_LOG) {
      const i = rows.ref(row);
      return rows.state.logs.meta(i) !== undefined || rows.state.logs.text(i).length > 10_000;
    }
    if (kind === ROW_LINE) return (rows.line(row)?.redraws ?? 0) > 0;
    return rows.marker(row)?.kind === 'invalid';
  }

  private act(action: string, row: number): void {
    const h = this.host;
    const rows = h.rows!;
    if (row < 0) return;
    if (action === 'line') return void h.copy(rowLine(rows, row), 'the line');
    const kind = rows.kind(row);
    const entry = kind === ROW_LOG ? rows.ref(row) : undefined;
    const seq = entry !== undefined ? rows.state.logs.seq(entry) : rows.line(row)?.firstSeq;
    if (action === 'json') {
      const json =
        entry !== undefined
          ? rows.state.logs.at(entry)
          : { stream: rows.line(row)?.stream, text: rows.line(row)?.text };
      return void h.copy(JSON.stringify(json), 'the entry as JSON');
    }
    if (action === 'link' && seq !== undefined) void h.copy(h.linkTo(seq), 'a link to the entry');
  }
}
