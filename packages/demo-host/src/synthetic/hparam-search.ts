import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import {
  LORA_R,
  PRUNER_STARTUP,
  PRUNER_WARMUP,
  STARTUP_TRIALS,
  WARMUP,
  best,
  pruned,
  pythonDict,
  sample,
  valLoss,
} from './hparam-space.ts';
import type { Trial } from './hparam-space.ts';
import { between, round, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { tqdmLine } from './tqdm.ts';

/**
 * An Optuna search over LoRA hyper-parameters that someone stopped: trials with per-epoch
 * validation loss, median pruning, Optuna's own log lines on stderr (stamped with the run's
 * clock), and part-way through trial 17 a SIGTERM from the scheduler, then `cancelled`.
 */

const STUDY = 'mistral7b-intents-lora';
const TRIALS = 40;
const EPOCHS = 4;
const STEPS_PER_EPOCH = 118;
/** The trial running when the job was cancelled, and the epoch it reached. */
const STOPPED_AT = { trial: 17, epoch: 2 };

/** The search's instance: the study, its search space and where it ran. */
export const HPARAM_SEARCH_INSTANCE: InstanceDraft = {
  id: 'inst-hparam-search',
  name: 'LoRA search · Mistral 7B on support intents',
  config: {
    study: STUDY,
    base_model: 'mistralai/Mistral-7B-v0.3',
    dataset: 'acme/support-intents-v1',
    objective: { metric: 'val_loss', direction: 'minimize' },
    sampler: { name: 'TPESampler', n_startup_trials: STARTUP_TRIALS, seed: 42 },
    pruner: {
      name: 'MedianPruner',
      n_startup_trials: PRUNER_STARTUP,
      n_warmup_steps: PRUNER_WARMUP,
    },
    n_trials: TRIALS,
    epochs_per_trial: EPOCHS,
    search_space: {
      learning_rate: { low: 1e-5, high: 5e-4, log: true },
      lora_r: [...LORA_R],
      lora_dropout: { low: 0, high: 0.2 },
      warmup_ratio: [...WARMUP],
    },
    storage: 'sqlite:///studies/mistral7b-intents.db',
    scheduler: { name: 'slurm', partition: 'a100-short', job_id: 4_812_733 },
    hardware: { host: 'gpu-a100-03', gpu: 'NVIDIA A100-SXM4-40GB', gpus: 1 },
  },
};

/** The search as it unfolds: drafts so far and the clock their delays add up to. */
interface Search {
  rand: Random;
  startTime: number;
  elapsedMs: number;
  drafts: EventDraft[];
  trials: Trial[];
}

/** A deterministic cancelled search for `seed`, starting at `startTime` (epoch ms). */
export function hparamSearchDrafts(seed: number, startTime: number): EventDraft[] {
  const s: Search = { rand: seededRandom(seed), startTime, elapsedMs: 0, drafts: [], trials: [] };
  setUp(s);
  for (let number = 0; number < STOPPED_AT.trial; number++) runTrial(s, number);
  stop(s);
  return s.drafts;
}

function emit(s: Search, ...drafts: EventDraft[]): void {
  for (const draft of drafts) {
    // Whole milliseconds, as `stamp` rounds them, so the clock in Optuna's lines matches.
    s.elapsedMs += s.drafts.length === 0 ? 0 : Math.round(draft.delayMs);
    s.drafts.push(draft);
  }
}

/** A line of Optuna's logger, stamped with the time it is emitted at. */
function optuna(s: Search, level: 'I' | 'W', text: string, delayMs: number): EventDraft {
  const at = new Date(s.startTime + s.elapsedMs + delayMs).toISOString();
  const stamp = at.slice(0, 23).replace('T', ' ').replace('.', ',');
  return output('stderr', `[${level} ${stamp}] ${text}\n`, delayMs);
}

function setUp(s: Search): void {
  emit(s, {
    type: 'run',
    data: {
      instance: HPARAM_SEARCH_INSTANCE.id,
      name: `optuna ${STUDY}`,
      config: HPARAM_SEARCH_INSTANCE.config,
      tags: ['hparam-search', 'optuna', 'lora', 'mistral-7b'],
    },
    delayMs: 0,
  });
  emit(s, { type: 'status', data: { status: 'running' }, delayMs: 40 });
  emit(s, log('info', 'Loading mistralai/Mistral-7B-v0.3 in bfloat16', 'hpsearch', 380));
  emit(s, optuna(s, 'I', `A new study created in RDB with name: ${STUDY}`, 9100));
  emit(
    s,
    log(
      'info',
      `Searching ${TRIALS} trials of ${EPOCHS} epochs, minimising val_loss`,
      'hpsearch',
      12,
      {
        n_trials: TRIALS,
        epochs: EPOCHS,
        sampler: 'TPESampler',
        pruner: 'MedianPruner',
      },
    ),
  );
  emit(s, { type: 'progress', data: progress(0), delayMs: 3 });
}

function progress(current: number): Record<string, unknown> {
  return { current, total: TRIALS, unit: 'trial', label: 'optuna' };
}

function startTrial(s: Search, number: number): Trial {
  const params = sample(s.rand, s.trials);
  const described = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const meta = { trial: number, ...params };
  emit(
    s,
    log('info', `Trial ${number}: ${described}`, 'hpsearch', between(s.rand, 800, 2400), meta),
  );
  return { number, params, curve: [], state: 'COMPLETE' };
}

function runTrial(s: Search, number: number): void {
  const trial = startTrial(s, number);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    epochOf(s, trial, epoch);
    if (epoch < EPOCHS && pruned(s.trials, trial, epoch)) {
      trial.state = 'PRUNED';
      break;
    }
  }
  s.trials.push(trial);
  endTrial(s, trial);
}

function epochOf(s: Search, trial: Trial, epoch: number): void {
  const stepS = 1.1 + s.rand() * 0.3;
  const value = valLoss(s.rand, trial.params, epoch);
  trial.curve.push(value);
  const train = round(value - 0.03 - s.rand() * 0.02, 4);
  const bar = tqdmLine({
    desc: `trial ${trial.number} · epoch ${epoch}/${EPOCHS}`,
    current: STEPS_PER_EPOCH,
    total: STEPS_PER_EPOCH,
    elapsedS: STEPS_PER_EPOCH * stepS,
    postfix: `loss=${train.toFixed(3)}`,
  });
  const label = String(trial.number).padStart(2, '0');
  emit(
    s,
    output('stdout', bar, STEPS_PER_EPOCH * stepS * 1000),
    result(`trials/${label}/val_loss`, value, 9200),
    log(
      'debug',
      `trial ${trial.number} epoch ${epoch}: train_loss=${train} val_loss=${value}`,
      'trainer',
      2,
      {
        trial: trial.number,
        epoch,
        train_loss: train,
        val_loss: value,
      },
    ),
  );
  if (s.rand() < 0.3) emit(s, { type: 'heartbeat', data: {}, delayMs: between(s.rand, 100, 900) });
}

function endTrial(s: Search, trial: Trial): void {
  const value = trial.curve.at(-1)!;
  const top = best(s.trials);
  const text =
    trial.state === 'PRUNED'
      ? `Trial ${trial.number} pruned. `
      : `Trial ${trial.number} finished with value: ${value} and parameters: ${pythonDict(trial.params)}. Best is trial ${top?.number} with value: ${top?.curve.at(-1)}.`;
  emit(
    s,
    optuna(s, 'I', text, 60),
    result(
      'trials',
      {
        number: trial.number,
        state: trial.state,
        value,
        epochs: trial.curve.length,
        params: trial.params,
      },
      2,
    ),
    { type: 'progress', data: progress(trial.number + 1), delayMs: 1 },
  );
  if (top) emit(s, result('best_value', top.curve.at(-1)!, 1));
}

function stop(s: Search): void {
  const { trial: number, epoch } = STOPPED_AT;
  const trial = startTrial(s, number);
  for (let e = 1; e < epoch; e++) epochOf(s, trial, e);
  const reached = 71;
  const partial = tqdmLine({
    desc: `trial ${number} · epoch ${epoch}/${EPOCHS}`,
    current: reached,
    total: STEPS_PER_EPOCH,
    elapsedS: reached * 1.22,
    postfix: `loss=${(trial.curve.at(-1)! - 0.08).toFixed(3)}`,
  });
  const signal = { signal: 'SIGTERM', job_id: 4_812_733, trial: number };
  emit(
    s,
    output('stdout', partial, reached * 1220),
    log(
      'warn',
      'Received SIGTERM (scancel of job 4812733); stopping the study',
      'hpsearch',
      340,
      signal,
    ),
  );
  // Its own emit: Optuna's line is stamped with the clock after the drafts before it.
  const error = 'because of the following error: KeyboardInterrupt().';
  emit(
    s,
    optuna(
      s,
      'W',
      `Trial ${number} failed with parameters: ${pythonDict(trial.params)} ${error}`,
      25,
    ),
  );
  emit(s, ...summary(s), { type: 'status', data: { status: 'cancelled' }, delayMs: 120 });
}

/** What the search says about the study as it stops. */
function summary(s: Search): EventDraft[] {
  const top = best(s.trials)!;
  const value = top.curve.at(-1)!;
  const complete = s.trials.filter((t) => t.state === 'COMPLETE').length;
  const counts = {
    finished: s.trials.length,
    complete,
    pruned: s.trials.length - complete,
    failed: 1,
  };
  const text =
    `Study ${STUDY} stopped: ${counts.finished} trials finished (${complete} complete, ` +
    `${counts.pruned} pruned), 1 failed; best is trial ${top.number} with val_loss=${value}`;
  return [
    log('info', text, 'hpsearch', 180, { ...counts, best_trial: top.number }),
    result('study/best', { number: top.number, value, params: top.params }, 3),
  ];
}
