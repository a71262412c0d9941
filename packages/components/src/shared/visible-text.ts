/**
 * Text shown as it is, with the characters that would act instead of show made visible: C0 and
 * C1 controls become their control pictures (␇), bidirectional overrides and isolates (which
 * could make a line read backwards) become their names (⟨RLO⟩), and lone surrogates their code
 * (⟨U+D800⟩). Tabs and newlines stay.
 */
import { html, type TemplateResult } from 'lit';

// Controls, bidi controls, and lone surrogates (half of a pair with no other half: the browser
// would show a replacement character and copying would lose it).
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- these are the characters to show
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

const BIDI: Record<number, string> = {
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
};

/** What stands for an invisible character. */
export function pictureOf(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  const name = BIDI[code];
  return name ? `⟨${name}⟩` : `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Whether `text` holds a character {@link visibleText} would replace. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** `text` as pieces, invisible characters replaced by marked pictures. */
export function visibleText(text: string): string | (string | TemplateResult)[] {
  if (!INVISIBLE.test(text)) return text;
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const code = text.charCodeAt(m.index);
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    out.push(html`<span class="ctl" title=${hex}>${pictureOf(code)}</span>`);
    last = m.index + 1;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
