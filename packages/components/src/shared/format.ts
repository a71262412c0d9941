/**
 * Formatting of times, durations, rates and counts for the elements: compact, fixed-width where
 * it ticks (monospace digits), in the reader's locale.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A running clock: `04:12`, `1:04:12`, `2d 03:04:12`. Negative durations show as 00:00. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86400);
  if (d > 0) return `${d}d ${pad(h)}:${pad(m)}:${pad(s)}`;
  if (h > 0) return `${h}:${pad(m)}:${pad(s)}`;
  return `${pad(m)}:${pad(s)}`;
}

/** A rough span for prose: `45 s`, `4 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number with grouping and at most `digits` fraction digits: `1,024`, `0.75`. */
export function formatNumber(value: number, digits = 2): string {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

/** Units per second as the most readable of per second, minute or hour: `12.3 step/s`. */
export function formatRate(perSecond: number, unit = 'it'): string {
  const significant = (v: number) => formatNumber(v, v >= 100 ? 0 : v >= 10 ? 1 : 2);
  if (perSecond >= 1) return `${significant(perSecond)} ${unit}/s`;
  if (perSecond * 60 >= 1) return `${significant(perSecond * 60)} ${unit}/min`;
  return `${significant(perSecond * 3600)} ${unit}/h`;
}

/** Local date and time of an epoch-ms instant, for titles: `03/12/2026, 22:45:38`. */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { hour12: false });
}

const shortDateTimes = new Map<boolean, Intl.DateTimeFormat>();

/**
 * A compact local date and time for tables: `12 Jan, 09:30` (with the year when it is not the
 * year of `now`).
 */
export function formatShortDateTime(epochMs: number, now = Date.now()): string {
  const withYear = new Date(epochMs).getFullYear() !== new Date(now).getFullYear();
  let format = shortDateTimes.get(withYear);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    shortDateTimes.set(withYear, format);
  }
  return format.format(epochMs);
}

/** `1 error`, `3 errors`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count, 0)} ${count === 1 ? one : many}`;
}
