import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { Subject } from 'rxjs';
import { RunStreamController } from './run-stream-controller.ts';

/** A throwaway element that counts its renders. */
class TestRunView extends LitElement {
  readonly stream = new RunStreamController(this);
  renders = 0;

  protected override render() {
    this.renders++;
    const s = this.stream.state;
    return litHtml`<p role="status">${s.status}: ${s.counts.events} events, ${s.counts.invalid} invalid</p>`;
  }
}
customElements.define('test-run-view', TestRunView);

const event = (seq: number, type = 'heartbeat', data: object = {}) => ({
  v: 1,
  run: 'r',
  seq,
  time: 1000 + seq,
  type,
  data,
});

describe('RunStreamController', () => {
  it('renders an accessible view', async () => {
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    await expect(el).to.be.accessible();
  });

  it('renders at most once per animation frame however fast events arrive', async () => {
    const subject = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = subject;
    await el.updateComplete;
    await nextFrame();
    const before = el.renders;
    for (let i = 0; i < 5000; i++) subject.next(event(i));
    expect(el.stream.state.counts.events).to.equal(5000);
    await nextFrame();
    await el.updateComplete;
    expect(el.renders - before).to.equal(1);
    expect(el.shadowRoot!.textContent).to.contain('5000 events');
  });

  it('validates and orders what it is given', async () => {
    const subject = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = subject;
    subject.next(event(0, 'status', { status: 'running' }));
    subject.next({ v: 1, run: 'r', seq: 1, time: 0, type: 'log', data: { level: 'loud' } });
    subject.next(event(0));
    subject.next(event(3));
    const s = el.stream.state;
    expect(s.status).to.equal('running');
    expect(s.counts).to.include({ events: 2, invalid: 1, duplicates: 1, gaps: 1 });
  });

  it('subscribes on connect and unsubscribes on disconnect', async () => {
    const subject = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = subject;
    expect(subject.observed).to.equal(true);
    const parent = el.parentNode!;
    el.remove();
    expect(subject.observed).to.equal(false);
    subject.next(event(0));
    expect(el.stream.state.counts.events).to.equal(0);
    parent.appendChild(el);
    expect(subject.observed).to.equal(true);
  });

  it('starts over with a fresh state when the source changes', async () => {
    const first = new Subject<unknown>();
    const second = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = first;
    first.next(event(0));
    el.stream.source = second;
    expect(first.observed).to.equal(false);
    expect(el.stream.state.counts.events).to.equal(0);
    second.next(event(0));
    expect(el.stream.state.counts.events).to.equal(1);
  });

  it('reports a source that errors instead of throwing', async () => {
    const subject = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = subject;
    subject.error(new Error('socket exploded'));
    expect(el.stream.state.connection?.state).to.equal('error');
    expect(el.stream.state.connection?.message).to.equal('socket exploded');
  });

  it('does not request frames after disconnect', async () => {
    const subject = new Subject<unknown>();
    const el = await fixture<TestRunView>(html`<test-run-view></test-run-view>`);
    el.stream.source = subject;
    await el.updateComplete;
    subject.next(event(0));
    el.remove();
    const renders = el.renders;
    await nextFrame();
    await nextFrame();
    expect(el.renders).to.equal(renders);
  });
});
