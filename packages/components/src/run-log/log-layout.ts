/**
 * The virtualizer's flow layout, tuned for log rows: a first size estimate of one text line
 * (instead of 100 px, which would overstate the scroll height of a large window fivefold before
 * anything is measured), and a smaller margin of rows rendered beyond the viewport, which keeps
 * the DOM of the whole log under about a thousand nodes.
 */
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

type LayoutArgs = ConstructorParameters<typeof FlowLayout>;

/** Pixels of rows kept rendered above and below the viewport. */
export const OVERHANG_PX = 360;

export class LogLayout extends FlowLayout {
  constructor(...args: LayoutArgs) {
    super(...args);
    this._itemSize = { width: 100, height: 20 };
    this._overhang = OVERHANG_PX;
  }
}
