/**
 * The toolbar of `<run-log>`: follow, wrap and time toggles, level counts (filters once the run
 * is over), search (once the run is over), export, and where the view is.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LOG_LEVELS, type RunState } from '@athanor/protocol';
import { formatNumber } from '../shared/format.ts';
import type { LogCategory } from './log-view.ts';

/** What the toolbar shows and whom it tells. */
export interface ToolbarModel {
  readonly state: RunState;
  readonly follow: boolean;
  readonly wrap: boolean;
  readonly relative: boolean;
  readonly hidden: ReadonlySet<LogCategory>;
  readonly lineCounts: Readonly<Record<'stdout' | 'stderr', number>>;
  readonly query: string;
  readonly regex: boolean;
  readonly queryError: string | undefined;
  /** e.g. "3 of 120", "searching… 40%", "no match". */
  readonly hits: string;
  readonly on: {
    follow(): void;
    wrap(): void;
    time(): void;
    toggle(category: LogCategory): void;
    query(text: string): void;
    regex(): void;
    next(back: boolean): void;
    exportJsonl(): void;
    exportText(): void;
  };
}

const LIVE_NOTE =
  'Filter and search open once the run has finished: live, they would hide the context around new entries.';

const CHIP_CLASS: Partial<Record<LogCategory, string>> = {
  warn: 'count-warn',
  error: 'count-error',
  fatal: 'count-error',
};

function chip(m: ToolbarModel, category: LogCategory, count: number): TemplateResult {
  const live = !m.state.isFinal;
  const shown = !m.hidden.has(category);
  return html`<button
    class="btn btn-xs ${shown ? 'btn-ghost' : 'btn-ghost line-through opacity-70'} ${CHIP_CLASS[category] ?? ''}"
    aria-pressed=${shown ? 'true' : 'false'}
    ?disabled=${live}
    title=${live ? LIVE_NOTE : `${shown ? 'Hide' : 'Show'} ${category}`}
    @click=${() => m.on.toggle(category)}
  >
    ${category} ${formatNumber(count)}
  </button>`;
}

function toggle(label: string, pressed: boolean, onClick: () => void, title: string) {
  return html`<button
    class="btn btn-xs ${pressed ? 'btn-primary' : 'btn-ghost'}"
    aria-pressed=${pressed ? 'true' : 'false'}
    title=${title}
    @click=${onClick}
  >
    ${label}
  </button>`;
}

/** The toolbar. */
export function renderToolbar(m: ToolbarModel): TemplateResult {
  const live = !m.state.isFinal;
  const counts = m.state.logCounts;
  const levels = LOG_LEVELS.filter((l) => counts[l] > 0 || l === 'error' || l === 'warn');
  return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label="Log">
    <div class="group">
      ${toggle('Follow', m.follow, m.on.follow, 'Stick to the newest entry (End)')}
      ${toggle('Wrap', m.wrap, m.on.wrap, 'Wrap long lines')}
      <button class="btn btn-xs btn-ghost" title="Switch the time column" @click=${m.on.time}>
        ${m.relative ? 'Since start' : 'Clock'}
      </button>
    </div>
    <div class="group" role="group" aria-label="Levels">
      ${levels.map((l) => chip(m, l, counts[l]))}
      ${m.lineCounts.stdout > 0 ? chip(m, 'stdout', m.lineCounts.stdout) : nothing}
      ${m.lineCounts.stderr > 0 ? chip(m, 'stderr', m.lineCounts.stderr) : nothing}
    </div>
    <div class="group" role="group" aria-label="Search">
      <input
        class="input input-xs"
        type="search"
        aria-label="Search the log"
        placeholder=${live ? 'Search after the run ends' : 'Search'}
        title=${live ? LIVE_NOTE : 'Enter: next, Shift+Enter: previous'}
        ?disabled=${live}
        .value=${m.query}
        aria-invalid=${m.queryError ? 'true' : 'false'}
        @input=${(e: Event) => m.on.query((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') m.on.next(e.shiftKey);
        }}
      />
      ${toggle('.*', m.regex, m.on.regex, 'Regular expression')}
      <button
        class="btn btn-xs btn-ghost"
        aria-label="Previous match"
        ?disabled=${live || !m.query}
        @click=${() => m.on.next(true)}
      >
        ↑
      </button>
      <button
        class="btn btn-xs btn-ghost"
        aria-label="Next match"
        ?disabled=${live || !m.query}
        @click=${() => m.on.next(false)}
      >
        ↓
      </button>
      <span class="muted" role="status"
        >${m.queryError ? `invalid pattern: ${m.queryError}` : m.hits}</span
      >
    </div>
    <span class="spacer"></span>
    <span class="muted font-mono"
      ><span class="sr-only">Rows shown: </span><span class="position"></span
    ></span>
    <div class="group">
      <button
        class="btn btn-xs btn-ghost"
        title="Download every entry as JSONL"
        @click=${m.on.exportJsonl}
      >
        JSONL
      </button>
      <button
        class="btn btn-xs btn-ghost"
        title="Download the log as plain text"
        @click=${m.on.exportText}
      >
        Text
      </button>
    </div>
  </div>`;
}
