import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { of } from 'rxjs';
import { agentTimings, evalSweep, liveSweep, manyKeys, mixedTypes } from '../../test/stats-runs.ts';
import type { StatsSort } from './result-stats.ts';
import './define.ts';

interface Args {
  sortBy: StatsSort;
  filter: string;
  bins: number;
}

const meta: Meta<Args> = {
  title: 'Elements/result-stats',
  component: 'result-stats',
  args: { sortBy: 'first-seen', filter: '', bins: 24 },
  argTypes: {
    sortBy: { control: 'inline-radio', options: ['first-seen', 'name', 'count'] },
    filter: { control: 'text' },
    bins: { control: { type: 'number', min: 4, max: 80 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Live statistics of a run’s results per key: numbers (min, max, mean, σ, p50, p95, ' +
          'sparkline, histogram), booleans (true rate), strings (top values), objects (latest). ' +
          'Give it `.events` or `src`, or put it in a `<run-scope>`.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

const show =
  (events: () => unknown[], label = 'Result statistics') =>
  (args: Args) =>
    html`<result-stats
      label=${label}
      .events=${of(...events())}
      sort-by=${args.sortBy}
      filter=${args.filter}
      bins=${args.bins}
    ></result-stats>`;

/** 400 eval items: confidence, correct, model, latency and the item itself, per item. */
export const EvalSweep: Story = { name: 'Eval sweep', render: show(() => evalSweep(400)) };

/** Enough items that the quantiles are estimated (≈) rather than exact. */
export const LargeSweep: Story = {
  name: 'Large sweep (estimated quantiles)',
  render: show(() => evalSweep(12_000)),
};

/** Log-normal latencies and token counts: their histograms are binned by ratio (log scale). */
export const HeavyTails: Story = {
  name: 'Heavy-tailed keys (log scale)',
  render: show(() => agentTimings(600)),
};

/** 60 keys: filter and sort them; the first 50 are shown. */
export const ManyKeys: Story = { name: 'Many keys', render: show(() => manyKeys(60)) };

/** Keys whose values change kind, counted as they are. */
export const MixedTypes: Story = { name: 'Mixed types', render: show(mixedTypes) };

/** An eval sweep as it runs: four items every 100 ms. */
export const Live: Story = {
  render: (args) =>
    html`<result-stats
      .events=${liveSweep()}
      sort-by=${args.sortBy}
      filter=${args.filter}
      bins=${args.bins}
    ></result-stats>`,
};

export const Empty: Story = { render: show(() => []) };

/** The latest object of a key, opened. */
export const LatestObjectOpen: Story = {
  name: 'Latest object shown',
  render: show(() => evalSweep(100)),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('result-stats')!;
    await new Promise((r) => requestAnimationFrame(r));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLElement>('details.structured summary')!.click();
  },
};

export const BothThemes: Story = {
  name: 'Light and dark',
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 12px">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div
            data-theme=${theme}
            style="display: grid; gap: 12px; padding: 8px; background: var(--color-base-200); color-scheme: ${theme.slice(8)}"
          >
            ${show(() => evalSweep(300), `Eval sweep, ${theme.slice(8)}`)(args)}
            ${show(mixedTypes, `Mixed types, ${theme.slice(8)}`)(args)}
          </div>`,
      )}
    </div>`,
};
