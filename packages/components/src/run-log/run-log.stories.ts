import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Observable, concat, of } from 'rxjs';
import { replayJsonl } from '@athanor/protocol';
import { HOSTILE, logRun, random, logEvent, terminalChunks } from '../../test/log-runs.ts';
import type { RawEvent } from '../../test/runs.ts';
import type { RunLog } from './run-log.ts';
import '../run-status/define.ts';
import '../run-scope/define.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/run-log',
  component: 'run-log',
  parameters: {
    docs: {
      description: {
        component:
          'The run’s log, live and virtualized: records and terminal output in seq order, markers ' +
          'for gaps, drops and invalid events; follows the newest entry until you scroll up.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

const T0 = Date.now() - 60_000;
const ev = (
  seq: number,
  type: string,
  data: Record<string, unknown>,
  time = T0 + seq * 10,
): RawEvent => ({
  v: 1,
  run: 'run-17',
  seq,
  time,
  type,
  data,
});

function mixedRun(final: boolean): RawEvent[] {
  const rand = random(3);
  const events: RawEvent[] = [
    ev(0, 'run', { instance: 'ft', name: 'mixed' }),
    ev(1, 'status', { status: 'running' }),
  ];
  let seq = 2;
  for (let i = 0; i < 60; i++) events.push(logEvent('run-17', seq++, T0 + seq * 10, rand));
  for (const chunk of terminalChunks()) events.push(ev(seq++, 'output', chunk));
  events.push(
    ev(seq++, 'log', { level: 'warn', message: 'grad norm 14.2 clipped to 1.0', logger: 'optim' }),
  );
  events.push(
    ev(seq++, 'log', {
      level: 'error',
      message: 'NaN in batch 412, skipped',
      logger: 'trainer',
      meta: { batch: 412, ids: [1, 2, 3] },
    }),
  );
  events.push(
    ev(seq++, 'log', {
      level: 'fatal',
      message: 'worker 3 died: CUDA error 700',
      logger: 'torch.distributed',
    }),
  );
  for (const text of HOSTILE)
    events.push(ev(seq++, 'log', { level: 'info', message: text, logger: 'hostile' }));
  if (final) events.push(ev(seq++, 'status', { status: 'completed' }));
  return events;
}

export const Empty: Story = { render: () => html`<run-log .events=${of()}></run-log>` };

export const ErrorsAndWarnings: Story = {
  name: 'Errors, warnings and terminal output',
  render: () => html`<run-log .events=${of(...mixedRun(false))}></run-log>`,
};

export const StreamingLive: Story = {
  name: 'Streaming live (replayed)',
  render: () => {
    const rand = random(5);
    const start = Date.now();
    const lines = [
      JSON.stringify(ev(0, 'run', { instance: 'ft' }, start)),
      JSON.stringify(ev(1, 'status', { status: 'running' }, start)),
    ];
    for (let i = 2; i < 30_000; i++)
      lines.push(JSON.stringify(logEvent('run-17', i, start + i * 5, rand)));
    return html`<run-log .events=${replayJsonl(lines, { speed: 1 })}></run-log>`;
  },
};

export const OneMillionEntries: Story = {
  name: '1,000,000 entries',
  render: () => html`<run-log .events=${logRun(1_000_000, { final: true })}></run-log>`,
};

export const TerminalOutput: Story = {
  name: 'tqdm and coloured output',
  render: () =>
    html`<run-log
      .events=${of(ev(0, 'run', { instance: 'ft' }), ...terminalChunks().map((c, i) => ev(i + 1, 'output', c)))}
    ></run-log>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<RunLog>('run-log')!;
    await new Promise((r) => setTimeout(r, 300));
    // Open the history of the outer progress bar: how it moved over time.
    el.shadowRoot!.querySelector<HTMLButtonElement>('.line .toggle')?.click();
  },
};

export const MetadataExpanded: Story = {
  name: 'Metadata expanded',
  render: () =>
    html`<run-log
      .events=${of(
        ev(0, 'run', { instance: 'ft' }),
        ev(1, 'log', {
          level: 'info',
          message: 'eval batch done',
          logger: 'eval',
          meta: {
            batch: 12,
            accuracy: 0.8125,
            per_class: { cat: 0.9, dog: 0.7 },
            flags: [true, false, null],
            note: 'tokens: 512',
          },
        }),
        ev(2, 'log', {
          level: 'warn',
          message: 'slow shard',
          logger: 'data.loader',
          meta: { shard: 7, seconds: 12.5 },
        }),
        ev(3, 'log', { level: 'info', message: 'next step', logger: 'trainer' }),
      )}
    ></run-log>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<RunLog>('run-log')!;
    await new Promise((r) => setTimeout(r, 300));
    el.shadowRoot!.querySelector<HTMLButtonElement>('.row .toggle')?.click();
  },
};

export const BothThemes: Story = {
  name: 'Light and dark',
  render: () =>
    html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 12px">
      ${['athanor-light', 'athanor-dark'].map(
        (theme) =>
          html`<div data-theme=${theme} style="padding: 8px; background: var(--color-base-200)">
            <run-log
              style="--athanor-run-log-height: 26rem"
              .events=${of(...mixedRun(true))}
            ></run-log>
          </div>`,
      )}
    </div>`,
};

export const GapsAndReconnects: Story = {
  name: 'Gaps, reconnects and invalid events',
  render: () => {
    const items: unknown[] = [
      ev(0, 'run', { instance: 'ft' }),
      ev(1, 'log', { level: 'info', message: 'before the gap' }),
      ev(9, 'log', { level: 'info', message: 'after seqs 2–8 went missing' }),
      {
        diagnostic: 'connection',
        state: 'reconnecting',
        transport: 'sse',
        attempt: 1,
        message: 'network error',
      },
      { diagnostic: 'connection', state: 'open', transport: 'sse', attempt: 1 },
      ev(10, 'log', { level: 'info', message: 'after the reconnect' }),
      {
        diagnostic: 'invalid',
        reason: 'data.level: expected one of trace|debug|info|warn|error|fatal, got "verbose"',
        raw: '{"v":1,"run":"run-17","seq":11,"type":"log","data":{"level":"verbose"}}',
      },
      ev(12, 'log', { level: 'info', message: 'the stream goes on' }),
    ];
    return html`<run-log .events=${of(...items)}></run-log>`;
  },
};

export const FinishedWithFilterAndSearch: Story = {
  name: 'Finished: filter and search',
  render: () => html`<run-log .events=${of(...mixedRun(true))}></run-log>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<RunLog>('run-log')!;
    await new Promise((r) => setTimeout(r, 300));
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    input.value = 'grad';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 100));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  },
};

export const WithStatus: Story = {
  name: 'In a run-scope, with run-status',
  render: () =>
    html`<run-scope .events=${concat(of(...mixedRun(false)), new Observable<never>())}>
      <div style="display: grid; gap: 8px">
        <run-status></run-status>
        <run-log style="--athanor-run-log-height: 22rem"></run-log>
      </div>
    </run-scope>`,
};
