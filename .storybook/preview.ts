import type { Preview } from '@storybook/web-components-vite';
import { GLOBALS_UPDATED } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
import { themes } from 'storybook/theming';

type ThemeName = 'light' | 'dark';

/** Puts the page in the chosen theme: the `data-theme` attribute plus the native color scheme. */
function applyTheme(value: unknown): void {
  const theme: ThemeName = value === 'dark' ? 'dark' : 'light';
  const root = document.documentElement;
  root.dataset.theme = `athanor-${theme}`;
  root.style.colorScheme = theme;
}

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Theme of the Athanor elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
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
    options: { storySort: { order: ['Introduction', '*'] } },
  },
};

export default preview;
