/**
 * Replay of a recorded run (JSONL: one event per line), instantly or at the recorded pace.
 */
import { Observable, asyncScheduler, type SchedulerLike } from 'rxjs';
import { checked } from './ordering.ts';
import type { ConnectionDiagnostic, StreamItem } from './items.ts';
import { isDiagnostic } from './items.ts';
import { NdjsonDecoder, type NdjsonOptions } from './ndjson.ts';

/** Options of {@link replayJsonl}. */
export interface ReplayOptions extends NdjsonOptions {
  /**
   * Pace: `Infinity` (default) emits everything at once on subscribe; a finite number replays at
   * the recorded pace scaled by it (2 = twice as fast), from the events' `time` fields.
   */
  speed?: number;
  /** Scheduler for paced replay (a virtual-time scheduler in tests). */
  scheduler?: SchedulerLike;
}

/** Replays recorded JSONL text (or its lines). Invalid lines flow on as diagnostics. */
export function replayJsonl(
  recording: string | Iterable<string>,
  options: ReplayOptions = {},
): Observable<StreamItem> {
  const speed = options.speed ?? Infinity;
  if (!(speed > 0)) throw new RangeError(`speed must be a positive number, got ${String(speed)}`);
  return checked(
    new Observable<StreamItem>((subscriber) => {
      const items: StreamItem[] = [];
      const decoder = new NdjsonDecoder((item) => items.push(item), options);
      if (typeof recording === 'string') decoder.push(recording);
      else for (const line of recording) decoder.push(`${line}\n`);
      decoder.end();
      const connection = (state: ConnectionDiagnostic['state']): ConnectionDiagnostic => ({
        diagnostic: 'connection',
        transport: 'replay',
        state,
        attempt: 0,
      });
      subscriber.next(connection('open'));
      if (speed === Infinity) {
        for (const item of items) {
          if (subscriber.closed) return;
          subscriber.next(item);
        }
        subscriber.next(connection('closed'));
        subscriber.complete();
        return;
      }
      const scheduler = options.scheduler ?? asyncScheduler;
      const firstTime = items.find((i) => !isDiagnostic(i)) as { time: number } | undefined;
      const origin = firstTime?.time ?? 0;
      const start = scheduler.now();
      let next = 0;
      const due = (item: StreamItem) => (isDiagnostic(item) ? 0 : (item.time - origin) / speed);
      const step = (): number | undefined => {
        const elapsed = scheduler.now() - start;
        while (next < items.length && due(items[next]!) <= elapsed) subscriber.next(items[next++]!);
        if (next < items.length) return Math.max(0, due(items[next]!) - elapsed);
        subscriber.next(connection('closed'));
        subscriber.complete();
        return undefined;
      };
      return scheduler.schedule(function () {
        const delay = step();
        if (delay !== undefined) this.schedule(undefined, delay);
      });
    }),
  );
}
