import { defineElement } from '../shared/define.ts';
import { RunStatus } from './run-status.ts';

defineElement('run-status', RunStatus);

export { RunStatus };

declare global {
  interface HTMLElementTagNameMap {
    'run-status': RunStatus;
  }
}
