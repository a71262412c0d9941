import { defineElement } from '../shared/define.ts';
import { RunHistory } from './run-history.ts';

defineElement('run-history', RunHistory);

export { RunHistory };

declare global {
  interface HTMLElementTagNameMap {
    'run-history': RunHistory;
  }
}
