/**
 * How the comparison writes values and differences: figures to a few significant digits (the
 * exact value goes in a title), signed deltas, and JSON previews cut to a length. No DOM.
 */
import type { JsonValue } from '@athanor/protocol';
import { formatNumber } from '../shared/format.ts';

const significant = new Map<number, Intl.NumberFormat>();

/** `0.4123`, `1,024`, `3e-4`, `1.2e+9`: at most `digits` significant digits, grouped. */
export function formatFigure(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 1e15) return formatNumber(value, 0);
  if (size !== 0 && (size < 1e-3 || size >= 1e9)) {
    // `3.000e-4` → `3e-4`: exponents are for tiny and huge figures, trailing zeros say nothing.
    return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  let format = significant.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { maximumSignificantDigits: digits });
    significant.set(digits, format);
  }
  return format.format(value);
}

/** A signed figure: `+0.012`, `−3`, `±0`. */
export function formatSigned(value: number, digits = 3): string {
  if (value === 0) return '±0';
  const text = formatFigure(Math.abs(value), digits);
  return `${value > 0 ? '+' : '−'}${text}`;
}

/** A signed percentage: `+3.1%`, `−12%`, `±0%`. */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0) return '±0%';
  const size = Math.abs(percent);
  const text = size >= 100 ? formatNumber(size, 0) : formatNumber(size, size >= 10 ? 1 : 2);
  return `${percent > 0 ? '+' : '−'}${text}%`;
}

/** Compact JSON of a value, cut to `limit` characters (with `…`). */
export function preview(value: JsonValue | undefined, limit = 80): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A scalar as shown in a results cell: figures rounded, strings as they are, JSON otherwise. */
export function formatScalar(value: JsonValue): string {
  if (typeof value === 'number') return formatFigure(value);
  if (typeof value === 'string') return value;
  return preview(value);
}

/** What a structured value is: `object · 12 keys`, `array · 3 items`. */
export function describeStructured(value: JsonValue): string {
  if (Array.isArray(value))
    return `array · ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return `object · ${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  return preview(value);
}
