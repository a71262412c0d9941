import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { of } from 'rxjs';
import { RUN_STATES } from '../../test/runs.ts';
import '../run-status/define.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/theme-switch',
  component: 'theme-switch',
  parameters: {
    docs: {
      description: {
        component:
          'Light / dark / system for the whole page: sets `data-theme` on `<html>`, remembers the ' +
          'choice in localStorage and follows the system while "System" is chosen. Pair it with ' +
          '`THEME_SNIPPET` inline in the page head so that a reload never flashes the wrong theme.',
      },
    },
  },
};
export default meta;

export const Default: StoryObj = {
  render: () =>
    html`<div style="display: grid; gap: 12px; justify-items: start">
      <theme-switch></theme-switch>
      <run-status .events=${of(...RUN_STATES.failed())} style="width: 100%"></run-status>
    </div>`,
};
