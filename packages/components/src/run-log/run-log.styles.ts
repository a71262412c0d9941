import { css } from 'lit';

export const runLogStyles = css`
  :host {
    display: block;
    height: var(--athanor-run-log-height, 28rem);
    --_log-bg: var(--athanor-run-log-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-run-log-border-color, var(--_p-color-base-300));
    --_row-height: var(--athanor-run-log-row-height, 1.25rem);
    --_logger-width: var(--athanor-run-log-logger-width, 14ch);
  }
  .athanor-root {
    height: 100%;
    display: flex;
    flex-direction: column;
    background: var(--_log-bg);
    border-color: var(--_border-color);
    border-radius: var(--radius-box);
    overflow: hidden;
    position: relative;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_log-bg));
  }
  .viewport {
    flex: 1;
    min-height: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    position: relative;
    font-family: var(--font-mono);
    font-size: 0.75rem;
  }
  .viewport:focus-visible {
    outline-offset: -2px;
  }
  /* The scroller is sized by the log, never by its rows: with strict containment it is a layout
     root, so the rows changing every frame lay out alone, not with the page around them. */
  .rows {
    flex: 1;
    min-height: 0;
    overscroll-behavior: contain;
    contain: strict;
  }
  /* Rows are plain blocks of inline-blocks with layout containment: the virtualizer measures
     and places many of them each frame, so each must lay out cheaply and on its own. */
  .row {
    display: block;
    min-width: 100%;
    width: max-content;
    min-height: var(--_row-height);
    padding: 1px 0.5rem 1px 0.375rem;
    line-height: 1.125rem;
    /* nowrap, not pre: the template's own whitespace between the columns stays one space. */
    white-space: nowrap;
    border-inline-start: 3px solid transparent;
    contain: layout style;
    --_prefix: calc(17ch + var(--_logger-width) + 2.75rem);
  }
  .row > span {
    display: inline-block;
    vertical-align: top;
  }
  .msg,
  .history span {
    white-space: pre;
  }
  :host([wrap]) .row {
    width: 100%;
  }
  :host([wrap]) .msg {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-width: calc(100% - var(--_prefix));
  }
  .row:focus-visible {
    outline: 2px solid var(--color-primary);
    outline-offset: -2px;
  }
  .row.flash {
    background: color-mix(in oklab, var(--color-primary) 16%, var(--_log-bg));
  }
  .time {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_log-bg));
    min-width: 12ch;
    margin-inline-end: 0.25rem;
  }
  .lvl {
    width: 5ch;
    margin-inline-end: 0.25rem;
    font-weight: 600;
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_log-bg));
  }
  .logger {
    width: var(--_logger-width);
    margin-inline-end: 0.25rem;
    overflow: hidden;
    text-overflow: ellipsis;
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_log-bg));
  }
  .lvl-info .lvl {
    color: var(--color-info);
  }
  .lvl-warn .lvl,
  .lvl-warn .msg {
    color: var(--color-warning);
  }
  .lvl-warn {
    border-inline-start-color: var(--color-warning);
  }
  .lvl-error,
  .lvl-fatal {
    background: color-mix(in oklab, var(--color-error) 11%, var(--_log-bg));
    border-inline-start-color: var(--color-error);
  }
  .lvl-error .lvl,
  .lvl-fatal .lvl,
  .lvl-fatal .msg {
    color: var(--color-error);
    font-weight: 700;
  }
  .lvl-fatal {
    background: color-mix(in oklab, var(--color-error) 18%, var(--_log-bg));
  }
  .count-warn {
    color: var(--color-warning);
  }
  .count-error {
    color: var(--color-error);
  }
  .ctl {
    color: var(--color-warning);
    font-size: 0.85em;
  }
  .line .lvl {
    font-weight: 400;
  }
  .marker .mark-text {
    font-style: italic;
    color: color-mix(in oklab, var(--color-base-content) 80%, var(--_log-bg));
  }
  .marker-gap .lvl,
  .marker-connection .lvl {
    color: var(--color-warning);
  }
  .marker-invalid .lvl {
    color: var(--color-error);
  }
  .toggle,
  .more {
    font: inherit;
    cursor: pointer;
    color: var(--color-primary);
    border-radius: var(--radius-field);
    padding: 0 0.25rem;
  }
  /* The arrow is decoration: it stays out of the button's accessible name. */
  .toggle::before {
    content: '▸ ' / '';
  }
  .toggle[aria-expanded='true']::before {
    content: '▾ ' / '';
  }
  .toggle:hover,
  .more:hover {
    background: color-mix(in oklab, var(--color-primary) 12%, transparent);
  }
  pre.meta,
  pre.raw,
  .history {
    display: block;
    width: max-content;
    margin: 0.125rem 0 0.25rem calc(17ch + 1.25rem);
    padding: 0.25rem 0.5rem;
    background: var(--color-base-200);
    border-radius: var(--radius-field);
    white-space: pre;
    overflow-x: auto;
    max-width: calc(100% - 17ch - 1.25rem);
  }
  pre.raw {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 20rem;
  }
  .history {
    /* Lines are divs: the template's own whitespace between them must not show. */
    white-space: normal;
    max-height: 20rem;
    overflow-y: auto;
  }
  .history .time {
    margin-inline-end: 0.5rem;
  }
  .j-key {
    color: var(--color-info);
  }
  .j-str {
    color: var(--color-success);
  }
  .j-num {
    color: var(--color-accent);
  }
  .j-bool,
  .j-null {
    color: var(--color-warning);
  }
  mark {
    background: color-mix(in oklab, var(--color-warning) 32%, transparent);
    /* The tint is the hit's signal: coloured text (keys, levels, terminal colours) would fall
       below 4.5:1 on it in both themes, the base text colour stays above 6.5:1. */
    color: var(--color-base-content);
    border-radius: 2px;
  }
  mark.current {
    outline: 2px solid var(--color-warning);
  }
  a {
    color: inherit;
    text-decoration: underline;
  }
  .actions {
    position: absolute;
    top: 0;
    right: 0.5rem;
    display: inline-flex;
    gap: 0.125rem;
    padding-inline-start: 0.5rem;
    background: var(--_log-bg);
    font-family: var(--font-sans);
  }
  .row.lvl-error .actions,
  .row.lvl-fatal .actions {
    background: inherit;
  }
  .new-below {
    position: absolute;
    right: 1rem;
    bottom: 0.75rem;
    z-index: 2;
  }
  .empty {
    padding: 1rem;
    font-family: var(--font-sans);
  }
`;
