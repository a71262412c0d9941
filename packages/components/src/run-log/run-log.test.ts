import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { Subject, from, of } from 'rxjs';
import { HOSTILE, logRun, random, logEvent, terminalChunks } from '../../test/log-runs.ts';
import type { RawEvent } from '../../test/runs.ts';
import '../run-scope/define.ts';
import '../run-status/define.ts';
import type { RunLog } from './run-log.ts';
import './define.ts';
import { countNodes } from '../../test/dom-count.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const ev = (
  seq: number,
  type: string,
  data: Record<string, unknown>,
  time = T0 + seq,
): RawEvent => ({
  v: 1,
  run: 'r1',
  seq,
  time,
  type,
  data,
});
const log = (seq: number, message: string, level = 'info', extra: Record<string, unknown> = {}) =>
  ev(seq, 'log', { level, message, logger: 'trainer', ...extra });

const frame = () => new Promise((r) => requestAnimationFrame(r));
async function settle(el: RunLog, frames = 4): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await frame();
    await el.updateComplete;
  }
}

async function mount(events: unknown, height = 400): Promise<RunLog> {
  const el = await fixture<RunLog>(
    html`<run-log
      style="--athanor-run-log-height: ${height}px; width: 760px"
      .events=${events}
    ></run-log>`,
  );
  await waitUntil(() => el.rows?.synced, 'rows never synced', { timeout: 10_000 });
  await settle(el);
  return el;
}

const root = (el: RunLog) => el.shadowRoot!;
const rowEls = (el: RunLog) => [...root(el).querySelectorAll<HTMLElement>('.row')];
const scroller = (el: RunLog) => root(el).querySelector<HTMLElement>('.rows')!;
const textOf = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const rowByText = (el: RunLog, text: string) =>
  rowEls(el).find((r) => r.textContent!.includes(text));
const visibleRows = (el: RunLog) => {
  const box = scroller(el).getBoundingClientRect();
  return rowEls(el).filter((r) => {
    const b = r.getBoundingClientRect();
    return b.bottom > box.top + 1 && b.top < box.bottom - 1;
  });
};
/** The newest row is in view. */
const atBottom = (el: RunLog) => {
  const last = root(el).querySelector(`.row[data-pos="${el.view!.length - 1}"]`);
  return (
    !!last && last.getBoundingClientRect().bottom <= scroller(el).getBoundingClientRect().bottom + 2
  );
};

function many(count: number, final = false): RawEvent[] {
  const rand = random(11);
  const out = [ev(0, 'run', { instance: 'i' }), ev(1, 'status', { status: 'running' })];
  for (let i = 2; i < count + 2; i++) out.push(logEvent('r1', i, T0 + i, rand));
  if (final) out.push(ev(count + 2, 'status', { status: 'completed' }));
  return out;
}

describe('<run-log>', () => {
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('is accessible, in both themes', async () => {
    const events = [...many(40), ...terminalChunks().map((c, i) => ev(100 + i, 'output', c))];
    for (const theme of ['athanor-light', 'athanor-dark']) {
      document.documentElement.dataset.theme = theme;
      const el = await mount(of(...events));
      await expect(el).to.be.accessible();
      const logEl = root(el).querySelector('[role=log]')!;
      expect(logEl.getAttribute('aria-live')).to.equal('off');
    }
  });

  it('shows each record with its time, level, logger and message, in seq order', async () => {
    const el = await mount(of(log(0, 'first'), log(1, 'second', 'warn'), log(2, 'third', 'error')));
    const rows = rowEls(el);
    expect(rows.map((r) => r.querySelector('.msg')!.textContent)).to.deep.equal([
      'first',
      'second',
      'third',
    ]);
    const d = new Date(T0 + 2);
    const hh = (n: number) => String(n).padStart(2, '0');
    expect(rows[2]!.querySelector('.time')!.textContent).to.equal(
      `${hh(d.getHours())}:${hh(d.getMinutes())}:${hh(d.getSeconds())}.002`,
    );
    expect(rows.map((r) => r.querySelector('.lvl')!.textContent)).to.deep.equal([
      'INFO',
      'WARN',
      'ERROR',
    ]);
    expect(rows[0]!.querySelector('.logger')!.textContent).to.equal('trainer');
    expect(rows[2]!.classList.contains('lvl-error')).to.equal(true);
    expect(getComputedStyle(rows[2]!).borderLeftStyle).to.equal('solid');
  });

  it('keeps its DOM the same size for a thousand entries or two hundred thousand', async () => {
    // One at a time, each fully on screen: the virtualizer renders what intersects the window.
    const small = await mount(of(...many(1000)));
    const [rowsSmall, nodesSmall] = [rowEls(small).length, countNodes(small)];
    small.remove();
    const big = await mount(from(many(200_000)));
    expect(big.view!.length).to.equal(200_000);
    expect(rowEls(big).length).to.be.within(rowsSmall * 0.9, rowsSmall * 1.1);
    expect(countNodes(big)).to.be.within(nodesSmall * 0.9, nodesSmall * 1.1);
    expect(countNodes(big)).to.be.below(1500);
  });

  it('keeps its DOM the same size while rows stream through it for a long time', async () => {
    // Every frame the rows at the top leave and new ones come: nothing may stay behind
    // (lit-html 3.3.1-3.3.3 leave a comment per removed row; the log sweeps them).
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    const rand = random(5);
    let seq = 0;
    const stream = async (frames: number) => {
      for (let f = 0; f < frames; f++) {
        for (let i = 0; i < 40; i++, seq++) events.next(logEvent('r1', seq, T0 + seq, rand));
        await frame();
      }
      await settle(el);
    };
    await stream(20);
    const before = countNodes(el);
    await stream(150);
    expect(el.view!.length).to.equal(seq);
    expect(countNodes(el)).to.be.within(before * 0.9, before * 1.1);
    const markers = [...scroller(el).childNodes].filter((n) => n.nodeType === Node.COMMENT_NODE);
    expect(markers.length).to.be.at.most(2 * rowEls(el).length + 1);
  });

  it('renders at most once per animation frame however fast events arrive', async () => {
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    let renders = 0;
    const render = el.render.bind(el);
    el.render = () => (renders++, render());
    const rand = random(2);
    for (let i = 0; i < 5000; i++) events.next(logEvent('r1', i, T0 + i, rand));
    await frame();
    await el.updateComplete;
    expect(renders).to.equal(1);
    expect(el.state.logs.length).to.equal(5000);
  });

  it('follows the newest entry while following', async () => {
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    for (let i = 0; i < 300; i++) events.next(log(i, `line ${i}`));
    await settle(el, 6);
    expect(el.follow).to.equal(true);
    expect(atBottom(el)).to.equal(true);
    expect(visibleRows(el).at(-1)!.textContent).to.contain('line 299');
  });

  it('pauses when scrolled up, without moving the rows being read, and resumes with "new ↓"', async () => {
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    for (let i = 0; i < 400; i++) events.next(log(i, `line ${i}`));
    await settle(el, 6);
    // A reader's scroll: the wheel, then the scroll it causes.
    scroller(el).dispatchEvent(new WheelEvent('wheel', { deltaY: -1500, bubbles: true }));
    scroller(el).scrollTop -= 1500;
    await settle(el, 4);
    expect(el.follow).to.equal(false);
    const reading = visibleRows(el)[3]!;
    const label = reading.querySelector('.msg')!.textContent;
    const top = reading.getBoundingClientRect().top;
    for (let i = 400; i < 900; i++)
      events.next(log(i, `line ${i}`, i % 50 ? 'info' : 'error', i % 3 ? {} : { meta: { i } }));
    await settle(el, 8);
    const same = rowEls(el).find((r) => r.querySelector('.msg')!.textContent === label)!;
    expect(same.getBoundingClientRect().top).to.equal(top);
    const button = root(el).querySelector<HTMLButtonElement>('[part=new-button]')!;
    expect(textOf(button)).to.equal('500 new ↓');
    button.click();
    await settle(el, 6);
    expect(el.follow).to.equal(true);
    expect(visibleRows(el).at(-1)!.textContent).to.contain('line 899');
    expect(root(el).querySelector('[part=new-button]')).to.equal(null);
  });

  it('resumes following with End', async () => {
    const el = await mount(of(...many(2000)));
    el.pause();
    el.scrollToSeq(10);
    await settle(el);
    visibleRows(el)[0]!.focus();
    await sendKeys({ press: 'End' });
    await settle(el, 6);
    expect(el.follow).to.equal(true);
    expect(atBottom(el)).to.equal(true);
  });

  it('expands meta as highlighted JSON on click and Enter, the rows below making room', async () => {
    const el = await mount(
      of(
        log(0, 'plain'),
        log(1, 'with meta', 'info', { meta: { lr: 0.0003, tags: ['a'], ok: true, none: null } }),
        log(2, 'after'),
      ),
    );
    const row = rowByText(el, 'with meta')!;
    const toggle = row.querySelector<HTMLButtonElement>('.toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await settle(el);
    const expanded = rowByText(el, 'with meta')!;
    const pre = expanded.querySelector('pre.meta')!;
    expect(pre.textContent).to.contain('"lr": 0.0003');
    expect(pre.querySelector('.j-key')!.textContent).to.equal('"lr"');
    expect(pre.querySelector('.j-num')!.textContent).to.equal('0.0003');
    const rects = rowEls(el).map((r) => r.getBoundingClientRect());
    for (let i = 1; i < rects.length; i++)
      expect(rects[i]!.top).to.be.at.least(rects[i - 1]!.bottom - 0.5);
    expanded.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(rowByText(el, 'with meta')!.querySelector('pre.meta')).to.equal(null);
  });

  it('switches wrapping and the time column', async () => {
    const el = await mount(
      of(ev(0, 'status', { status: 'running' }, T0), log(1, 'x'.repeat(400), 'info')),
    );
    const msg = () => rowByText(el, 'xxxx')!.querySelector('.msg')!;
    expect(getComputedStyle(msg()).whiteSpace).to.equal('pre');
    el.wrap = true;
    await settle(el);
    expect(getComputedStyle(msg()).whiteSpace).to.equal('pre-wrap');
    el.time = 'relative';
    await settle(el);
    expect(rowByText(el, 'xxxx')!.querySelector('.time')!.textContent).to.equal('+0:00:00.001');
  });

  it('shows text as text: no markup, no links but http(s), controls made visible', async () => {
    const el = await mount(
      of(
        ...HOSTILE.map((m, i) => log(i, m)),
        ev(10, 'output', { stream: 'stdout', data: terminalChunks()[0]!.data }),
        ev(11, 'output', { stream: 'stderr', data: terminalChunks().at(-1)!.data }),
      ),
    );
    const shadow = root(el);
    expect(shadow.querySelector('.rows script, .rows img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(rowByText(el, '<script>')).to.not.equal(undefined);
    expect(textOf(rowByText(el, 'right-to-left')!)).to.contain('⟨RLO⟩');
    const links = [...shadow.querySelectorAll<HTMLAnchorElement>('.rows a')];
    expect(links.map((a) => [a.textContent, a.href, a.rel, a.target])).to.deep.equal([
      ['the dashboard', 'https://example.org/runs/17', 'noopener noreferrer', '_blank'],
    ]);
    expect(rowByText(el, 'not a link')).to.not.equal(undefined);
  });

  it('shows the start of a 10 MB line and copies all of it', async () => {
    const big = 'y'.repeat(10 * 1024 * 1024);
    const el = await mount(of(log(0, big)));
    const row = rowEls(el)[0]!;
    expect(row.querySelector('.msg')!.textContent!.length).to.be.below(20_000);
    expect(row.querySelector('.more')!.textContent).to.match(/show [\d,]+ more characters/);
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    row.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await settle(el);
    rowEls(el)[0]!.querySelector<HTMLButtonElement>('[data-action=line]')!.click();
    await waitUntil(() => copied.length > 0);
    expect(copied.endsWith(big)).to.equal(true);
  });

  it('marks gaps, reconnections and invalid events in place, raw text expandable', async () => {
    const el = await mount(
      of(
        log(0, 'before'),
        log(4, 'after the gap'),
        {
          diagnostic: 'connection',
          state: 'reconnecting',
          transport: 'sse',
          attempt: 1,
          message: 'network error',
        },
        { diagnostic: 'connection', state: 'open', transport: 'sse', attempt: 1 },
        {
          diagnostic: 'invalid',
          reason: 'data.level: expected one of trace|debug|info|warn|error|fatal, got "loud"',
          raw: '{"v":1,"run":"r1","seq":5,"time":1,"type":"log","data":{"level":"loud"}}',
        },
        log(6, 'still going'),
      ),
    );
    const texts = rowEls(el).map((r) => textOf(r.querySelector('.msg')!));
    expect(texts).to.deep.equal([
      'before',
      '3 events missing (seq 1–3)',
      'after the gap',
      'connection lost: network error; reconnecting…',
      'reconnected (attempt 1)',
      'invalid event skipped: data.level: expected one of trace|debug|info|warn|error|fatal, got "loud"',
      // The invalid line held no seq: seq 5 never arrived.
      '1 event missing (seq 5)',
      'still going',
    ]);
    const invalid = rowEls(el).find((r) => r.classList.contains('marker-invalid'))!;
    invalid.querySelector<HTMLButtonElement>('.toggle')!.click();
    await settle(el);
    expect(root(el).querySelector('pre.raw')!.textContent).to.contain('"level":"loud"');
  });

  it('drops the oldest rows past max-entries, saying how many', async () => {
    const el = await fixture<RunLog>(
      html`<run-log
        style="--athanor-run-log-height: 300px"
        max-entries="1000"
        .events=${from(many(10_000))}
      ></run-log>`,
    );
    await waitUntil(() => el.rows?.synced);
    await settle(el);
    expect(el.view!.length).to.equal(1001);
    el.scrollToSeq(0);
    await settle(el, 6);
    expect(textOf(rowEls(el)[0]!)).to.equal('… 9,000 older rows dropped (max-entries 1,000)');
    // Whole chunks of the log were freed; every index still reads.
    expect(el.state.logs.first).to.equal(8192);
  });

  it('keeps filter and search closed while live, and opens them once the run is over', async () => {
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    many(300).forEach((e) => events.next(e));
    await settle(el);
    const chips = () => [
      ...root(el).querySelectorAll<HTMLButtonElement>('[aria-label=Levels] button'),
    ];
    const search = () => root(el).querySelector<HTMLInputElement>('input[type=search]')!;
    expect(chips().every((c) => c.disabled)).to.equal(true);
    expect(chips()[0]!.title).to.match(/once the run has finished/);
    expect(search().disabled).to.equal(true);
    events.next(ev(302, 'status', { status: 'completed' }));
    await settle(el);
    expect(chips().some((c) => c.disabled)).to.equal(false);
    const info = chips().find((c) => c.textContent!.includes('info'))!;
    const infoCount = el.state.logCounts.info;
    expect(textOf(info)).to.equal(`info ${infoCount.toLocaleString()}`);
    info.click();
    await settle(el);
    expect(el.view!.length).to.equal(300 - infoCount);
    expect(rowEls(el).some((r) => r.classList.contains('lvl-info'))).to.equal(false);
  });

  it('searches the whole run: exact count, next and previous, matches marked', async () => {
    const el = await mount(from(many(20_000, true)));
    const messages = el.state.logs;
    let expected = 0;
    for (let i = 0; i < messages.length; i++)
      expected += messages.text(i).split('checkpoint').length - 1;
    const input = root(el).querySelector<HTMLInputElement>('input[type=search]')!;
    const searchStatus = () =>
      textOf(root(el).querySelector('[role=group][aria-label=Search] [role=status]')!);
    input.value = 'checkpoint';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => /match/.test(searchStatus()), 'search never ended', { timeout: 10_000 });
    expect(searchStatus()).to.equal(`${expected.toLocaleString()} matches`);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle(el, 6);
    expect(searchStatus()).to.match(/^[\d,]+ of [\d,]+$/);
    const current = root(el).querySelector('mark.current')!;
    expect(current.textContent!.toLowerCase()).to.equal('checkpoint');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true }));
    await settle(el, 6);
    expect(root(el).querySelectorAll('mark').length).to.be.above(0);
    input.value = 'step [';
    root(el).querySelector<HTMLButtonElement>('button[title="Regular expression"]')!.click();
    input.dispatchEvent(new Event('input'));
    await settle(el);
    expect(searchStatus()).to.match(/^invalid pattern/);
  });

  it('reaches every one of 500,000 rows, past the virtualizer height cap', async () => {
    const el = await mount(logRun(500_000), 300);
    for (const seq of [2, 123_457, 499_999]) {
      expect(el.scrollToSeq(seq)).to.equal(true);
      await settle(el, 6);
      const visible = visibleRows(el).map((r) => r.querySelector('.msg')!.textContent!);
      expect(
        visible.some((t) => t.startsWith(`step ${seq} `) || t.startsWith(`step ${seq}\n`)),
        `seq ${seq}: ${visible[0]}`,
      ).to.equal(true);
    }
    expect(el.scrollToSeq(10_000_000)).to.equal(false);
  });

  it('jumps to the first error when <run-status> asks', async () => {
    const events = [...many(3000)];
    const scope = await fixture(
      html`<run-scope .events=${of(...events)}>
        <run-status></run-status>
        <run-log style="--athanor-run-log-height: 300px"></run-log>
      </run-scope>`,
    );
    const el = scope.querySelector('run-log')!;
    await waitUntil(() => el.rows?.synced);
    await settle(el);
    const status = scope.querySelector('run-status')!;
    await status.updateComplete;
    const first = el.state.firstLogIndex.error!;
    const button = [...status.shadowRoot!.querySelectorAll('button')].find((b) =>
      /error/.test(b.textContent!),
    )!;
    button.click();
    await settle(el, 6);
    expect(el.follow).to.equal(false);
    const flash = root(el).querySelector('.row.flash')!;
    expect(flash.querySelector('.msg')!.textContent).to.equal(el.state.logs.text(first));
  });

  it('copies a row as JSON and as a link, and exports the run', async () => {
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    const el = await mount(of(log(0, 'zero'), log(1, 'seven', 'warn')));
    el.linkFormat = '/runs/r1?seq={seq}';
    const row = rowByText(el, 'seven')!;
    row.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await settle(el);
    rowByText(el, 'seven')!.querySelector<HTMLButtonElement>('[data-action=json]')!.click();
    await waitUntil(() => copied !== '');
    expect(JSON.parse(copied)).to.deep.include({ seq: 1, type: 'log' });
    rowByText(el, 'seven')!.querySelector<HTMLButtonElement>('[data-action=link]')!.click();
    await waitUntil(() => copied === '/runs/r1?seq=1');
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), 'blob:test');
    try {
      const [jsonl, text] = [
        ...root(el).querySelectorAll<HTMLButtonElement>('.toolbar button'),
      ].filter((b) => /^(JSONL|Text)$/.test(b.textContent!.trim()));
      jsonl!.click();
      text!.click();
    } finally {
      URL.createObjectURL = create;
    }
    const [jsonlText, plainText] = await Promise.all(blobs.map((b) => b.text()));
    expect(
      jsonlText!
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).to.deep.equal([0, 1]);
    expect(plainText).to.match(/INFO {2}\[trainer\] zero\n.*WARN {2}\[trainer\] seven\n$/);
  });

  it('moves between rows with the keyboard', async () => {
    const el = await mount(of(...many(200, true)));
    el.scrollToSeq(50);
    await settle(el);
    rowEls(el)
      .find((r) => r.tabIndex === 0)!
      .focus();
    const before = Number((root(el).activeElement as HTMLElement).dataset.pos);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(Number((root(el).activeElement as HTMLElement).dataset.pos)).to.equal(before + 1);
    await sendKeys({ press: 'Home' });
    await settle(el, 6);
    expect((root(el).activeElement as HTMLElement).dataset.pos).to.equal('0');
  });

  it('announces errors only, not every line', async () => {
    const events = new Subject<RawEvent>();
    const el = await mount(events);
    const notice = () =>
      root(el).querySelector('.athanor-root > [role=status]')!.textContent!.trim();
    for (let i = 0; i < 100; i++) events.next(log(i, `info ${i}`));
    await settle(el);
    expect(notice()).to.equal('');
    events.next(log(100, 'boom', 'error'));
    events.next(log(101, 'boom again', 'fatal'));
    await waitUntil(() => notice() !== '', 'no announcement', { timeout: 7000 });
    expect(notice()).to.equal('2 new errors in the log');
  });
});
