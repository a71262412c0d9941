import { css } from 'lit';

export const resultStatsStyles = css`
  :host {
    display: block;
    --_background: var(--athanor-result-stats-background, var(--_p-color-base-100));
    --_border-color: var(--athanor-result-stats-border-color, var(--_p-color-base-300));
    --_line: var(--athanor-result-stats-line-color, var(--_p-color-primary));
    --_bar: var(
      --athanor-result-stats-bar-color,
      color-mix(in oklab, var(--_p-color-base-content) 45%, transparent)
    );
    --_card-width: var(--athanor-result-stats-card-width, 22rem);
  }
  .athanor-root {
    background: var(--color-base-200);
    border: 1px solid var(--_border-color);
    border-radius: var(--radius-box);
    overflow: hidden;
  }
  .muted {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_background));
  }
  .empty {
    padding: 1rem;
    background: var(--_background);
  }
  /* Rules between cards: each card draws its end and bottom edges, and the grid overhangs the
     frame by one pixel so the outermost ones are clipped (empty cells stay plain). */
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-width)), 1fr));
    margin-inline-end: -1px;
    margin-block-end: -1px;
    background: var(--_background);
  }
  .card {
    /* A card's changes stay inside it: its figures change every frame while a run is live. */
    contain: layout paint style;
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    min-width: 0;
    padding: 0.375rem 0.625rem 0.5rem;
    background: var(--_background);
    border-inline-end: 1px solid var(--_border-color);
    border-block-end: 1px solid var(--_border-color);
  }
  .head {
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0.125rem 0.375rem;
    min-width: 0;
  }
  .key {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 100%;
  }
  .kind {
    font-size: 0.6875rem;
    align-self: center;
  }
  .kind.mixed {
    color: var(--color-warning-content);
    background: var(--color-warning);
    border-color: var(--color-warning);
  }
  .kind-label {
    font-size: 0.6875rem;
    margin-bottom: -0.25rem;
  }
  .kinds,
  .count,
  .more,
  figcaption {
    font-size: 0.75rem;
  }
  .spacer {
    flex: 1;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(4.75rem, 1fr));
    gap: 0.125rem 0.5rem;
    font-size: 0.75rem;
  }
  .figures div {
    display: flex;
    gap: 0.3rem;
    min-width: 0;
    white-space: nowrap;
  }
  .figures dt {
    color: color-mix(in oklab, var(--color-base-content) 72%, var(--_background));
  }
  .figures dd {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .charts {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
    margin-top: 0.25rem;
  }
  figure {
    min-width: 0;
  }
  .chart {
    display: block;
    width: 100%;
    height: 2.25rem;
    contain: strict;
  }
  .sparkline .band {
    fill: color-mix(in oklab, var(--_line) 22%, transparent);
  }
  .sparkline .line {
    stroke: var(--_line);
    stroke-width: 1.5px;
    stroke-linejoin: round;
  }
  .histogram path {
    fill: var(--_bar);
  }
  .chart {
    border-bottom: 1px solid var(--_border-color);
  }
  figcaption.range {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .booleans {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.25rem 0.625rem;
    font-size: 0.75rem;
  }
  .rate {
    flex: 1 1 6rem;
    height: 0.375rem;
    border-radius: 999px;
    background: var(--color-base-300);
    overflow: hidden;
  }
  .rate-true {
    display: block;
    height: 100%;
    background: var(--_line);
  }
  .top {
    display: grid;
    gap: 1px;
    font-size: 0.75rem;
  }
  .top li {
    position: relative;
    display: flex;
    gap: 0.5rem;
    padding: 0 0.25rem;
    min-width: 0;
  }
  .top .share {
    position: absolute;
    inset: 0 auto 0 0;
    background: color-mix(in oklab, var(--_line) 14%, transparent);
    border-radius: 2px;
  }
  .top .value {
    position: relative;
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: pre;
  }
  .top .n {
    position: relative;
  }
  summary {
    cursor: pointer;
    width: fit-content;
    font-size: 0.75rem;
    border-radius: var(--radius-field);
  }
  .latest {
    margin-top: 0.25rem;
    --athanor-result-tree-height: 14rem;
  }
  .more-keys {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0.5rem;
    border-top: 1px solid var(--_border-color);
    font-size: 0.75rem;
  }
`;
