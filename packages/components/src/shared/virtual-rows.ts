/**
 * What the elements that virtualize rows of text (`<run-log>`, `<result-tree>`) share: the
 * virtualizer's flow layout tuned for such rows (a first size estimate of one text line instead
 * of 100 px, which would overstate the scroll height of a large list fivefold before anything
 * is measured, and a smaller margin of rows rendered beyond the viewport, which keeps the DOM
 * under about a thousand nodes), a faster child placement, and the sweep of the markers
 * lit-html leaves behind.
 */
import { html } from 'lit';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type LayoutArgs = ConstructorParameters<typeof FlowLayout>;

const measureRow = (element: Element) => {
  const { width, height } = element.getBoundingClientRect();
  return { width, height, marginTop: 0, marginRight: 0, marginBottom: 0, marginLeft: 0 };
};

/** Pixels of rows kept rendered above and below the viewport. */
export const OVERHANG_PX = 200;

export class RowLayout extends FlowLayout {
  constructor(...args: LayoutArgs) {
    super(...args);
    this._itemSize = { width: 100, height: 20 };
    this._overhang = OVERHANG_PX;
    // How a row is measured: its box only. The default also reads every child's computed
    // margins (a style pass per row, every update); log rows have none. The virtualizer takes a
    // function here in place of the flag the base class types it as.
    Object.defineProperty(this, 'measureChildren', { value: measureRow });
  }

  /** Pixels rendered beyond the viewport (config: following needs none, reading some). */
  set overhang(px: number) {
    this._overhang = px;
  }
}

interface Positions {
  readonly top: number;
  readonly left: number;
  readonly width?: number;
  readonly height?: number;
  readonly xOffset?: number;
  readonly yOffset?: number;
}

interface VirtualizerInternals {
  _first: number;
  readonly _children: HTMLElement[];
  _positionChildren(pos: Map<number, Positions> | undefined): void;
}

const sped = new WeakSet<object>();

/**
 * @lit-labs/virtualizer 2.1 places its children by rebuilding the list of them once per child
 * (`this._children` walks the host each time): O(n²) per update, and it updates several times
 * a frame while a log streams. This gives its prototype the same method with the list built
 * once, and only writes a style that changed. Behaviour is unchanged; if a later version has
 * no such method, nothing is patched and the log is merely slower. Returns whether it applied.
 */
export function speedUpVirtualizer(virtualizer: object | undefined): boolean {
  if (!virtualizer) return false;
  const proto = Object.getPrototypeOf(virtualizer) as VirtualizerInternals;
  if (sped.has(proto)) return true;
  if (typeof proto._positionChildren !== 'function' || !('_children' in proto)) return false;
  proto._positionChildren = function (this: VirtualizerInternals, pos) {
    if (!pos) return;
    const children = this._children;
    pos.forEach(({ top, left, width, height, xOffset, yOffset }, index) => {
      const child = children[index - this._first];
      if (!child) return;
      const style = child.style;
      const transform = `translate(${left}px, ${top}px)`;
      if (style.position !== 'absolute') {
        style.position = 'absolute';
        style.boxSizing = 'border-box';
      }
      if (style.transform !== transform) style.transform = transform;
      // Writing a style, even the same value, dirties the row: only what changed is written.
      const set = (name: 'width' | 'height' | 'left' | 'top', value: string) => {
        if (style[name] !== value) style[name] = value;
      };
      if (width !== undefined) set('width', `${width}px`);
      if (height !== undefined) set('height', `${height}px`);
      set('left', xOffset === undefined ? '' : `${xOffset}px`);
      set('top', yOffset === undefined ? '' : `${yOffset}px`);
    });
  };
  sped.add(proto);
  return true;
}

/**
 * lit-html 3.3.1 to 3.3.3 leave one empty comment behind each time `repeat` removes an item
 * (lit/lit#5298: `removePart` removes a part's start marker, not its end marker), and the
 * virtualizer removes items at one edge whenever it adds some at the other: a log streaming for
 * hours would gather millions of them. This removes those orphans from the virtualizer's host.
 * Every row renders an element, wrapped by its part's two markers, so a live marker always
 * touches an element; an empty comment between two non-elements belongs to no part. (Once a
 * fixed lit-html is in use it finds none.) Returns how many it removed.
 */
export function sweepOrphanMarkers(host: Element | null | undefined): number {
  if (!host) return 0;
  let removed = 0;
  let node = host.firstChild;
  while (node) {
    const next: ChildNode | null = node.nextSibling;
    if (
      node.nodeType === Node.COMMENT_NODE &&
      (node as Comment).data === '' &&
      node.previousSibling?.nodeType !== Node.ELEMENT_NODE &&
      next?.nodeType !== Node.ELEMENT_NODE
    ) {
      node.remove();
      removed++;
    }
    node = next;
  }
  return removed;
}

/** Stands in for a position the virtualizer asked for past the end of the window. */
export const STALE_ROW = html`<div class="row stale" aria-hidden="true"></div>`;

/** A window of view positions as the array the virtualizer wants, without making one. */
export function windowItems(start: number, count: number): number[] {
  return new Proxy([] as number[], {
    get(target, key) {
      if (key === 'length') return count;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const i = Number(key);
        return i < count ? start + i : undefined;
      }
      return Reflect.get(target, key);
    },
  });
}
