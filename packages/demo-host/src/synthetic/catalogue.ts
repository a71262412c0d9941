/**
 * Every sample the host ships: each run with its id, start time, generator and the instance it
 * belongs to. The host generates them in-process at first start (they are deterministic, so
 * every host gets the same runs); `scripts/make-samples.ts` writes the small readable ones to
 * `samples/` as examples of the protocol, and a test keeps those files equal to this list.
 */
import type { RunEvent } from '../events.ts';
import type { Instance } from '../instances.ts';
import { activationReportDrafts, ACTIVATION_REPORT_INSTANCE } from './activation-report.ts';
import { corpusDedupDrafts, CORPUS_DEDUP_INSTANCE } from './corpus-dedup.ts';
import { stamp } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { evalSweepDrafts, EVAL_SWEEP_INSTANCE } from './eval-sweep.ts';
import { failedEvalDrafts, FAILED_EVAL_INSTANCE } from './failed-eval.ts';
import { fineTuneDrafts, FINE_TUNE_INSTANCE } from './fine-tune.ts';
import { hparamSearchDrafts, HPARAM_SEARCH_INSTANCE } from './hparam-search.ts';

/**
 * Which samples a host loads: all of them, the small ones (all but the two stress runs: they
 * take most of a second to generate and tens of MB to hold), or none.
 */
export type SampleSet = 'all' | 'small' | 'none';

/** One sample run. */
export interface Sample {
  /** The run id. */
  readonly run: string;
  /** The instance the run belongs to; its `run` event names it and carries its config. */
  readonly instance: Instance;
  /** Epoch ms of the run's first event. */
  readonly startTime: number;
  /** `large` for the stress runs, which `small` leaves out. */
  readonly size: 'small' | 'large';
  /** Written to `samples/<run>.jsonl` as an example for backend authors. */
  readonly example: boolean;
  /** Generates the run's events (deterministic). */
  readonly drafts: (startTime: number) => EventDraft[];
}

const at = (day: number, hour: number, minute: number, second = 0) =>
  Date.UTC(2026, 0, day, hour, minute, second);

/** The instance record of `draft`, created at `createdAt`: before any of its runs. */
function recorded(draft: InstanceDraft, createdAt: number): Instance {
  return { ...draft, createdAt, clonedFrom: null };
}

const FINE_TUNE = recorded(FINE_TUNE_INSTANCE, at(12, 9, 12, 40));

/** Every sample, oldest run first. */
export const SAMPLES: readonly Sample[] = [
  {
    run: 'sample-finetune',
    instance: FINE_TUNE,
    startTime: at(12, 9, 30),
    size: 'small',
    example: true,
    drafts: () => fineTuneDrafts(320, 20260112),
  },
  {
    run: 'sample-failed-eval',
    instance: recorded(FAILED_EVAL_INSTANCE, at(13, 13, 58, 12)),
    startTime: at(13, 14, 5),
    size: 'small',
    example: true,
    drafts: () => failedEvalDrafts(20260113),
  },
  {
    // The same instance again: a rerun, so the instance has a run history.
    run: 'sample-finetune-rerun',
    instance: FINE_TUNE,
    startTime: at(14, 16, 20),
    size: 'small',
    example: false,
    drafts: () => fineTuneDrafts(320, 20260114),
  },
  {
    run: 'sample-hparam-search',
    instance: recorded(HPARAM_SEARCH_INSTANCE, at(15, 20, 51, 3)),
    startTime: at(15, 21, 4),
    size: 'small',
    example: true,
    drafts: (start) => hparamSearchDrafts(20260115, start),
  },
  {
    run: 'sample-eval-sweep',
    instance: recorded(EVAL_SWEEP_INSTANCE, at(16, 9, 41, 27)),
    startTime: at(16, 10, 0),
    size: 'small',
    example: true,
    drafts: () => evalSweepDrafts(20260116),
  },
  {
    run: 'sample-corpus-dedup',
    instance: recorded(CORPUS_DEDUP_INSTANCE, at(17, 5, 30, 44)),
    startTime: at(17, 6, 0),
    size: 'large',
    example: false,
    drafts: () => corpusDedupDrafts(20260117),
  },
  {
    run: 'sample-activation-report',
    instance: recorded(ACTIVATION_REPORT_INSTANCE, at(18, 10, 47, 9)),
    startTime: at(18, 11, 0),
    size: 'large',
    example: false,
    drafts: () => activationReportDrafts(20260118),
  },
];

/** The samples a host loading `set` takes in. */
export function samplesOf(set: SampleSet): Sample[] {
  if (set === 'none') return [];
  return SAMPLES.filter((sample) => set === 'all' || sample.size === 'small');
}

/** The sample's events, stamped with its run id and clock. */
export function sampleEvents(sample: Sample): RunEvent[] {
  return stamp(sample.drafts(sample.startTime), sample.run, sample.startTime);
}

/** The instances of `samples`, each once, in order of first use. */
export function instancesOf(samples: readonly Sample[]): Instance[] {
  return [...new Map(samples.map((sample) => [sample.instance.id, sample.instance])).values()];
}

/** A run's events as a JSONL file: one event per line, each line ending in a newline. */
export function toJsonl(events: readonly RunEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

/** The example logs `scripts/make-samples.ts` writes to `samples/`: file name → content. */
export function exampleLogs(): Map<string, string> {
  const examples = SAMPLES.filter((sample) => sample.example);
  return new Map(examples.map((s) => [`${s.run}.jsonl`, toJsonl(sampleEvents(s))]));
}
