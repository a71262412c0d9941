/**
 * What the benchmark's server processes share: they print their base URL as the first line on
 * stdout, answer `memory` over the IPC channel with their own figures (after a full GC when
 * started with --expose-gc) and stop on `stop`.
 */

/** A server process's memory, in bytes, after a full GC. */
export interface MemoryFigures {
  rss: number;
  heapUsed: number;
}

/** A message from the benchmark to a server process. */
export type ServerRequest = { type: 'memory' } | { type: 'stop' };

/** Announces `url` and serves the benchmark's requests until told to stop, then calls `stop`. */
export function serveBenchmark(url: string, stop: () => Promise<void>): void {
  if (!process.send) throw new Error('start this with an IPC channel (child_process.fork)');
  process.stdout.write(`${url}\n`);
  process.on('message', (message: ServerRequest) => {
    if (message.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Twice: the first pass can leave garbage only a second one frees (weak refs, finalizers).
      gc?.();
      gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      process.send!({ type: 'memory', rss, heapUsed, gc: gc !== undefined });
    } else if (message.type === 'stop') {
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    }
  });
  // The benchmark died without saying stop: do not outlive it.
  process.on('disconnect', () => process.exit(0));
}
