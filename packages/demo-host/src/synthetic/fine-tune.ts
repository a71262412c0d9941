import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { between, round, seededRandom } from './random.ts';
import { CONFIG, MODEL, extra, learningRate } from './trainer.ts';
import type { Trainer } from './trainer.ts';
import { tqdmLine } from './tqdm.ts';

/**
 * A LoRA fine-tune as a trainer would report it: set-up logs, one tqdm update, progress and
 * loss per step, evaluation after each epoch, the odd warning, heartbeat and stderr noise.
 */

/**
 * The instance the fine-tune belongs to. Simulated runs play the same trainer, so a simulation
 * not started from an instance names this one too.
 */
export const FINE_TUNE_INSTANCE: InstanceDraft = {
  id: 'inst-llama-sft',
  name: 'Llama 3.1 8B · LoRA on support dialogues',
  config: CONFIG,
};

/** Events per step (tqdm, progress, loss, one extra) and per end-of-epoch evaluation. */
const PER_STEP = 4;
const PER_EVAL = 6;

/** Events around the training loop: `intro()` gives 8, `outro()` 4. */
const FRAME = 12;

/**
 * Exactly `count` drafts (at least 3) of a fine-tune that completes: `run`, `status running`,
 * …, `status completed`. The same `seed` always gives the same drafts.
 */
export function fineTuneDrafts(count: number, seed: number): EventDraft[] {
  if (!Number.isInteger(count) || count < 3) throw new RangeError('count must be an integer >= 3');
  const rand = seededRandom(seed);
  const room = count - 3;
  const evaluate = room >= 3 * (PER_EVAL + 4 * PER_STEP) + FRAME;
  const epochs = evaluate ? 3 : 1;
  const steps = Math.max(
    0,
    Math.floor((room - FRAME - (evaluate ? epochs * PER_EVAL : 0)) / PER_STEP),
  );
  const trainer: Trainer = { rand, steps, epochs, step: 0, elapsedS: 0, loss: 1.9 };
  const body = [...intro(trainer), ...training(trainer, evaluate)];
  const end = outro(trainer);
  // Steps come in whole groups; top up with noise so the count is exact.
  while (body.length + end.length < room) body.push(extra(trainer));
  body.push(...end);
  return [
    { type: 'run', data: runData(), delayMs: 0 },
    { type: 'status', data: { status: 'running' }, delayMs: 35 },
    ...body.slice(0, room),
    { type: 'status', data: { status: 'completed' }, delayMs: 140 },
  ];
}

function runData(): Record<string, unknown> {
  return {
    instance: FINE_TUNE_INSTANCE.id,
    name: 'llama-3.1-8b-lora-support',
    config: FINE_TUNE_INSTANCE.config,
    tags: ['fine-tune', 'lora', 'llama-3.1-8b'],
  };
}

function intro({ rand, steps, epochs }: Trainer): EventDraft[] {
  const shards = [1, 2, 3, 4].map((n) =>
    tqdmLine({ desc: 'Loading checkpoint shards', current: n, total: 4, elapsedS: n * 1.8 }),
  );
  return [
    log('info', `Loading tokenizer ${MODEL}`, 'transformers.tokenization', 420),
    log('warn', 'Tokenizer has no pad token; using eos_token as pad_token', 'trainer', 12),
    output('stderr', shards.slice(0, 2).join(''), 3600),
    output('stderr', shards.slice(2).join(''), 3700),
    log(
      'info',
      'Dataset acme/support-dialogues-v3: 18432 train / 1024 eval examples',
      'data',
      2400,
      {
        train_examples: 18432,
        eval_examples: 1024,
        avg_tokens: 612,
      },
    ),
    log('debug', 'Applying LoRA to q_proj, k_proj, v_proj, o_proj', 'peft', 300, {
      trainable_params: 13_631_488,
      all_params: 8_043_892_736,
      trainable_pct: 0.1695,
    }),
    log('info', `Starting training: ${epochs} epoch(s), ${steps} optimizer steps`, 'trainer', 900),
    // A run too short for a single step still gets its 8 intro events, just no progress bar.
    steps > 0
      ? { type: 'progress', data: progress(0, steps), delayMs: between(rand, 5, 20) }
      : { type: 'heartbeat', data: {}, delayMs: between(rand, 5, 20) },
  ];
}

function progress(current: number, total: number): Record<string, unknown> {
  return { current, total, unit: 'step', label: 'train' };
}

function training(trainer: Trainer, evaluate: boolean): EventDraft[] {
  const drafts: EventDraft[] = [];
  const perEpoch = Math.ceil(trainer.steps / trainer.epochs);
  for (let step = 1; step <= trainer.steps; step++) {
    const epoch = Math.floor((step - 1) / perEpoch);
    const inEpoch = step - epoch * perEpoch;
    const epochTotal = Math.min(perEpoch, trainer.steps - epoch * perEpoch);
    drafts.push(...trainStep(trainer, step, epoch, inEpoch, epochTotal));
    if (evaluate && inEpoch === epochTotal) drafts.push(...evaluation(trainer, epoch + 1));
  }
  return drafts;
}

function trainStep(
  trainer: Trainer,
  step: number,
  epoch: number,
  inEpoch: number,
  epochTotal: number,
): EventDraft[] {
  const { rand, steps, epochs } = trainer;
  const stepS = 1.6 + rand() * 0.7;
  trainer.step = step;
  trainer.elapsedS += stepS;
  trainer.loss = round(
    0.55 + 1.35 * Math.exp((-4 * step) / Math.max(1, steps)) + (rand() - 0.5) * 0.08,
    4,
  );
  const postfix = `loss=${trainer.loss.toFixed(3)}, lr=${learningRate(trainer).toExponential(1)}`;
  const line = tqdmLine({
    desc: `Epoch ${epoch + 1}/${epochs}`,
    current: inEpoch,
    total: epochTotal,
    elapsedS: inEpoch * (trainer.elapsedS / step),
    postfix,
  });
  return [
    output('stdout', line, stepS * 1000),
    { type: 'progress', data: progress(step, steps), delayMs: 2 },
    result('train/loss', trainer.loss, 1),
    extra(trainer),
  ];
}

function evaluation(trainer: Trainer, epoch: number): EventDraft[] {
  const { rand, epochs, step } = trainer;
  const evalLoss = round(trainer.loss + 0.04 + rand() * 0.05, 4);
  const accuracy = round(0.58 + 0.07 * epoch + rand() * 0.02, 4);
  const bar = [16, 32, 48, 64]
    .map((n) =>
      tqdmLine({ desc: 'Evaluating', current: n, total: 64, elapsedS: n * 0.31, colour: 35 }),
    )
    .join('');
  return [
    log('info', `Running evaluation on 1024 examples (epoch ${epoch}/${epochs})`, 'trainer', 30),
    output('stderr', bar, 20_000),
    result('eval/loss', evalLoss, 4),
    result('eval/accuracy', accuracy, 1),
    log(
      'info',
      `Epoch ${epoch}/${epochs}: eval_loss=${evalLoss} eval_accuracy=${accuracy}`,
      'trainer',
      3,
      {
        epoch,
        step,
        eval_loss: evalLoss,
        eval_accuracy: accuracy,
      },
    ),
    log('info', `Saved checkpoint to checkpoints/step-${step}`, 'trainer', 6200, {
      path: `checkpoints/step-${step}`,
      size_mb: 52.1,
    }),
  ];
}

function outro(trainer: Trainer): EventDraft[] {
  const minutes = round(trainer.elapsedS / 60, 1);
  return [
    log('info', `Training finished in ${minutes} min`, 'trainer', 400, {
      train_runtime_s: round(trainer.elapsedS, 1),
      final_loss: trainer.loss,
    }),
    result('train/runtime_s', round(trainer.elapsedS, 1), 2),
    log('info', 'Saved adapter to outputs/llama-3.1-8b-lora-support/adapter', 'peft', 5100),
    log(
      'debug',
      'Uploading 3 artifacts (adapter_model.safetensors, config, tokenizer)',
      'storage',
      90,
    ),
  ];
}
