/**
 * The result mix of the result-stats benchmark: 20 keys in turn (each takes every 20th value),
 * 12 numeric of different distributions, 3 boolean, 3 string (few, some and ever-new distinct
 * values) and 2 structured. Seeded and lazy: value i is the same wherever it is made, and no
 * million-value array is needed to make it.
 */
import { gaussian, random } from '../../packages/components/test/stats-runs.ts';

type Draw = (i: number) => unknown;

function keyDraws(seed: number): [string, Draw][] {
  const r = random(seed);
  const z = gaussian(r);
  const models = ['gpt-4o', 'claude-3.5', 'llama-3-70b', 'mistral-large', 'qwen-2', 'gemma-2'];
  return [
    ['uniform', () => r() * 100],
    ['normal', () => 50 + 5 * z()],
    ['lognormal_latency_ms', () => Math.exp(5.5 + 0.8 * z())],
    ['exponential', () => -Math.log(1 - r()) * 200],
    ['pareto_tokens', () => Math.round(10 / Math.pow(1 - r(), 1 / 1.3))],
    ['negative_logprob', () => -Math.exp(z())],
    ['bimodal', () => (r() < 0.3 ? 10 : 90) + 3 * z()],
    ['loss_curve', (i) => 2.5 * Math.exp(-i / 300_000) + 0.05 * z()],
    ['tiny_grad', () => Math.abs(z()) * 1e-7],
    ['huge_flops', () => 3e18 * (1 + 0.1 * z())],
    ['integer_steps', (i) => Math.floor(i / 20)],
    ['constant', () => 0.5],
    ['correct', () => r() < 0.8],
    ['truncated', () => r() < 0.02],
    ['cached', (i) => i % 3 === 0],
    ['model', () => models[Math.min(5, Math.floor(-Math.log(1 - r()) * 1.5))]!],
    ['category', () => `cat-${Math.floor(Math.pow(r(), 2) * 200)}`],
    ['item_id', (i) => `item-${i}`],
    ['item', (i) => ({ id: i, tokens: [12, 40], ok: true })],
    ['trace', (i) => [i, { step: i % 7 }]],
  ];
}

/** Number of keys in the mix. */
export const KEYS = 20;

/** A source of the mix: `next()` gives key and value of each result in turn. */
export class ResultMix {
  private readonly draws: [string, Draw][];
  private i = 0;

  constructor(seed = 1) {
    this.draws = keyDraws(seed);
  }

  /** Results made so far. */
  get made(): number {
    return this.i;
  }

  next(): [string, unknown] {
    const i = this.i++;
    const [key, draw] = this.draws[i % KEYS]!;
    return [key, draw(i)];
  }
}
