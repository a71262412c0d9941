import { defineElement } from '../shared/define.ts';
import { ResultTree } from './result-tree.ts';

defineElement('result-tree', ResultTree);

export { ResultTree };

declare global {
  interface HTMLElementTagNameMap {
    'result-tree': ResultTree;
  }
}
