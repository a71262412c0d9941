/**
 * Syntax-highlighted JSON as Lit templates: pretty-printed text cut into spans by token type.
 * Text only ever reaches the page as text nodes.
 */
import { html, type TemplateResult } from 'lit';

const TOKEN =
  /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b/g;

/** Pretty-prints `value` (2-space indent), at most `limit` characters. */
export function prettyJson(value: unknown, limit = 200_000): { text: string; truncated: boolean } {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > limit
    ? { text: text.slice(0, limit), truncated: true }
    : { text, truncated: false };
}

/** JSON text as spans: `.j-key`, `.j-str`, `.j-num`, `.j-bool`, `.j-null`; the rest plain. */
export function highlightJson(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) {
      const cls = m[2] !== undefined ? 'j-key' : 'j-str';
      out.push(html`<span class=${cls}>${m[1]}</span>`);
      if (m[2] !== undefined) out.push(m[2]);
    } else if (m[3] !== undefined) out.push(html`<span class="j-num">${m[3]}</span>`);
    else if (m[4] !== undefined) out.push(html`<span class="j-bool">${m[4]}</span>`);
    else out.push(html`<span class="j-null">${m[5]}</span>`);
    last = TOKEN.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
