import { log, output, result } from './draft.ts';
import type { EventDraft } from './draft.ts';
import { between, pick, round } from './random.ts';
import type { Random } from './random.ts';

/** The fine-tune's fixed facts and its running state, plus the noise between its steps. */

/** The model being tuned. */
export const MODEL = 'meta-llama/Llama-3.1-8B';
/** The run config the trainer reports in its `run` event. */
export const CONFIG = {
  model: MODEL,
  method: 'lora',
  lora_r: 16,
  lora_alpha: 32,
  learning_rate: 2e-4,
  batch_size: 16,
  gradient_accumulation_steps: 4,
  epochs: 3,
  max_seq_len: 2048,
  warmup_ratio: 0.03,
  seed: 1234,
  dataset: 'acme/support-dialogues-v3',
  hardware: { host: 'gpu-a100-07', gpu: 'NVIDIA A100-SXM4-80GB', gpus: 1 },
};
/** Mutable state of the simulated trainer. */
export interface Trainer {
  rand: Random;
  steps: number;
  epochs: number;
  step: number;
  elapsedS: number;
  loss: number;
}

/** Learning rate after linear warm-up then cosine decay, as the config says. */
export function learningRate({ step, steps }: Trainer): number {
  const warmup = Math.max(1, Math.round(steps * CONFIG.warmup_ratio));
  if (step <= warmup) return (CONFIG.learning_rate * step) / warmup;
  const t = (step - warmup) / Math.max(1, steps - warmup);
  return CONFIG.learning_rate * 0.5 * (1 + Math.cos(Math.PI * t));
}

/** The noise around the steps; weighted so logs dominate as they do in real runs. */
export function extra(trainer: Trainer): EventDraft {
  const { rand, step, steps } = trainer;
  const r = rand();
  const gradNorm = round(0.3 + rand() * (r > 0.55 ? 4 : 0.9), 3);
  const delay = between(rand, 2, 60);
  if (r < 0.35) {
    const lr = Number(learningRate(trainer).toPrecision(3));
    const tps = between(rand, 5200, 6100);
    return log(
      'info',
      `step ${step}/${steps} loss=${trainer.loss} lr=${lr.toExponential(2)} grad_norm=${gradNorm} tokens/s=${tps}`,
      'trainer',
      delay,
      { step, loss: trainer.loss, lr, grad_norm: gradNorm, tokens_per_s: tps },
    );
  }
  if (r < 0.55) return debugLine(rand, delay);
  if (r < 0.67) return warning(rand, step, gradNorm, delay);
  if (r < 0.77) return { type: 'heartbeat', data: {}, delayMs: delay };
  if (r < 0.9) return result('train/grad_norm', gradNorm, delay);
  return output('stderr', pick(rand, STDERR_NOISE), delay);
}

const STDERR_NOISE = [
  '\u001b[33mW0112 09:41:07.118 ProcessGroupNCCL.cpp:1168]\u001b[0m NCCL watchdog: no collective for 30s on rank 0\n',
  '/opt/conda/lib/python3.11/site-packages/torch/utils/checkpoint.py:464: UserWarning: torch.utils.checkpoint: the use_reentrant parameter should be passed explicitly.\n  warnings.warn(\n',
  '\u001b[2m[rank0]\u001b[0m:[W reducer.cpp:1360] Warning: find_unused_parameters=True was specified but no unused parameters were found.\n',
] as const;

function debugLine(rand: Random, delay: number): EventDraft {
  if (rand() < 0.5) {
    const allocated = round(30 + rand() * 4, 1);
    return log(
      'debug',
      `cuda memory allocated=${allocated}GiB reserved=${round(allocated + 2.6, 1)}GiB`,
      'torch.cuda',
      delay,
      { device: 0, allocated_gib: allocated },
    );
  }
  if (rand() < 0.25)
    return log('trace', `optimizer.step took ${between(rand, 35, 60)}ms`, 'trainer', delay);
  const worker = between(rand, 0, 7);
  return log(
    'debug',
    `dataloader worker ${worker} prefetched ${between(rand, 2, 8)} batches`,
    'data.loader',
    delay,
    { worker, queue_depth: between(rand, 0, 16) },
  );
}

function warning(rand: Random, step: number, gradNorm: number, delay: number): EventDraft {
  if (gradNorm > 1) {
    return log(
      'warn',
      `grad_norm ${gradNorm} exceeded max_grad_norm=1.0; clipped`,
      'trainer',
      delay,
      { step, grad_norm: gradNorm },
    );
  }
  const seconds = round(1.1 + rand() * 2, 2);
  return log(
    'warn',
    `slow batch: data loading took ${seconds}s (threshold 1.0s)`,
    'data.loader',
    delay,
    { step, seconds },
  );
}
