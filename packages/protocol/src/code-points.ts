/**
 * The one TypeBox guard the ahead-of-time validator (`generated/check.ts`) calls at run time,
 * here so that the browser bundle does not carry TypeBox's whole `Guard` namespace (≈ 1.3 KB of
 * gzip) for it. The same algorithm as TypeBox's `CodePointCount`: a UTF-16 unit in the high
 * surrogate block followed by one in the low block is one code point, anything else is one each.
 * `packages/protocol/test/code-points.test.ts` holds it equal to TypeBox's.
 */
export function CodePointCount(value: string): number {
  let count = 0;
  let previous = 0;
  for (let index = 0; index < value.length; index += 1) {
    // >> 10 maps the high surrogates to 0x36 and the low ones to 0x37.
    const block = value.charCodeAt(index) >> 10;
    if (previous !== 0x36 || block !== 0x37) count += 1;
    previous = block;
  }
  return count;
}
