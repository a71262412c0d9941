import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Observable } from 'rxjs';
import {
  HOSTILE_TEXT,
  INVALID_TEXT,
  LOSSLESS_TEXT,
  NESTED_CONFIG,
  SMALL,
  generatedDoc,
  resultRun,
} from '../../test/result-docs.ts';
import type { RawEvent } from '../../test/runs.ts';
import type { ResultTree } from './result-tree.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/result-tree',
  component: 'result-tree',
  parameters: {
    docs: {
      description: {
        component:
          'Structured results of any size: a tree (or the raw JSON) of a value, a JSON text kept ' +
          'exactly as written, or a run’s results as they arrive; filter, copy paths, keyboard.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** Events replayed in real time, a few per frame. */
function replay(events: RawEvent[], perTick = 3, ms = 60): Observable<RawEvent> {
  return new Observable((sub) => {
    let i = 0;
    const timer = setInterval(() => {
      for (let k = 0; k < perTick && i < events.length; k++) sub.next(events[i++]!);
      if (i >= events.length) {
        clearInterval(timer);
        sub.complete();
      }
    }, ms);
    return () => clearInterval(timer);
  });
}

export const Small: Story = {
  render: () => html`<result-tree .value=${SMALL}></result-tree>`,
};

export const NestedConfig: Story = {
  name: 'Nested configuration',
  render: () => html`<result-tree expand-depth="3" .value=${NESTED_CONFIG}></result-tree>`,
};

export const Lossless: Story = {
  name: 'Numbers as written',
  render: () => html`<result-tree .json=${LOSSLESS_TEXT}></result-tree>`,
};

export const LiveResults: Story = {
  name: 'Live result stream',
  render: () =>
    html`<result-tree expand-depth="1" .events=${replay(resultRun(400))}></result-tree>`,
};

let big: string | undefined;
export const TenMegabytes: Story = {
  name: '10 MB document',
  render: () => html`<result-tree .json=${(big ??= generatedDoc(10_000_000))}></result-tree>`,
};

export const HostileKeys: Story = {
  name: 'Hostile keys and text',
  render: () => html`<result-tree .json=${HOSTILE_TEXT}></result-tree>`,
};

export const InvalidJson: Story = {
  name: 'Invalid JSON',
  render: () => html`<result-tree .json=${INVALID_TEXT}></result-tree>`,
};

export const RawView: Story = {
  name: 'Raw view',
  render: () => html`<result-tree view="raw" .value=${NESTED_CONFIG}></result-tree>`,
};

export const Filtered: Story = {
  render: () => html`<result-tree expand-depth="3" .value=${NESTED_CONFIG}></result-tree>`,
  // The filter is typed as a reader would.
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<ResultTree>('result-tree')!;
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    input.value = 'split';
    input.dispatchEvent(new Event('input'));
  },
};

export const BothThemes: Story = {
  name: 'Light and dark',
  render: () =>
    html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 12px">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div data-theme=${theme} style="padding: 8px; background: var(--color-base-200)">
            <result-tree
              style="--athanor-result-tree-height: 24rem"
              expand-depth="3"
              .json=${HOSTILE_TEXT.replace('"long"', '"config"').replace(
                /"x+"/,
                JSON.stringify(NESTED_CONFIG),
              )}
            ></result-tree>
          </div>`,
      )}
    </div>`,
};
