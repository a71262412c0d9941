import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';
import { RunState, toStreamItems, type StreamItem } from '@athanor/protocol';

/** Options of {@link RunStreamController}. */
export interface RunStreamControllerOptions {
  /** Follow only this run (default: the first run seen). */
  runId?: string;
  /** Called with each item as it arrives, after it was applied to the state. Keep it O(1). */
  onItem?: (item: StreamItem, state: RunState) => void;
  /** Called once per animation frame in which items arrived, just before the host updates. */
  onFrame?: (state: RunState) => void;
}

/**
 * Binds an Observable of protocol events to a Lit host.
 *
 * Subscribes when the host connects and unsubscribes when it disconnects. Every value is
 * validated and ordered (`toStreamItems`), then applied at once to {@link RunState} (cheap and
 * O(1), so a background tab that gets no animation frames still keeps the state whole); the host
 * is asked to update at most once per animation frame however fast events arrive.
 */
export class RunStreamController implements ReactiveController {
  /** The run state derived from the stream; replaced when the source changes. */
  state: RunState;

  private source$: Observable<unknown> | undefined;
  private subscription: Subscription | undefined;
  private frame: number | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RunStreamControllerOptions = {},
  ) {
    this.state = new RunState(options.runId);
    host.addController(this);
  }

  /** The stream being followed. Setting it starts over with a fresh state. */
  get source(): Observable<unknown> | undefined {
    return this.source$;
  }

  set source(source: Observable<unknown> | undefined) {
    if (source === this.source$) return;
    this.unsubscribe();
    this.source$ = source;
    this.state = new RunState(this.options.runId);
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
  }

  private subscribe(): void {
    if (!this.source$ || this.subscription) return;
    const state = this.state;
    this.subscription = this.source$.pipe(toStreamItems()).subscribe({
      next: (item) => {
        state.apply(item);
        this.options.onItem?.(item, state);
        this.scheduleFrame();
      },
      // toStreamItems never errors on bad events; a source that errors anyway is reported in
      // the state like a lost connection rather than thrown into the page.
      error: (error: unknown) => {
        state.apply({
          diagnostic: 'connection',
          state: 'error',
          transport: 'replay',
          attempt: 0,
          message: error instanceof Error ? error.message : String(error),
        });
        this.scheduleFrame();
      },
    });
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private scheduleFrame(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.options.onFrame?.(this.state);
      this.host.requestUpdate();
    });
  }
}
