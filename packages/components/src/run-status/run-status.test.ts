import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Subject, of } from 'rxjs';
import { RUN_STATES, RunBuilder, type RawEvent } from '../../test/runs.ts';
import { RunCancelEvent, RunLogJumpEvent } from '../shared/events.ts';
import type { RunStatus } from './run-status.ts';
import './define.ts';

async function show(events: RawEvent[]): Promise<RunStatus> {
  const el = await fixture<RunStatus>(html`<run-status .events=${of(...events)}></run-status>`);
  await frame();
  await el.updateComplete;
  return el;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const root = (el: RunStatus) => el.shadowRoot!;
const text = (el: RunStatus, selector: string) =>
  root(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: RunStatus, name: RegExp) =>
  [...root(el).querySelectorAll('button')].find((b) =>
    name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
  )!;

describe('<run-status>', () => {
  it('is accessible in every state, in both themes', async () => {
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      for (const make of Object.values(RUN_STATES)) {
        const el = await show(make());
        await expect(el).to.be.accessible();
      }
    }
    document.documentElement.removeAttribute('data-theme');
  });

  it('shows a badge for each status', async () => {
    const labels: Record<string, string> = {};
    for (const [name, make] of Object.entries(RUN_STATES)) {
      labels[name] = text(await show(make()), '[part=status]');
    }
    expect(labels).to.deep.equal({
      pending: '◌Pending',
      running: '▶Running',
      indeterminate: '▶Running',
      stale: '◷Stale',
      completed: '✓Completed',
      failed: '✗Failed',
      cancelled: '■Cancelled',
    });
  });

  it('turns stale after stale-after seconds without an event, saying for how long', async () => {
    const el = await show(RUN_STATES.stale());
    expect(text(el, '[part=status]')).to.contain('Stale');
    expect(root(el).textContent).to.match(/no output for 8 min/);
    el.staleAfter = 600;
    await el.updateComplete;
    expect(text(el, '[part=status]')).to.contain('Running');
    expect(root(el).textContent).not.to.contain('no output');
  });

  it('turns stale by itself while the page stays open', async () => {
    const events = new RunBuilder(undefined, Date.now() - 500).start().status('running').events;
    const el = await show(events);
    el.staleAfter = 1;
    await el.updateComplete;
    expect(text(el, '[part=status]')).to.contain('Running');
    await waitUntil(() => text(el, '[part=status]').includes('Stale'), 'never turned stale', {
      timeout: 3000,
    });
  });

  it('shows progress with values, percent, rate and ETA', async () => {
    const el = await show(RUN_STATES.running());
    const bar = root(el).querySelector('progress')!;
    expect(bar.value).to.equal(420);
    expect(bar.max).to.equal(1000);
    expect(bar.getAttribute('aria-label')).to.equal('Progress: train');
    const figures = text(el, '[part=progress] .font-mono');
    expect(figures).to.match(/^420 \/ 1,000 step · 42% · [\d.]+ step\/s · ETA \d\d:\d\d$/);
    expect(bar.getAttribute('aria-valuetext')).to.equal(figures.replaceAll(' · ', ', '));
  });

  it('shows an indeterminate bar without a total, and no bar before any progress', async () => {
    const el = await show(RUN_STATES.indeterminate());
    const bar = root(el).querySelector('progress')!;
    expect(bar.hasAttribute('value')).to.equal(false);
    expect(bar.matches(':indeterminate')).to.equal(true);
    expect(text(el, '[part=progress] .font-mono')).to.match(/^25 episode/);
    const pending = await show(RUN_STATES.pending());
    expect(root(pending).querySelector('[part=progress]')).to.equal(null);
  });

  it('ticks the elapsed time every second without rendering anything else', async () => {
    const el = await show(RUN_STATES.running());
    let renders = 0;
    const render = el.render.bind(el);
    el.render = () => {
      renders++;
      return render();
    };
    const elapsed = root(el).querySelector('.elapsed')!;
    const first = elapsed.textContent!.trim();
    expect(first).to.match(/Elapsed\s+0?3:\d\d/);
    const bar = root(el).querySelector('[part=progress]')!;
    await waitUntil(() => elapsed.textContent!.trim() !== first, 'clock did not tick', {
      timeout: 2500,
    });
    expect(renders).to.equal(0);
    expect(root(el).querySelector('[part=progress]')).to.equal(bar);
    expect(elapsed.getAttribute('title')).to.match(/^Started /);
  });

  it('shows the final duration of a finished run, with start and end on hover', async () => {
    const el = await show(RUN_STATES.completed());
    const elapsed = root(el).querySelector('.elapsed')!;
    expect(elapsed.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Duration 1:02:04');
    expect(elapsed.getAttribute('title')).to.match(/^Started .+, ended .+$/);
  });

  it('shows the error of a failed run, its stack collapsed, and copies it', async () => {
    const el = await show(RUN_STATES.failed());
    const panel = root(el).querySelector('[part=error]')!;
    expect(panel.querySelector('.error-message')!.textContent).to.equal(
      'CUDA out of memory. Tried to allocate 2.00 GiB',
    );
    expect(panel.textContent).to.contain('torch.OutOfMemoryError');
    const details = panel.querySelector('details')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')!.textContent).to.match(/Stack trace \(\d+ lines\)/);
    details.querySelector('summary')!.click();
    expect(details.open).to.equal(true);

    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    button(el, /Copy the error/).click();
    await waitUntil(() => text(el, '[part=error] button') === 'Copied');
    expect(copied).to.match(/^torch\.OutOfMemoryError: CUDA out of memory.*\n\nTraceback/s);
  });

  it('counts errors and warnings and asks the log to jump to the first one', async () => {
    const el = await show(RUN_STATES.running());
    const errors = button(el, /^\s*1 error\s*$/);
    const warnings = button(el, /^\s*1 warning\s*$/);
    setTimeout(() => errors.click());
    const jump = (await oneEvent(el, RunLogJumpEvent.eventName)) as unknown as RunLogJumpEvent;
    expect(jump).to.be.instanceOf(RunLogJumpEvent);
    expect(jump.levels).to.deep.equal(['error', 'fatal']);
    expect(jump.index).to.equal(2);
    expect(jump.composed && jump.bubbles).to.equal(true);
    setTimeout(() => warnings.click());
    const second = (await oneEvent(el, RunLogJumpEvent.eventName)) as unknown as RunLogJumpEvent;
    expect(second.index).to.equal(1);
    const done = await show(RUN_STATES.pending());
    expect(button(done, /0 errors/).disabled).to.equal(true);
  });

  it('asks to confirm a cancel, then dispatches a cancelable, composed run-cancel', async () => {
    const el = await show(RUN_STATES.running());
    button(el, /Cancel run/).click();
    await el.updateComplete;
    expect(root(el).activeElement?.textContent?.trim()).to.equal('Keep running');
    button(el, /Keep running/).click();
    await el.updateComplete;
    button(el, /Cancel run/).click();
    await el.updateComplete;
    el.addEventListener(RunCancelEvent.eventName, (e) => e.preventDefault(), { once: true });
    setTimeout(() => button(el, /Yes, cancel/).click());
    const event = (await oneEvent(el, RunCancelEvent.eventName)) as unknown as RunCancelEvent;
    expect(event.runId).to.equal('run-17');
    expect(event.cancelable && event.composed && event.bubbles).to.equal(true);
    await el.updateComplete;
    // Prevented: the page took the request over; nothing is pending here.
    expect(text(el, '[part=status]')).to.contain('Running');
  });

  it('POSTs to cancel-url and shows cancelling until the final status arrives', async () => {
    const id = crypto.randomUUID();
    const events = new Subject<RawEvent>();
    const el = await fixture<RunStatus>(
      html`<run-status .events=${events} cancel-url="/test-api/cancel?id=${id}"></run-status>`,
    );
    const run = new RunBuilder(undefined, Date.now());
    run.start().status('running');
    run.events.forEach((e) => events.next(e));
    await frame();
    await el.updateComplete;
    button(el, /Cancel run/).click();
    await el.updateComplete;
    button(el, /Yes, cancel/).click();
    await el.updateComplete;
    expect(text(el, '[part=status]')).to.contain('Cancelling…');
    await waitUntil(async () => (await serverLog(id)).length === 1);
    expect((await serverLog(id))[0]).to.include({ method: 'POST', status: 202 });
    run.status('cancelled', 10);
    events.next(run.events.at(-1)!);
    await waitUntil(() => text(el, '[part=status]').includes('Cancelled'));
    expect(root(el).querySelector('button.cancel')).to.equal(null);
  });

  it('shows why a cancel failed and offers to retry', async () => {
    const id = crypto.randomUUID();
    const el = await show(RUN_STATES.running());
    el.cancelUrl = `/test-api/cancel?id=${id}&status=409`;
    await el.updateComplete;
    button(el, /Cancel run/).click();
    await el.updateComplete;
    button(el, /Yes, cancel/).click();
    await waitUntil(() => root(el).querySelector('[role=alert]') !== null);
    expect(text(el, '[role=alert]')).to.equal(
      'Cancel failed: HTTP 409 Conflict: the run cannot be cancelled now',
    );
    expect(button(el, /Cancel run/).textContent!.trim()).to.equal('Retry cancel');
    expect(text(el, '[part=status]')).to.contain('Running');
  });

  it('announces status changes politely', async () => {
    const events = new Subject<RawEvent>();
    const el = await fixture<RunStatus>(html`<run-status .events=${events}></run-status>`);
    const run = new RunBuilder(undefined, Date.now()).start().status('running');
    run.events.forEach((e) => events.next(e));
    await frame();
    await el.updateComplete;
    const live = root(el).querySelector('.sr-only[role=status]')!;
    expect(live.textContent).to.equal('Run llama-3-8b lr=3e-4: Running');
    events.next(run.status('completed', 10).events.at(-1)!);
    await frame();
    await el.updateComplete;
    expect(live.textContent).to.equal('Run llama-3-8b lr=3e-4: Completed');
  });

  it('follows a Server-Sent Events URL on its own', async () => {
    const id = crypto.randomUUID();
    const el = await fixture<RunStatus>(
      html`<run-status src="/test-api/sse?id=${id}&n=4"></run-status>`,
    );
    await waitUntil(() => text(el, '[part=status]').includes('Completed'));
    expect(el.state.counts.events).to.equal(4);
  });

  it('shows where the keyboard focus is', async () => {
    const el = await show(RUN_STATES.running());
    button(el, /1 error/).focus();
    await sendKeys({ press: 'Tab' });
    const focused = root(el).activeElement as HTMLElement;
    expect(focused.textContent!.trim()).to.equal('1 warning');
    expect(getComputedStyle(focused).outlineStyle).to.equal('solid');
    expect(getComputedStyle(focused).outlineWidth).to.equal('2px');
  });

  it('exposes the phase as a custom state', async () => {
    const el = await show(RUN_STATES.failed());
    expect(el.matches(':state(failed)')).to.equal(true);
    expect(el.matches(':state(running)')).to.equal(false);
  });

  it('sticks to the top of its scroll container when sticky', async () => {
    const el = await show(RUN_STATES.running());
    expect(getComputedStyle(el).position).to.equal('static');
    el.sticky = true;
    await el.updateComplete;
    expect(getComputedStyle(el).position).to.equal('sticky');
    expect(getComputedStyle(el).top).to.equal('0px');
  });

  it('keeps the tab title showing status and percent, and restores it', async () => {
    document.title = 'Lab portal';
    const el = await show(RUN_STATES.running());
    el.documentTitle = true;
    await el.updateComplete;
    expect(document.title).to.equal('▶ 42% · llama-3-8b lr=3e-4');
    el.documentTitle = false;
    await el.updateComplete;
    expect(document.title).to.equal('Lab portal');
    el.documentTitle = true;
    await el.updateComplete;
    el.remove();
    expect(document.title).to.equal('Lab portal');
  });
});

async function serverLog(id: string): Promise<{ method?: string; status?: number }[]> {
  const response = await fetch(`/test-api/log?id=${id}`, { cache: 'no-store' });
  return (await response.json()) as { method?: string; status?: number }[];
}
