import type { Instances } from './instances.ts';
import type { RunHub } from './run-hub.ts';
import { sampleEvents, samplesOf } from './synthetic/catalogue.ts';
import type { SampleSet } from './synthetic/catalogue.ts';

/**
 * Generates the sample runs of `set` (see `synthetic/catalogue.ts`) into the hub as finished
 * runs, and their instances into `instances`; with a store behind them, both are persisted.
 * One run at a time, so only one run's drafts are held beside its events while it is appended.
 * The events are not validated here: the generators are deterministic and a test validates
 * every event they make. Returns the ids of the runs loaded.
 */
export function loadSamples(hub: RunHub, instances: Instances, set: SampleSet): string[] {
  const loaded: string[] = [];
  for (const sample of samplesOf(set)) {
    instances.adopt(sample.instance);
    const events = sampleEvents(sample);
    for (let n = 0; n < events.length; n++) {
      hub.append(events[n]!);
      // The store writes a tick's appends at the end of the tick; this loop is one tick, so
      // without a flush now and then it would hold a 200,000-event run's log as one string.
      if ((n + 1) % FLUSH_EVERY === 0) hub.flush();
    }
    hub.flush();
    hub.finish(sample.run);
    loaded.push(sample.run);
  }
  return loaded;
}

/** Events appended between flushes while loading. */
const FLUSH_EVERY = 10_000;
