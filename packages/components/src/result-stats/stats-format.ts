/**
 * Figures of `<result-stats>`: four significant digits in the reader's locale, scientific
 * notation past what that can show, so 0.000123 and 4.2e9 stay short and distinct.
 */
import { formatNumber } from '../shared/format.ts';
import type { KeyStats, ValueKind } from './key-stats.ts';

const plain = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const scientific = new Intl.NumberFormat(undefined, {
  notation: 'scientific',
  maximumSignificantDigits: 3,
});

/** A statistic: `0.7213`, `1,234`, `4.21E9`, `1.2E-5`. */
export function formatStat(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return scientific.format(x);
  // Integers up to 10 million are shown whole: counts and step numbers read better that way.
  if (Number.isInteger(x)) return formatNumber(x, 0);
  return plain.format(x);
}

/** A count: `1,234`. */
export const formatCount = (n: number) => formatNumber(n, 0);

/** A share as a percent: `73.2%` (`100%` and `0%` only when exact). */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '–';
  if (part === whole) return '100%';
  if (part === 0) return '0%';
  const p = (100 * part) / whole;
  return `${formatNumber(Math.min(99.9, Math.max(0.1, p)), 1)}%`;
}

const KIND_LABEL: Record<ValueKind, string> = {
  number: 'number',
  boolean: 'boolean',
  string: 'string',
  null: 'null',
  structured: 'object/array',
};

/** `number`, `object/array`. */
export const kindLabel = (kind: ValueKind) => KIND_LABEL[kind];

/** The kinds of a key, most common first: `120 number · 3 string · 1 null`. */
export function kindBreakdown(stats: KeyStats): string {
  return stats.presentKinds
    .map((k) => `${formatCount(stats.kinds[k])} ${kindLabel(k)}`)
    .join(' · ');
}
