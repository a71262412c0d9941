import { css, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { RunElement } from '../shared/run-element.ts';
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
export class RunScope extends RunElement {
  static override styles = [
    RunElement.styles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  protected override streamOptions() {
    // The scope's own stream only: it is what it provides.
    return { useContext: false };
  }

  // Provides the controller itself: its state and its once-per-frame signal.
  private readonly provider = new ContextProvider(this, {
    context: runContext,
    initialValue: this.run,
  });

  override render() {
    return html`<slot></slot>`;
  }
}
