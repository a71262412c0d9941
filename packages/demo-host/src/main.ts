/**
 * Command-line entry: `node packages/demo-host/dist/main.js`.
 * Reads HOST (default 127.0.0.1) and PORT (default 8787), serves until SIGINT or SIGTERM.
 */
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
  const host = createHost({
    host: process.env['HOST'] || '127.0.0.1',
    port: portFromEnv(process.env['PORT']),
  });
  const url = await host.listen();
  console.log(`Athanor demo host: ${url}`);
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
