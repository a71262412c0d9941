/**
 * The demo host as a user runs it, alone in this process so its memory is its own:
 * `node --expose-gc --conditions=source --import tsx bench/host/serve.ts [dataDir]` (started by
 * the benchmark with an IPC channel; see child.ts). With a data directory persistence is on,
 * as `npm start` has it: every acknowledged batch was fdatasync'd there. No sample runs.
 */
import { createHost } from '@athanor/demo-host';
import { serveBenchmark } from './child.ts';

const [dataDir] = process.argv.slice(2);
const host = createHost({ port: 0, samples: 'none', ...(dataDir ? { dataDir } : {}) });
serveBenchmark(await host.listen(), () => host.close());
