/**
 * The runs the React and Vue pages show, made from the recorded sample fine-tune: the whole
 * recording as a finished run, and its first lines as a run that is still going.
 */
import { Observable, ReplaySubject } from 'rxjs';
import { replayJsonl } from '@athanor/protocol';

/** Where the pages fetch the recording from (the test serves the demo host's samples there). */
export const SAMPLE_URL = '/samples/sample-finetune.jsonl';

/** Run id of the live run, so that the pages can tell it from the finished one. */
export const LIVE_RUN_ID = 'interop-live';

/** How many subscriptions each run's Observable has right now, for the test to read. */
export interface SubscriptionCounts {
  finished: number;
  live: number;
}

declare global {
  interface Window {
    /** Set by the React and Vue pages. */
    interopSubscriptions?: SubscriptionCounts;
  }
}

/** The two runs of a page, each an Observable of protocol events that counts its subscribers. */
export interface SampleRuns {
  finished: Observable<unknown>;
  live: Observable<unknown>;
}

/** Fetches the recording and makes the page's two runs. */
export async function loadSampleRuns(): Promise<SampleRuns> {
  const response = await fetch(SAMPLE_URL);
  if (!response.ok) throw new Error(`${SAMPLE_URL}: HTTP ${response.status}`);
  const text = await response.text();
  const counts: SubscriptionCounts = { finished: 0, live: 0 };
  window.interopSubscriptions = counts;
  return {
    finished: counted(replayJsonl(text), counts, 'finished'),
    live: counted(liveRun(text), counts, 'live'),
  };
}

/**
 * The recording's first 120 events (26 of 71 steps) as a run still running: its own run id,
 * its times moved so that the last event is now (an old run would show as stale), and the
 * stream left open, as a live connection is.
 */
function liveRun(text: string): ReplaySubject<unknown> {
  const events = text
    .split('\n')
    .filter(Boolean)
    .slice(0, 120)
    .map((line) => JSON.parse(line) as { run: string; time: number });
  const shift = Date.now() - events.at(-1)!.time;
  const subject = new ReplaySubject<unknown>();
  for (const event of events) {
    subject.next({ ...event, run: LIVE_RUN_ID, time: event.time + shift });
  }
  return subject;
}

/** `source`, counting its open subscriptions in `counts[key]`. */
function counted<T>(
  source: Observable<T>,
  counts: SubscriptionCounts,
  key: keyof SubscriptionCounts,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    counts[key] += 1;
    const subscription = source.subscribe(subscriber);
    return () => {
      counts[key] -= 1;
      subscription.unsubscribe();
    };
  });
}
