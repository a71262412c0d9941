import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Subject } from 'rxjs';
import {
  HOSTILE_TEXT,
  INVALID_TEXT,
  LOSSLESS_TEXT,
  NESTED_CONFIG,
  generatedDoc,
} from '../../test/result-docs.ts';
import type { RawEvent } from '../../test/runs.ts';
import type { ResultTree } from './result-tree.ts';
import { SECTION } from './tree-rows.ts';
import './define.ts';
import { countNodes } from '../../test/dom-count.ts';

const frame = () => new Promise((r) => requestAnimationFrame(r));
async function settle(el: ResultTree, frames = 4): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await frame();
    await el.updateComplete;
  }
}

async function mount(
  set: (el: ResultTree) => void,
  attrs: { depth?: number; view?: 'tree' | 'raw' } = {},
): Promise<ResultTree> {
  const el = await fixture<ResultTree>(
    html`<result-tree
      style="--athanor-result-tree-height: 400px; width: 760px"
      expand-depth=${attrs.depth ?? 1}
      view=${attrs.view ?? 'tree'}
    ></result-tree>`,
  );
  set(el);
  await waitUntil(() => el.document || el.shadowRoot!.querySelector('.error'), 'never shown', {
    timeout: 10_000,
  });
  await settle(el);
  return el;
}

const root = (el: ResultTree) => el.shadowRoot!;
const items = (el: ResultTree) => [...root(el).querySelectorAll<HTMLElement>('[role=treeitem]')];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const item = (el: ResultTree, label: string) =>
  items(el).find((r) => r.querySelector('.key, .index')?.textContent === label);
async function press(el: ResultTree, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await sendKeys({ press: key });
    await settle(el, 2);
  }
}
function captureClipboard(): { text: string } {
  const copied = { text: '' };
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (t: string) => void (copied.text = t) },
  });
  return copied;
}

describe('<result-tree>', () => {
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('is accessible, in both themes, as a WAI-ARIA tree', async () => {
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      const el = await mount((e) => (e.value = NESTED_CONFIG), { depth: 2 });
      await expect(el).to.be.accessible();
      expect(root(el).querySelector('[role=tree]') ?? null).to.not.equal(null);
      const model = item(el, 'model')!;
      expect(model.getAttribute('aria-level')).to.equal('2');
      expect(model.getAttribute('aria-expanded')).to.equal('true');
      expect(model.getAttribute('aria-setsize')).to.equal(
        String(Object.keys(NESTED_CONFIG).length),
      );
      expect(model.getAttribute('aria-posinset')).to.equal('3');
      expect(item(el, 'lora')!.getAttribute('aria-expanded')).to.equal('false');
      expect(items(el).filter((r) => r.tabIndex === 0)).to.have.length(1);
    }
  });

  it('previews collapsed containers and colours values by type', async () => {
    const el = await mount(
      (e) => (e.value = { s: 'text', n: 1.5, b: true, z: null, o: { a: 1, b: 2 }, a: [1, 2, 3] }),
    );
    expect(text(item(el, 'o')!)).to.contain('{2 keys}');
    expect(text(item(el, 'a')!)).to.contain('[3 items]');
    expect(item(el, 's')!.querySelector('.v-str')!.textContent).to.equal('"text"');
    expect(item(el, 'n')!.querySelector('.v-num')!.textContent).to.equal('1.5');
    expect(item(el, 'b')!.querySelector('.v-bool') ?? null).to.not.equal(null);
    expect(item(el, 'z')!.querySelector('.v-null') ?? null).to.not.equal(null);
    const colours = ['s', 'n', 'b'].map(
      (k) => getComputedStyle(item(el, k)!.querySelector('.v-str, .v-num, .v-bool')!).color,
    );
    expect(new Set(colours).size).to.equal(3);
  });

  it('shows JSON text exactly as written: big integers and number spellings', async () => {
    const el = await mount((e) => (e.json = LOSSLESS_TEXT));
    expect(item(el, 'run_id')!.querySelector('.v-num')!.textContent).to.equal(
      '18446744073709551615',
    );
    expect(item(el, 'lr')!.querySelector('.v-num')!.textContent).to.equal('1.0e-5');
    expect(item(el, 'score')!.querySelector('.v-num')!.textContent).to.equal('0.50');
    expect(item(el, 'exact')!.querySelector('.v-num')!.textContent).to.equal('9007199254740993');
  });

  it('says where a text is not JSON, in place, and recovers with the next one', async () => {
    const el = await mount((e) => (e.json = INVALID_TEXT));
    const error = root(el).querySelector('[role=alert]')!;
    expect(text(error)).to.contain('Not valid JSON');
    expect(text(error)).to.contain('Line 5, column 18');
    expect(error.querySelector('.excerpt')!.textContent).to.contain('"math": 0.61,,');
    el.json = '{"ok": true}';
    await waitUntil(() => item(el, 'ok'));
    expect(root(el).querySelector('[role=alert]')).to.equal(null);
  });

  it('shows hostile keys and text as text, touching no prototype', async () => {
    const el = await mount((e) => (e.json = HOSTILE_TEXT), { depth: 3 });
    expect(item(el, '__proto__') ?? null).to.not.equal(null);
    expect(item(el, 'constructor') ?? null).to.not.equal(null);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(root(el).querySelector('img, script')).to.equal(null);
    expect(item(el, '<img src=x onerror=alert(1)>') ?? null).to.not.equal(null);
    const lone = text(item(el, 'lone')!);
    expect(lone).to.contain('⟨U+D800⟩').and.contain('⟨U+DFFF⟩');
    const controls = item(el, 'controls')!;
    expect(controls.querySelectorAll('.ctl').length).to.equal(3);
    expect(text(controls)).to.contain('␇').and.contain('⟨RLO⟩');
    const long = item(el, 'long')!;
    expect(long.querySelector('.v-str')!.textContent!.length).to.be.below(400);
    long.querySelector<HTMLButtonElement>('[data-action=long]')!.click();
    await settle(el);
    expect(item(el, 'long')!.querySelector('.v-str')!.textContent!.length).to.be.above(5000);
  });

  it('moves, opens and closes with the keyboard, as the tree pattern says', async () => {
    const el = await mount((e) => (e.value = NESTED_CONFIG));
    items(el)[0]!.focus();
    await press(el, 'ArrowDown', 'ArrowDown', 'ArrowDown');
    expect(root(el).activeElement).to.equal(item(el, 'model'));
    await press(el, 'ArrowRight');
    expect(item(el, 'model')!.getAttribute('aria-expanded')).to.equal('true');
    await press(el, 'ArrowRight');
    expect(root(el).activeElement).to.equal(item(el, 'name'));
    await press(el, 'ArrowLeft');
    expect(root(el).activeElement).to.equal(item(el, 'model'));
    await press(el, 'ArrowLeft');
    expect(item(el, 'model')!.getAttribute('aria-expanded')).to.equal('false');
    await press(el, 'Enter');
    expect(item(el, 'model')!.getAttribute('aria-expanded')).to.equal('true');
    await press(el, 'End');
    expect(root(el).activeElement).to.equal(item(el, 'hardware'));
    await press(el, 'Home');
    expect(root(el).activeElement).to.equal(items(el)[0]);
    // Type-ahead: "o" goes to optimizer.
    await press(el, 'o');
    expect(root(el).activeElement).to.equal(item(el, 'optimizer'));
    // `*` opens every container among the siblings.
    await press(el, '*');
    for (const key of ['model', 'optimizer', 'schedule', 'data', 'hardware'])
      expect(item(el, key)!.getAttribute('aria-expanded'), key).to.equal('true');
  });

  it('copies a path in both notations, and a value, by action and by keyboard', async () => {
    const copied = captureClipboard();
    const el = await mount((e) => (e.value = { models: [{ score: 1 }, { 'a key': 0.93 }] }), {
      depth: 3,
    });
    const target = item(el, 'a key')!;
    target.click();
    await settle(el);
    item(el, 'a key')!.querySelector<HTMLButtonElement>('[data-action=path]')!.click();
    await waitUntil(() => copied.text !== '');
    expect(copied.text).to.equal("$.models[1]['a key']");
    item(el, 'a key')!.querySelector<HTMLButtonElement>('[data-action=js]')!.click();
    await waitUntil(() => copied.text === 'value.models[1]["a key"]');
    item(el, 'a key')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'c' });
    await waitUntil(() => copied.text === '0.93');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'C' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => copied.text === "$.models[1]['a key']");
  });

  it('opens a 100,000-item array a section at a time, its DOM staying small', async () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i);
    const el = await mount((e) => (e.value = { xs }));
    const before = countNodes(el);
    item(el, 'xs')!.click();
    await settle(el);
    expect(el.rows!.length).to.equal(2 + SECTION + 1);
    expect(countNodes(el)).to.be.below(2000);
    expect(countNodes(el)).to.be.below(before + 1500);
    items(el)[0]!.focus();
    await press(el, 'End');
    const more = root(el).querySelector<HTMLButtonElement>('[data-action=more]')!;
    expect(text(more.closest('.row')!)).to.contain('1,000 of 100,000 shown');
    more.click();
    await settle(el);
    expect(el.rows!.length).to.equal(2 + 2 * SECTION + 1);
  });

  it('filters keys and values with an exact count, keeping ancestors, text or regex', async () => {
    const el = await mount((e) => (e.value = NESTED_CONFIG));
    const input = root(el).querySelector<HTMLInputElement>('input[type=search]')!;
    input.value = 'split';
    input.dispatchEvent(new Event('input'));
    await settle(el);
    expect(el.matchCount).to.equal(2);
    expect(text(root(el).querySelector('.count')!)).to.equal('2 matches');
    expect(items(el).map((r) => r.querySelector('.key')?.textContent ?? '(root)')).to.deep.equal([
      '(root)',
      'data',
      'eval',
      'gsm8k',
      'split',
      'math',
      'split',
    ]);
    expect(root(el).querySelectorAll('mark').length).to.equal(2);
    root(el).querySelector<HTMLButtonElement>('[aria-label="Regular expression"]')!.click();
    input.value = '^(q|k)_proj$';
    input.dispatchEvent(new Event('input'));
    await settle(el);
    expect(el.matchCount).to.equal(2);
    input.value = '(';
    input.dispatchEvent(new Event('input'));
    await settle(el);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await settle(el);
    expect(el.matchCount).to.equal(0);
    expect(item(el, 'model') ?? null).to.not.equal(null);
  });

  it('shows the raw JSON, pretty-printed as written, and copies it all', async () => {
    const copied = captureClipboard();
    const el = await mount((e) => (e.json = LOSSLESS_TEXT), { view: 'raw' });
    const lines = [...root(el).querySelectorAll('.line')].map((l) => l.textContent);
    expect(lines).to.deep.equal(
      [
        '{',
        '  "run_id": 18446744073709551615,',
        '  "lr": 1.0e-5,',
        '  "score": 0.50,',
        '  "steps": 20000,',
        '  "exact": 9007199254740993',
        '}',
      ].map((l) => l.trimStart()),
    );
    const copy = [...root(el).querySelectorAll<HTMLButtonElement>('.toolbar button')].find(
      (b) => text(b) === 'Copy all',
    )!;
    copy.click();
    await waitUntil(() => copied.text !== '');
    expect(copied.text).to.equal(
      '{\n  "run_id": 18446744073709551615,\n  "lr": 1.0e-5,\n  "score": 0.50,\n  "steps": 20000,\n  "exact": 9007199254740993\n}',
    );
  });

  it('keeps the reader’s place when switching between tree and raw', async () => {
    const value = { items: Array.from({ length: 300 }, (_, i) => ({ id: i })) };
    const el = await mount((e) => (e.value = value), { depth: 3 });
    el.revealPath(['items', 200, 'id']);
    await settle(el, 6);
    el.view = 'raw';
    await settle(el, 6);
    const box = root(el).querySelector('.rows')!.getBoundingClientRect();
    const firstRaw = [...root(el).querySelectorAll('.line')].find(
      (l) => l.getBoundingClientRect().bottom > box.top + 1,
    )!;
    expect(Number(firstRaw.textContent!.match(/\d+/)?.[0] ?? -1)).to.be.within(150, 220);
    el.view = 'tree';
    await settle(el, 6);
    const firstTree = items(el).find((r) => r.getBoundingClientRect().bottom > box.top + 1)!;
    expect(Number(text(firstTree).match(/\d+/)?.[0] ?? -1)).to.be.within(150, 220);
  });

  it('shows a run’s results live: series with count and latest, opened rows kept', async () => {
    const events = new Subject<RawEvent>();
    const el = await fixture<ResultTree>(
      html`<result-tree
        style="--athanor-result-tree-height: 400px"
        .events=${events}
      ></result-tree>`,
    );
    await settle(el);
    expect(text(root(el).querySelector('.empty')!)).to.equal('No results yet.');
    let seq = 0;
    const ev = (type: string, data: Record<string, unknown>): RawEvent => ({
      v: 1,
      run: 'r1',
      seq: seq++,
      time: Date.now(),
      type,
      data,
    });
    events.next(ev('run', { instance: 'i' }));
    events.next(ev('result', { key: 'config', value: { lr: 0.1, layers: [1, 2] } }));
    events.next(ev('result', { key: 'accuracy', value: 0.5 }));
    await settle(el);
    // What arrived first has stopped flashing before the next results come.
    await waitUntil(() => !item(el, 'config')!.classList.contains('flash'), 'still flashing', {
      timeout: 3000,
    });
    item(el, 'config')!.click();
    await settle(el);
    expect(item(el, 'lr') ?? null).to.not.equal(null);
    for (const v of [0.6, 0.7]) events.next(ev('result', { key: 'accuracy', value: v }));
    events.next(ev('result', { key: 'f1', value: 0.4 }));
    await settle(el);
    expect(text(item(el, 'accuracy')!)).to.contain('series of 3 · latest 0.7');
    expect(item(el, 'lr') ?? null, 'config stays open').to.not.equal(null);
    expect(item(el, 'f1')!.classList.contains('flash')).to.equal(true);
    expect(item(el, 'config')!.classList.contains('flash')).to.equal(false);
    item(el, 'accuracy')!.click();
    await settle(el);
    expect(
      ['0', '1', '2'].map((i) => item(el, i)!.querySelector('.v-num')!.textContent),
    ).to.deep.equal(['0.5', '0.6', '0.7']);
  });

  it('keeps the row being read in place while results arrive above it', async () => {
    const events = new Subject<RawEvent>();
    const el = await fixture<ResultTree>(
      html`<result-tree
        style="--athanor-result-tree-height: 300px"
        expand-depth="2"
        .events=${events}
      ></result-tree>`,
    );
    let seq = 0;
    const result = (key: string, value: unknown) =>
      events.next({
        v: 1,
        run: 'r1',
        seq: seq++,
        time: Date.now(),
        type: 'result',
        data: { key, value },
      });
    for (const v of [0.5, 0.6]) result('accuracy', v);
    result('config', Object.fromEntries(Array.from({ length: 80 }, (_, k) => [`k${k}`, k])));
    await waitUntil(() => item(el, 'k10'));
    // expand-depth 2 has opened the series too.
    expect(item(el, 'accuracy')!.getAttribute('aria-expanded')).to.equal('true');
    const scroller = root(el).querySelector<HTMLElement>('.rows')!;
    scroller.scrollTop = 40 * 20;
    await settle(el, 6);
    const top = () => scroller.getBoundingClientRect().top;
    const read = items(el).find((r) => r.getBoundingClientRect().top >= top() + 20)!;
    const label = read.querySelector('.key')!.textContent!;
    const offset = read.getBoundingClientRect().top - top();
    for (let i = 0; i < 10; i++) result('accuracy', 0.7 + i / 100);
    await settle(el, 8);
    expect(el.rows!.rows.filter((r) => r.parent === el.rows!.rows[1]!.node).length).to.equal(12);
    const again = item(el, label)!;
    expect(again.getBoundingClientRect().top - top()).to.be.closeTo(offset, 2);
  });

  it('survives 100,000 levels of nesting', async () => {
    const depth = 100_000;
    const el = await mount((e) => (e.json = '['.repeat(depth) + '"deep"' + ']'.repeat(depth)));
    expect(el.document!.index.depth).to.equal(depth);
    expect(el.revealPath(Array(depth).fill(0))).to.equal(true);
    await settle(el, 6);
    const deepest = items(el).find((r) => r.querySelector('.v-str'))!;
    expect(deepest.getAttribute('aria-level')).to.equal(String(depth + 1));
    expect(text(deepest)).to.contain(`⟨depth ${depth}⟩`);
  });

  it('reads a large text off the main thread, then shows it; expand all is refused politely', async () => {
    const json = generatedDoc(17_000_000);
    const el = await fixture<ResultTree>(html`<result-tree></result-tree>`);
    el.json = json;
    await el.updateComplete;
    expect(text(root(el).querySelector('[role=status]')!)).to.match(
      /Reading 1\d(\.\d)? MB of JSON/,
    );
    await waitUntil(() => el.document, 'never parsed', { timeout: 20_000 });
    await settle(el);
    expect(text(item(el, 'items')!)).to.match(/\[[\d,]+ items\]/);
    // Expand all opens a section of each container: bounded, so allowed here…
    expect(el.expandAll()).to.equal(true);
    expect(el.rows!.length).to.be.within(10_000, 50_000);
    // …but not where even that would make too many rows.
    const wide = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`k${k}`, k]));
    el.json = undefined;
    el.value = { rows: Array.from({ length: 1000 }, () => wide) };
    await waitUntil(() => el.document?.size === 1 + 1 + 1000 * 61);
    expect(el.expandAll()).to.equal(false);
    await el.updateComplete;
    expect(text(root(el).querySelector('.sr-only')!)).to.contain('Too large to expand everything');
    expect(el.rows!.length).to.equal(2);
  });
});
