/**
 * How `<run-scope>` shares one stream with the Athanor elements inside it (@lit/context): one
 * subscription, one run state, and a signal once per animation frame in which it changed.
 */
import { createContext } from '@lit/context';
import type { RunState } from '@athanor/protocol';

/** Hears the current state: once per frame in which it changed, and when it is replaced. */
export type RunFeedListener = (state: RunState) => void;

/** A run shared by a provider. */
export interface RunFeed {
  /** The current run state (replaced, not mutated in place, when the provider's stream changes). */
  readonly state: RunState;
  /** Starts listening; returns a function that stops it. */
  subscribe(listener: RunFeedListener): () => void;
}

/** The context key. A string, so that two copies of this library on a page still meet. */
export const runContext = createContext<RunFeed | undefined>('athanor-run-feed');
