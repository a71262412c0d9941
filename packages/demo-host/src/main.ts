/**
 * Command-line entry: `node packages/demo-host/dist/main.js`.
 * Reads HOST (default 127.0.0.1), PORT (default 8787), ATHANOR_DATA (the data directory,
 * default `.athanor-data` in the working directory) and ATHANOR_CORS_ORIGINS (origins allowed to
 * call the API from their pages, comma-separated; default none); serves until SIGINT or SIGTERM.
 */
import { resolve } from 'node:path';
import { parseCorsOrigins } from './cors.ts';
import { createHost } from './server.ts';

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8787;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env['ATHANOR_DATA'] || '.athanor-data');
  const host = createHost({
    host: process.env['HOST'] || '127.0.0.1',
    port: portFromEnv(process.env['PORT']),
    dataDir,
    corsOrigins: parseCorsOrigins(process.env['ATHANOR_CORS_ORIGINS']),
  });
  const url = await host.listen();
  console.log(`Athanor demo host: ${url} (data: ${dataDir})`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now", e.g. when a client keeps a connection open.
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal} received, closing…`);
    host.close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
