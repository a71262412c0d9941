import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { longHistory, sweepHistory } from '../../test/history-runs.ts';
import { RunSelectionEvent } from '../shared/events.ts';
import type { RunHistoryEntry } from './history-rows.ts';
import type { RunHistory } from './run-history.ts';
import './define.ts';

async function show(
  runs: readonly RunHistoryEntry[],
  attrs: { selectable?: boolean; href?: string } = {},
): Promise<RunHistory> {
  const el = await fixture<RunHistory>(
    html`<run-history
      .runs=${runs}
      ?selectable=${attrs.selectable ?? false}
      run-href=${attrs.href ?? '/runs/{id}'}
    ></run-history>`,
  );
  await el.updateComplete;
  return el;
}

const root = (el: RunHistory) => el.shadowRoot!;
const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
/** Each row's cells as text (the checkbox cell is empty). */
const table = (el: RunHistory) =>
  [...root(el).querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => clean(td.textContent)),
  );
const ids = (el: RunHistory) =>
  [...root(el).querySelectorAll<HTMLElement>('tbody tr')].map((tr) => tr.dataset['run']);
const header = (el: RunHistory, name: string) =>
  [...root(el).querySelectorAll('th')].find((th) => clean(th.textContent).startsWith(name))!;
const checkbox = (el: RunHistory, label: RegExp) =>
  [...root(el).querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((c) =>
    label.test(c.getAttribute('aria-label') ?? ''),
  )!;

async function withControl(key: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Control' });
}

describe('<run-history>', () => {
  it('is accessible with every status, selectable, in both themes', async () => {
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      const el = await show(sweepHistory(), { selectable: true });
      el.selected = ['run-02'];
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
    document.documentElement.removeAttribute('data-theme');
  });

  it('lists runs newest first with status, start, duration and the key result', async () => {
    const el = await show(sweepHistory(Date.now(), 4 * 60_000));
    // Pending runs without a start go last in a by-start order.
    expect(ids(el)).to.deep.equal([
      'run-07',
      'run-06',
      'run-05',
      'run-04',
      'run-03',
      'run-02',
      'run-01',
      'run-08',
    ]);
    const rows = table(el);
    expect(rows[0]![0]).to.equal('▶Running');
    expect(rows[0]![3]).to.equal('04:00');
    expect(rows[1]).to.include.members(['✓Completed', 'lr-sweep · run-06', '45:00', '0.352']);
    expect(rows[2]![0]).to.equal('■Cancelled');
    expect(rows[4]![0]).to.equal('✗Failed');
    // The key result is the numeric one most runs have; runs without it show a dash.
    expect(clean(header(el, 'train/loss').textContent)).to.equal('train/loss');
    el.keyResult = 'eval/accuracy';
    await el.updateComplete;
    expect(table(el)[4]![4]).to.equal('—');
    expect(table(el)[1]![4]).to.equal('0.8566');
    // A run that never named itself shows its id; one not started has no start or duration.
    expect(table(el)[7]).to.deep.equal(['◌Pending', 'run-08', '—', '—', '—']);
  });

  it('ticks the duration of a live run without being given new runs', async () => {
    const el = await show(sweepHistory(Date.now(), 5_000));
    const live = () => table(el)[0]![3];
    const before = live();
    await waitUntil(() => live() !== before, 'the live duration did not move', { timeout: 3000 });
    expect(live()).to.match(/^00:0[6-9]$/);
    // A finished run's duration is fixed.
    expect(table(el)[1]![3]).to.equal('45:00');
  });

  it('sorts by a column on its header button, toggling the direction', async () => {
    const el = await show(sweepHistory());
    expect(header(el, 'Started').getAttribute('aria-sort')).to.equal('descending');
    header(el, 'Duration').querySelector('button')!.click();
    await el.updateComplete;
    expect(header(el, 'Duration').getAttribute('aria-sort')).to.equal('descending');
    expect(header(el, 'Started').getAttribute('aria-sort')).to.equal('none');
    expect(ids(el).slice(0, 3)).to.deep.equal(['run-04', 'run-06', 'run-02']);
    header(el, 'Duration').querySelector('button')!.click();
    await el.updateComplete;
    expect(header(el, 'Duration').getAttribute('aria-sort')).to.equal('ascending');
    // Ascending, and the run with no duration still last.
    expect(ids(el)[0]).to.equal('run-07');
    expect(ids(el).at(-1)).to.equal('run-08');
    el.keyResult = 'eval/accuracy';
    await el.updateComplete;
    header(el, 'eval/accuracy').querySelector('button')!.click();
    await el.updateComplete;
    expect(ids(el).slice(0, 4)).to.deep.equal(['run-04', 'run-06', 'run-02', 'run-01']);
    header(el, 'Run').querySelector('button')!.click();
    await el.updateComplete;
    expect(header(el, 'Run').getAttribute('aria-sort')).to.equal('ascending');
    expect(ids(el)[0]).to.equal('run-01');
  });

  it('selects runs for comparison and says so in an event', async () => {
    const el = await show(sweepHistory(), { selectable: true });
    setTimeout(() => checkbox(el, /lr-sweep · run-04/).click());
    const first = (await oneEvent(el, RunSelectionEvent.eventName)) as RunSelectionEvent;
    expect(first.selected).to.deep.equal(['run-04']);
    setTimeout(() => checkbox(el, /lr-sweep · run-02/).click());
    expect(
      ((await oneEvent(el, RunSelectionEvent.eventName)) as RunSelectionEvent).selected,
    ).to.deep.equal(['run-04', 'run-02']);
    await el.updateComplete;
    const all = checkbox(el, /Select all/);
    expect(all.indeterminate).to.equal(true);
    expect(root(el).querySelectorAll('tr.selected')).to.have.length(2);
    all.click();
    await el.updateComplete;
    expect(el.selected).to.have.length(8);
    expect(all.checked).to.equal(true);
    all.click();
    await el.updateComplete;
    expect(el.selected).to.deep.equal([]);
    // Set from outside, the selection shows.
    el.selected = ['run-07'];
    await el.updateComplete;
    expect(checkbox(el, /run-07/).checked).to.equal(true);
  });

  it('links every run, its id percent-encoded', async () => {
    const el = await show([{ id: 'a/b c', status: 'completed', startedAt: 1, updatedAt: 2 }], {
      href: '/runs/{id}',
    });
    expect(root(el).querySelector('a')!.getAttribute('href')).to.equal('/runs/a%2Fb%20c');
  });

  it('moves between runs with the arrow keys, keeping the column', async () => {
    const el = await show(sweepHistory(), { selectable: true });
    const links = [...root(el).querySelectorAll<HTMLAnchorElement>('tbody a')];
    links[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(root(el).activeElement).to.equal(links[1]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    expect(root(el).activeElement).to.equal(links[1]);
    await withControl('End');
    expect(root(el).activeElement).to.equal(links.at(-1));
    checkbox(el, /run-05/).focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(root(el).activeElement).to.equal(checkbox(el, /run-06/));
    await withControl('Home');
    expect(root(el).activeElement).to.equal(checkbox(el, /run-07/));
  });

  it('shows a long history a hundred rows at a time', async () => {
    const el = await show(longHistory(250));
    expect(root(el).querySelectorAll('tbody tr')).to.have.length(100);
    const more = root(el).querySelector<HTMLButtonElement>('.more button')!;
    expect(clean(more.textContent)).to.equal('Show 100 more');
    expect(clean(root(el).querySelector('.more')!.textContent)).to.contain('of 250 runs');
    more.click();
    await el.updateComplete;
    more.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('tbody tr')).to.have.length(250);
    expect(root(el).querySelector('.more')).to.equal(null);
  });

  it('says when there are no runs', async () => {
    const el = await show([]);
    expect(clean(root(el).querySelector('.empty')!.textContent)).to.equal('No runs yet.');
  });

  it('follows a history URL: new runs and status changes appear and are announced', async () => {
    const id = `follow-${Math.random()}`;
    const el = await fixture<RunHistory>(
      html`<run-history src="/test-api/history?id=${id}" refresh="0.05"></run-history>`,
    );
    await waitUntil(() => ids(el).length === 1, 'the first fetch did not show');
    expect(table(el)[0]![0]).to.equal('▶Running');
    await waitUntil(() => ids(el).length === 2, 'the new run did not appear');
    await waitUntil(() => table(el)[1]?.[0] === '✓Completed', 'the status did not change');
    expect(table(el)[1]![3]).to.equal('01:05');
    expect(table(el)[1]![4]).to.equal('0.91');
    const status = root(el).querySelector('[role=status]')!;
    expect(status.textContent).to.match(/first: Completed/);
    el.remove();
    // Disconnected, it stops asking.
    const asked = ((await (await fetch(`/test-api/log?id=${id}`)).json()) as unknown[]).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = ((await (await fetch(`/test-api/log?id=${id}`)).json()) as unknown[]).length;
    expect(later).to.equal(asked);
  });

  it('keeps the rows it has when a fetch fails, says so, and recovers', async () => {
    const id = `fail-${Math.random()}`;
    const el = await fixture<RunHistory>(
      html`<run-history src="/test-api/history?id=${id}&fail=2,3" refresh="0.05"></run-history>`,
    );
    await waitUntil(() => root(el).querySelector('.load-error'), 'no error shown');
    const error = root(el).querySelector('.load-error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(clean(error.textContent)).to.contain(
      'Could not load runs: the server answered 500 — showing the last ones loaded',
    );
    expect(ids(el)).to.deep.equal(['r1']);
    await waitUntil(() => ids(el).length === 2, 'did not recover', { timeout: 3000 });
    expect(root(el).querySelector('.load-error')).to.equal(null);
  });

  it('refuses a body that is not a run history, saying why', async () => {
    const el = await fixture<RunHistory>(
      html`<run-history
        src=${`data:application/json,${encodeURIComponent('[{"id":"x","status":"exploded"}]')}`}
        refresh="0"
      ></run-history>`,
    );
    await waitUntil(() => root(el).querySelector('.load-error'), 'no error shown');
    expect(clean(root(el).querySelector('.load-error')!.textContent)).to.contain(
      'run "x" has an unknown status "exploded"',
    );
    expect(clean(root(el).querySelector('.empty')?.textContent)).to.equal('');
  });
});
