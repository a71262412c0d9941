import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { concat, of } from 'rxjs';
import { replayJsonl } from '@athanor/protocol';
import {
  liveRuns,
  liveTail,
  manyKeyRuns,
  mixedRuns,
  repeatedRuns,
  sweepRuns,
  wideRuns,
  type RecordedRun,
} from '../../test/compare-runs.ts';
import type { CompareRunInput } from './run-compare.ts';
import './define.ts';

interface Args {
  hideIdentical: boolean;
  hideIdenticalResults: boolean;
  baseline: string;
}

const inputs = (runs: readonly RecordedRun[]): CompareRunInput[] =>
  runs.map((r) => ({ id: r.id, events: of(...r.events) }));

const show =
  (runs: () => readonly CompareRunInput[], label = 'Run comparison') =>
  (args: Args) =>
    html`<run-compare
      label=${label}
      .runs=${runs()}
      ?hide-identical=${args.hideIdentical}
      ?hide-identical-results=${args.hideIdenticalResults}
      baseline=${args.baseline || ''}
      run-href="#/runs/{id}"
    ></run-compare>`;

const meta: Meta<Args> = {
  title: 'Elements/run-compare',
  component: 'run-compare',
  args: { hideIdentical: false, hideIdenticalResults: false, baseline: '' },
  argTypes: {
    hideIdentical: { control: 'boolean', description: 'hide-identical' },
    hideIdenticalResults: { control: 'boolean', description: 'hide-identical-results' },
    baseline: { control: 'text', description: 'baseline (a run id; empty: the first run)' },
  },
  parameters: {
    docs: {
      description: {
        component:
          '2 to 20 runs side by side, live: status and times, configuration differences, every ' +
          'result key against a baseline run (deltas, series statistics, structural diffs), log ' +
          'counts, and a JSON export. Give it `.runs` (each `{ id?, label?, events }`) or ' +
          '`run-ids` with `src-template` (Server-Sent Events per run).',
      },
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Four runs of one configuration, only the seed differing: how much is noise? */
export const RepeatedRuns: Story = {
  name: 'Repeated runs of one config',
  args: { hideIdentical: true },
  render: show(() => inputs(repeatedRuns(4))),
};

/** Learning rate × batch size; the largest rate with the small batch diverged. */
export const ConfigSweep: Story = {
  name: 'Config sweep',
  render: show(() => inputs(sweepRuns())),
};

/** Two finished runs and one still training: its loss, status and duration keep moving. */
export const LiveComparison: Story = {
  name: 'Live comparison',
  render: show(() => {
    const now = Date.now();
    const [a, b, live] = liveRuns(now, 3 * 60_000, 10);
    const tail = liveTail(live!.events.length, now, 90).map((e) => JSON.stringify(e));
    return [
      ...inputs([a!, b!]),
      { id: live!.id, events: concat(of(...live!.events), replayJsonl(tail, { speed: 1 })) },
    ];
  }),
};

/** Fifty result keys, a few of them differing between the runs: the identical ones hidden. */
export const ManyKeys: Story = {
  name: 'Many keys',
  args: { hideIdenticalResults: true },
  render: show(() => inputs(manyKeyRuns(3, 50))),
};

/** Booleans, strings, null, objects, arrays, series of mixed kinds, a key changing kind. */
export const MixedTypes: Story = {
  name: 'Mixed types',
  render: show(() => inputs(mixedRuns())),
};

/** The most runs compared at once: they scroll sideways, the first column stays. */
export const TwentyRuns: Story = {
  name: '20 runs wide',
  args: { hideIdentical: true },
  render: show(() => inputs(wideRuns(20))),
};

/** 21 runs given: the first 20 are compared, and the element says which was left out. */
export const TooMany: Story = {
  name: 'More than 20 runs',
  args: { hideIdentical: true },
  render: show(() => inputs(wideRuns(21))),
};

/** One run is no comparison. */
export const TooFew: Story = {
  name: 'Fewer than 2 runs',
  render: show(() => inputs(repeatedRuns(1))),
};

/** Both themes side by side, whatever the toolbar says. */
export const BothThemes: Story = {
  name: 'Light and dark',
  args: { hideIdentical: true },
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0;">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div
            data-theme=${theme}
            style="padding: 12px; background: var(--color-base-200); color-scheme: ${theme.slice(8)}"
          >
            ${show(() => inputs(mixedRuns()), `Run comparison, ${theme.slice(8)}`)(args)}
          </div>`,
      )}
    </div>`,
};
