/**
 * Result documents for stories, tests and the benchmark: a small result, a nested training
 * configuration, hostile keys and text, and generated documents of any size (nested objects,
 * long arrays, long strings), plus a run whose results stream in item by item.
 */
import type { RawEvent } from './runs.ts';

export const SMALL = {
  accuracy: 0.9132,
  loss: 0.2417,
  passed: true,
  model: 'llama-3-8b-ft',
  checkpoint: null,
  tokens: 12_845_120,
};

export const NESTED_CONFIG = {
  experiment: 'sft-math-v3',
  seed: 1234,
  model: {
    name: 'meta-llama/Llama-3-8B',
    dtype: 'bfloat16',
    lora: { r: 16, alpha: 32, dropout: 0.05, target_modules: ['q_proj', 'k_proj', 'v_proj'] },
  },
  optimizer: { name: 'adamw', lr: 2e-5, betas: [0.9, 0.95], weight_decay: 0.1 },
  schedule: { warmup_steps: 500, total_steps: 20_000, kind: 'cosine' },
  data: {
    train: ['gsm8k/train', 'math/train'],
    eval: { gsm8k: { split: 'test', n: 1319 }, math: { split: 'test', n: 5000 } },
    max_length: 4096,
  },
  hardware: { gpus: 8, kind: 'A100-80GB', nodes: 1 },
};

/** JSON text a Python backend might write: big integers and number spellings to keep. */
export const LOSSLESS_TEXT = `{
  "run_id": 18446744073709551615,
  "lr": 1.0e-5,
  "score": 0.50,
  "steps": 20000,
  "exact": 9007199254740993
}`;

export const HOSTILE_TEXT = `{
  "__proto__": { "polluted": true },
  "constructor": { "prototype": { "polluted": true } },
  "<img src=x onerror=alert(1)>": "<script>alert(1)</script>",
  "lone": "\\ud800 and \\udfff",
  "controls": "bell\\u0007 escape\\u001b[31m rtl\\u202eoverride",
  "": "empty key",
  "long": "${'x'.repeat(5000)}"
}`;

export const INVALID_TEXT = `{
  "accuracy": 0.91,
  "per_task": {
    "gsm8k": 0.88,
    "math": 0.61,,
    "arc": 0.77
  }
}`;

/** A deterministic generator of floats in [0, 1). */
function random(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/**
 * A JSON text of about `bytes` characters (at least 0.8 MB): a 100,000-number `loss_curve`
 * and per-item eval records (nested objects, numeric arrays, long strings: model outputs).
 */
export function generatedDoc(bytes: number, seed = 1): string {
  const rand = random(seed);
  const curve = JSON.stringify(
    Array.from({ length: 100_000 }, (_, i) => +(2 / (1 + i / 1000)).toFixed(5)),
  );
  const parts: string[] = [];
  let size = curve.length + 64;
  for (let i = 0; size < bytes; i++) {
    const record = {
      id: `item-${i}`,
      scores: {
        exact: rand() > 0.3 ? 1 : 0,
        f1: +rand().toFixed(4),
        confidence: +rand().toFixed(4),
      },
      tokens: Array.from({ length: 8 }, () => Math.floor(rand() * 50_000)),
      output: `The answer is ${Math.floor(rand() * 1000)}. `.repeat(1 + Math.floor(rand() * 12)),
      meta: { task: ['gsm8k', 'math', 'arc'][i % 3], latency_ms: Math.floor(rand() * 900) },
    };
    const text = JSON.stringify(record);
    parts.push(text);
    size += text.length + 1;
  }
  return `{"summary":{"items":${parts.length},"accuracy":0.8123},"loss_curve":${curve},"items":[${parts.join(',')}]}`;
}

/** A run whose results arrive one by one: per-item confidences, then summary figures. */
export function resultRun(items: number, runId = 'eval-7', t0 = Date.now() - 60_000): RawEvent[] {
  const rand = random(7);
  const ev = (seq: number, type: string, data: Record<string, unknown>): RawEvent => ({
    v: 1,
    run: runId,
    seq,
    time: t0 + seq * 50,
    type,
    data,
  });
  const out: RawEvent[] = [
    ev(0, 'run', { instance: 'eval-sweep', name: 'eval sweep' }),
    ev(1, 'status', { status: 'running' }),
  ];
  let seq = 2;
  for (let i = 0; i < items; i++) {
    out.push(
      ev(seq++, 'result', {
        key: 'item_confidence',
        value: { item: `q-${i}`, confidence: +rand().toFixed(3), correct: rand() > 0.25 },
      }),
    );
    if (i % 10 === 9)
      out.push(ev(seq++, 'result', { key: 'accuracy', value: +(0.7 + rand() * 0.2).toFixed(4) }));
  }
  out.push(ev(seq++, 'result', { key: 'config', value: NESTED_CONFIG }));
  return out;
}
