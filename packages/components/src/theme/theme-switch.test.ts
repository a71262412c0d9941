import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ThemeChangeEvent } from '../shared/events.ts';
import { THEME_SNIPPET, THEME_STORAGE_KEY } from './theme.ts';
import type { ThemeSwitch } from './theme-switch.ts';
import './define.ts';

const root = document.documentElement;
const radio = (el: ThemeSwitch, value: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[value=${value}]`)!;

describe('<theme-switch>', () => {
  beforeEach(async () => {
    localStorage.removeItem(THEME_STORAGE_KEY);
    root.removeAttribute('data-theme');
    root.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is an accessible radio group', async () => {
    const el = await fixture<ThemeSwitch>(html`<theme-switch></theme-switch>`);
    await expect(el).to.be.accessible();
    const group = el.shadowRoot!.querySelector('[role=radiogroup]')!;
    expect(group.getAttribute('aria-label')).to.equal('Theme');
    const labels = [...group.querySelectorAll('input')].map((i) => i.getAttribute('aria-label'));
    expect(labels).to.deep.equal(['Light', 'Dark', 'System']);
  });

  it('starts on system, following the system preference, and follows it live', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture<ThemeSwitch>(html`<theme-switch></theme-switch>`);
    expect(el.value).to.equal('system');
    expect(radio(el, 'system').checked).to.equal(true);
    expect(root.dataset.theme).to.equal('athanor-dark');
    expect(root.style.colorScheme).to.equal('dark');
    await emulateMedia({ colorScheme: 'light' });
    // The media query's change event comes when the browser gets to it (later on a busy machine).
    await waitUntil(() => root.dataset.theme === 'athanor-light', 'did not follow the system', {
      timeout: 5000,
    });
  });

  it('applies and remembers an explicit choice, which the system no longer moves', async () => {
    const el = await fixture<ThemeSwitch>(html`<theme-switch></theme-switch>`);
    setTimeout(() => radio(el, 'dark').click());
    const event = (await oneEvent(el, ThemeChangeEvent.eventName)) as unknown as ThemeChangeEvent;
    expect(event.choice).to.equal('dark');
    expect(event.theme).to.equal('dark');
    expect(root.dataset.theme).to.equal('athanor-dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).to.equal('dark');
    await emulateMedia({ colorScheme: 'light' });
    expect(root.dataset.theme).to.equal('athanor-dark');
    radio(el, 'system').click();
    expect(localStorage.getItem(THEME_STORAGE_KEY)).to.equal(null);
    expect(root.dataset.theme).to.equal('athanor-light');
  });

  it('reads a stored choice when it connects', async () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    const el = await fixture<ThemeSwitch>(html`<theme-switch></theme-switch>`);
    expect(radio(el, 'dark').checked).to.equal(true);
    expect(root.dataset.theme).to.equal('athanor-dark');
  });

  it('moves between choices with the arrow keys', async () => {
    const el = await fixture<ThemeSwitch>(html`<theme-switch></theme-switch>`);
    radio(el, 'light').click();
    radio(el, 'light').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.value).to.equal('dark');
    expect(root.dataset.theme).to.equal('athanor-dark');
  });

  it('keeps several switches in step', async () => {
    const page = await fixture(
      html`<div><theme-switch></theme-switch><theme-switch></theme-switch></div>`,
    );
    const [a, b] = [...page.querySelectorAll('theme-switch')];
    radio(a!, 'dark').click();
    await b!.updateComplete;
    expect(b!.value).to.equal('dark');
    expect(radio(b!, 'dark').checked).to.equal(true);
  });

  it('applies the page theme names it is given', async () => {
    const el = await fixture<ThemeSwitch>(
      html`<theme-switch light-theme="corporate" dark-theme="business"></theme-switch>`,
    );
    radio(el, 'dark').click();
    expect(root.dataset.theme).to.equal('business');
  });
});

describe('THEME_SNIPPET', () => {
  const run = () => new Function(THEME_SNIPPET)();

  beforeEach(async () => {
    localStorage.removeItem(THEME_STORAGE_KEY);
    root.removeAttribute('data-theme');
    await emulateMedia({ colorScheme: 'light' });
  });

  it('applies the stored choice before anything else runs', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    run();
    expect(root.dataset.theme).to.equal('athanor-dark');
    expect(root.style.colorScheme).to.equal('dark');
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    run();
    expect(root.dataset.theme).to.equal('athanor-light');
  });

  it('follows the system without a stored choice, live', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    run();
    expect(root.dataset.theme).to.equal('athanor-dark');
    await emulateMedia({ colorScheme: 'light' });
    // The media query's change event comes when the browser gets to it (later on a busy machine).
    await waitUntil(() => root.dataset.theme === 'athanor-light', 'did not follow the system', {
      timeout: 5000,
    });
  });

  it('is small enough to inline in every page head', () => {
    expect(THEME_SNIPPET.length).to.be.below(600);
  });
});
