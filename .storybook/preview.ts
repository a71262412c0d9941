import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { GLOBALS_UPDATED } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
import { themes } from 'storybook/theming';
import {
  applyTheme as applyPageTheme,
  storeThemeChoice,
  type ThemeChoice,
} from '../packages/components/src/theme/theme.ts';
// Generated from the elements' JSDoc by `npm run manifest` (every Storybook script runs it first).
import manifest from '../packages/components/custom-elements.json' with { type: 'json' };

/**
 * The manifest as Storybook's Docs tables need it: they skip entries without a name, which is how
 * the manifest writes a default slot, so that one is named "(default)" here.
 */
function forDocs(cem: unknown): unknown {
  const copy = structuredClone(cem) as {
    modules: { declarations?: { slots?: { name: string }[] }[] }[];
  };
  const declarations = copy.modules.flatMap((module) => module.declarations ?? []);
  for (const slot of declarations.flatMap((declaration) => declaration.slots ?? [])) {
    slot.name ||= '(default)';
  }
  return copy;
}

// Autodocs read each element's attributes, properties, events, slots, parts and CSS custom
// properties from the manifest, by the stories' `component` tag.
setCustomElementsManifest(forDocs(manifest));

/**
 * Puts the preview in the toolbar's theme the way a page does it (`data-theme` plus the native
 * colour scheme), and remembers it as the page's choice, so the inline head snippet applies it
 * before the first paint of the next reload.
 */
function applyTheme(value: unknown): void {
  const choice: ThemeChoice = value === 'dark' || value === 'system' ? value : 'light';
  storeThemeChoice(choice);
  applyPageTheme(choice);
}

const preview: Preview = {
  // A Docs page for every element, its tables from the manifest.
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Theme of the Athanor elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'system', title: 'System', icon: 'browser' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, context) => {
      applyTheme(context.globals.theme);
      return story();
    },
  ],
  // Decorators only run for stories; MDX pages without stories get the theme from the globals
  // event the preview emits on every render and on every toolbar change.
  beforeAll: () => {
    const channel = addons.getChannel();
    const onGlobals = ({ globals }: { globals: Record<string, unknown> }) =>
      applyTheme(globals.theme);
    channel.on(GLOBALS_UPDATED, onGlobals);
    return () => channel.off(GLOBALS_UPDATED, onGlobals);
  },
  parameters: {
    docs: { theme: themes.light },
    // The a11y panel runs axe on every story; `npm run test:storybook` fails on any violation.
    a11y: { test: 'error' },
    options: { storySort: { order: ['Introduction', '*'] } },
  },
};

export default preview;
