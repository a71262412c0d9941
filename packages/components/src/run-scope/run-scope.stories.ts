import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { replayJsonl } from '@athanor/protocol';
import { liveRunRecording } from '../../test/runs.ts';
import '../run-status/define.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/run-scope',
  component: 'run-scope',
  parameters: {
    docs: {
      description: {
        component:
          'One stream, one run state, shared with every Athanor element inside it through ' +
          '`@lit/context`: `<run-scope src="…"><run-status></run-status><run-log></run-log></run-scope>` ' +
          'opens a single connection.',
      },
    },
  },
};
export default meta;

/** Two views of one replayed run: the scope subscribes once. */
export const SharedByTwoElements: StoryObj = {
  name: 'Shared by two elements',
  render: () =>
    html`<run-scope .events=${replayJsonl(liveRunRecording(Date.now()), { speed: 1 })}>
      <div style="display: grid; gap: 8px">
        <run-status sticky></run-status>
        <run-status stale-after="5"></run-status>
      </div>
    </run-scope>`,
};
