/**
 * Legible colours: a colour a program chose (ANSI 256 or truecolor) is nudged toward black or
 * white until it reaches a contrast ratio with the background, as terminals with a "minimum
 * contrast" setting do, so that bright cyan stays readable on a light theme.
 */

/** WCAG relative luminance of sRGB bytes. */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** WCAG contrast ratio of two luminances. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

let canvas: CanvasRenderingContext2D | null | undefined;
const resolved = new Map<string, [number, number, number]>();

/** sRGB bytes of any CSS colour (oklch, color-mix, hex…), read back from a 1×1 canvas. */
export function toRgb(color: string): [number, number, number] | undefined {
  const known = resolved.get(color);
  if (known) return known;
  canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!canvas) return undefined;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = '#000';
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
  const rgb: [number, number, number] = [r!, g!, b!];
  if (resolved.size < 256) resolved.set(color, rgb);
  return rgb;
}

const adjusted = new Map<string, string>();
const RGB = /^rgb\((\d+),(\d+),(\d+)\)$/;

/** `color` (an `rgb(r,g,b)`), moved toward black or white until it reaches `min` against `bg`. */
export function legible(color: string, bgLuminance: number, min = 4.5): string {
  const m = RGB.exec(color);
  if (!m) return color;
  const key = `${color}|${bgLuminance.toFixed(3)}`;
  const cached = adjusted.get(key);
  if (cached) return cached;
  const rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  const target = bgLuminance > 0.18 ? 0 : 255;
  let out = rgb;
  for (let t = 0; t <= 1 && contrastRatio(luminance(out), bgLuminance) < min; t += 0.05) {
    out = rgb.map((c) => Math.round(c + (target - c) * t));
  }
  const result = `rgb(${out.join(',')})`;
  if (adjusted.size < 4096) adjusted.set(key, result);
  return result;
}
