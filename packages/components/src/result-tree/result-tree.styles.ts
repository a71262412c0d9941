import { css } from 'lit';

export const resultTreeStyles = css`
  :host {
    display: block;
    height: var(--athanor-result-tree-height, 28rem);
    --_tree-bg: var(--athanor-result-tree-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-result-tree-border-color, var(--_p-color-base-300));
    --_indent: 1.25rem;
  }
  .athanor-root {
    height: 100%;
    display: flex;
    flex-direction: column;
    background: var(--_tree-bg);
    border: 1px solid var(--_border-color);
    border-radius: var(--radius-box);
    overflow: hidden;
    position: relative;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_tree-bg));
  }
  .count,
  .size {
    font-size: 0.75rem;
  }
  .empty {
    padding: 1rem;
  }
  /* As in the log: the scroller is a layout root, sized by the element, never by its rows. */
  .rows {
    flex: 1;
    min-height: 0;
    overscroll-behavior: contain;
    contain: strict;
    font-family: var(--font-mono);
    font-size: 0.75rem;
  }
  .rows:focus-visible {
    outline: 2px solid var(--color-primary);
    outline-offset: -2px;
  }
  .row,
  .line {
    display: block;
    min-width: 100%;
    width: max-content;
    min-height: 1.25rem;
    padding-block: 1px;
    padding-inline-end: 0.5rem;
    line-height: 1.125rem;
    white-space: nowrap;
    contain: layout style;
    cursor: default;
  }
  .line {
    white-space: pre;
  }
  .row:focus-visible {
    outline: 2px solid var(--color-primary);
    outline-offset: -2px;
  }
  .row.active {
    background: color-mix(in oklab, var(--color-base-content) 6%, var(--_tree-bg));
  }
  .row.flash {
    animation: flash 1.2s ease-out;
  }
  @keyframes flash {
    from {
      background: color-mix(in oklab, var(--color-warning) 35%, var(--_tree-bg));
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .row.flash {
      animation: none;
      outline: 1px dashed var(--color-warning);
      outline-offset: -1px;
    }
  }
  .twisty {
    display: inline-block;
    width: 1rem;
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_tree-bg));
  }
  .key {
    color: var(--color-info);
    white-space: pre;
  }
  .index {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_tree-bg));
  }
  .punct {
    margin-inline-end: 0.5ch;
  }
  .line .punct {
    margin: 0;
  }
  .v-str {
    color: var(--color-success);
    white-space: pre;
  }
  .v-str.long-open {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    display: inline-block;
    max-width: calc(100% - 4rem);
    vertical-align: top;
  }
  /* The same colours as the log's JSON. */
  .v-num {
    color: var(--color-accent);
  }
  .v-bool,
  .v-null {
    color: var(--color-warning);
    font-weight: 600;
  }
  .preview {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_tree-bg));
  }
  .depth {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_tree-bg));
    margin-inline-end: 0.5ch;
  }
  .ctl {
    color: var(--color-warning);
    font-size: 0.85em;
  }
  mark {
    background: color-mix(in oklab, var(--color-warning) 32%, transparent);
    /* The tint is the hit's signal: coloured text (keys, levels, terminal colours) would fall
       below 4.5:1 on it in both themes, the base text colour stays above 6.5:1. */
    color: var(--color-base-content);
    border-radius: 2px;
  }
  .long {
    margin-inline-start: 0.5rem;
    font-family: var(--font-sans);
  }
  .actions {
    display: inline-flex;
    gap: 0.125rem;
    margin-inline-start: 1rem;
    font-family: var(--font-sans);
  }
  .error {
    padding: 1rem;
    color: var(--color-base-content);
  }
  .error strong {
    color: var(--color-error);
  }
  .excerpt {
    margin-top: 0.5rem;
    padding: 0.5rem;
    background: var(--color-base-200);
    border-radius: var(--radius-field);
    font-family: var(--font-mono);
    font-size: 0.75rem;
    white-space: pre;
    overflow-x: auto;
  }
  .caret {
    color: var(--color-error);
    font-weight: 700;
  }
`;
