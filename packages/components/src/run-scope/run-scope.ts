import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Observable } from 'rxjs';
import type { RunState } from '@athanor/protocol';
import { RunStreamController } from '../controllers/run-stream-controller.ts';
import { AthanorElement } from '../shared/athanor-element.ts';
import { runContext } from '../shared/run-context.ts';

/**
 * Opens one stream of a run and shares it with every Athanor element inside:
 * `<run-scope src="/api/runs/r1/events"><run-status></run-status><run-log></run-log></run-scope>`
 * opens one connection, keeps one run state, and the elements render from it. An element with
 * its own `src` or `.events` uses that instead.
 *
 * @summary Shares one run stream with the elements inside it.
 * @slot - The elements (and any other content) that show the run.
 */
export class RunScope extends AthanorElement {
  static override styles = [
    AthanorElement.styles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  private readonly run = new RunStreamController(this, { useContext: false });
  // Provides the controller itself: its state and its once-per-frame signal.
  private readonly provider = new ContextProvider(this, {
    context: runContext,
    initialValue: this.run,
  });

  /** Server-Sent Events URL of the run's events (`fromSSE`, with resume). */
  @property({ type: String, reflect: true })
  get src(): string | undefined {
    return this.run.src;
  }
  set src(url: string | undefined) {
    this.run.src = url ?? undefined;
  }

  /** An Observable of protocol events (raw values or stream items), instead of `src`. */
  @property({ attribute: false })
  get events(): Observable<unknown> | undefined {
    return this.run.source;
  }
  set events(events: Observable<unknown> | undefined) {
    this.run.source = events;
  }

  /** Follow this run of a stream that carries several (default: the first run seen). */
  @property({ type: String, reflect: true, attribute: 'run-id' })
  get runId(): string | undefined {
    return this.run.runId;
  }
  set runId(runId: string | undefined) {
    this.run.runId = runId ?? undefined;
  }

  /** The shared run state (read-only; it is replaced when the stream changes). */
  get state(): RunState {
    return this.run.state;
  }

  override render() {
    return html`<slot></slot>`;
  }
}
