import { css } from 'lit';

/**
 * The toolbar above an element's rows (`<run-log>`, `<result-tree>`): controls in a wrapping
 * row on the base-200 colour, a `.group` of controls, a `.spacer` pushing the rest to the end,
 * and a search field. `--_border-color` is the element's border colour.
 */
export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_border-color);
    background: var(--color-base-200);
  }
  .toolbar .group {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .toolbar .spacer {
    flex: 1;
  }
  .toolbar input[type='search'] {
    width: 14rem;
  }
`;
