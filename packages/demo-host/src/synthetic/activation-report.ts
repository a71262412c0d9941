import {
  HEADS,
  HEAD_DIM,
  HIDDEN,
  HISTOGRAM_BINS,
  KV_HEADS,
  LAYERS,
  MASSIVE_LAYERS,
  TOKENS,
  headStats,
  kvGroupStats,
  mlpStats,
  tensorStats,
} from './activation-stats.ts';
import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { between, round, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { tqdmLine } from './tqdm.ts';

/**
 * An activation-statistics probe of Llama 3.1 8B over a calibration set: it loads the model,
 * hooks every projection, runs the prompts, warns about the massive activations it meets and
 * ends with one `result` holding the whole report, a JSON document of about 2 MB nested nine
 * levels deep (report → layers → layer → attention → heads → head → query → histogram → counts).
 */

const MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
const PROMPTS = 512;
const BATCH = 16;

/** The probe's instance: what is measured, over which prompts, on what machine. */
export const ACTIVATION_REPORT_INSTANCE: InstanceDraft = {
  id: 'inst-activation-report',
  name: 'Activation statistics · Llama 3.1 8B Instruct',
  config: {
    model: MODEL,
    revision: '0e9e39f',
    dtype: 'bfloat16',
    calibration: { dataset: 'acme/calibration-mix-v1', prompts: PROMPTS, max_tokens: 2048 },
    batch_size: BATCH,
    hooks: [
      'input_layernorm',
      'q_proj',
      'k_proj',
      'v_proj',
      'o_proj',
      'gate_proj',
      'up_proj',
      'down_proj',
    ],
    histogram_bins: HISTOGRAM_BINS,
    percentiles: 't-digest (compression 200)',
    seed: 99,
    hardware: { host: 'gpu-h100-01', gpu: 'NVIDIA H100 80GB HBM3', gpus: 1 },
  },
};

/** A deterministic probe run for `seed`; its `report` result is about 2 MB of JSON. */
export function activationReportDrafts(seed: number): EventDraft[] {
  const rand = seededRandom(seed);
  const report = buildReport(rand);
  return [...setUp(), ...collect(rand), ...finish(report)];
}

function setUp(): EventDraft[] {
  const shards = [1, 2, 3, 4]
    .map((n) =>
      tqdmLine({ desc: 'Loading checkpoint shards', current: n, total: 4, elapsedS: n * 1.3 }),
    )
    .join('');
  const hooks = LAYERS * 8;
  return [
    {
      type: 'run',
      data: {
        instance: ACTIVATION_REPORT_INSTANCE.id,
        name: 'llama-3.1-8b-instruct activation stats',
        config: ACTIVATION_REPORT_INSTANCE.config,
        tags: ['interpretability', 'activations', 'llama-3.1-8b'],
      },
      delayMs: 0,
    },
    { type: 'status', data: { status: 'running' }, delayMs: 30 },
    log('info', `Loading ${MODEL} (bfloat16) on cuda:0`, 'probe', 420),
    output('stderr', shards, 5300),
    log('info', `Registered ${hooks} forward hooks on ${LAYERS} layers`, 'probe.hooks', 160, {
      hooks,
      layers: LAYERS,
    }),
    log(
      'info',
      `Calibration set acme/calibration-mix-v1: ${PROMPTS} prompts, ${TOKENS} tokens`,
      'probe.data',
      2100,
    ),
    { type: 'progress', data: progress(0), delayMs: 4 },
  ];
}

function progress(current: number): Record<string, unknown> {
  return { current, total: PROMPTS, unit: 'prompt', label: 'calibration' };
}

/** The forward passes: progress per batch, a bar now and then, warnings at the outliers. */
function collect(rand: Random): EventDraft[] {
  const drafts: EventDraft[] = [];
  const batches = PROMPTS / BATCH;
  let elapsedS = 0;
  for (let batch = 1; batch <= batches; batch++) {
    const seconds = 2.4 + rand() * 0.8;
    elapsedS += seconds;
    drafts.push({ type: 'progress', data: progress(batch * BATCH), delayMs: seconds * 1000 });
    if (batch % 4 === 0 || batch === batches) {
      const bar = tqdmLine({
        desc: 'Collecting activations',
        current: batch,
        total: batches,
        elapsedS,
        unit: 'batch',
      });
      drafts.push(output('stdout', bar, 2));
    }
    if (batch === 1) drafts.push(...massiveWarnings(rand));
    if (batch % 8 === 0)
      drafts.push(
        log(
          'debug',
          `hook buffers hold ${round(2.8 * (batch / 8), 1)} GiB on the host`,
          'probe.hooks',
          3,
        ),
      );
  }
  return drafts;
}

function massiveWarnings(rand: Random): EventDraft[] {
  return MASSIVE_LAYERS.map((layer) => {
    const channel = between(rand, 0, HIDDEN - 1);
    const value = round(900 + rand() * 1200, 1);
    return log(
      'warn',
      `layer ${layer} down_proj: massive activation |x|=${value} at channel ${channel} (token "<|begin_of_text|>")`,
      'probe.outliers',
      1,
      { layer, module: 'mlp.down_proj', channel, value, token: '<|begin_of_text|>' },
    );
  });
}

function buildReport(rand: Random) {
  const layers = Array.from({ length: LAYERS }, (_, index) => layerReport(rand, index));
  return {
    schema: 'acme.activation-report/v2',
    model: {
      id: MODEL,
      layers: LAYERS,
      hidden_size: HIDDEN,
      heads: HEADS,
      kv_heads: KV_HEADS,
      head_dim: HEAD_DIM,
    },
    calibration: { dataset: 'acme/calibration-mix-v1', prompts: PROMPTS, tokens: TOKENS },
    layers,
    findings: MASSIVE_LAYERS.map((layer) => ({
      kind: 'massive_activation',
      layer,
      module: 'mlp.down_proj',
      detail: { note: 'residual stream spike on the first token; attention sinks follow' },
    })),
  };
}

function layerReport(rand: Random, index: number) {
  const depth = index / (LAYERS - 1);
  const heavy = MASSIVE_LAYERS.includes(index) ? 25 : 1;
  return {
    index,
    module: `model.layers.${index}`,
    input_layernorm: {
      weight_norm: round(40 + rand() * 30, 3),
      output: tensorStats(rand, [TOKENS, HIDDEN], 1),
    },
    attention: {
      q_proj: tensorStats(rand, [TOKENS, HIDDEN], 0.8 + depth * 1.6),
      k_proj: tensorStats(rand, [TOKENS, KV_HEADS * HEAD_DIM], 1 + depth * 2),
      v_proj: tensorStats(rand, [TOKENS, KV_HEADS * HEAD_DIM], 0.05 + depth * 0.3),
      o_proj: tensorStats(rand, [TOKENS, HIDDEN], 0.02 + depth * 0.1),
      heads: Array.from({ length: HEADS }, (_, head) => headStats(rand, index, head)),
      kv_groups: Array.from({ length: KV_HEADS }, (_, group) => kvGroupStats(rand, index, group)),
    },
    mlp: mlpStats(rand, index),
    residual: { output: tensorStats(rand, [TOKENS, HIDDEN], 0.3 + depth * 2, heavy) },
  };
}

function finish(report: ReturnType<typeof buildReport>): EventDraft[] {
  const heads = report.layers.flatMap((layer) => layer.attention.heads);
  const sinks = heads.filter((head) => head.sink.mass > 0.5).length;
  const entropy = heads.reduce((sum, head) => sum + head.entropy.mean, 0) / heads.length;
  const bytes = JSON.stringify(report).length;
  return [
    log(
      'info',
      `Aggregating statistics: ${HISTOGRAM_BINS}-bin histograms, t-digest percentiles`,
      'probe',
      1800,
    ),
    result('report', report, 14_000),
    result(
      'summary',
      {
        layers: LAYERS,
        heads: heads.length,
        sink_heads: sinks,
        mean_attention_entropy: round(entropy, 3),
        massive_activation_layers: [...MASSIVE_LAYERS],
      },
      2,
    ),
    log(
      'info',
      `Wrote reports/llama-3.1-8b-instruct/activations.json (${round(bytes / 1e6, 2)} MB)`,
      'probe',
      900,
      {
        bytes,
      },
    ),
    { type: 'status', data: { status: 'completed' }, delayMs: 50 },
  ];
}
