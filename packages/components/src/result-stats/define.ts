import { defineElement } from '../shared/define.ts';
import { ResultStatsElement } from './result-stats.ts';
// Cards show the latest object or array of a key in a <result-tree>.
import '../result-tree/define.ts';

defineElement('result-stats', ResultStatsElement);

export { ResultStatsElement };

declare global {
  interface HTMLElementTagNameMap {
    'result-stats': ResultStatsElement;
  }
}
