/**
 * ANSI SGR (Select Graphic Rendition): the styles of terminal text. The 16 basic colours are the
 * theme's (`--athanor-ansi-0` … `--athanor-ansi-15`), the 256-colour cube and truecolor exact.
 */

/** A text style; one shared object per distinct style, so styles compare with `===`. */
export interface TermStyle {
  /** CSS colours. */
  readonly fg: string | undefined;
  readonly bg: string | undefined;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
  readonly strike: boolean;
}

type Mutable = { -readonly [K in keyof TermStyle]: TermStyle[K] };

const PLAIN: TermStyle = {
  fg: undefined,
  bg: undefined,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
  strike: false,
};

const interned = new Map<string, TermStyle>();
/** Truecolor gradients could make styles without end: past this many, styles are not shared. */
const MAX_INTERNED = 4096;

function intern(style: Mutable): TermStyle | undefined {
  const key = `${style.fg}|${style.bg}|${+style.bold}${+style.dim}${+style.italic}${+style.underline}${+style.inverse}${+style.strike}`;
  if (key === 'undefined|undefined|000000') return undefined;
  const known = interned.get(key);
  if (known) return known;
  const frozen = Object.freeze({ ...style });
  if (interned.size < MAX_INTERNED) interned.set(key, frozen);
  return frozen;
}

const CUBE = [0, 95, 135, 175, 215, 255];

/**
 * CSS colour of a 256-colour index. The 16 basic ones are the theme's; as backgrounds they are
 * tints (`--athanor-ansi-bg-N`), so that default text stays readable on them.
 */
export function color256(n: number, background = false): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return background ? `var(--athanor-ansi-bg-${n})` : `var(--athanor-ansi-${n})`;
  if (n < 232) {
    const i = n - 16;
    return `rgb(${CUBE[Math.floor(i / 36)]},${CUBE[Math.floor(i / 6) % 6]},${CUBE[i % 6]})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

function rgb(r: number, g: number, b: number): string | undefined {
  const ok = [r, g, b].every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
  return ok ? `rgb(${r},${g},${b})` : undefined;
}

/** An extended colour (38/48) from its sub-parameters: `5;n` or `2;[cs;]r;g;b`. */
function extended(
  sub: number[],
  colonForm: boolean,
  background: boolean,
): [string | undefined, number] {
  if (sub[0] === 5) return [color256(sub[1] ?? -1, background), 2];
  if (sub[0] === 2) {
    // The colon form may carry a colour-space id before r:g:b (38:2::r:g:b).
    const skip = colonForm && sub.length >= 5 ? 1 : 0;
    return [rgb(sub[1 + skip]!, sub[2 + skip]!, sub[3 + skip]!), 4 + skip];
  }
  return [undefined, 1];
}

/** The style after an SGR sequence, from its parameters (and colon groups when present). */
export function applySgr(
  current: TermStyle | undefined,
  params: readonly string[],
  groups?: readonly (readonly string[])[],
): TermStyle | undefined {
  const s: Mutable = { ...(current ?? PLAIN) };
  const list = groups ?? params.map((p) => [p]);
  if (list.length === 0) return undefined;
  const flat = list.map((g) => g.map((p) => (p === '' ? 0 : Number(p))));
  for (let i = 0; i < flat.length; i++) {
    const group = flat[i]!;
    const code = group[0]!;
    if ((code === 38 || code === 48) && group.length > 1) {
      const [colour] = extended(group.slice(1), true, code === 48);
      if (code === 38) s.fg = colour;
      else s.bg = colour;
      continue;
    }
    if (code === 38 || code === 48) {
      const rest = flat.slice(i + 1).map((g) => g[0]!);
      const [colour, used] = extended(rest, false, code === 48);
      if (code === 38) s.fg = colour;
      else s.bg = colour;
      i += used;
      continue;
    }
    style(s, code, group[1]);
  }
  return intern(s);
}

function style(s: Mutable, code: number, sub: number | undefined): void {
  if (code === 0) Object.assign(s, PLAIN);
  else if (code === 1) s.bold = true;
  else if (code === 2) s.dim = true;
  else if (code === 3) s.italic = true;
  else if (code === 4) s.underline = sub !== 0;
  else if (code === 7) s.inverse = true;
  else if (code === 9) s.strike = true;
  else if (code === 21) s.underline = true;
  else if (code === 22) s.bold = s.dim = false;
  else if (code === 23) s.italic = false;
  else if (code === 24) s.underline = false;
  else if (code === 27) s.inverse = false;
  else if (code === 29) s.strike = false;
  else if (code >= 30 && code <= 37) s.fg = color256(code - 30);
  else if (code === 39) s.fg = undefined;
  else if (code >= 40 && code <= 47) s.bg = color256(code - 40, true);
  else if (code === 49) s.bg = undefined;
  else if (code >= 90 && code <= 97) s.fg = color256(code - 82);
  else if (code >= 100 && code <= 107) s.bg = color256(code - 92, true);
}
