import { defineElement } from '../shared/define.ts';
import { RunScope } from './run-scope.ts';

defineElement('run-scope', RunScope);

export { RunScope };

declare global {
  interface HTMLElementTagNameMap {
    'run-scope': RunScope;
  }
}
