/** Registers every Athanor element. */
import './result-stats/define.ts';
import './run-compare/define.ts';
import './run-history/define.ts';
import './run-log/define.ts';
import './run-scope/define.ts';
import './result-tree/define.ts';
import './run-status/define.ts';
import './theme/define.ts';
