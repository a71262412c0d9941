import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { Observable, Subscription } from 'rxjs';
import { RunState, fromSSE, toStreamItems, type StreamItem } from '@athanor/protocol';
import { runContext, type RunFeed, type RunFeedListener } from '../shared/run-context.ts';
import { streamErrorItem } from '../shared/stream-error.ts';

/** Options of {@link RunStreamController}. */
export interface RunStreamControllerOptions {
  /** Follow only this run (default: the first run seen). */
  runId?: string;
  /**
   * Called with each item as it arrives from the host's own source, after it was applied to the
   * state (not called for a stream shared by an enclosing `<run-scope>`). Keep it O(1).
   */
  onItem?: (item: StreamItem, state: RunState) => void;
  /** Called once per animation frame in which the state changed, just before the host updates. */
  onFrame?: (state: RunState) => void;
  /** Take the stream of an enclosing `<run-scope>` when the host has none of its own. Default true. */
  useContext?: boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Binds an Observable of protocol events to a Lit host.
 *
 * The stream is the host's own (`source`, or `src`: a Server-Sent Events URL), or else the one an
 * enclosing `<run-scope>` shares through context. An own stream is subscribed when the host
 * connects and unsubscribed when it disconnects; every value is validated and ordered
 * (`toStreamItems`), then applied at once to {@link RunState} (cheap and O(1), so a background
 * tab that gets no animation frames still keeps the state whole). The host is asked to update at
 * most once per animation frame however fast events arrive.
 *
 * The controller is itself a {@link RunFeed}: `<run-scope>` provides it to its descendants.
 */
export class RunStreamController implements ReactiveController, RunFeed {
  /** The run state derived from the stream; replaced when the stream changes. */
  state: RunState;

  private source$: Observable<unknown> | undefined;
  private url: string | undefined;
  private feed: RunFeed | undefined;
  private stopFeed: (() => void) | undefined;
  private subscription: Subscription | undefined;
  private frame: number | undefined;
  private connected = false;
  private runIdValue: string | undefined;
  private readonly listeners = new Set<RunFeedListener>();

  constructor(
    private readonly host: Host,
    private readonly options: RunStreamControllerOptions = {},
  ) {
    this.runIdValue = options.runId;
    this.state = new RunState(this.runIdValue);
    host.addController(this);
    if (options.useContext !== false) {
      new ContextConsumer(host, {
        context: runContext,
        subscribe: true,
        callback: (feed) => this.useFeed(feed),
      });
    }
  }

  /** The host's own stream. Setting it starts over with a fresh state. */
  get source(): Observable<unknown> | undefined {
    return this.source$;
  }

  set source(source: Observable<unknown> | undefined) {
    if (source === this.source$) return;
    this.url = undefined;
    this.restart(source);
  }

  /** A Server-Sent Events URL to follow as the host's own stream (`fromSSE`). */
  get src(): string | undefined {
    return this.url;
  }

  set src(url: string | undefined) {
    const next = url || undefined;
    if (next === this.url) return;
    this.restart(next === undefined ? undefined : fromSSE(next));
    this.url = next;
  }

  /** The run followed in a stream that carries several (default: the first seen). */
  get runId(): string | undefined {
    return this.runIdValue;
  }

  set runId(runId: string | undefined) {
    if (runId === this.runIdValue) return;
    this.runIdValue = runId;
    if (this.source$) this.restart(this.source$, true);
  }

  /** True while the state comes from an enclosing `<run-scope>` rather than an own stream. */
  get shared(): boolean {
    return !this.source$ && this.feed !== undefined;
  }

  /** {@link RunFeed}: hears once per frame in which the state changed, and when it is replaced. */
  subscribe(listener: RunFeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribeSource();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribeSource();
    // The context consumer asks for the feed again when the host reconnects; until then (or if
    // it reconnects outside any scope) the host shows no run rather than a frozen copy of one.
    this.stopFeed?.();
    this.stopFeed = undefined;
    if (this.feed && !this.source$) this.state = new RunState(this.runIdValue);
    this.feed = undefined;
  }

  private restart(source: Observable<unknown> | undefined, force = false): void {
    if (source === this.source$ && !force) return;
    this.unsubscribeSource();
    this.source$ = source;
    if (source) {
      this.state = new RunState(this.runIdValue);
      if (this.connected) this.subscribeSource();
    } else {
      this.state = this.feed?.state ?? new RunState(this.runIdValue);
    }
    this.changed();
  }

  private useFeed(feed: RunFeed | undefined): void {
    this.stopFeed?.();
    this.stopFeed = undefined;
    this.feed = feed;
    if (!feed) return;
    this.stopFeed = feed.subscribe((state) => {
      if (this.source$) return;
      this.state = state;
      this.changed();
    });
    if (!this.source$) {
      this.state = feed.state;
      this.changed();
    }
  }

  private subscribeSource(): void {
    if (!this.source$ || this.subscription) return;
    const state = this.state;
    this.subscription = this.source$.pipe(toStreamItems()).subscribe({
      next: (item) => {
        state.apply(item);
        this.options.onItem?.(item, state);
        this.scheduleFrame();
      },
      error: (error: unknown) => {
        state.apply(streamErrorItem(error));
        this.scheduleFrame();
      },
    });
  }

  private unsubscribeSource(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private scheduleFrame(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.changed();
    });
  }

  private changed(): void {
    this.options.onFrame?.(this.state);
    for (const listener of this.listeners) listener(this.state);
    this.host.requestUpdate();
  }
}
