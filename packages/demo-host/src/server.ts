import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { handleApi } from './api.ts';
import { ConnectionTracker } from './connections.ts';
import { applyCors } from './cors.ts';
import type { ApiContext } from './api.ts';
import { sendError, sendText } from './http-util.ts';
import { Instances } from './instances.ts';
import { RunHub } from './run-hub.ts';
import { RunStore } from './run-store.ts';
import { loadSamples } from './samples.ts';
import { Simulator } from './simulator.ts';
import { serveStatic } from './static.ts';

/** Options for {@link createHost}; every field has a default. */
export interface HostOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to bind; 0 picks a free one. Default `8787`. */
  port?: number;
  /** Built portal served for non-`/api` paths. Default `packages/demo-host/dist/portal`. */
  portalDir?: string;
  /** Interval of the SSE keep-alive comment in ms. Default 15000. */
  keepAliveMs?: number;
  /**
   * Origins whose pages may call the API from the browser (CORS), e.g.
   * `['https://lab.example.org']`, or `['*']` for any. Default none: no CORS headers at all.
   */
  corsOrigins?: readonly string[];
  /** How long an external run's producer has to confirm a cancel, in ms. Default 30000. */
  cancelGraceMs?: number;
  /**
   * Which sample runs, with their instances, a first start (no runs in the data directory, or
   * no data directory) generates and loads: `'all'`; `'small'`, all but the two stress runs
   * (200,000 log entries; a 2 MB nested result), which take most of a second and tens of MB;
   * or `'none'`. Default `'all'`.
   */
  samples?: 'all' | 'small' | 'none';
  /**
   * Data directory: every run's events are kept there (one JSONL log per run) and read back at
   * `listen()`; the samples are loaded into it on first start only. Without one, runs live in
   * memory only (the command line passes `ATHANOR_DATA`, default `.athanor-data`).
   */
  dataDir?: string;
}

/** A running (or ready to run) demo host. */
export interface Host {
  /** Loads the samples, starts listening and resolves the base URL, e.g. `http://127.0.0.1:8787/`. */
  listen(): Promise<string>;
  /** Stops simulations, ends open event streams and stops the server. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Ends every open event stream, as a proxy or a network drop would; clients resume from the
   * last seq they saw. Returns how many were ended.
   */
  dropStreams(): number;
}

// Resolved from this module so it works both from src/ (tsx) and dist/ (compiled).
const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../dist/portal/', import.meta.url));
/** How often appended events are made durable. */
const FLUSH_MS = 200;

/** Creates the demo host: the run API over an in-memory hub, plus the static portal. */
export function createHost(options: HostOptions = {}): Host {
  const { host = '127.0.0.1', port = 8787, keepAliveMs = 15_000 } = options;
  const portalDir = options.portalDir ?? DEFAULT_PORTAL_DIR;
  const corsOrigins = options.corsOrigins ?? [];
  const store = options.dataDir !== undefined ? new RunStore(options.dataDir) : undefined;
  const hub = new RunHub(store);
  const ctx: ApiContext = {
    hub,
    keepAliveMs,
    streams: new Set(),
    simulator: new Simulator(hub),
    instances: new Instances(store),
    cancelGraceMs: options.cancelGraceMs ?? 30_000,
    cancelTimers: new Set(),
  };
  // Appends are written at once and made durable (fdatasync, off the event loop) a few times a
  // second, before each acknowledgement and on close.
  const flusher = store
    ? setInterval(() => {
        store.durable().catch((error: unknown) => console.error('demo-host: sync failed', error));
      }, FLUSH_MS)
    : undefined;
  flusher?.unref();
  const server = createServer((req, res) => {
    handle(ctx, portalDir, corsOrigins, req, res).catch((error: unknown) => fail(res, error));
  });
  const connections = new ConnectionTracker(server);
  let closing: Promise<void> | undefined;
  return {
    async listen() {
      ctx.instances.load();
      const stored = store?.loadRuns() ?? [];
      for (const run of stored)
        if (run.droppedTail > 0)
          console.warn(
            `demo-host: run "${run.id}": dropped ${run.droppedTail} characters of a last line cut short`,
          );
      const failed = hub.restore(stored);
      if (failed.length > 0)
        console.warn(`demo-host: marked failed (live when the host stopped): ${failed.join(', ')}`);
      // Samples are the first start's content: afterwards they are in the data directory.
      if (stored.length === 0) loadSamples(hub, ctx.instances, options.samples ?? 'all');
      store?.flush();
      return baseUrl(await listenOn(server, port, host));
    },
    dropStreams() {
      const streams = [...ctx.streams];
      for (const stream of streams) stream.end();
      return streams.length;
    },
    close() {
      closing ??= shutDown(ctx, server, connections).finally(() => {
        clearInterval(flusher);
        store?.close();
      });
      return closing;
    },
  };
}

async function handle(
  ctx: ApiContext,
  portalDir: string,
  corsOrigins: readonly string[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    if (applyCors(corsOrigins, req, res)) return;
    return handleApi(ctx, req, res, url);
  }
  // The portal's own URLs are pages of its one document: a reload or a pasted link lands there.
  const page = isPortalPage(url.pathname) ? '/index.html' : url.pathname;
  return serveStatic(portalDir, req, res, page);
}

/** `/instances`, `/instances/<id>`, `/runs/<id>` and `/compare`: URLs the portal routes itself. */
export function isPortalPage(pathname: string): boolean {
  return /^\/(compare|instances\/?|(instances|runs)\/[^/]+\/?)$/.test(pathname);
}

function fail(res: ServerResponse, error: unknown): void {
  console.error('demo-host: request failed:', error);
  if (res.headersSent) res.destroy();
  else if (res.req.url?.startsWith('/api')) sendError(res, 500, 'Internal server error');
  else sendText(res, 500, 'Internal server error\n');
}

function listenOn(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function baseUrl({ address, family, port }: AddressInfo): string {
  const host = family === 'IPv6' ? `[${address}]` : address;
  return `http://${host}:${port}/`;
}

async function shutDown(
  ctx: ApiContext,
  server: Server,
  connections: ConnectionTracker,
): Promise<void> {
  ctx.simulator.stopAll();
  for (const timer of ctx.cancelTimers) clearTimeout(timer);
  ctx.cancelTimers.clear();
  const closed = new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
  });
  // Live tails never end by themselves while their run is live: end them, so clients see the
  // stream close (an EventSource then retries against whatever serves next).
  for (const stream of [...ctx.streams]) stream.end();
  connections.drain();
  await closed;
}
