import { defineElement } from '../shared/define.ts';
import { RunCompare } from './run-compare.ts';

defineElement('run-compare', RunCompare);

export { RunCompare };

declare global {
  interface HTMLElementTagNameMap {
    'run-compare': RunCompare;
  }
}
