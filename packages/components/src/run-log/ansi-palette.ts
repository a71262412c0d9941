/**
 * The 16 terminal colours as custom properties of the log's root. Computed, so kept apart from
 * the literal style sheets (the build minifies those, and cannot minify around an `unsafeCSS`).
 */
import { unsafeCSS, type CSSResult } from 'lit';

// The 16 terminal colours follow the theme (status colours, text and its muted tones), so
// coloured output stays legible in light and dark and on a host page's DaisyUI theme.
const ANSI = [
  'color-mix(in oklab, var(--color-base-content) 88%, var(--_log-bg))',
  'var(--color-error)',
  'var(--color-success)',
  'var(--color-warning)',
  'var(--color-info)',
  'color-mix(in oklab, var(--color-error) 50%, var(--color-info))',
  'var(--color-accent)',
  'color-mix(in oklab, var(--color-base-content) 72%, var(--_log-bg))',
];
const palette = ANSI.concat(ANSI.slice(0, 7).concat('var(--color-base-content)'))
  .map(
    (c, i) =>
      `--athanor-ansi-${i}: ${c}; --athanor-ansi-bg-${i}: color-mix(in oklab, ${c} 22%, var(--_log-bg));`,
  )
  .join('\n');

export const ansiPaletteStyles: CSSResult = unsafeCSS(`.athanor-root { ${palette} }`);
