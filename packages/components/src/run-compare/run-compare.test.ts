import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { Subject, of } from 'rxjs';
import {
  liveRuns,
  manyKeyRuns,
  liveTail,
  mixedRuns,
  repeatedRuns,
  sweepRuns,
  wideRuns,
  type RecordedRun,
} from '../../test/compare-runs.ts';
import { RunBaselineChangeEvent, RunCompareExportEvent } from './events.ts';
import type { CompareRunInput, RunCompare } from './run-compare.ts';
import './define.ts';

const inputs = (runs: readonly RecordedRun[]): CompareRunInput[] =>
  runs.map((r) => ({ id: r.id, events: of(...r.events) }));

async function show(
  runs: readonly CompareRunInput[],
  attrs: { baseline?: string; hideIdentical?: boolean } = {},
): Promise<RunCompare> {
  const el = await fixture<RunCompare>(
    html`<run-compare
      .runs=${runs}
      baseline=${attrs.baseline ?? ''}
      ?hide-identical=${attrs.hideIdentical ?? false}
      run-href="/runs/{id}"
    ></run-compare>`,
  );
  await el.updateComplete;
  return el;
}

const root = (el: RunCompare) => el.shadowRoot!;
const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const section = (el: RunCompare, name: string) =>
  root(el).querySelector<HTMLElement>(`section:has(> .section-head #h-${name})`)!;
/** A section's body rows as the text of their cells, the first being the key. */
const cells = (el: RunCompare, name: string) =>
  [...section(el, name).querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((c) => clean(c.textContent)),
  );
const row = (el: RunCompare, name: string, key: string) =>
  cells(el, name).find((r) => r[0]!.replace(/^[≠∅] ?/, '').startsWith(key))!;
const radios = (el: RunCompare) => [
  ...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]'),
];
const hideToggle = (el: RunCompare) =>
  section(el, 'config').querySelector<HTMLInputElement>('input[type=checkbox]')!;
const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await nextFrame();
};

describe('<run-compare>', () => {
  it('is accessible, a diff opened, in both themes', async () => {
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      const el = await show(inputs(sweepRuns()));
      root(el).querySelector<HTMLDetailsElement>('details.diff')!.open = true;
      await expect(el).to.be.accessible();
      const mixed = await show(inputs(mixedRuns()), { hideIdentical: true });
      await expect(mixed).to.be.accessible();
    }
    document.documentElement.removeAttribute('data-theme');
  });

  it('shows each run: name linked, status, start, duration and the baseline', async () => {
    const el = await show(inputs(sweepRuns()));
    const heads = [...section(el, 'runs').querySelectorAll('thead th')].map((th) =>
      clean(th.textContent),
    );
    expect(heads[0]).to.equal('Run');
    expect(heads[1]).to.match(/^lr=0.0001 batch=16 baseline sweep-lr0.0001-b16$/);
    expect(heads).to.have.length(7);
    const link = section(el, 'runs').querySelector('thead a')!;
    expect(link.getAttribute('href')).to.equal('/runs/sweep-lr0.0001-b16');
    const status = row(el, 'runs', 'Status');
    expect(status[1]).to.equal('✓Completed');
    expect(status[5]).to.match(/^✗Failedtraining diverged: loss is NaN$/);
    const events = sweepRuns()[0]!.events;
    const running = events.find((e) => e.data['status'] === 'running')!.time;
    const seconds = Math.floor((events.at(-1)!.time - running) / 1000);
    const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    expect(row(el, 'runs', 'Duration')[1]).to.equal(clock);
    expect(row(el, 'runs', 'Started')[1]).to.match(/\d\d:\d\d/);
    expect(radios(el).map((r) => r.checked)).to.deep.equal([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('compares configurations, marking what differs from the baseline', async () => {
    const el = await show(inputs(sweepRuns()));
    const lr = section(el, 'config').querySelector('tr[data-path="optimizer.lr"]')!;
    expect(lr.className).to.equal('different');
    const tds = [...lr.querySelectorAll('td')];
    expect(tds.map((td) => td.classList.contains('differs'))).to.deep.equal([
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    // Not by colour alone: a mark and words for screen readers.
    expect(clean(tds[2]!.textContent)).to.equal('≠differs from baseline: 0.0003');
    expect(clean(lr.querySelector('th')!.textContent)).to.equal('≠ optimizer.lr (differs)');
    expect(row(el, 'config', 'model')).to.deep.equal(['model', ...Array(6).fill('"llama-3-8b"')]);
    expect(clean(section(el, 'config').querySelector('.section-head')!.textContent)).to.contain(
      '2 paths differ · 8 identical',
    );
  });

  it('hides identical configuration paths, saying how many', async () => {
    const el = await show(inputs(repeatedRuns(3)));
    expect(cells(el, 'config')).to.have.length(11);
    hideToggle(el).click();
    await el.updateComplete;
    expect(el.hideIdentical).to.equal(true);
    expect(el.hasAttribute('hide-identical')).to.equal(true);
    expect(cells(el, 'config').map((r) => r[0])).to.deep.equal(['≠ seed (differs)']);
    expect(clean(section(el, 'config').querySelector('.section-head')!.textContent)).to.contain(
      '1 path differs · 10 identical',
    );
    expect(clean(section(el, 'config').textContent)).to.contain('10 identical paths hidden.');
    expect(clean(hideToggle(el).parentElement!.textContent)).to.equal('Hide identical paths (10)');
    el.hideIdentical = false;
    await el.updateComplete;
    expect(cells(el, 'config')).to.have.length(11);
  });

  it('hides result keys every run agrees on, saying how many, and keeps them live', async () => {
    const el = await show(inputs(repeatedRuns(3)));
    const keys = () => cells(el, 'results').map((r) => r[0]!.replace(/^[≠∅] ?/, '').split(' ')[0]);
    expect(keys()).to.deep.equal(['converged', 'eval/accuracy', 'eval/report', 'train/loss']);
    const toggle = section(el, 'results').querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(clean(toggle.parentElement!.textContent)).to.equal('Hide identical keys (1)');
    toggle.click();
    await el.updateComplete;
    expect(el.hideIdenticalResults).to.equal(true);
    expect(el.hasAttribute('hide-identical-results')).to.equal(true);
    // The configuration's own toggle is not moved by it.
    expect(el.hideIdentical).to.equal(false);
    expect(keys()).to.deep.equal(['eval/accuracy', 'eval/report', 'train/loss']);
    expect(clean(section(el, 'results').textContent)).to.contain('1 identical key hidden.');
    expect(clean(section(el, 'results').querySelector('.section-head')!.textContent)).to.contain(
      '4 keys · 3 differ from the baseline',
    );
    el.hideIdenticalResults = false;
    await el.updateComplete;
    expect(keys()).to.have.length(4);
  });

  it('shows a hidden identical result key again once a live run changes it', async () => {
    const [a, b] = repeatedRuns(2);
    const live = new Subject<unknown>();
    const el = await fixture<RunCompare>(
      html`<run-compare
        hide-identical-results
        .runs=${[...inputs([a!, b!]), { id: 'live', events: live }]}
      ></run-compare>`,
    );
    const event = (seq: number, type: string, data: unknown) =>
      live.next({ v: 1, run: 'live', seq, time: Date.now(), type, data });
    event(0, 'run', { instance: 'ft-llama', config: {} });
    event(1, 'result', { key: 'converged', value: true });
    await frames();
    const shown = () => cells(el, 'results').some((r) => r[0]!.includes('converged'));
    expect(shown()).to.equal(false);
    event(2, 'result', { key: 'converged', value: false });
    await frames();
    expect(shown()).to.equal(true);
    expect(row(el, 'results', 'converged')[0]).to.equal('≠ converged (differs)');
  });

  it('shows each result with its delta, and a series summarised', async () => {
    const el = await show(inputs(sweepRuns()));
    const acc = row(el, 'results', 'eval/accuracy');
    expect(acc[1]).to.match(/^0\.\d+ baseline$/);
    expect(acc[2]).to.match(/^0.7\d{3} [▲▼] change [+−]0.0\d+ \([+−]\d+.\d+%\)$/);
    // The failed run has no accuracy.
    expect(acc[5]).to.equal('—no value');
    const loss = row(el, 'results', 'train/loss');
    expect(loss[1]).to.match(
      /^[\d.]+ baseline n 60 · μ [\d.]+ ± [\d.]+ p50 [\d.]+ · p95 [\d.]+ [\d.]+ – [\d.]+$/,
    );
    expect(loss[3]).to.match(/\(μ [+−][\d.e-]+\)/);
    expect(section(el, 'results').querySelectorAll('svg.spark')).to.have.length(6);
    const converged = row(el, 'results', 'converged');
    expect(converged[0]).to.equal('≠ converged (differs)');
    expect(converged.slice(1)).to.deep.equal([
      'false baseline',
      'false = same',
      'false = same',
      'false = same',
      '—no value',
      'true ≠ changed',
    ]);
  });

  it('compares booleans, strings and null as same or changed', async () => {
    const el = await show(inputs(mixedRuns()));
    expect(row(el, 'results', 'success')).to.deep.equal([
      '≠ success (differs)',
      'true baseline',
      'false ≠ changed',
      'true = same',
    ]);
    expect(row(el, 'results', 'final_answer')).to.deep.equal([
      '≠ final_answer (differs)',
      'Paris baseline',
      'Lyon ≠ changed',
      'Paris = same',
    ]);
    expect(row(el, 'results', 'judge').slice(2)).to.deep.equal(['null = same', 'null = same']);
    expect(row(el, 'results', 'reward')[1]).to.contain('also 1 string');
    expect(row(el, 'results', 'tool_ok')[1]).to.contain('true 4 · false 2');
  });

  it('reads an equal figure as the same, and shows many keys 200 at a time', async () => {
    const el = await show(inputs(manyKeyRuns(2, 250)));
    expect(row(el, 'results', 'task_01/score')).to.deep.equal([
      'task_01/score',
      '0.505 baseline',
      '0.505 = same',
    ]);
    expect(cells(el, 'results')).to.have.length(200);
    const more = section(el, 'results').querySelector<HTMLButtonElement>('.note button')!;
    expect(clean(more.textContent)).to.equal('Show 50 more keys');
    more.click();
    await el.updateComplete;
    expect(cells(el, 'results')).to.have.length(250);
  });

  it('moves every delta to a new baseline, and says so', async () => {
    const el = await show(inputs(sweepRuns()));
    const before = row(el, 'results', 'eval/accuracy');
    setTimeout(() => radios(el)[2]!.click());
    const event = (await oneEvent(el, RunBaselineChangeEvent.eventName)) as RunBaselineChangeEvent;
    expect(event.baseline).to.equal('sweep-lr0.0003-b16');
    await el.updateComplete;
    expect(el.baseline).to.equal('sweep-lr0.0003-b16');
    expect(el.getAttribute('baseline')).to.equal('sweep-lr0.0003-b16');
    const after = row(el, 'results', 'eval/accuracy');
    expect(after[3]).to.match(/ baseline$/);
    expect(after[1]).to.not.equal(before[1]);
    expect(after[1]).to.match(/[▲▼] change/);
    expect(clean(root(el).querySelector('.toolbar')!.textContent)).to.contain(
      'against lr=0.0003 batch=16',
    );
    // Config cells are marked against the new baseline too.
    const lr = section(el, 'config').querySelector('tr[data-path="optimizer.lr"]')!;
    expect(
      [...lr.querySelectorAll('td')].map((td) => td.classList.contains('differs')),
    ).to.deep.equal([true, true, false, false, true, true]);
  });

  it('diffs structured results against the baseline, collapsed until opened', async () => {
    const el = await show(inputs(mixedRuns()));
    const trace = section(el, 'results').querySelector('tr[data-key="trace"]')!;
    const [, second, third] = [...trace.querySelectorAll('td')];
    const details = second!.querySelector<HTMLDetailsElement>('details.diff')!;
    expect(details.open).to.equal(false);
    expect(clean(details.querySelector('summary')!.textContent)).to.equal('≠ 2 changed · 1 added');
    details.open = true;
    const items = [...details.querySelectorAll('li')].map((li) => clean(li.textContent));
    expect(items).to.deep.equal([
      '~ changed turns 3 →to 4',
      '~ changed scores.relevance 0.8 →to 0.8500000000000001',
      '+ added error "timeout in python tool"',
    ]);
    expect(clean(third!.querySelector('summary')!.textContent)).to.equal('≠ 2 changed · 1 removed');
    // The baseline shows its own document; a change of kind is a plain change, no diff.
    expect(clean(trace.querySelector('td details summary')!.textContent)).to.equal(
      'object · 3 keys',
    );
    const score = section(el, 'results').querySelectorAll('tr[data-key="score"] td')[2]!;
    expect(clean(score.querySelector('summary')!.textContent)).to.equal('object · 2 keys');
    expect(clean(score.querySelector('.delta')!.textContent)).to.equal('≠ changed');
  });

  it('counts log levels per run', async () => {
    const el = await show(inputs(sweepRuns()));
    const levels = cells(el, 'logs').map((r) => r[0]);
    expect(levels).to.deep.equal(['Trace', 'Debug', 'Info', 'Warning', 'Error', 'Fatal']);
    expect(row(el, 'logs', 'Error')).to.deep.equal(['Error', '0', '0', '0', '0', '1', '0']);
    expect(Number(row(el, 'logs', 'Info')[1])).to.equal(4);
    expect(section(el, 'logs').querySelector('.lvl-error .count.some')).to.not.equal(null);
  });

  it('follows a live run, rendering once per frame for all runs', async () => {
    const now = Date.now();
    const [a, b, live] = liveRuns(now, 60_000, 10);
    const subject = new Subject<unknown>();
    const el = await show([
      { id: a!.id, events: of(...a!.events) },
      { id: b!.id, events: of(...b!.events) },
      { id: live!.id, events: subject },
    ]);
    for (const e of live!.events) subject.next(e);
    await frames();
    await el.updateComplete;
    expect(row(el, 'runs', 'Status')[3]).to.equal('▶Running');
    expect(row(el, 'results', 'train/loss')[3]).to.match(/n 10 /);
    let renders = 0;
    const render = el.render.bind(el);
    el.render = () => {
      renders++;
      return render();
    };
    const tail = liveTail(live!.events.length, now, 500);
    for (const e of tail.slice(0, 250)) subject.next(e);
    for (const e of tail.slice(250)) subject.next(e);
    await frames();
    await el.updateComplete;
    expect(renders).to.equal(1);
    expect(row(el, 'runs', 'Status')[3]).to.equal('✓Completed');
    expect(row(el, 'results', 'train/loss')[3]).to.match(/n 510 /);
    // Nothing more arrives: no more renders.
    await frames(3);
    expect(renders).to.equal(1);
  });

  it('says when the stream of a live run fails', async () => {
    const failing = new Subject<unknown>();
    const [a, b] = repeatedRuns(2);
    const el = await show([...inputs([a!, b!]), { id: 'lost', events: failing }]);
    failing.next({
      v: 1,
      run: 'lost',
      seq: 0,
      time: Date.now(),
      type: 'status',
      data: { status: 'running' },
    });
    failing.error(new Error('socket closed by the proxy'));
    await frames();
    await el.updateComplete;
    expect(row(el, 'runs', 'Status')[3]).to.equal('▶Running⚠ socket closed by the proxy');
    expect(row(el, 'runs', 'Status')[1]).to.equal('✓Completed');
  });

  it('keeps following the runs it had when the list changes, and stops those removed', async () => {
    const [a, b, c] = repeatedRuns(3);
    const live = new Subject<unknown>();
    const first = inputs([a!, b!]);
    const el = await show([...first, { id: 'live', events: live }]);
    live.next({
      v: 1,
      run: 'live',
      seq: 0,
      time: Date.now(),
      type: 'log',
      data: { level: 'error', message: 'x' },
    });
    el.runs = [first[0]!, { id: 'live', events: live }, ...inputs([c!])];
    await frames();
    await el.updateComplete;
    expect(live.observed).to.equal(true);
    expect(row(el, 'logs', 'Error')).to.deep.equal(['Error', '0', '1', '0']);
    expect(el.toJSON().runs.map((r) => r.id)).to.deep.equal(['rep-1', 'live', 'rep-3']);
    // Disconnected, nothing is followed; connected again, everything is.
    const parent = el.parentNode!;
    el.remove();
    expect(live.observed).to.equal(false);
    parent.appendChild(el);
    expect(live.observed).to.equal(true);
    el.runs = first;
    await el.updateComplete;
    expect(live.observed).to.equal(false);
  });

  it('ticks the duration of a live run only', async () => {
    const [a, b, live] = liveRuns(Date.now(), 5000, 2);
    const el = await show(inputs([a!, b!, live!]));
    const duration = () => row(el, 'runs', 'Duration');
    const before = duration();
    await waitUntil(() => duration()[3] !== before[3], 'the live duration did not tick', {
      timeout: 3000,
    });
    expect(duration()[1]).to.equal(before[1]);
  });

  it('says which runs are in view of a wide comparison and moves by a view', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 900px">
          <run-compare .runs=${inputs(wideRuns(20))}></run-compare>
        </div>`,
      );
      const el = wrapper.querySelector<RunCompare>('run-compare')!;
      await frames();
      await el.updateComplete;
      const pan = () => root(el).querySelector<HTMLElement>('.pan')!;
      const range = () => clean(pan().querySelector('.pan-range')!.textContent);
      const [earlier, later] = [...pan().querySelectorAll('button')];
      expect(earlier!.getAttribute('aria-label')).to.equal('Earlier runs');
      expect(later!.getAttribute('aria-label')).to.equal('Later runs');
      expect(earlier!.getAttribute('aria-disabled')).to.equal('true');
      expect(later!.getAttribute('aria-disabled')).to.equal('false');
      const start = /^Runs 1–(\d+) of 20$/.exec(range());
      expect(start, range()).to.not.equal(null);
      const perView = Number(start![1]);
      expect(perView).to.be.within(2, 6);
      const viewport = root(el).querySelector('.viewport')!;
      expect(viewport.classList.contains('more-after')).to.equal(true);
      expect(viewport.classList.contains('more-before')).to.equal(false);
      later!.click();
      await waitUntil(() => !range().startsWith('Runs 1–'), 'the view did not move');
      // A view on: the next runs, none skipped.
      const [, first] = /^Runs (\d+)–/.exec(range())!;
      expect(Number(first)).to.be.within(2, perView + 1);
      expect(earlier!.getAttribute('aria-disabled')).to.equal('false');
      expect(viewport.classList.contains('more-before')).to.equal(true);
      // To the end from the keyboard: focus stays on the button, which then says it is done.
      later!.focus();
      for (let i = 0; i < 20 && later!.getAttribute('aria-disabled') !== 'true'; i++) {
        await sendKeys({ press: 'Enter' });
        await frames();
        await el.updateComplete;
      }
      expect(range()).to.match(/^Runs \d+–20 of 20$/);
      expect(later!.getAttribute('aria-disabled')).to.equal('true');
      expect(root(el).activeElement).to.equal(later);
      expect(viewport.classList.contains('more-after')).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('shows no sideways controls when every run fits', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 1400px">
        <run-compare .runs=${inputs(repeatedRuns(2))}></run-compare>
      </div>`,
    );
    const el = wrapper.querySelector<RunCompare>('run-compare')!;
    await frames();
    await el.updateComplete;
    expect(root(el).querySelector('.pan')).to.equal(null);
    expect(root(el).querySelector('.viewport')!.className.trim()).to.equal('viewport');
  });

  it('tells when fewer than 2 runs are given, and opens none', async () => {
    const subject = new Subject<unknown>();
    const el = await show([{ events: subject }]);
    expect(clean(root(el).querySelector('.notice')!.textContent)).to.equal(
      'Comparing needs at least 2 runs; only 1 was given.',
    );
    expect(subject.observed).to.equal(false);
    expect(root(el).querySelector('table')).to.equal(null);
    el.runs = [];
    await el.updateComplete;
    expect(clean(root(el).querySelector('.notice')!.textContent)).to.contain('none was given');
  });

  it('compares the first 20 of 21 runs and says which was left out, unopened', async () => {
    const runs = wideRuns(21);
    const last = new Subject<unknown>();
    const el = await show([...inputs(runs.slice(0, 20)), { id: 'wide-21', events: last }]);
    expect(clean(root(el).querySelector('.notice')!.textContent)).to.equal(
      '21 runs were given; at most 20 can be compared. Comparing the first 20; not opened: wide-21.',
    );
    expect(last.observed).to.equal(false);
    expect(section(el, 'runs').querySelectorAll('thead th')).to.have.length(21);
  });

  it('scrolls 20 runs sideways with the first column in view', async () => {
    const el = await show(inputs(wideRuns(20)));
    const scroller = root(el).querySelector<HTMLElement>('.scroller')!;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    const key = section(el, 'results').querySelector<HTMLElement>('tbody th.key')!;
    const head = section(el, 'results').querySelector<HTMLElement>('.section-head')!;
    const left = scroller.getBoundingClientRect().left;
    scroller.scrollLeft = 2000;
    await nextFrame();
    expect(key.getBoundingClientRect().left).to.be.closeTo(left + 1, 1.5);
    expect(head.getBoundingClientRect().left).to.be.closeTo(left, 1.5);
    expect(
      section(el, 'results').querySelector('tbody td')!.getBoundingClientRect().right,
    ).to.be.lessThan(left);
  });

  it('exports the comparison as JSON, and says so after a download', async () => {
    const el = await show(inputs(repeatedRuns(3)), { baseline: 'rep-2' });
    const data = el.toJSON();
    expect(data.baseline).to.equal('rep-2');
    expect(data.runs.map((r) => r.id)).to.deep.equal(['rep-1', 'rep-2', 'rep-3']);
    expect(data.runs[0]!.status).to.equal('completed');
    expect(data.runs[0]!.config?.['seed']).to.equal(1);
    expect(data.config.rows.find((r) => r.path === 'seed')?.differs).to.deep.equal([
      'rep-1',
      'rep-3',
    ]);
    const acc = data.results.find((r) => r.key === 'eval/accuracy')!;
    expect(acc.runs['rep-2']!.delta).to.equal(undefined);
    expect(acc.runs['rep-1']!.delta?.kind).to.equal('numeric');
    expect(
      data.results.find((r) => r.key === 'train/loss')!.runs['rep-3']!.summary?.numeric?.count,
    ).to.equal(60);
    expect(data.logs['rep-1']!.warn).to.be.greaterThan(0);
    const button = [...root(el).querySelectorAll('button')].find(
      (b) => clean(b.textContent) === 'Download JSON',
    )!;
    setTimeout(() => button.click());
    const event = (await oneEvent(el, RunCompareExportEvent.eventName)) as RunCompareExportEvent;
    expect({ ...event.comparison, exportedAt: '' }).to.deep.equal({ ...data, exportedAt: '' });
  });

  it('is used from the keyboard: download, baseline, both hide-identical toggles, diffs', async () => {
    const el = await show(inputs(mixedRuns()));
    const button = root(el).querySelector<HTMLButtonElement>('.toolbar button')!;
    button.focus();
    await sendKeys({ press: 'Tab' }); // the first run's link
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(radios(el)[0]);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.baseline).to.equal('mixed-2');
    expect(root(el).activeElement).to.equal(radios(el)[1]);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(hideToggle(el));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.hideIdentical).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(
      section(el, 'results').querySelector('input[type=checkbox]'),
    );
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.hideIdenticalResults).to.equal(true);
    await sendKeys({ press: 'Tab' });
    const summary = root(el).activeElement as HTMLElement;
    expect(summary.tagName).to.equal('SUMMARY');
    await sendKeys({ press: 'Enter' });
    expect((summary.parentElement as HTMLDetailsElement).open).to.equal(true);
  });

  it('follows run ids over Server-Sent Events, ids percent-encoded, resuming after a drop', async () => {
    const tag = `cmp-${Math.random().toString(36).slice(2)}`;
    const el = await fixture<RunCompare>(
      html`<run-compare
        run-ids="a b,c/d"
        src-template=${`/test-api/sse?id=${tag}-{id}&n=6&drop=2`}
      ></run-compare>`,
    );
    expect(el.runIds).to.deep.equal(['a b', 'c/d']);
    await waitUntil(
      () =>
        row(el, 'runs', 'Status')
          ?.slice(1)
          .every((s) => s === '✓Completed'),
      'the runs did not complete',
      { timeout: 5000 },
    );
    await el.updateComplete;
    expect(row(el, 'logs', 'Info')).to.deep.equal(['Info', '4', '4']);
    const log = await (await fetch(`/test-api/log?id=${encodeURIComponent(`${tag}-a b`)}`)).json();
    expect(log).to.have.length(2);
    expect(log[1].lastEventId ?? log[1].after).to.equal('2');
    const other = await (
      await fetch(`/test-api/log?id=${encodeURIComponent(`${tag}-c/d`)}`)
    ).json();
    expect(other.length).to.be.greaterThan(0);
    expect(el.toJSON().runs.map((r) => r.id)).to.deep.equal(['a b', 'c/d']);
  });
});
