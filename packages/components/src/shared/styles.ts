/**
 * The styles every Athanor element shares: one stylesheet compiled from Tailwind + DaisyUI,
 * adopted by each shadow root (the same `CSSStyleSheet` object for every instance of every
 * element), and the few rules that only work at document level, adopted into each document
 * that holds an element, once.
 */
import { unsafeCSS, type CSSResult } from 'lit';
import { DOCUMENT_CSS, ELEMENT_CSS } from '../generated/styles.ts';

/** The shared shadow-root styles: Tailwind utilities, DaisyUI components, theme tokens. */
export const sharedStyles: CSSResult = unsafeCSS(ELEMENT_CSS);

const DOCUMENT_STYLE_ID = 'athanor-document-styles';
const styled = new WeakSet<Document>();

/**
 * Puts Tailwind's `@property` registrations (which shadow roots ignore: without them borders,
 * shadows and rings silently vanish) and the `athanor-light` / `athanor-dark` theme blocks into
 * `doc`, once, so the elements look as designed on a page that loads no stylesheet of ours.
 * Layered `base`, so a page's own rules win over ours.
 */
export function adoptDocumentStyles(doc: Document): void {
  if (styled.has(doc)) return;
  styled.add(doc);
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in doc && 'replaceSync' in view.CSSStyleSheet.prototype) {
    // A constructed sheet can only be adopted by the document of the window that made it.
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(DOCUMENT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  if (doc.getElementById(DOCUMENT_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = DOCUMENT_STYLE_ID;
  style.textContent = DOCUMENT_CSS;
  doc.head.append(style);
}
