/**
 * The events `<run-compare>` dispatches, in the pattern of `src/shared/events.ts`: one class
 * each, a typed payload, bubbling and composed so that a page hears them from outside.
 */
import type { ComparisonExport } from './compare-export.ts';

/** The reader chose another baseline run (a page may keep it in its URL). */
export class RunBaselineChangeEvent extends Event {
  static readonly eventName = 'run-baseline-change';

  constructor(
    /** Id of the new baseline run. */
    readonly baseline: string,
  ) {
    super(RunBaselineChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The reader downloaded the comparison as JSON; `comparison` is what the file holds. */
export class RunCompareExportEvent extends Event {
  static readonly eventName = 'run-compare-export';

  constructor(readonly comparison: ComparisonExport) {
    super(RunCompareExportEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-baseline-change': RunBaselineChangeEvent;
    'run-compare-export': RunCompareExportEvent;
  }
}
