import { css } from 'lit';

export const runStatusStyles = css`
  :host {
    display: block;
    --_background: var(--athanor-run-status-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-run-status-border-color, var(--_p-color-base-300));
    --_sticky-top: var(--athanor-run-status-sticky-top, 0px);
  }
  :host([sticky]) {
    position: sticky;
    top: var(--_sticky-top);
    z-index: 10;
  }
  .athanor-root {
    background: var(--_background);
    border-color: var(--_border-color);
    border-radius: var(--radius-box);
    padding: 0.375rem 0.625rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.875rem;
    min-height: 1.75rem;
  }
  .phase {
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    gap: 0.3rem;
  }
  .run-name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 24rem;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_background));
  }
  .progress-block {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem 0.625rem;
    margin-top: 0.25rem;
  }
  .progress-block progress {
    flex: 1 1 12rem;
    height: 0.375rem;
  }
  .progress-muted {
    color: color-mix(in oklab, var(--color-base-content) 45%, transparent);
  }
  .figures {
    flex: 0 1 auto;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    margin-inline-start: auto;
  }
  .count-error {
    color: var(--color-error);
  }
  .count-warn {
    color: var(--color-warning);
  }
  .error-panel {
    margin-top: 0.375rem;
    padding: 0.375rem 0.5rem;
    border-inline-start: 3px solid var(--color-error);
    background: color-mix(in oklab, var(--color-error) 7%, var(--_background));
    border-radius: var(--radius-field);
  }
  .error-panel.muted-panel {
    border-inline-start-color: var(--color-base-300);
    background: var(--color-base-200);
  }
  .error-message {
    font-weight: 600;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .stack-head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.25rem;
  }
  summary {
    cursor: pointer;
    width: fit-content;
    border-radius: var(--radius-field);
  }
  pre {
    margin-top: 0.25rem;
    max-height: 16rem;
    overflow: auto;
    padding: 0.375rem 0.5rem;
    background: var(--color-base-200);
    border-radius: var(--radius-field);
    font-size: 0.75rem;
    line-height: 1.35;
    white-space: pre;
  }
`;
