import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Subject, of } from 'rxjs';
import { RUN_STATES, RunBuilder, type RawEvent } from '../../test/runs.ts';
import type { RunStatus } from '../run-status/run-status.ts';
import type { RunScope } from './run-scope.ts';
import './define.ts';
import '../run-status/define.ts';

const badge = (el: RunStatus) => el.shadowRoot!.querySelector('[part=status]')!.textContent!;
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function serverLog(id: string): Promise<unknown[]> {
  const response = await fetch(`/test-api/log?id=${id}`, { cache: 'no-store' });
  return (await response.json()) as unknown[];
}

describe('<run-scope>', () => {
  it('is accessible', async () => {
    const el = await fixture<RunScope>(
      html`<run-scope .events=${of(...RUN_STATES.failed())}><run-status></run-status></run-scope>`,
    );
    await expect(el).to.be.accessible();
  });

  it('opens one connection for all the elements inside it', async () => {
    const id = crypto.randomUUID();
    const scope = await fixture<RunScope>(
      html`<run-scope src="/test-api/sse?id=${id}&n=5">
        <run-status></run-status>
        <section><run-status></run-status></section>
      </run-scope>`,
    );
    const [a, b] = [...scope.querySelectorAll('run-status')];
    await waitUntil(() => badge(a!).includes('Completed') && badge(b!).includes('Completed'));
    expect(await serverLog(id)).to.have.length(1);
    expect(a!.state).to.equal(scope.state);
    expect(b!.state).to.equal(scope.state);
    expect(scope.state.counts.events).to.equal(5);
  });

  it('renders the shared state in the elements at most once per frame', async () => {
    const events = new Subject<RawEvent>();
    const scope = await fixture<RunScope>(
      html`<run-scope .events=${events}><run-status></run-status></run-scope>`,
    );
    const status = scope.querySelector('run-status')!;
    await status.updateComplete;
    let renders = 0;
    const render = status.render.bind(status);
    status.render = () => (renders++, render());
    const run = new RunBuilder(undefined, Date.now()).start().status('running');
    for (let i = 0; i < 500; i++) run.progress(i, 500, 1);
    run.events.forEach((e) => events.next(e));
    await frame();
    await status.updateComplete;
    expect(renders).to.equal(1);
    expect(status.shadowRoot!.querySelector('progress')!.value).to.equal(499);
  });

  it('starts the elements over when its stream changes', async () => {
    const scope = await fixture<RunScope>(
      html`<run-scope .events=${of(...RUN_STATES.failed())}><run-status></run-status></run-scope>`,
    );
    const status = scope.querySelector('run-status')!;
    await frame();
    await status.updateComplete;
    expect(badge(status)).to.contain('Failed');
    scope.events = of(...RUN_STATES.completed());
    await frame();
    await status.updateComplete;
    expect(badge(status)).to.contain('Completed');
    expect(status.state).to.equal(scope.state);
  });

  it('lets an element with its own stream keep it', async () => {
    const scope = await fixture<RunScope>(
      html`<run-scope .events=${of(...RUN_STATES.failed())}>
        <run-status .events=${of(...RUN_STATES.cancelled())}></run-status>
      </run-scope>`,
    );
    const status = scope.querySelector('run-status')!;
    await frame();
    await status.updateComplete;
    expect(badge(status)).to.contain('Cancelled');
    expect(status.state).not.to.equal(scope.state);
  });

  it('follows the elements moved in and out of it', async () => {
    const scope = await fixture<RunScope>(
      html`<run-scope .events=${of(...RUN_STATES.failed())}></run-scope>`,
    );
    const status = document.createElement('run-status');
    scope.append(status);
    await frame();
    await status.updateComplete;
    expect(badge(status)).to.contain('Failed');
    status.remove();
    document.body.append(status);
    await status.updateComplete;
    expect(status.state).not.to.equal(scope.state);
    status.remove();
  });
});
