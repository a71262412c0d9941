import { css } from 'lit';

export const runHistoryStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_background: var(--athanor-run-history-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-run-history-border-color, var(--_p-color-base-300));
  }
  .athanor-root {
    background: var(--_background);
    border-color: var(--_border-color);
    border-radius: var(--radius-box);
    overflow: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.3rem 0.5rem;
    text-align: start;
    vertical-align: middle;
    border-bottom: 1px solid var(--_border-color);
    white-space: nowrap;
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  th {
    background: var(--color-base-200);
    font-weight: 600;
    position: sticky;
    top: 0;
    z-index: 1;
  }
  .numeric {
    text-align: end;
  }
  th.numeric .sort {
    flex-direction: row-reverse;
  }
  .select {
    width: 2rem;
    text-align: center;
  }
  input[type='checkbox'] {
    width: 0.95rem;
    height: 0.95rem;
    accent-color: var(--color-primary);
    vertical-align: middle;
    cursor: pointer;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    border-radius: var(--radius-field);
  }
  .sort:hover {
    text-decoration: underline;
  }
  .arrow {
    display: inline-block;
    width: 0.7rem;
    font-size: 0.65rem;
  }
  tbody tr:hover {
    background: color-mix(in oklab, var(--color-base-200) 60%, var(--_background));
  }
  tr.selected,
  tr.selected:hover {
    background: color-mix(in oklab, var(--color-primary) 12%, var(--_background));
  }
  .name {
    max-width: 28rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .name a {
    color: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-decoration-color: color-mix(in oklab, currentColor 40%, transparent);
    text-underline-offset: 2px;
    border-radius: var(--radius-field);
  }
  .name a:hover {
    text-decoration-color: currentColor;
  }
  .phase {
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    gap: 0.3rem;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_background));
  }
  .empty {
    padding: 0.75rem 0.625rem;
    margin: 0;
  }
  .empty:empty {
    display: none;
  }
  .more {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0.5rem;
    border-top: 1px solid var(--_border-color);
  }
  .load-error {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0;
    padding: 0.375rem 0.625rem;
    border-inline-start: 3px solid var(--color-error);
    background: color-mix(in oklab, var(--color-error) 7%, var(--_background));
  }
  /* Narrow containers drop the start time first: the duration says more. */
  @container (max-width: 32rem) {
    th:nth-last-child(3),
    td:nth-last-child(3) {
      display: none;
    }
  }
`;
