import { property } from 'lit/decorators.js';
import type { Observable } from 'rxjs';
import type { RunState } from '@athanor/protocol';
import {
  RunStreamController,
  type RunStreamControllerOptions,
} from '../controllers/run-stream-controller.ts';
import { AthanorElement } from './athanor-element.ts';

/**
 * Base of the elements that show one run: its stream from `src` (Server-Sent Events, with
 * resume), from `.events` (an Observable), or from an enclosing `<run-scope>`, and the run state
 * derived from it, signalled once per animation frame.
 */
export class RunElement extends AthanorElement {
  /** The stream and the run state. */
  protected readonly run: RunStreamController;

  constructor() {
    super();
    this.run = new RunStreamController(this, this.streamOptions());
  }

  /**
   * Options of the stream controller. Called from the constructor, before the subclass's own
   * fields exist: callbacks may use them, the method itself may not.
   */
  protected streamOptions(): RunStreamControllerOptions {
    return {};
  }

  /** Server-Sent Events URL of the run's events (`fromSSE`, with resume). */
  @property({ type: String, reflect: true })
  get src(): string | undefined {
    return this.run.src;
  }
  set src(url: string | undefined) {
    this.run.src = url ?? undefined;
  }

  /** An Observable of protocol events (raw values or stream items), instead of `src`. */
  @property({ attribute: false })
  get events(): Observable<unknown> | undefined {
    return this.run.source;
  }
  set events(events: Observable<unknown> | undefined) {
    this.run.source = events;
  }

  /** Follow this run of a stream that carries several (default: the first run seen). */
  @property({ type: String, reflect: true, attribute: 'run-id' })
  get runId(): string | undefined {
    return this.run.runId;
  }
  set runId(runId: string | undefined) {
    this.run.runId = runId ?? undefined;
  }

  /** The run state (read-only; it is replaced when the stream changes). */
  get state(): RunState {
    return this.run.state;
  }
}
