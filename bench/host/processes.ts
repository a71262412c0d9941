/**
 * Starting the benchmark's server processes (the host, the baseline server) and talking to them.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryFigures, ServerRequest } from './child.ts';

/** A server running in a child process. */
export interface ServerProcess {
  /** Base URL, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** The process's rss and heapUsed after a full GC in it. */
  memory(): Promise<MemoryFigures>;
  /** Stops the server and waits for the process to exit. */
  stop(): Promise<void>;
}

/** `BENCH_CPU_PROF=<dir>` writes a CPU profile of every server process there, to find out why. */
const PROFILE = process.env.BENCH_CPU_PROF;
const EXEC_ARGV = [
  '--expose-gc',
  '--conditions=source',
  '--import',
  'tsx',
  ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
];

/** Forks `bench/host/<script>` with `args`; resolves once it has printed its URL. */
export function startServer(script: string, args: string[] = []): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`${script} exited (${code})`));
    child.once('exit', onExit);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      child.off('exit', onExit);
      resolve(handle(child, out.slice(0, newline), exited));
    });
  });
}

function handle(child: ChildProcess, url: string, exited: Promise<void>): ServerProcess {
  const send = (request: ServerRequest) => child.send(request);
  return {
    url,
    memory() {
      return new Promise((resolve) => {
        child.once('message', (m: MemoryFigures) => resolve({ rss: m.rss, heapUsed: m.heapUsed }));
        send({ type: 'memory' });
      });
    },
    async stop() {
      if (child.exitCode === null) send({ type: 'stop' });
      await exited;
    },
  };
}

/**
 * A demo host in its own process with no sample runs and, unless `persist` is false, a fresh
 * temporary data directory, removed when it stops.
 */
export async function startHost(persist = true): Promise<ServerProcess> {
  if (!persist) return startServer('./serve.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'athanor-bench-host-'));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const host = await startServer('./serve.ts', [dataDir]);
    return {
      ...host,
      async stop() {
        await host.stop();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
