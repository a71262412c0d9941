/** A source of uniform numbers in [0, 1), seeded so recordings are reproducible. */
export type Random = () => number;

/** Mulberry32: tiny, fast and good enough for fake telemetry; not for anything secret. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly chosen element of a non-empty list. */
export function pick<T>(rand: Random, items: readonly [T, ...T[]]): T {
  return items[Math.floor(rand() * items.length)] ?? items[0];
}

/** An integer in [min, max]. */
export function between(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** `value` rounded to `digits` decimals, as a number (JSON stays short). */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
