import { defineElement } from '../shared/define.ts';
import { RunLog } from './run-log.ts';

defineElement('run-log', RunLog);

export { RunLog };

declare global {
  interface HTMLElementTagNameMap {
    'run-log': RunLog;
  }
}
