/**
 * The two themes meet WCAG AA contrast for every pairing the elements use: text on the base
 * colours, each colour's content colour on it, and status colours used as text on the page.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readThemes } from '../scripts/build-styles.ts';

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a hex colour: ${hex}`);
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join('') : match[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const COLOURS = [
  'primary',
  'secondary',
  'accent',
  'neutral',
  'info',
  'success',
  'warning',
  'error',
];
const TEXT_ON_PAGE = ['primary', 'info', 'success', 'warning', 'error'];

describe('athanor themes', async () => {
  const { themes } = await readThemes();

  it('defines both themes with the same tokens', () => {
    const light = themes['athanor-light']!;
    const dark = themes['athanor-dark']!;
    assert.deepEqual(Object.keys(light).sort(), Object.keys(dark).sort());
    assert.equal(light['color-scheme'], 'light');
    assert.equal(dark['color-scheme'], 'dark');
  });

  for (const name of ['athanor-light', 'athanor-dark']) {
    it(`${name}: every text pairing reaches 4.5:1`, () => {
      const t = themes[name]!;
      const c = (token: string) => t[`--color-${token}`]!;
      const pairs: [string, string, string][] = [];
      for (const surface of ['base-100', 'base-200', 'base-300']) {
        pairs.push([`base-content on ${surface}`, c('base-content'), c(surface)]);
      }
      for (const colour of COLOURS) {
        pairs.push([`${colour}-content on ${colour}`, c(`${colour}-content`), c(colour)]);
      }
      for (const colour of TEXT_ON_PAGE) {
        for (const surface of ['base-100', 'base-200']) {
          pairs.push([`${colour} on ${surface}`, c(colour), c(surface)]);
        }
      }
      const failing = pairs
        .map(([label, fg, bg]) => [label, contrast(fg, bg)] as const)
        .filter(([, ratio]) => ratio < 4.5)
        .map(([label, ratio]) => `${label}: ${ratio.toFixed(2)}`);
      assert.deepEqual(failing, []);
    });
  }
});
