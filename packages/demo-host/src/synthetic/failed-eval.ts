import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { between, round, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { tqdmLine } from './tqdm.ts';

/**
 * An MMLU evaluation that runs out of GPU memory part-way: per-subject progress and accuracy,
 * warnings as memory climbs, a Python traceback on stderr and a `failed` status with the error.
 */

const SUBJECTS = [
  'abstract_algebra',
  'anatomy',
  'astronomy',
  'business_ethics',
  'clinical_knowledge',
  'college_biology',
  'college_chemistry',
  'college_computer_science',
  'college_mathematics',
  'college_medicine',
  'college_physics',
  'computer_security',
  'conceptual_physics',
  'econometrics',
  'electrical_engineering',
  'elementary_mathematics',
  'formal_logic',
  'global_facts',
  'high_school_biology',
  'high_school_chemistry',
  'high_school_computer_science',
  'high_school_european_history',
  'high_school_geography',
  'high_school_government_and_politics',
  'high_school_macroeconomics',
  'high_school_mathematics',
  'high_school_microeconomics',
  'high_school_physics',
  'high_school_psychology',
  'high_school_statistics',
  'high_school_us_history',
  'high_school_world_history',
  'human_aging',
  'human_sexuality',
  'international_law',
  'jurisprudence',
  'logical_fallacies',
  'machine_learning',
  'management',
  'marketing',
  'medical_genetics',
  'miscellaneous',
  'moral_disputes',
  'moral_scenarios',
  'nutrition',
  'philosophy',
  'prehistory',
  'professional_accounting',
  'professional_law',
] as const;
const QUESTIONS = 14_042;
const SUBJECT_COUNT = 57;
const ERROR_TYPE = 'torch.OutOfMemoryError';
const ERROR_MESSAGE =
  'CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.05 GiB of ' +
  'which 1.12 GiB is free. Of the allocated memory 19.87 GiB is allocated by PyTorch.';
const STACK = [
  'Traceback (most recent call last):',
  '  File "/app/evals/run_mmlu.py", line 212, in <module>',
  '    main()',
  '  File "/app/evals/run_mmlu.py", line 188, in main',
  '    scores[subject] = evaluate_subject(model, tokenizer, subject, shots=args.shots)',
  '  File "/app/evals/run_mmlu.py", line 131, in evaluate_subject',
  '    logits = model(**batch).logits[:, -1, :]',
  '  File "/opt/conda/lib/python3.11/site-packages/torch/nn/modules/module.py", line 1736, in _wrapped_call_impl',
  '    return self._call_impl(*args, **kwargs)',
  '  File "/opt/conda/lib/python3.11/site-packages/transformers/models/qwen2/modeling_qwen2.py", line 1164, in forward',
  '    logits = self.lm_head(hidden_states[:, -num_logits_to_keep:, :])',
  `${ERROR_TYPE}: ${ERROR_MESSAGE}`,
].join('\n');

/** The evaluation's instance; the machine it ran on is part of its configuration. */
export const FAILED_EVAL_INSTANCE: InstanceDraft = {
  id: 'inst-mmlu-eval',
  name: 'MMLU 5-shot · Qwen2.5 7B Instruct',
  config: {
    model: 'Qwen/Qwen2.5-7B-Instruct',
    benchmark: 'mmlu',
    shots: 5,
    batch_size: 32,
    dtype: 'bfloat16',
    max_new_tokens: 1,
    hardware: { host: 'gpu-l4-02', gpu: 'NVIDIA L4', gpus: 1 },
  },
};

/** A deterministic failed evaluation run for `seed`. */
export function failedEvalDrafts(seed: number): EventDraft[] {
  const rand = seededRandom(seed);
  const drafts = [...setUp()];
  let done = 0;
  for (const [index, subject] of SUBJECTS.entries()) {
    const questions = subject === 'professional_law' ? 1534 : between(rand, 100, 310);
    if (subject === 'professional_law') return [...drafts, ...crash(rand, done, questions)];
    drafts.push(...scoreSubject(rand, subject, index, questions, done));
    done += questions;
  }
  throw new Error('unreachable: the run always crashes on professional_law');
}

function setUp(): EventDraft[] {
  const shards = [1, 2, 3, 4]
    .map((n) =>
      tqdmLine({ desc: 'Loading checkpoint shards', current: n, total: 4, elapsedS: n * 1.4 }),
    )
    .join('');
  return [
    {
      type: 'run',
      data: {
        instance: FAILED_EVAL_INSTANCE.id,
        name: 'mmlu-5shot-qwen2.5-7b',
        config: FAILED_EVAL_INSTANCE.config,
        tags: ['eval', 'mmlu', 'qwen2.5-7b'],
      },
      delayMs: 0,
    },
    { type: 'status', data: { status: 'running' }, delayMs: 25 },
    log('info', 'Loading Qwen/Qwen2.5-7B-Instruct in bfloat16 on cuda:0', 'evals.mmlu', 310),
    output('stderr', shards, 5600),
    log(
      'info',
      `Evaluating ${SUBJECT_COUNT} subjects, ${QUESTIONS} questions, 5-shot`,
      'evals.mmlu',
      850,
      { subjects: SUBJECT_COUNT, questions: QUESTIONS, shots: 5 },
    ),
    log('debug', 'Prompt cache warmed for 5-shot exemplars', 'evals.mmlu', 1900, {
      cached_prompts: SUBJECT_COUNT,
    }),
    { type: 'progress', data: progress(0), delayMs: 4 },
  ];
}

function progress(current: number): Record<string, unknown> {
  return { current, total: QUESTIONS, unit: 'question', label: 'mmlu' };
}

function scoreSubject(
  rand: Random,
  subject: string,
  index: number,
  questions: number,
  done: number,
): EventDraft[] {
  const batches = Math.ceil(questions / 32);
  const perBatchS = 0.9 + rand() * 0.5;
  const desc = `[${index + 1}/${SUBJECT_COUNT}] ${subject}`;
  const half = Math.ceil(batches / 2);
  const accuracy = round(0.45 + rand() * 0.4, 4);
  const drafts = [
    output(
      'stdout',
      tqdmLine({ desc, current: half, total: batches, elapsedS: half * perBatchS, unit: 'batch' }),
      half * perBatchS * 1000,
    ),
    output(
      'stdout',
      tqdmLine({
        desc,
        current: batches,
        total: batches,
        elapsedS: batches * perBatchS,
        unit: 'batch',
      }),
      (batches - half) * perBatchS * 1000,
    ),
    { type: 'progress' as const, data: progress(done + questions), delayMs: 3 },
    result(`mmlu/${subject}/accuracy`, accuracy, 2),
  ];
  if (rand() < 0.4) {
    drafts.push(
      log('info', `${subject}: accuracy=${accuracy} (${questions} questions)`, 'evals.mmlu', 1, {
        subject,
        accuracy,
        questions,
      }),
    );
  }
  if (rand() < 0.2) {
    drafts.push(
      log('debug', `cuda memory allocated=${round(16 + index * 0.08, 2)}GiB`, 'torch.cuda', 5, {
        device: 0,
      }),
    );
  }
  return drafts;
}

function crash(rand: Random, done: number, questions: number): EventDraft[] {
  const desc = `[49/${SUBJECT_COUNT}] professional_law`;
  const bar = tqdmLine({
    desc,
    current: 7,
    total: Math.ceil(questions / 32),
    elapsedS: 16.2,
    unit: 'batch',
  });
  const error = { message: ERROR_MESSAGE, type: ERROR_TYPE, stack: STACK };
  return [
    log(
      'warn',
      'professional_law: 212 prompts exceed 4096 tokens; batches will be padded to 6144',
      'evals.mmlu',
      40,
      { long_prompts: 212, max_tokens: 6144 },
    ),
    output('stdout', bar, 16_200),
    log(
      'warn',
      'CUDA memory high: 21.3 of 22.05 GiB in use',
      'torch.cuda',
      between(rand, 800, 1500),
      { device: 0, allocated_gib: 21.3, total_gib: 22.05 },
    ),
    log('error', ERROR_MESSAGE, 'evals.mmlu', 2300, {
      subject: 'professional_law',
      batch: 8,
      questions_done: done,
    }),
    output('stderr', `\n${STACK}\n`, 4),
    { type: 'status', data: { status: 'failed', error }, delayMs: 60 },
  ];
}
