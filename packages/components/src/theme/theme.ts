/**
 * Light, dark or system: the reader's theme choice, kept in localStorage and applied to the page
 * as DaisyUI's `data-theme` on `<html>` (plus the native `color-scheme`). "system" follows
 * `prefers-color-scheme`, live. {@link THEME_SNIPPET} does the same inline in the page head, so
 * a reload never flashes the wrong theme; `<theme-switch>` lets the reader choose.
 */

/** What the reader chose. */
export type ThemeChoice = 'light' | 'dark' | 'system';
/** What is shown. */
export type ResolvedTheme = 'light' | 'dark';

/** The DaisyUI theme names used for light and dark. */
export interface ThemeNames {
  readonly light: string;
  readonly dark: string;
}

/** localStorage key of the choice. */
export const THEME_STORAGE_KEY = 'athanor-theme';
/** Our two themes. */
export const DEFAULT_THEME_NAMES: ThemeNames = { light: 'athanor-light', dark: 'athanor-dark' };
/** The choices, in the order a switch shows them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The stored choice; `system` when none (or storage is unavailable, e.g. sandboxed frames). */
export function readThemeChoice(key = THEME_STORAGE_KEY): ThemeChoice {
  try {
    const value = localStorage.getItem(key);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Stores the choice (`system` removes the key). Storage failures are ignored: it still applies. */
export function storeThemeChoice(choice: ThemeChoice, key = THEME_STORAGE_KEY): void {
  try {
    if (choice === 'system') localStorage.removeItem(key);
    else localStorage.setItem(key, choice);
  } catch {
    // private mode or a sandboxed frame: the choice lasts for this page only
  }
}

/** Light or dark for a choice, asking the system for `system`. */
export function resolveTheme(choice: ThemeChoice): ResolvedTheme {
  if (choice !== 'system') return choice;
  return matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Puts the page in the theme of `choice`; returns what it resolved to. */
export function applyTheme(
  choice: ThemeChoice,
  names: ThemeNames = DEFAULT_THEME_NAMES,
  root: HTMLElement = document.documentElement,
): ResolvedTheme {
  const theme = resolveTheme(choice);
  root.dataset.theme = names[theme];
  root.style.colorScheme = theme;
  return theme;
}

/** Calls `listener` whenever the system's light/dark preference changes; returns a stopper. */
export function onSystemThemeChange(listener: (theme: ResolvedTheme) => void): () => void {
  const query = matchMedia(DARK_QUERY);
  const handler = (event: MediaQueryListEvent) => listener(event.matches ? 'dark' : 'light');
  query.addEventListener('change', handler);
  return () => query.removeEventListener('change', handler);
}

/**
 * The inline script for the page head, before any stylesheet or element: it applies the stored
 * choice (or the system's) before the first paint and keeps following the system while the
 * choice is "system". Paste it as `<script>…</script>`, or inject it from a build step; it uses
 * the default storage key and theme names.
 */
export const THEME_SNIPPET =
  `(function(){var k='${THEME_STORAGE_KEY}',q=matchMedia('${DARK_QUERY}'),r=document.documentElement;` +
  `function a(){var c;try{c=localStorage.getItem(k)}catch(e){}` +
  `var d=c==='dark'||(c!=='light'&&q.matches);` +
  `r.setAttribute('data-theme',d?'${DEFAULT_THEME_NAMES.dark}':'${DEFAULT_THEME_NAMES.light}');` +
  `r.style.colorScheme=d?'dark':'light'}` +
  `a();q.addEventListener('change',a)})();`;
