/**
 * Follows the streams of several runs for one host: a {@link RunState} per run, every event
 * applied as it arrives, and one host update per animation frame for all of them together.
 *
 * One `RunStreamController` per run would schedule one frame callback per run, and each would
 * update the host on its own: 20 live runs, 20 renders a frame. Here the frame is shared.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';
import { RunState, fromSSE, toStreamItems, type StreamItem } from '@athanor/protocol';
import { streamErrorItem } from '../shared/stream-error.ts';

/** One run to follow: an Observable of its events, or the URL of its Server-Sent Events. */
export interface CompareSource {
  /**
   * The run's id. With `events`, the run followed in that stream (others are ignored); without
   * it, the first run the stream carries. A `url` is that run's own stream: its first run.
   */
  readonly id?: string;
  /** What the reader sees instead of the run's name. */
  readonly label?: string;
  readonly events?: Observable<unknown>;
  readonly url?: string;
}

/** A run being followed. */
export interface FollowedRun {
  readonly source: CompareSource;
  /** Its state; replaced when the host reconnects (see {@link CompareStreams}). */
  readonly state: RunState;
}

interface Followed {
  source: CompareSource;
  state: RunState;
  subscription: Subscription | undefined;
}

const sameSource = (a: CompareSource, b: CompareSource) =>
  a.id === b.id && a.events === b.events && a.url === b.url;

/**
 * Streams are subscribed while the host is connected. After a reconnect, a `url` resumes after
 * the last seq its state holds (nothing is fetched twice); an `events` Observable is subscribed
 * again into a fresh state, because a cold one replays from its start.
 */
export class CompareStreams implements ReactiveController {
  private followed: Followed[] = [];
  private frame: number | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The runs followed, in the order given. */
  get runs(): readonly FollowedRun[] {
    return this.followed;
  }

  /**
   * Follows `sources` from now on. A source followed already (same id and the same `events` or
   * `url`) keeps its state and subscription; the others start, and those left out stop.
   */
  follow(sources: readonly CompareSource[]): void {
    const previous = [...this.followed];
    const next = sources.map((source): Followed => {
      const at = previous.findIndex((f) => sameSource(f.source, source));
      if (at < 0) return { source, state: fresh(source), subscription: undefined };
      const [kept] = previous.splice(at, 1);
      return { ...kept!, source };
    });
    for (const gone of previous) gone.subscription?.unsubscribe();
    this.followed = next;
    if (this.connected) for (const f of next) this.subscribe(f, false);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    const again = this.connected === false && this.followed.some((f) => f.state.version > 0);
    this.connected = true;
    for (const f of this.followed) this.subscribe(f, again);
    if (again) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    for (const f of this.followed) {
      f.subscription?.unsubscribe();
      f.subscription = undefined;
    }
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private subscribe(f: Followed, resume: boolean): void {
    if (f.subscription) return;
    const { url, events } = f.source;
    const after = resume && url ? f.state.lastSeq : undefined;
    if (resume && !url) f.state = fresh(f.source);
    const state = f.state;
    const stream: Observable<unknown> | undefined = url
      ? fromSSE(url, after === undefined ? {} : { after })
      : events;
    if (!stream) return;
    f.subscription = stream.pipe(toStreamItems()).subscribe({
      next: (item: StreamItem) => {
        state.apply(item);
        this.schedule();
      },
      error: (error: unknown) => {
        state.apply(streamErrorItem(error));
        this.schedule();
      },
    });
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.host.requestUpdate();
    });
  }
}

const fresh = (source: CompareSource) => new RunState(source.url ? undefined : source.id);
