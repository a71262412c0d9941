import { log } from './draft.ts';
import type { EventDraft } from './draft.ts';
import { between, pick, round } from './random.ts';
import type { Random } from './random.ts';

/**
 * The corpus pipeline's log lines about single documents: language scores, quality and
 * repetition filters, near-duplicates, tokenizer batches, and now and then a retry or an
 * unreadable record. One call, one line, weighted as a DEBUG log of such a pipeline reads.
 */

/** The shard a line is about. */
export interface ShardFile {
  /** Zero-padded shard number, e.g. `00417`. */
  id: string;
  /** The WARC file's name, and where it is read from. */
  file: string;
  url: string;
  /** How many shards the crawl has. */
  shards: number;
}

const URL_CATEGORIES = ['adult', 'gambling', 'malware', 'phishing', 'warez'] as const;

/** One decision about one document, weighted as a DEBUG log of such a pipeline runs. */
export function documentLine(rand: Random, shard: ShardFile, record: number): EventDraft {
  const doc = `${shard.id}/${String(record).padStart(6, '0')}`;
  const r = rand();
  const delay = between(rand, 0, 4);
  if (r < 0.34)
    return log(
      'trace',
      `doc ${doc}: lang=en score=${round(0.65 + rand() * 0.35, 3)}`,
      'datatrove.filters.lang',
      delay,
    );
  if (r < 0.56) return gopher(rand, doc, delay);
  if (r < 0.7) {
    const bucket = between(rand, 0, 13);
    const text = `bucket ${bucket}/14: ${between(rand, 900, 4200)} signatures, ${between(rand, 0, 40)} candidate pairs`;
    return log('debug', text, 'datatrove.dedup.minhash', delay);
  }
  if (r < 0.82) {
    const jaccard = round(0.8 + rand() * 0.2, 3);
    const original = `${String(between(rand, 0, shard.shards - 1)).padStart(5, '0')}/${String(between(rand, 0, 55_999)).padStart(6, '0')}`;
    return log(
      'info',
      `doc ${doc} near-duplicate of ${original} (jaccard=${jaccard}); dropped`,
      'datatrove.dedup.minhash',
      delay,
      {
        doc,
        duplicate_of: original,
        jaccard,
      },
    );
  }
  if (r < 0.92) {
    const tokens = between(rand, 880_000, 1_400_000);
    const text = `tokenized 1024 docs (${tokens} tokens) in ${round(0.6 + rand() * 0.5, 2)}s`;
    return log('debug', text, 'datatrove.tokenize', delay);
  }
  if (r < 0.97)
    return log(
      'debug',
      `doc ${doc}: URL blocked (${pick(rand, URL_CATEGORIES)})`,
      'datatrove.filters.url',
      delay,
    );
  return trouble(rand, doc, record, shard, delay);
}

function gopher(rand: Random, doc: string, delay: number): EventDraft {
  if (rand() < 0.55) {
    const value = round(0.3 + rand() * 0.5, 3);
    return log(
      'debug',
      `doc ${doc}: dropped by gopher_repetition (dup_line_frac=${value} > 0.3)`,
      'datatrove.filters.gopher',
      delay,
      {
        doc,
        filter: 'gopher_repetition',
        value,
        threshold: 0.3,
      },
    );
  }
  const words = between(rand, 3, 49);
  return log(
    'debug',
    `doc ${doc}: dropped by gopher_quality (${words} words < 50)`,
    'datatrove.filters.gopher',
    delay,
    {
      doc,
      filter: 'gopher_quality',
      value: words,
      threshold: 50,
    },
  );
}

/** The rare lines someone is looking for: retries, slow documents, unreadable records. */
function trouble(
  rand: Random,
  doc: string,
  record: number,
  { file, url }: ShardFile,
  delay: number,
): EventDraft {
  const r = rand();
  if (r < 0.45)
    return log(
      'warn',
      `Retrying read of ${url} (attempt ${between(rand, 2, 4)}/5) after ReadTimeoutError`,
      's3fs',
      delay + 400,
    );
  if (r < 0.7)
    return log(
      'warn',
      'Connection pool is full, discarding connection: acme-corpora.s3.us-east-1.amazonaws.com. Connection pool size: 10',
      'urllib3.connectionpool',
      delay,
    );
  if (r < 0.92) {
    const megabytes = round(1.2 + rand() * 6, 1);
    return log(
      'warn',
      `doc ${doc}: language detection on ${megabytes} MB of text; truncated to 100 KB`,
      'datatrove.filters.lang',
      delay,
      {
        doc,
        megabytes,
      },
    );
  }
  return log(
    'error',
    `Skipping record ${record} of ${file}: invalid WARC header (Content-Length mismatch)`,
    'datatrove.reader',
    delay,
    {
      file,
      record,
      reason: 'content-length mismatch',
    },
  );
}
