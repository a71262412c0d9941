/** Flags for headless Chromium on shared CI machines. */
export declare const CHROMIUM_ARGS: string[];
/** The browser's path, or exits the process with one sentence saying how to get one. */
export declare function findChromium(): string;
