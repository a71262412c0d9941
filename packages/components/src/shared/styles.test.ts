import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { of } from 'rxjs';
import { RUN_STATES } from '../../test/runs.ts';
import '../run-scope/define.ts';
import '../run-status/define.ts';
import type { RunStatus } from '../run-status/run-status.ts';
import { adoptDocumentStyles } from './styles.ts';

// This page loads no stylesheet of ours: whatever the elements need, they bring themselves.

const ourSheets = (doc: Document) =>
  doc.adoptedStyleSheets.filter((sheet) =>
    // By text, not instanceof: an iframe's rules are instances of the iframe's classes.
    [...sheet.cssRules].some((rule) => rule.cssText.startsWith('@property')),
  );

async function status(): Promise<RunStatus> {
  const el = await fixture<RunStatus>(
    html`<run-status .events=${of(...RUN_STATES.running())}></run-status>`,
  );
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
  return el;
}

const base = (el: RunStatus) => getComputedStyle(el.shadowRoot!.querySelector('[part=base]')!);

describe('shared styles', () => {
  afterEach(async () => {
    document.documentElement.removeAttribute('data-theme');
    await emulateMedia({ colorScheme: 'light' });
  });

  it('registers the document-level rules once, when the first element connects', async () => {
    expect(ourSheets(document)).to.have.length(0);
    await status();
    await status();
    await fixture(html`<run-scope></run-scope>`);
    const sheets = ourSheets(document);
    expect(sheets).to.have.length(1);
    const names = [...sheets[0]!.cssRules]
      .filter((rule) => rule instanceof CSSPropertyRule)
      .map((rule) => (rule as CSSPropertyRule).name);
    expect(names).to.include('--tw-border-style');
  });

  it('shares one constructed stylesheet between every instance of every element', async () => {
    const a = await status();
    const b = await status();
    const scope = await fixture(html`<run-scope></run-scope>`);
    const first = (el: Element) => el.shadowRoot!.adoptedStyleSheets[0];
    expect(first(a)).to.be.instanceOf(CSSStyleSheet);
    expect(first(a)).to.equal(first(b));
    expect(first(a)).to.equal(first(scope));
    expect(a.shadowRoot!.querySelectorAll('style')).to.have.length(0);
  });

  it('looks as designed on a bare page: borders and backgrounds from our theme', async () => {
    const style = base(await status());
    expect(style.borderTopStyle).to.equal('solid');
    expect(style.borderTopWidth).to.equal('1px');
    expect(style.borderTopColor).to.equal('rgb(220, 220, 214)');
    expect(style.backgroundColor).to.equal('rgb(251, 251, 249)');
    expect(style.color).to.equal('rgb(29, 33, 38)');
    expect(getComputedStyle(document.body).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it("adopts its document rules into another window's document, once", async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe></iframe>`);
    const doc = frame.contentDocument!;
    adoptDocumentStyles(doc);
    adoptDocumentStyles(doc);
    expect(ourSheets(doc)).to.have.length(1);
  });

  it('follows the system colour scheme live when the page sets no theme', async () => {
    const el = await status();
    await emulateMedia({ colorScheme: 'dark' });
    expect(base(el).backgroundColor).to.equal('rgb(22, 24, 27)');
    expect(base(el).colorScheme).to.equal('dark');
    await emulateMedia({ colorScheme: 'light' });
    expect(base(el).backgroundColor).to.equal('rgb(251, 251, 249)');
  });

  it('takes our themes by name from data-theme, whatever the system prefers', async () => {
    const el = await status();
    document.documentElement.dataset.theme = 'athanor-dark';
    expect(base(el).backgroundColor).to.equal('rgb(22, 24, 27)');
    await emulateMedia({ colorScheme: 'dark' });
    document.documentElement.dataset.theme = 'athanor-light';
    expect(base(el).backgroundColor).to.equal('rgb(251, 251, 249)');
    expect(base(el).colorScheme).to.equal('light');
  });

  it("follows the host page's DaisyUI theme variables", async () => {
    // What DaisyUI emits for a page theme: variables on the element that carries data-theme.
    const page = await fixture(
      html`<div>
        <style>
          [data-theme='lab'] {
            --color-base-100: rgb(10, 20, 30);
            --color-base-300: rgb(40, 50, 60);
            --color-base-content: rgb(240, 240, 230);
          }
        </style>
        <div data-theme="lab">
          <run-status .events=${of(...RUN_STATES.running())}></run-status>
        </div>
        <run-status .events=${of(...RUN_STATES.running())}></run-status>
      </div>`,
    );
    const [themed, plain] = [...page.querySelectorAll('run-status')];
    await themed!.updateComplete;
    expect(base(themed!).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(base(themed!).borderTopColor).to.equal('rgb(40, 50, 60)');
    expect(base(themed!).color).to.equal('rgb(240, 240, 230)');
    expect(base(plain!).backgroundColor).to.equal('rgb(251, 251, 249)');
  });

  it('lets a page retune an element through its public custom properties', async () => {
    const el = await status();
    el.style.setProperty('--athanor-run-status-background', 'rgb(1, 2, 3)');
    expect(base(el).backgroundColor).to.equal('rgb(1, 2, 3)');
    el.style.setProperty('--athanor-font-mono', 'Courier');
    const figures = el.shadowRoot!.querySelector('[part=progress] .font-mono')!;
    expect(getComputedStyle(figures).fontFamily).to.equal('Courier');
  });
});

after(() => fixtureCleanup());
