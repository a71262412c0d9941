/** Bytes of one bundle. */
export interface BundleFigures {
  minified_bytes: number;
  gzip_bytes: number;
}

/** What measureBundleSizes reports. */
export type BundleSizes = {
  bundler: string;
  goal_gzip_bytes: number;
  budget_gzip_bytes: number;
  all_elements_gzip_bytes: number;
  /** All elements with every npm dependency left out: our two packages' own code and CSS. */
  all_elements_own_code_gzip_bytes: number;
  /** Per entry specifier (`@athanor/components/run-status`, …, `@athanor/components/define`). */
  entries: Record<string, BundleFigures>;
  /** Minified bytes per package in the all-elements bundle; gzip saved without a dependency. */
  all_elements_by_package: Record<
    string,
    { minified_bytes: number; gzip_bytes_saved_without?: number }
  >;
};

/** The all-elements goal: 60 KB of gzip (not met yet). */
export declare const GOAL_GZIP_BYTES: number;
/** The all-elements ceiling the test holds (today's size with ≈ 4 % room). */
export declare const BUDGET_GZIP_BYTES: number;
/** Each element's entry point (`@athanor/components/<entry>`). */
export declare const ELEMENT_ENTRIES: string[];
/** The entry that registers every element. */
export declare const ALL_ELEMENTS: string;
/** Measures from a folder whose node_modules holds the packages (default: the repository). */
export function measureBundleSizes(projectDir?: string): Promise<BundleSizes>;
/** `npm run bench bundle-size`: builds the packages, then measures from the repository. */
export function run(): Promise<BundleSizes>;
/** The figures as a markdown table. */
export function markdownTable(figures: BundleSizes): string;
