/** Registers every Athanor element. */
import './run-scope/define.ts';
import './run-status/define.ts';
import './theme/define.ts';
