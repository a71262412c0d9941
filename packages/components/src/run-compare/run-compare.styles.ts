import { css } from 'lit';

export const runCompareStyles = css`
  :host {
    display: block;
    --_background: var(--athanor-run-compare-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-run-compare-border-color, var(--_p-color-base-300));
    --_key-width: var(--athanor-run-compare-key-width, 15rem);
    --_run-width: var(--athanor-run-compare-run-width, 13rem);
    --_differs: var(--athanor-run-compare-differs, var(--_p-color-warning));
  }
  .frame {
    background: var(--_background);
    border: 1px solid var(--_border-color);
    border-radius: var(--radius-box);
    overflow: hidden;
  }
  .notice {
    margin: 0;
    padding: 0.5rem 0.625rem;
    border-inline-start: 3px solid var(--color-warning);
    background: color-mix(in oklab, var(--color-warning) 8%, var(--_background));
  }
  /* Positioned, so that the screen-reader-only texts (absolute) of cells scrolled out of view
     are clipped with them instead of widening the page. */
  .scroller {
    position: relative;
    overflow-x: auto;
    container-type: inline-size;
  }
  /* Shadows on the edges past which more runs are (the left one starts after the sticky first
     column): the overflow is seen without finding the scrollbar. */
  .viewport {
    position: relative;
  }
  .viewport.more-before::before,
  .viewport.more-after::after {
    content: '';
    position: absolute;
    z-index: 3;
    top: 0;
    bottom: 0;
    width: 0.75rem;
    pointer-events: none;
  }
  .viewport.more-before::before {
    left: var(--_pan-key);
    background: linear-gradient(to right, var(--_pan-shadow), transparent);
  }
  .viewport.more-after::after {
    right: 0;
    background: linear-gradient(to left, var(--_pan-shadow), transparent);
  }
  .frame {
    /* Darkening the edge reads as depth on light and dark pages alike (a light one glows). */
    --_pan-shadow: color-mix(in oklab, black 28%, transparent);
  }
  .pan {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .pan-range {
    white-space: nowrap;
  }
  /* Each section is as wide as its table, so that its heading can stay in view (sticky) while
     the runs scroll sideways. */
  .section {
    width: max(100cqi, calc(var(--_key-width) + var(--_runs) * var(--_run-width)));
    border-bottom: 1px solid var(--_border-color);
  }
  .section:last-child {
    border-bottom: none;
  }
  .section-head {
    position: sticky;
    left: 0;
    width: 100cqi;
    box-sizing: border-box;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0.625rem 0.25rem;
  }
  h3 {
    margin: 0;
    font-size: 0.8125rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    cursor: pointer;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 0.95rem;
    height: 0.95rem;
    margin: 0;
    accent-color: var(--color-primary);
    cursor: pointer;
  }
  table.compare-table {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 0;
  }
  th,
  td {
    padding: 0.3rem 0.5rem;
    text-align: start;
    vertical-align: top;
    border-top: 1px solid var(--_border-color);
    overflow-wrap: anywhere;
  }
  thead th {
    background: var(--color-base-200);
    font-weight: 600;
    border-top: none;
  }
  .key {
    position: sticky;
    left: 0;
    z-index: 1;
    width: var(--_key-width);
    box-sizing: border-box;
    background: var(--_background);
    border-inline-end: 1px solid var(--_border-color);
    font-weight: 400;
  }
  thead .key {
    background: var(--color-base-200);
    font-weight: 600;
  }
  /* A long key wraps inside itself, beside its mark, rather than dropping below it whole. */
  tbody th.key {
    white-space: nowrap;
  }
  th.key code {
    display: inline-block;
    max-width: calc(100% - 1.25rem);
    vertical-align: top;
    font-weight: 600;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  code,
  .value,
  .stats,
  .delta,
  .count,
  pre {
    font-family: var(--font-mono);
  }
  .run-head .base-mark {
    display: inline-block;
  }
  .run-head a {
    color: inherit;
    text-decoration: underline;
    text-decoration-color: color-mix(in oklab, currentColor 40%, transparent);
    text-underline-offset: 2px;
  }
  .run-id {
    font-family: var(--font-mono);
    font-weight: 400;
    font-size: 0.75rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .base-mark {
    margin-inline-start: 0.375rem;
    padding: 0 0.3rem;
    border: 1px solid currentColor;
    border-radius: var(--radius-selector);
    font-size: 0.6875rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--color-primary);
  }
  td.base {
    background: color-mix(in oklab, var(--color-primary) 5%, var(--_background));
  }
  .phase {
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    gap: 0.3rem;
  }
  .error-text {
    margin-top: 0.2rem;
    color: var(--color-error);
    font-size: 0.75rem;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .connection {
    margin-top: 0.2rem;
    color: var(--color-warning);
    font-size: 0.75rem;
  }
  .choose {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    cursor: pointer;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_background));
  }
  .mark {
    display: inline-block;
    width: 0.9rem;
    font-weight: 700;
    color: var(--_differs);
  }
  td.differs {
    background: color-mix(in oklab, var(--_differs) 12%, var(--_background));
    font-weight: 600;
  }
  tr.missing th.key .mark {
    color: var(--color-base-content);
  }
  .changed {
    font-weight: 600;
  }
  .delta,
  .stats {
    font-size: 0.75rem;
  }
  .stats {
    margin-top: 0.2rem;
    color: color-mix(in oklab, var(--color-base-content) 80%, var(--_background));
  }
  .spark {
    display: block;
    width: 100%;
    max-width: 10rem;
    height: 1.25rem;
    margin-top: 0.2rem;
    color: var(--color-primary);
  }
  .top {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  summary {
    cursor: pointer;
    border-radius: var(--radius-field);
  }
  details.diff summary,
  details.doc summary {
    font-family: var(--font-mono);
    font-size: 0.75rem;
  }
  .changes {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    font-family: var(--font-mono);
    font-size: 0.75rem;
  }
  .changes li {
    padding: 0.1rem 0;
    border-top: 1px dashed var(--_border-color);
  }
  .changes .path {
    font-weight: 600;
  }
  .change-added .mark,
  .change-removed .mark,
  .change-changed .mark {
    color: var(--color-base-content);
  }
  .was {
    text-decoration: line-through;
    text-decoration-color: color-mix(in oklab, currentColor 50%, transparent);
  }
  pre.json {
    margin: 0.25rem 0 0;
    max-height: 12rem;
    overflow: auto;
    white-space: pre-wrap;
    font-size: 0.75rem;
  }
  .more {
    margin: 0.2rem 0 0;
    font-size: 0.75rem;
  }
  .note {
    margin: 0;
    padding: 0.25rem 0.625rem 0.5rem;
    position: sticky;
    left: 0;
    width: 100cqi;
    box-sizing: border-box;
  }
  .lvl-warn .count.some {
    color: var(--color-warning);
    font-weight: 600;
  }
  .lvl-error .count.some,
  .lvl-fatal .count.some {
    color: var(--color-error);
    font-weight: 700;
  }
  /* In a narrow frame the first column gives up width first: the runs are what is compared. */
  @container (max-width: 40rem) {
    .section {
      --_key-width: min(var(--athanor-run-compare-key-width, 15rem), 9rem);
      --_run-width: min(var(--athanor-run-compare-run-width, 13rem), 10rem);
    }
  }
`;
