import { calibrate } from './calibration.ts';
import type { Graded } from './calibration.ts';
import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { between, pick, round, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { tqdmLine } from './tqdm.ts';
import { wordProblems } from './word-problems.ts';
import type { WordProblem } from './word-problems.ts';

/**
 * An LLM evaluation sweep: four open models at two temperatures over the same word problems,
 * served by vLLM. Every graded answer is a `result` under the repeated key `item` (a series),
 * each with the model's stated confidence; after each model and temperature, its accuracy and
 * calibration (ECE, Brier, reliability bins); at the end a leaderboard.
 */

interface Model {
  id: string;
  short: string;
  /** Log-odds of a right answer to a problem of average difficulty. */
  skill: number;
  /** Log-odds the model adds to its confidence: above 0 it is overconfident. */
  bias: number;
}

const MODELS: readonly Model[] = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', short: 'llama-3.1-8b', skill: 1.1, bias: 0.8 },
  { id: 'Qwen/Qwen2.5-7B-Instruct', short: 'qwen2.5-7b', skill: 1.8, bias: 0.4 },
  { id: 'mistralai/Mistral-7B-Instruct-v0.3', short: 'mistral-7b', skill: 0.2, bias: 1.3 },
  { id: 'google/gemma-2-9b-it', short: 'gemma-2-9b', skill: 1.4, bias: 0.1 },
];
const TEMPERATURES = [0, 0.7] as const;
const ITEMS = 60;
const TOTAL = MODELS.length * TEMPERATURES.length * ITEMS;
const BENCHMARK = 'acme/word-problems-v2';

/** The sweep's instance: what is compared, how answers are read, where it ran. */
export const EVAL_SWEEP_INSTANCE: InstanceDraft = {
  id: 'inst-eval-sweep',
  name: 'Word problems · 4 open models × temperature',
  config: {
    benchmark: BENCHMARK,
    split: 'test',
    items: ITEMS,
    models: MODELS.map((m) => m.id),
    temperatures: [...TEMPERATURES],
    prompt: 'chain-of-thought, 4-shot',
    max_new_tokens: 512,
    answer_extraction: 'last number in the completion',
    confidence: 'mean token probability of the extracted answer',
    calibration_bins: 10,
    engine: { name: 'vllm', version: '0.6.3', tensor_parallel_size: 2 },
    seed: 7,
    hardware: { host: 'gpu-h100-03', gpu: 'NVIDIA H100 80GB HBM3', gpus: 2 },
  },
};

interface Item extends WordProblem {
  id: string;
  /** Log-odds a problem takes away from every model's chance. */
  difficulty: number;
}

/** A deterministic sweep for `seed`: about 640 events, 480 of them graded items. */
export function evalSweepDrafts(seed: number): EventDraft[] {
  const rand = seededRandom(seed);
  const items = sampleItems(rand);
  const drafts: EventDraft[] = [
    {
      type: 'run',
      data: {
        instance: EVAL_SWEEP_INSTANCE.id,
        name: 'word-problems-v2 sweep',
        config: EVAL_SWEEP_INSTANCE.config,
        tags: ['eval', 'sweep', 'calibration'],
      },
      delayMs: 0,
    },
    { type: 'status', data: { status: 'running' }, delayMs: 30 },
    log(
      'info',
      `Sweep: ${MODELS.length} models × ${TEMPERATURES.length} temperatures × ${ITEMS} items = ${TOTAL} generations`,
      'sweep',
      240,
      { models: MODELS.length, temperatures: [...TEMPERATURES], items: ITEMS },
    ),
    { type: 'progress', data: progress(0), delayMs: 3 },
  ];
  const rows: Leader[] = [];
  for (const [index, model] of MODELS.entries()) {
    drafts.push(...loadModel(rand, model));
    for (const temperature of TEMPERATURES) {
      const done = (index * TEMPERATURES.length + TEMPERATURES.indexOf(temperature)) * ITEMS;
      drafts.push(...evaluate(rand, model, temperature, items, done, rows));
    }
    drafts.push(log('debug', `Engine for ${model.short} shut down; GPU memory freed`, 'vllm', 900));
  }
  return [...drafts, ...finish(rows)];
}

function progress(current: number): Record<string, unknown> {
  return { current, total: TOTAL, unit: 'item', label: 'sweep' };
}

function sampleItems(rand: Random): Item[] {
  const indices = new Set<number>();
  while (indices.size < ITEMS) indices.add(between(rand, 0, 1318));
  const ids = [...indices].sort((a, b) => a - b);
  return wordProblems(rand, ITEMS).map((problem, n) => ({
    ...problem,
    id: `test/${String(ids[n]).padStart(4, '0')}`,
    difficulty: (problem.steps - 3) * 0.6 + (rand() - 0.5) * 2.2,
  }));
}

function loadModel(rand: Random, model: Model): EventDraft[] {
  const weightsGib = round(14.2 + rand() * 4, 2);
  const shards = [1, 2, 3, 4]
    .map((n) =>
      tqdmLine({
        desc: 'Loading safetensors checkpoint shards',
        current: n,
        total: 4,
        elapsedS: n * 2.1,
      }),
    )
    .join('');
  return [
    log('info', `Loading ${model.id} (bfloat16, tensor_parallel_size=2)`, 'vllm.engine', 1200),
    output('stderr', shards, 8600),
    log(
      'info',
      `Model weights took ${weightsGib} GiB; KV cache ${round(58 - weightsGib, 2)} GiB per GPU`,
      'vllm.worker',
      2400,
      { weights_gib: weightsGib, gpu_memory_utilization: 0.9 },
    ),
    log('debug', `CUDA graphs captured in ${round(9 + rand() * 6, 1)}s`, 'vllm.worker', 12_000),
  ];
}

interface Leader {
  model: string;
  temperature: number;
  accuracy: number;
  ece: number;
}

function evaluate(
  rand: Random,
  model: Model,
  temperature: number,
  items: readonly Item[],
  done: number,
  rows: Leader[],
): EventDraft[] {
  const drafts = [
    log(
      'info',
      `${model.short} @ temperature ${temperature}: ${items.length} completions`,
      'sweep',
      40,
    ),
  ];
  const graded: Graded[] = [];
  let elapsedS = 0;
  for (const [n, item] of items.entries()) {
    const delayMs = between(rand, 40, 260);
    elapsedS += delayMs / 1000;
    const answer = grade(rand, model, temperature, item);
    graded.push(answer);
    drafts.push(result('item', answer, delayMs));
    if (answer.answer === null)
      drafts.push(
        log('warn', `${item.id}: no number in the completion; graded wrong`, 'sweep.extract', 1, {
          id: item.id,
          model: model.short,
          temperature,
        }),
      );
    if ((n + 1) % 10 === 0) drafts.push(...tick(n + 1, items.length, elapsedS, done));
  }
  const calibration = calibrate(graded);
  rows.push({
    model: model.short,
    temperature,
    accuracy: calibration.accuracy,
    ece: calibration.ece,
  });
  const label = `${model.short}/t=${temperature}`;
  return [
    ...drafts,
    result('calibration', { model: model.short, temperature, ...calibration }, 20),
    result(`accuracy/${label}`, calibration.accuracy, 1),
    log(
      'info',
      `${label}: accuracy=${calibration.accuracy} ece=${calibration.ece} brier=${calibration.brier}`,
      'sweep',
      2,
      { model: model.id, temperature, accuracy: calibration.accuracy, ece: calibration.ece },
    ),
  ];
}

/** The progress bar vLLM prints while it generates, and the sweep's overall progress. */
function tick(current: number, total: number, elapsedS: number, done: number) {
  const input = round((current * 610) / elapsedS, 2);
  const bar = tqdmLine({
    desc: 'Processed prompts',
    current,
    total,
    elapsedS,
    postfix: `est. speed input: ${input} toks/s, output: ${round(input * 0.41, 2)} toks/s`,
  });
  return [
    output('stdout', bar, 2),
    { type: 'progress' as const, data: progress(done + current), delayMs: 1 },
  ];
}

/** One graded answer: right with a chance set by skill and difficulty, confidence to match. */
function grade(rand: Random, model: Model, temperature: number, item: Item) {
  const logit = model.skill - item.difficulty - (temperature > 0 ? 0.35 : 0);
  const correct = rand() < 1 / (1 + Math.exp(-logit));
  const noise = (rand() - 0.5) * 1.4;
  const stated = logit * 0.8 + model.bias + (correct ? 0.7 : -0.7) + noise;
  const confidence = round(Math.min(0.995, Math.max(0.02, 1 / (1 + Math.exp(-stated)))), 4);
  const lost = !correct && rand() < 0.04;
  return {
    id: item.id,
    model: model.short,
    temperature,
    prompt: excerpt(item.question),
    answer: lost ? null : String(correct ? item.answer : wrongAnswer(rand, item)),
    expected: String(item.answer),
    correct,
    confidence,
  };
}

function wrongAnswer(rand: Random, item: Item): number {
  const slips = item.slips.filter((n) => n !== item.answer && n >= 0 && Number.isInteger(n));
  const [first, ...rest] = slips;
  if (first !== undefined && rand() < 0.75) return pick(rand, [first, ...rest]);
  const off = between(rand, 1, Math.max(2, Math.round(item.answer / 8)));
  return rand() < 0.5 && item.answer >= off ? item.answer - off : item.answer + off;
}

function excerpt(text: string): string {
  return text.length <= 72 ? text : `${text.slice(0, 71).trimEnd()}…`;
}

function finish(rows: readonly Leader[]): EventDraft[] {
  const leaderboard = [...rows]
    .sort((a, b) => b.accuracy - a.accuracy || a.ece - b.ece)
    .map(({ model, temperature, accuracy, ece }, rank) => ({
      rank: rank + 1,
      model,
      temperature,
      accuracy,
      ece,
    }));
  const best = leaderboard[0];
  return [
    result('leaderboard', leaderboard, 60),
    log(
      'info',
      `Best: ${best?.model} at temperature ${best?.temperature} (accuracy ${best?.accuracy})`,
      'sweep',
      3,
    ),
    log(
      'info',
      `Wrote ${TOTAL} graded items to s3://acme-evals/sweeps/word-problems-v2/items.jsonl`,
      'sweep.io',
      1800,
      { items: TOTAL, bytes: TOTAL * 412 },
    ),
    { type: 'status', data: { status: 'completed' }, delayMs: 90 },
  ];
}
