/**
 * Registers a tag, once. A second registration of the same tag (two copies of the library on one
 * page, or a bundle loaded twice) warns instead of throwing, so the page keeps working.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) customElements.define(tag, element);
  else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another copy of the element; keeping that one.`);
  }
}
