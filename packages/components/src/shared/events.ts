/**
 * The events Athanor elements dispatch: one class each, a typed payload, bubbling and composed
 * so that a page hears them from outside every shadow root.
 */
import type { LogLevel } from '@athanor/protocol';

/**
 * A user asked to cancel the run. Cancelable: a listener that calls `preventDefault()` takes the
 * request over, and the element neither posts to its `cancel-url` nor shows "cancelling…".
 */
export class RunCancelEvent extends Event {
  static readonly eventName = 'run-cancel';

  constructor(
    /** The run to cancel, when known. */
    readonly runId: string | undefined,
  ) {
    super(RunCancelEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/**
 * A user asked to see the first log entry of some levels (e.g. the first error). A `<run-log>`
 * of the same run scrolls there; `index` is the entry's index in the run's log.
 */
export class RunLogJumpEvent extends Event {
  static readonly eventName = 'run-log-jump';

  constructor(
    /** The levels asked for, e.g. `['error', 'fatal']`. */
    readonly levels: readonly LogLevel[],
    /** Index in the run's log of the first entry of those levels. */
    readonly index: number,
    /** The run, when known. */
    readonly runId: string | undefined,
  ) {
    super(RunLogJumpEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-cancel': RunCancelEvent;
    'run-log-jump': RunLogJumpEvent;
  }
}

/** The reader chose a theme in a `<theme-switch>`. */
export class ThemeChangeEvent extends Event {
  static readonly eventName = 'theme-change';

  constructor(
    /** `light`, `dark` or `system`. */
    readonly choice: 'light' | 'dark' | 'system',
    /** What is shown now. */
    readonly theme: 'light' | 'dark',
  ) {
    super(ThemeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'theme-change': ThemeChangeEvent;
  }
}

/**
 * The reader changed which runs are selected in a `<run-history>` (for comparison). `selected`
 * holds their ids, in the order they were chosen.
 */
export class RunSelectionEvent extends Event {
  static readonly eventName = 'run-selection-change';

  constructor(readonly selected: readonly string[]) {
    super(RunSelectionEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-selection-change': RunSelectionEvent;
  }
}
