import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { of } from 'rxjs';
import { replayJsonl } from '@athanor/protocol';
import { RUN_STATES, liveRunRecording, type RawEvent } from '../../test/runs.ts';
import type { RunStatus } from './run-status.ts';
import './define.ts';

interface Args {
  staleAfter: number;
  sticky: boolean;
  documentTitle: boolean;
}

const show = (events: () => RawEvent[]) => (args: Args) =>
  html`<run-status
    .events=${of(...events())}
    stale-after=${args.staleAfter}
    ?sticky=${args.sticky}
    ?document-title=${args.documentTitle}
  ></run-status>`;

const meta: Meta<Args> = {
  title: 'Elements/run-status',
  component: 'run-status',
  args: { staleAfter: 120, sticky: false, documentTitle: false },
  argTypes: {
    staleAfter: { control: { type: 'number', min: 1 }, description: 'stale-after (seconds)' },
    sticky: { control: 'boolean' },
    documentTitle: { control: 'boolean', description: 'document-title' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Status, progress, elapsed time, error and cancel of one run, live. Give it `.events` ' +
          '(an Observable of protocol events) or `src` (a Server-Sent Events URL), or put it in a ' +
          '`<run-scope>`.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Pending: Story = { render: show(RUN_STATES.pending) };
export const Running: Story = { render: show(RUN_STATES.running) };
export const RunningWithoutTotal: Story = {
  name: 'Running without total',
  render: show(RUN_STATES.indeterminate),
};
export const Stale: Story = { render: show(RUN_STATES.stale) };

/** The reader confirmed Cancel; the element waits for the run's final status. */
export const Cancelling: Story = {
  render: show(RUN_STATES.running),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<RunStatus>('run-status')!;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.confirm-cancel')!.click();
    await el.updateComplete;
  },
};

export const Completed: Story = { render: show(RUN_STATES.completed) };
export const FailedWithLongStack: Story = {
  name: 'Failed with a long stack',
  render: show(RUN_STATES.failed),
};
export const Cancelled: Story = { render: show(RUN_STATES.cancelled) };

/** A two-minute fine-tune replayed at its recorded pace. */
export const ReplayedLiveRun: Story = {
  name: 'Replayed live run',
  render: (args) =>
    html`<run-status
      .events=${replayJsonl(liveRunRecording(Date.now()), { speed: 1 })}
      stale-after=${args.staleAfter}
      ?sticky=${args.sticky}
      ?document-title=${args.documentTitle}
    ></run-status>`,
};

/** `sticky`: the bar stays at the top while the log below it scrolls. */
export const StickyInAScrollingPage: Story = {
  name: 'Sticky in a scrolling page',
  args: { sticky: true },
  render: (args) =>
    html`<div style="height: 16rem; overflow: auto; border: 1px dashed #8888;">
      ${show(RUN_STATES.running)(args)}
      ${Array.from(
        { length: 40 },
        (_, i) =>
          html`<p style="font: 12px ui-monospace, monospace; margin: 2px 8px">
            12:00:${String(i).padStart(2, '0')} info step ${i * 10}
          </p>`,
      )}
    </div>`,
};

/** Every state side by side, in both themes, whatever the toolbar says. */
export const AllStatesBothThemes: Story = {
  name: 'All states, both themes',
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 0;">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div
            data-theme=${theme}
            style="display: grid; gap: 8px; padding: 12px; background: var(--color-base-200); color-scheme: ${theme.slice(8)}"
          >
            ${Object.values(RUN_STATES).map((events) => show(events)(args))}
          </div>`,
      )}
    </div>`,
};
