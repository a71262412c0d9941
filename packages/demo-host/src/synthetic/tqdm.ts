/**
 * Renders progress bars the way Python's tqdm writes them to a terminal: each update starts
 * with `\r` so it overwrites the line, colours are ANSI SGR escapes, and the final update of
 * a bar ends with `\n`. The UI's terminal view has to cope with exactly this.
 */

const ESC = '\u001b[';
const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/** What one tqdm line shows. */
export interface BarState {
  desc: string;
  current: number;
  total: number;
  elapsedS: number;
  /** Extra `key=value` pairs tqdm prints after the rate (`set_postfix`). */
  postfix?: string;
  /** SGR colour code for the description, e.g. 36 for cyan. */
  colour?: number;
  unit?: string;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

function bar(fraction: number, width = 10): string {
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  const full = '█'.repeat(Math.floor(eighths / 8));
  const partial = BLOCKS[eighths % 8] ?? '';
  return (full + partial).padEnd(width, ' ');
}

/** One `\r`-prefixed tqdm update, newline-terminated once the bar is full. */
export function tqdmLine(state: BarState): string {
  const { desc, current, total, elapsedS, postfix, colour = 36, unit = 'it' } = state;
  const fraction = total > 0 ? current / total : 0;
  const percent = String(Math.floor(fraction * 100)).padStart(3, ' ');
  const perItem = current > 0 ? elapsedS / current : 0;
  const remaining = perItem * (total - current);
  const rate =
    perItem >= 1 ? `${perItem.toFixed(2)}s/${unit}` : `${(1 / (perItem || 1)).toFixed(2)}${unit}/s`;
  const tail = postfix ? `, ${postfix}` : '';
  const line =
    `\r${ESC}${colour}m${desc}${ESC}0m: ${percent}%|${ESC}32m${bar(fraction)}${ESC}0m| ` +
    `${current}/${total} [${clock(elapsedS)}<${clock(remaining)}, ${rate}${tail}]`;
  return current >= total ? `${line}\n` : line;
}
