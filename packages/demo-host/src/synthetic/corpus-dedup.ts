import { documentLine } from './corpus-lines.ts';
import type { ShardFile } from './corpus-lines.ts';
import { log, output, result } from './draft.ts';
import type { EventDraft, InstanceDraft } from './draft.ts';
import { between, round, seededRandom } from './random.ts';
import type { Random } from './random.ts';
import { tqdmLine } from './tqdm.ts';

/**
 * A web-corpus pipeline logging at DEBUG: 2,000 WARC shards read, filtered, deduplicated with
 * MinHash and tokenized by 64 workers, with a log line for most decisions about a document.
 * Exactly {@link LOG_ENTRIES} `log` events, plus a shard progress bar on stdout, progress,
 * running totals as results and heartbeats; it completes.
 */

/** How many `log` events the run holds. */
export const LOG_ENTRIES = 200_000;
const SHARDS = 2000;
const WORKERS = 64;
const CRAWL = 'CC-MAIN-2025-51';
const INPUT = `s3://acme-corpora/raw/${CRAWL}/warc/`;

/** The pipeline's instance: its stages, their thresholds and the machine it ran on. */
export const CORPUS_DEDUP_INSTANCE: InstanceDraft = {
  id: 'inst-corpus-dedup',
  name: `${CRAWL} · filter, deduplicate, tokenize`,
  config: {
    pipeline: { name: 'datatrove', version: '0.4.0', executor: 'local' },
    input: INPUT,
    output: `s3://acme-corpora/processed/${CRAWL.toLowerCase()}/`,
    shards: SHARDS,
    workers: WORKERS,
    filters: {
      url: { blocklist: 'ut1-2025-11' },
      language: { languages: ['en'], min_score: 0.65 },
      gopher_repetition: { dup_line_frac: 0.3, top_2_gram_frac: 0.2 },
      gopher_quality: { min_words: 50, max_words: 100_000, max_symbol_word_ratio: 0.1 },
    },
    minhash: { ngram: 5, buckets: 14, hashes_per_bucket: 8, threshold: 0.8 },
    tokenizer: 'meta-llama/Llama-3.1-8B',
    log_level: 'DEBUG',
    seed: 0,
    hardware: { host: 'cpu-hm-12', cpus: 96, memory_gb: 768 },
  },
};

/** Running totals over the shards done so far. */
interface Totals {
  docsIn: number;
  kept: number;
  tokens: number;
  elapsedS: number;
}

/** A deterministic run for `seed`: {@link LOG_ENTRIES} log events among ~202,000 events. */
export function corpusDedupDrafts(seed: number): EventDraft[] {
  const rand = seededRandom(seed);
  const drafts = intro();
  const closing = outroLogs();
  const introLogs = drafts.filter((d) => d.type === 'log').length;
  const budget = LOG_ENTRIES - introLogs - closing.length;
  const totals: Totals = { docsIn: 0, kept: 0, tokens: 0, elapsedS: 0 };
  for (let shard = 0; shard < SHARDS; shard++) {
    // Spread the budget evenly, so the shards' lines add up to it exactly.
    const lines =
      Math.floor((budget * (shard + 1)) / SHARDS) - Math.floor((budget * shard) / SHARDS);
    processShard(rand, shard, lines, totals, drafts);
    afterShard(shard, totals, drafts);
  }
  return [...drafts, ...outro(totals, closing)];
}

function intro(): EventDraft[] {
  const stages =
    'WarcReader → URLFilter → LanguageFilter → GopherRepetitionFilter → GopherQualityFilter → ' +
    'MinhashDedupSignature → MinhashDedupFilter → DocumentTokenizer → ParquetWriter';
  return [
    {
      type: 'run',
      data: {
        instance: CORPUS_DEDUP_INSTANCE.id,
        name: `${CRAWL.toLowerCase()} dedup+tokenize`,
        config: CORPUS_DEDUP_INSTANCE.config,
        tags: ['data', 'dedup', 'minhash', 'tokenize'],
      },
      delayMs: 0,
    },
    { type: 'status', data: { status: 'running' }, delayMs: 20 },
    log(
      'info',
      `Listing s3://acme-corpora/raw/${CRAWL}/warc/: ${SHARDS} files, 1.21 TB`,
      's3fs',
      1900,
    ),
    log('info', `Pipeline: ${stages}`, 'datatrove.executor', 40, { stages: 9 }),
    log(
      'debug',
      'Loaded URL blocklist ut1-2025-11: 3912441 domains',
      'datatrove.filters.url',
      2300,
    ),
    log(
      'debug',
      'Tokenizer meta-llama/Llama-3.1-8B: vocabulary of 128256',
      'datatrove.tokenize',
      600,
    ),
    log('info', `Launching ${WORKERS} workers for ${SHARDS} tasks`, 'datatrove.executor', 80, {
      workers: WORKERS,
      tasks: SHARDS,
    }),
    { type: 'progress', data: progress(0), delayMs: 5 },
  ];
}

function progress(current: number): Record<string, unknown> {
  return { current, total: SHARDS, unit: 'shard', label: 'pipeline' };
}

/** Appends the shard's `lines` log events: it is read, its documents judged, then it is done. */
function processShard(
  rand: Random,
  shard: number,
  lines: number,
  totals: Totals,
  drafts: EventDraft[],
): void {
  const first = drafts.length;
  const id = String(shard).padStart(5, '0');
  const worker = shard % WORKERS;
  const megabytes = round(560 + rand() * 140, 1);
  const file = `${CRAWL}-20251208${String(183_212 + shard * 7).padStart(6, '0')}-${id}.warc.gz`;
  drafts.push(
    log('info', `[w${worker}] reading ${file} (${megabytes} MB)`, 'datatrove.reader', 3, {
      shard,
      worker,
      bytes: Math.round(megabytes * 1_048_576),
    }),
  );
  const docsIn = between(rand, 46_000, 56_000);
  const where: ShardFile = { id, file, url: `${INPUT}${file}`, shards: SHARDS };
  let record = 0;
  for (let n = 2; n < lines; n++) {
    record += between(rand, 1, Math.floor((2 * docsIn) / lines));
    drafts.push(documentLine(rand, where, Math.min(record, docsIn - 1)));
  }
  const kept = Math.round(docsIn * (0.68 + rand() * 0.1));
  const tokens = kept * between(rand, 980, 1240);
  const seconds = round(10 + rand() * 5, 1);
  totals.docsIn += docsIn;
  totals.kept += kept;
  totals.tokens += tokens;
  const dropped = round((100 * (docsIn - kept)) / docsIn, 1);
  const text = `[w${worker}] shard ${id} done: ${docsIn} docs in, ${kept} kept (${dropped}% dropped), ${round(tokens / 1e6, 1)}M tokens in ${seconds}s`;
  drafts.push(
    log('info', text, 'datatrove.executor', 2, {
      shard,
      docs_in: docsIn,
      docs_kept: kept,
      tokens,
      seconds,
    }),
  );
  // The bar's clock is the run's: the delays of the shard's lines.
  for (let n = first; n < drafts.length; n++) totals.elapsedS += drafts[n]!.delayMs / 1000;
}

/** The non-log events between shards: progress, a tqdm bar, running totals, heartbeats. */
function afterShard(shard: number, totals: Totals, drafts: EventDraft[]): void {
  const done = shard + 1;
  drafts.push({ type: 'progress', data: progress(done), delayMs: 1 });
  if (done % 10 === 0) {
    const keptPct = round((100 * totals.kept) / totals.docsIn, 1);
    const bar = tqdmLine({
      desc: 'Processing shards',
      current: done,
      total: SHARDS,
      elapsedS: totals.elapsedS,
      unit: 'shard',
      postfix: `docs=${round(totals.docsIn / 1e6, 2)}M, kept=${keptPct}%`,
    });
    drafts.push(output('stdout', bar, 1));
  }
  if (done % 100 === 0) {
    drafts.push(result('kept_pct', round((100 * totals.kept) / totals.docsIn, 2), 1));
    drafts.push(result('tokens_billions', round(totals.tokens / 1e9, 3), 1));
  }
  if (done % 25 === 0) drafts.push({ type: 'heartbeat', data: {}, delayMs: 2 });
}

function outroLogs(): EventDraft[] {
  return [
    log('info', `All ${SHARDS} tasks completed`, 'datatrove.executor', 300),
    log(
      'info',
      `Wrote ${SHARDS} parquet files to s3://acme-corpora/processed/${CRAWL.toLowerCase()}/`,
      'datatrove.writer',
      2600,
    ),
    log('debug', `Shutting down ${WORKERS} worker processes`, 'datatrove.executor', 40),
  ];
}

function outro(totals: Totals, closing: EventDraft[]): EventDraft[] {
  const summary = {
    shards: SHARDS,
    docs_in: totals.docsIn,
    docs_kept: totals.kept,
    kept_pct: round((100 * totals.kept) / totals.docsIn, 2),
    tokens: totals.tokens,
    wall_time_s: round(totals.elapsedS, 1),
  };
  return [
    closing[0]!,
    result('summary', summary, 5),
    ...closing.slice(1),
    { type: 'status', data: { status: 'completed' }, delayMs: 60 },
  ];
}
