import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Subject, of } from 'rxjs';
import { StatsRun, evalSweep, manyKeys, mixedTypes } from '../../test/stats-runs.ts';
import type { RawEvent } from '../../test/runs.ts';
import type { ResultStatsElement } from './result-stats.ts';
import type { RunScope } from '../run-scope/run-scope.ts';
import './define.ts';
import '../run-scope/define.ts';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
async function settle(el: ResultStatsElement, frames = 2): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await frame();
    await el.updateComplete;
  }
}

async function show(events: unknown[]): Promise<ResultStatsElement> {
  const el = await fixture<ResultStatsElement>(
    html`<result-stats style="width: 900px" .events=${of(...events)}></result-stats>`,
  );
  await settle(el);
  return el;
}

/** A run of the given results, `[key, value]` in order. */
const results = (pairs: [string, unknown][]) => {
  const run = new StatsRun();
  for (const [key, value] of pairs) run.result(key, value);
  return run.events;
};

const root = (el: ResultStatsElement) => el.shadowRoot!;
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const cards = (el: ResultStatsElement) => [...root(el).querySelectorAll<HTMLElement>('[part=key]')];
const card = (el: ResultStatsElement, key: string) =>
  cards(el).find((c) => c.querySelector('.key')!.textContent === key)!;
const keysShown = (el: ResultStatsElement) =>
  cards(el).map((c) => c.querySelector('.key')!.textContent);
/** The figures of a card as { name: shown value }. */
const figures = (c: HTMLElement) =>
  Object.fromEntries(
    [...c.querySelectorAll('.figures div')].map((d) => [
      d.querySelector('dt')!.textContent,
      d.querySelector('dd')!.textContent,
    ]),
  );
const button = (el: ResultStatsElement, label: RegExp) =>
  [...root(el).querySelectorAll('button')].find((b) => label.test(squash(b.textContent)))!;

describe('<result-stats>', () => {
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('is accessible in both themes: with stats, mixed kinds, a latest value shown, empty', async () => {
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      const el = await show(evalSweep(200));
      card(el, 'item').querySelector<HTMLElement>('summary')!.click();
      await settle(el);
      expect(root(el).querySelector('result-tree')).to.not.equal(null);
      await expect(el).to.be.accessible();
      await expect(await show(mixedTypes())).to.be.accessible();
      await expect(await show([])).to.be.accessible();
    }
  });

  it('is a named region with a list of keys in first-seen order, each with kind and count', async () => {
    const el = await show(evalSweep(50));
    const region = root(el).querySelector('[role=region]')!;
    expect(region.getAttribute('aria-label')).to.equal('Result statistics');
    expect(root(el).querySelector('ul[aria-label="Result keys"]')).to.not.equal(null);
    expect(keysShown(el)).to.deep.equal([
      'confidence',
      'correct',
      'model',
      'latency_ms',
      'item',
      'repeat_accuracy',
    ]);
    const confidence = card(el, 'confidence');
    expect(confidence.getAttribute('aria-labelledby')).to.equal(
      confidence.querySelector('.key')!.id,
    );
    expect(squash(confidence.querySelector('.kind')!.textContent)).to.equal('number');
    expect(squash(confidence.querySelector('.count')!.textContent)).to.equal('50 values');
    expect(squash(card(el, 'item').querySelector('.kind')!.textContent)).to.equal('object/array');
    expect(squash(root(el).querySelector('.summary')!.textContent)).to.equal('6 keys · 203 values');
  });

  it('shows count, min, max, mean, sample σ, p50 and p95 of numbers, exact while few', async () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const el = await show(results(values.map((v) => ['x', v])));
    expect(figures(card(el, 'x'))).to.deep.equal({
      min: '1',
      max: '100',
      mean: '50.5',
      σ: '29.01',
      p50: '50.5',
      p95: '95.05',
    });
  });

  it('marks estimated quantiles with ≈ past the exact limit', async () => {
    const el = await show(results(Array.from({ length: 10_001 }, (_, i) => ['x', i])));
    const f = figures(card(el, 'x'));
    expect(f.p50).to.match(/^≈/);
    expect(f.p95).to.match(/^≈/);
    expect(f.min).to.equal('0');
    expect(card(el, 'x').querySelector('.figures [title*="sketch"]')).to.not.equal(null);
  });

  it('draws a sparkline and a histogram as named images', async () => {
    const el = await show(results(Array.from({ length: 400 }, (_, i) => ['x', i % 50])));
    const c = card(el, 'x');
    const spark = c.querySelector('svg.sparkline')!;
    const histogram = c.querySelector('svg.histogram')!;
    expect(spark.getAttribute('role')).to.equal('img');
    expect(spark.getAttribute('aria-label')).to.match(/^Sparkline of 400 values in arrival order/);
    expect(spark.querySelector('.band')).to.not.equal(null, 'past 120 values: bands');
    expect(histogram.getAttribute('aria-label')).to.match(
      /^Histogram of 400 values in 24 bins from 0 to 49/,
    );
    // One bar per non-empty bin, in one path.
    expect(histogram.querySelector('path')!.getAttribute('d')!.match(/M/g)).to.have.length(24);
    const line = spark.querySelector('.line')!;
    const stroke = getComputedStyle(line).stroke;
    expect(stroke).to.not.equal('none');
    el.bins = 10;
    await el.updateComplete;
    expect(c.querySelector('svg.histogram')!.getAttribute('aria-label')).to.contain('10 bins');
  });

  it('bins a heavy-tailed key by ratio and says so; an even spread keeps equal widths', async () => {
    // Tool-call latency from 1 ms to 100 s, most of it fast; and a plain spread next to it.
    const pairs: [string, unknown][] = [];
    for (let i = 0; i <= 300; i++) {
      pairs.push(['tool_ms', Math.round(10 ** ((5 * i) / 300) * 100) / 100]);
      pairs.push(['score', i / 3]);
    }
    const el = await show(results(pairs));
    const heavy = card(el, 'tool_ms');
    expect(heavy.querySelector('svg.histogram')!.getAttribute('aria-label')).to.match(
      /^Histogram of 301 values in 24 bins from 1 to 100,?000 on a log scale; most/,
    );
    const caption = heavy.querySelector('figcaption.range')!;
    expect([...caption.children].map((c) => c.textContent)).to.deep.equal([
      '1',
      'log scale',
      '100,000',
    ]);
    expect(caption.querySelector('.scale')!.getAttribute('title')).to.match(/equal ratio/);
    const even = card(el, 'score');
    expect(even.querySelector('svg.histogram')!.getAttribute('aria-label')).to.not.contain('log');
    expect(even.querySelector('figcaption.range .scale')).to.equal(null);
  });

  it('shows the true rate of booleans with both counts', async () => {
    const el = await show(results(Array.from({ length: 8 }, (_, i) => ['ok', i % 4 !== 0])));
    expect(squash(card(el, 'ok').querySelector('.booleans')!.textContent)).to.equal(
      'true 75% 6 true · 2 false',
    );
  });

  it('shows the five most frequent strings with counts, and how many more', async () => {
    const pairs: [string, unknown][] = [];
    for (let i = 0; i < 8; i++) for (let k = 0; k <= i; k++) pairs.push(['model', `m${i}`]);
    const el = await show(results(pairs));
    const rows = [...card(el, 'model').querySelectorAll('.top li')].map((li) =>
      squash(li.textContent),
    );
    expect(rows).to.deep.equal(['m7 8', 'm6 7', 'm5 6', 'm4 5', 'm3 4']);
    expect(squash(card(el, 'model').querySelector('.more')!.textContent)).to.equal(
      'and 3 more (6 values)',
    );
  });

  it('shows the latest object or array of a key in a result tree, on request', async () => {
    const el = await show(
      results([
        ['cfg', { a: 1 }],
        ['cfg', [1, 2]],
        ['cfg', { lr: 3e-4 }],
      ]),
    );
    const c = card(el, 'cfg');
    expect(squash(c.querySelector('summary')!.textContent)).to.equal(
      'Show latest of 3 objects/arrays',
    );
    expect(c.querySelector('result-tree')).to.equal(null);
    c.querySelector<HTMLElement>('summary')!.click();
    await settle(el);
    const tree = card(el, 'cfg').querySelector('result-tree')!;
    expect(tree.value).to.deep.equal({ lr: 3e-4 });
  });

  it('says honestly when a key carries several kinds', async () => {
    const el = await show(mixedTypes());
    const score = card(el, 'score');
    expect(squash(score.querySelector('.kind')!.textContent)).to.equal('mixed');
    expect(squash(score.querySelector('.kinds')!.textContent)).to.equal(
      '120 number · 3 string · 1 null',
    );
    expect(figures(score).n).to.equal('120');
    expect(squash(score.querySelector('.kind-label')!.textContent)).to.equal('string values');
    expect(squash(card(el, 'nothing').querySelector('.kind')!.textContent)).to.equal('null');
  });

  it('filters keys by substring and sorts them by name or count, from the keyboard', async () => {
    const el = await show(
      results([
        ['b/loss', 1],
        ['a/acc', 1],
        ['a/acc', 2],
        ['c/loss', 'x'],
        ['c/loss', 'y'],
        ['c/loss', 'z'],
      ]),
    );
    root(el).querySelector<HTMLInputElement>('input[type=search]')!.focus();
    await sendKeys({ type: 'LOSS' });
    await el.updateComplete;
    expect(keysShown(el)).to.deep.equal(['b/loss', 'c/loss']);
    expect(squash(root(el).querySelector('.summary')!.textContent)).to.match(/^2 of 3 keys/);
    await sendKeys({ press: 'Tab' }); // First seen
    await sendKeys({ press: 'Tab' }); // Name
    await sendKeys({ press: 'Tab' }); // Count
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.sortBy).to.equal('count');
    expect(keysShown(el)).to.deep.equal(['c/loss', 'b/loss']);
    expect(button(el, /^Count$/).getAttribute('aria-pressed')).to.equal('true');
    el.filter = '';
    el.sortBy = 'name';
    await el.updateComplete;
    expect(keysShown(el)).to.deep.equal(['a/acc', 'b/loss', 'c/loss']);
    el.filter = 'nope';
    await el.updateComplete;
    expect(squash(root(el).querySelector('.empty')!.textContent)).to.contain('No key contains');
  });

  it('keeps the DOM bounded with many keys: a page of 50, then more on request', async () => {
    const el = await show(manyKeys(120, 3));
    expect(cards(el)).to.have.length(50);
    const more = button(el, /^Show 50 more$/);
    more.click();
    await el.updateComplete;
    expect(cards(el)).to.have.length(100);
    button(el, /^Show 20 more$/).click();
    await el.updateComplete;
    expect(cards(el)).to.have.length(120);
    expect(button(el, /^Show/)).to.equal(undefined);
  });

  it('renders at most once per frame however many results arrive at once', async () => {
    const events = new Subject<RawEvent>();
    const el = await fixture<ResultStatsElement>(
      html`<result-stats .events=${events}></result-stats>`,
    );
    await settle(el);
    let updates = 0;
    const updated = el['updated'].bind(el);
    el['updated'] = (changed: Map<PropertyKey, unknown>) => {
      updates++;
      updated(changed);
    };
    const run = new StatsRun();
    for (let i = 0; i < 1000; i++) run.result(`k${i % 4}`, i);
    for (const e of run.events) events.next(e);
    await settle(el, 3);
    expect(updates).to.equal(1);
    expect(squash(root(el).querySelector('.summary')!.textContent)).to.equal(
      '4 keys · 1,000 values',
    );
  });

  it('recomputes only the keys that changed', async () => {
    const events = new Subject<RawEvent>();
    const el = await fixture<ResultStatsElement>(
      html`<result-stats .events=${events}></result-stats>`,
    );
    const run = new StatsRun();
    const push = (key: string, value: unknown) => {
      const n = run.events.length;
      run.result(key, value);
      for (const e of run.events.slice(n)) events.next(e);
    };
    for (const e of run.events) events.next(e);
    push('a', 1);
    push('b', 2);
    await settle(el);
    const b = el.stats.get('b')!;
    let reads = 0;
    const numeric = b.numeric.bind(b);
    b.numeric = () => (reads++, numeric());
    const bCard = card(el, 'b');
    push('a', 5);
    await settle(el);
    expect(figures(card(el, 'a')).max).to.equal('5');
    expect(reads).to.equal(0);
    expect(card(el, 'b')).to.equal(bCard);
    push('b', 7);
    await settle(el);
    expect(reads).to.be.above(0);
    expect(figures(card(el, 'b')).max).to.equal('7');
  });

  it('reads the stream shared by a <run-scope>, live', async () => {
    const events = new Subject<RawEvent>();
    const scope = await fixture<RunScope>(
      html`<run-scope .events=${events}><result-stats></result-stats></run-scope>`,
    );
    const el = scope.querySelector('result-stats')!;
    await settle(el);
    expect(squash(root(el).querySelector('.empty')!.textContent)).to.equal('No results yet.');
    const run = new StatsRun();
    for (let i = 0; i < 10; i++) run.result('score', i);
    for (const e of run.events) events.next(e);
    await settle(el);
    expect(el.state).to.equal(scope.state);
    expect(figures(card(el, 'score')).max).to.equal('9');
    const n = run.events.length;
    run.result('score', 42).result('done', true);
    for (const e of run.events.slice(n)) events.next(e);
    await settle(el);
    expect(figures(card(el, 'score')).max).to.equal('42');
    expect(keysShown(el)).to.deep.equal(['score', 'done']);
    expect(el.stats.get('score')!.count).to.equal(11);
  });

  it('starts over when its stream changes', async () => {
    const el = await show(results([['a', 1]]));
    el.events = of(...results([['b', 'x']]));
    await settle(el);
    expect(keysShown(el)).to.deep.equal(['b']);
    expect(el.stats.get('a')).to.equal(undefined);
  });
});
