/** The repository's root folder. */
export declare const ROOT: string;
/** The packages that are published (folders under packages/), in dependency order. */
export declare const PUBLISHED: string[];
/** Builds what the tarballs hold: the generated styles, then each package's `build` script. */
export function buildPackages(): void;
/** `exports` without the repo-only conditions, in the same order. */
export function publishedExports(value: unknown): unknown;
/** Every file path an `exports` value can resolve to (patterns kept as written). */
export function exportTargets(value: unknown): string[];
/** Builds (unless `build` is false) and packs every published package; name → tarball path. */
export function packAll(
  outDir: string,
  options?: { build?: boolean },
): Promise<Record<string, string>>;
