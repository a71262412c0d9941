import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { longHistory, sweepHistory } from '../../test/history-runs.ts';
import type { RunHistoryEntry } from './history-rows.ts';
import './define.ts';

interface Args {
  selectable: boolean;
  keyResult: string;
}

const show = (runs: () => readonly RunHistoryEntry[]) => (args: Args) =>
  html`<run-history
    .runs=${runs()}
    ?selectable=${args.selectable}
    key-result=${args.keyResult || ''}
    run-href="#/runs/{id}"
  ></run-history>`;

const meta: Meta<Args> = {
  title: 'Elements/run-history',
  component: 'run-history',
  args: { selectable: true, keyResult: '' },
  argTypes: {
    selectable: { control: 'boolean' },
    keyResult: {
      control: 'text',
      description: 'key-result (empty: the numeric result most runs have)',
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The runs of an experiment: live status, start, duration and a key result, sortable, ' +
          'linked, selectable for comparison. Give it `.runs` (an array of run summaries) or ' +
          '`src` (a URL answering one as JSON, fetched every `refresh` seconds).',
      },
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A learning-rate sweep: runs in every status, one of them live (its duration ticks). */
export const Sweep: Story = { render: show(() => sweepHistory()) };

/** The same sweep by its accuracy, best first. */
export const ByKeyResult: Story = {
  name: 'By key result',
  args: { keyResult: 'eval/accuracy' },
  render: (args) =>
    html`<run-history
      .runs=${sweepHistory()}
      ?selectable=${args.selectable}
      key-result=${args.keyResult}
      sort-by="result"
      sort-direction="descending"
      run-href="#/runs/{id}"
    ></run-history>`,
};

/** Two runs chosen for comparison. */
export const Selected: Story = {
  render: (args) =>
    html`<run-history
      .runs=${sweepHistory()}
      .selected=${['run-02', 'run-04']}
      ?selectable=${args.selectable}
      run-href="#/runs/{id}"
    ></run-history>`,
};

/** An instance that has not run yet. */
export const Empty: Story = { render: show(() => []) };

/** 1,000 runs: a hundred rows at a time, "Show more" for the rest. */
export const LongHistory: Story = {
  name: 'Long history',
  args: { selectable: false },
  render: show(() => longHistory(1000)),
};

/** `src` answering something that is not a run history: the reason, and a Retry button. */
export const LoadError: Story = {
  name: 'Load error',
  render: () =>
    html`<run-history
      src=${`data:application/json,${encodeURIComponent('[{"id":"run-1","status":"exploded"}]')}`}
      refresh="0"
    ></run-history>`,
};

/** Narrow container: the start column gives way first. */
export const Narrow: Story = {
  render: (args) => html`<div style="max-width: 28rem">${show(() => sweepHistory())(args)}</div>`,
};

/** Both themes side by side, whatever the toolbar says. */
export const BothThemes: Story = {
  name: 'Both themes',
  render: (args) =>
    html`<div style="display: grid; gap: 0;">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div
            data-theme=${theme}
            style="padding: 12px; background: var(--color-base-200); color-scheme: ${theme.slice(8)}"
          >
            <run-history
              .runs=${sweepHistory()}
              .selected=${['run-04']}
              ?selectable=${args.selectable}
              run-href="#/runs/{id}"
            ></run-history>
          </div>`,
      )}
    </div>`,
};
