import { between, pick, round } from './random.ts';
import type { Random } from './random.ts';

/**
 * The statistics of an activation report: per layer, per attention head and per MLP projection,
 * summaries of a tensor's values the way interpretability tooling writes them. Shapes follow
 * Llama 3.1 8B (32 layers, 32 query heads in 8 key/value groups, hidden 4096, MLP 14336).
 */

export const LAYERS = 32;
export const HEADS = 32;
export const KV_HEADS = 8;
export const HIDDEN = 4096;
export const MLP = 14_336;
export const HEAD_DIM = 128;
export const TOKENS = 1_048_576;
export const HISTOGRAM_BINS = 24;

/** Layers whose residual stream carries massive activations (as reported for Llama models). */
export const MASSIVE_LAYERS: readonly number[] = [1, 2, 31];

const TOKEN_TEXTS = [
  '<|begin_of_text|>',
  '.',
  ',',
  ' the',
  '\n',
  ' of',
  ' and',
  ' to',
  '<|eot_id|>',
  ' a',
  ':',
  ' in',
  '\n\n',
  ' is',
  '"',
  ' (',
] as const;

const n4 = (value: number) => Number(value.toPrecision(4));

/** A summary of one tensor of activations: moments, extremes, percentiles, a histogram. */
export function tensorStats(rand: Random, shape: number[], scale: number, heavy = 1) {
  const std = scale * (0.9 + rand() * 0.2);
  const mean = std * (rand() - 0.5) * 0.1;
  const absMax = std * (6 + rand() * 4) * heavy;
  const counts = histogram(
    rand,
    shape.reduce((a, b) => a * b, 1),
    heavy,
  );
  return {
    shape,
    dtype: 'bfloat16',
    mean: n4(mean),
    std: n4(std),
    min: n4(-absMax * (0.6 + rand() * 0.4)),
    max: n4(absMax),
    kurtosis: n4(3 + rand() * 2 + (heavy - 1) * 40),
    percentiles: {
      p0_1: n4(mean - 3.1 * std),
      p1: n4(mean - 2.33 * std),
      p50: n4(mean + (rand() - 0.5) * 0.02 * std),
      p99: n4(mean + 2.33 * std),
      p99_9: n4(mean + 3.1 * std * heavy ** 0.5),
    },
    histogram: { range: [n4(-4 * std), n4(4 * std)], counts },
  };
}

/** Counts of a bell-shaped histogram over `total` values; heavier tails when `heavy` > 1. */
function histogram(rand: Random, total: number, heavy: number): number[] {
  const mid = (HISTOGRAM_BINS - 1) / 2;
  const weights = Array.from({ length: HISTOGRAM_BINS }, (_, bin) => {
    const z = ((bin - mid) / mid) * 4;
    return Math.exp((-z * z) / 2) + 0.002 * heavy + rand() * 0.004;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / sum) * total));
}

/** One query head: how spread its attention is, how much it sinks into the first token, and on what. */
export function headStats(rand: Random, layer: number, head: number) {
  const depth = layer / (LAYERS - 1);
  const sinkMass = round(Math.min(0.97, 0.05 + depth * 0.7 + rand() * 0.25), 4);
  const entropy = 1.2 + (1 - sinkMass) * 4 + rand() * 0.6;
  return {
    head,
    kv_group: Math.floor(head / (HEADS / KV_HEADS)),
    entropy: {
      mean: n4(entropy),
      std: n4(0.3 + rand() * 0.5),
      p05: n4(entropy * 0.55),
      p95: n4(entropy * 1.35),
    },
    sink: { token: '<|begin_of_text|>', position: 0, mass: sinkMass },
    query: tensorStats(rand, [TOKENS, HEAD_DIM], 0.8 + depth * 1.6),
    // The head's share of o_proj's output: what it writes into the residual stream.
    output: tensorStats(rand, [TOKENS, HEAD_DIM], 0.02 + depth * 0.1),
    scores: {
      histogram: { range: [0, 1], counts: histogram(rand, TOKENS, 2).slice(HISTOGRAM_BINS / 2) },
      by_distance: {
        '0-16': { mean: n4(0.2 + rand() * 0.3), max: n4(0.8 + rand() * 0.2) },
        '16-256': { mean: n4(0.05 + rand() * 0.1), max: n4(0.4 + rand() * 0.4) },
        '256-2048': { mean: n4(0.001 + rand() * 0.01), max: n4(0.1 + rand() * 0.3) },
      },
    },
    top_tokens: Array.from({ length: 5 }, () => ({
      token: pick(rand, TOKEN_TEXTS),
      mean_attention: n4(rand() * 0.3),
      contexts: between(rand, 120, 48_000),
    })),
  };
}

/** One key/value group, shared by `HEADS / KV_HEADS` query heads. */
export function kvGroupStats(rand: Random, layer: number, group: number) {
  const depth = layer / (LAYERS - 1);
  return {
    group,
    query_heads: Array.from({ length: HEADS / KV_HEADS }, (_, n) => group * (HEADS / KV_HEADS) + n),
    key: tensorStats(rand, [TOKENS, HEAD_DIM], 1 + depth * 2),
    value: tensorStats(rand, [TOKENS, HEAD_DIM], 0.05 + depth * 0.3),
  };
}

/** An MLP: its three projections, how sparse the gate is, and its outlier channels. */
export function mlpStats(rand: Random, layer: number) {
  const scale = 0.05 * (1 + layer * 0.12);
  const heavy = MASSIVE_LAYERS.includes(layer) ? 25 : 1;
  return {
    act_fn: 'silu',
    gate_proj: tensorStats(rand, [TOKENS, MLP], scale),
    up_proj: tensorStats(rand, [TOKENS, MLP], scale),
    down_proj: tensorStats(rand, [TOKENS, HIDDEN], scale * 2, heavy),
    gate_sparsity: round(0.55 + rand() * 0.3, 4),
    outlier_channels: Array.from({ length: 6 }, () => ({
      channel: between(rand, 0, HIDDEN - 1),
      max_abs: n4(scale * 40 * heavy * (1 + rand())),
      tokens: Array.from({ length: 3 }, () => ({
        token: pick(rand, TOKEN_TEXTS),
        count: between(rand, 10, 9000),
      })),
    })),
  };
}
