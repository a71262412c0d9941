import { LitElement, type CSSResultGroup } from 'lit';
import { adoptDocumentStyles, sharedStyles } from './styles.ts';

/**
 * Base of every Athanor element: the shared stylesheet in its shadow root, and the
 * document-level rules in its document before it first renders.
 *
 * Templates put their content in one `.athanor-root` element: that is where the theme tokens
 * (the page's DaisyUI theme, or ours) are resolved for everything inside.
 *
 * @cssprop [--athanor-font-mono=ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace] - Font of data: figures, times, log lines, values.
 * @cssprop [--athanor-font-sans=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of labels and controls.
 * @cssprop [--athanor-font-size=0.8125rem] - Base font size.
 */
export class AthanorElement extends LitElement {
  static override styles: CSSResultGroup = [sharedStyles];

  override connectedCallback(): void {
    adoptDocumentStyles(this.ownerDocument);
    super.connectedCallback();
  }
}
