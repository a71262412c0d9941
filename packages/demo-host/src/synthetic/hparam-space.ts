import { pick, round } from './random.ts';
import type { Random } from './random.ts';

/**
 * The hyper-parameter search's model of the world: the space it samples, how TPE and the median
 * pruner behave (roughly), and the validation loss a configuration reaches.
 */

/** Trials TPE samples at random before it models the good region. */
export const STARTUP_TRIALS = 8;
/** Trials, and epochs of a trial, before the median pruner may prune. */
export const PRUNER_STARTUP = 4;
export const PRUNER_WARMUP = 1;
export const LORA_R = [4, 8, 16, 32] as const;
export const WARMUP = [0, 0.03, 0.1] as const;

/** One trial's hyper-parameters. */
export interface Params {
  learning_rate: number;
  lora_r: number;
  lora_dropout: number;
  warmup_ratio: number;
}

/** A trial as far as it got. */
export interface Trial {
  number: number;
  params: Params;
  /** Validation loss after each epoch reached. */
  curve: number[];
  state: 'COMPLETE' | 'PRUNED';
}

/** The complete trial with the lowest final loss, if any. */
export function best(trials: readonly Trial[]): Trial | undefined {
  let found: Trial | undefined;
  for (const trial of trials)
    if (trial.state === 'COMPLETE' && (!found || trial.curve.at(-1)! < found.curve.at(-1)!))
      found = trial;
  return found;
}

/** Random at first, then (as TPE does, roughly) near the best trial so far. */
export function sample(rand: Random, trials: readonly Trial[]): Params {
  // TPE still explores now and then; a third of its samples land anywhere.
  const top = trials.length >= STARTUP_TRIALS && rand() > 0.3 ? best(trials) : undefined;
  const logLr = top
    ? Math.log10(top.params.learning_rate) + (rand() - 0.5) * 0.6
    : -5 + rand() * (Math.log10(5e-4) + 5);
  return {
    learning_rate: Number((10 ** Math.min(Math.log10(5e-4), Math.max(-5, logLr))).toPrecision(3)),
    lora_r: top && rand() < 0.6 ? top.params.lora_r : pick(rand, LORA_R),
    lora_dropout: round(
      top
        ? Math.min(0.2, Math.max(0, top.params.lora_dropout + (rand() - 0.5) * 0.06))
        : rand() * 0.2,
      3,
    ),
    warmup_ratio: top && rand() < 0.7 ? top.params.warmup_ratio : pick(rand, WARMUP),
  };
}

/** Validation loss after `epoch` (1-based): best near lr 2.5e-4, r 16, dropout 0.08. */
export function valLoss(
  rand: Random,
  { learning_rate, lora_r, lora_dropout, warmup_ratio }: Params,
  epoch: number,
): number {
  const floor =
    0.42 +
    0.16 * (Math.log10(learning_rate) + 3.6) ** 2 +
    ({ 4: 0.04, 8: 0.015, 16: 0, 32: 0.006 }[lora_r] ?? 0) +
    0.3 * Math.abs(lora_dropout - 0.08) +
    (warmup_ratio === 0 ? 0.012 : 0);
  return round(floor + 0.5 * Math.exp(-0.8 * epoch) + (rand() - 0.5) * 0.012, 4);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** True when the median pruner stops the trial after `epoch`. */
export function pruned(trials: readonly Trial[], trial: Trial, epoch: number): boolean {
  if (trial.number < PRUNER_STARTUP || epoch <= PRUNER_WARMUP) return false;
  const others = trials.flatMap((t) => (t.curve.length >= epoch ? [t.curve[epoch - 1]!] : []));
  return others.length > 0 && trial.curve[epoch - 1]! > median(others);
}

/** The parameters as Optuna prints them: a Python dict. */
export function pythonDict(params: Params): string {
  return `{${Object.entries(params)
    .map(([k, v]) => `'${k}': ${v}`)
    .join(', ')}}`;
}
