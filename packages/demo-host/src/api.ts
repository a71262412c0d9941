import type { IncomingMessage, ServerResponse } from 'node:http';
import { streamRunEvents } from './event-stream.ts';
import type { StreamContext } from './event-stream.ts';
import { randomBytes } from 'node:crypto';
import {
  BodyError,
  readJsonBody,
  readTextBody,
  sendError,
  sendJson,
  sendMethodNotAllowed,
} from './http-util.ts';
import { ingestNdjson } from './ingest.ts';
import { parseSimulationOptions } from './simulator.ts';
import type { Simulator } from './simulator.ts';
import type { Instances } from './instances.ts';

/** What the API handlers share. */
export interface ApiContext extends StreamContext {
  simulator: Simulator;
  instances: Instances;
  /** How long an external run's producer has to confirm a cancel before the host records it. */
  cancelGraceMs: number;
  /** Pending grace timers of external cancels, cleared when the host closes. */
  cancelTimers: Set<NodeJS.Timeout>;
}

type Handler = (
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: string,
) => void | Promise<void>;

/** Largest `POST /api/runs` body accepted; the options object is tiny. */
const MAX_BODY_BYTES = 16 * 1024;

/** Run ids are percent-encoded in URLs; a bad escape is the client's mistake. */
function splitPath(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The handlers by method for a path, and the run id it names ('' for the collection). */
function route(segments: string[]): { methods: Record<string, Handler>; id: string } | undefined {
  const [api, runs, id, tail, ...rest] = segments;
  if (api === 'api' && runs === 'instances') return instanceRoute(id, tail, rest);
  if (api !== 'api' || runs !== 'runs' || rest.length > 0 || id === '') return undefined;
  if (id === undefined) return { methods: { GET: listRuns, POST: createRun }, id: '' };
  if (tail === undefined) return { methods: { GET: getRun }, id };
  if (tail === 'events') return { methods: { GET: streamEvents, POST: ingestEvents }, id };
  if (tail === 'events.jsonl') return { methods: { GET: exportJsonl }, id };
  if (tail === 'cancel') return { methods: { POST: cancelRun }, id };
  return undefined;
}

/** Dispatches a request whose path starts with `/api`. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const segments = splitPath(url.pathname);
  if (segments === undefined) return sendError(res, 400, 'Malformed percent-encoding in URL');
  const match = route(segments);
  if (match === undefined) return sendError(res, 404, `No API route for ${url.pathname}`);
  const method = req.method ?? 'GET';
  const handler = match.methods[method];
  if (handler === undefined) return sendMethodNotAllowed(res, method, Object.keys(match.methods));
  const isInstance = segments[1] === 'instances';
  if (match.id !== '' && isInstance && !ctx.instances.get(match.id))
    return sendError(res, 404, `Instance "${match.id}" not found`);
  if (match.id !== '' && !isInstance && !ctx.hub.has(match.id)) {
    return sendError(res, 404, `Run "${match.id}" not found`);
  }
  await handler(ctx, req, res, url, match.id);
}

const listRuns: Handler = (ctx, _req, res) => sendJson(res, 200, ctx.hub.list());

const getRun: Handler = (ctx, _req, res, _url, id) => sendJson(res, 200, ctx.hub.summary(id));

const streamEvents: Handler = (ctx, req, res, url, id) => streamRunEvents(ctx, req, res, id, url);

const exportJsonl: Handler = (ctx, _req, res, _url, id) => {
  const body = ctx.hub
    .events(id)
    .map((event) => `${JSON.stringify(event)}\n`)
    .join('');
  // Run ids may hold any character; keep the plain filename ASCII and offer the exact one
  // through RFC 6266 `filename*`.
  const fallback = `${id.replace(/[^\w.-]/g, '_')}.jsonl`;
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(`${id}.jsonl`)}`,
  });
  res.end(body);
};

const createRun: Handler = async (ctx, req, res) => {
  const read = await readBody(req, res, MAX_BODY_BYTES);
  if (read) startRun(ctx, res, read.body);
};

/** Starts a simulated or opens an external run (of `instance`, when given) and answers 201. */
function startRun(
  ctx: ApiContext,
  res: ServerResponse,
  body: unknown,
  instance?: { id: string; name: string },
): void {
  if (isExternalRequest(body)) {
    const id = `ext-${randomBytes(6).toString('hex')}`;
    ctx.hub.openExternal(id);
    // Started from an instance, the host writes the run event that ties the run to it.
    if (instance)
      ctx.hub.append({
        v: 1,
        run: id,
        seq: 0,
        time: Date.now(),
        type: 'run',
        data: { instance: instance.id, name: `${instance.name} · ${id}` },
      });
    const url = `/api/runs/${encodeURIComponent(id)}/events`;
    res.setHeader('Location', `/api/runs/${encodeURIComponent(id)}`);
    return sendJson(res, 201, { id, url, ingest: url });
  }
  const options = parseSimulationOptions(body);
  if ('error' in options) return sendError(res, 400, options.error);
  const id = ctx.simulator.start(options, instance);
  if (id === undefined) {
    return sendError(res, 429, 'Too many simulated runs in progress; try again when one ends');
  }
  const url = `/api/runs/${encodeURIComponent(id)}/events`;
  res.setHeader('Location', `/api/runs/${encodeURIComponent(id)}`);
  sendJson(res, 201, { id, url });
}

/** `{"external": true}`: a run fed by an outside producer instead of a simulation. */
function isExternalRequest(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as Record<string, unknown>)['external'] === true &&
    Object.keys(body).length === 1
  );
}

/** Largest NDJSON ingest body accepted: a producer sends more requests rather than one huge one. */
const MAX_INGEST_BYTES = 8 * 1024 * 1024;

const ingestEvents: Handler = async (ctx, req, res, _url, id) => {
  if (!ctx.hub.isExternal(id))
    return sendError(res, 409, `Run "${id}" is not fed by an outside producer`);
  if (!ctx.hub.isLive(id)) return sendError(res, 409, `Run "${id}" has finished`);
  const read = await readBody(req, res, MAX_INGEST_BYTES, readTextBody);
  if (!read) return;
  const result = ingestNdjson(ctx.hub, id, read.body, ctx.cancelGraceMs);
  // Acknowledged means kept: durable before the answer (one sync shared by the producers
  // that ask at the same time).
  await ctx.hub.durable();
  sendJson(res, 200, result);
};

/**
 * Cancels a live run. A simulated one stops at once and ends `cancelled` (200). For an external
 * one the request is recorded (202): every ingest answer from then on tells the producer, and
 * the run ends `cancelled` when the producer sends that status or, failing that, after the
 * grace period. A finished run answers 409.
 */
const cancelRun: Handler = async (ctx, _req, res, _url, id) => {
  if (!ctx.hub.isLive(id)) return sendError(res, 409, `Run "${id}" has finished`);
  if (ctx.simulator.cancel(id)) {
    await ctx.hub.durable();
    return sendJson(res, 200, { id, status: 'cancelled' });
  }
  if (!ctx.hub.isExternal(id))
    return sendError(res, 409, `Run "${id}" is not a simulation or an external run`);
  const first = ctx.hub.cancelRequestedAt(id) === undefined;
  ctx.hub.requestCancel(id);
  const requestedAt = ctx.hub.cancelRequestedAt(id)!;
  if (first) {
    const timer = setTimeout(() => {
      ctx.cancelTimers.delete(timer);
      if (!ctx.hub.isLive(id)) return;
      ctx.hub.append({
        v: 1,
        run: id,
        seq: ctx.hub.nextSeq(id),
        time: Date.now(),
        type: 'status',
        data: {
          status: 'cancelled',
          error: {
            type: 'CancelTimeout',
            message: `Cancelled by the host: the producer did not confirm within ${ctx.cancelGraceMs} ms.`,
          },
        },
      });
      ctx.hub.durable().catch((error: unknown) => console.error('demo-host: sync failed', error));
    }, ctx.cancelGraceMs);
    timer.unref();
    ctx.cancelTimers.add(timer);
  }
  sendJson(res, 202, {
    id,
    status: 'cancelling',
    cancel: { requestedAt, deadline: requestedAt + ctx.cancelGraceMs },
  });
};

function instanceRoute(
  id: string | undefined,
  tail: string | undefined,
  rest: string[],
): { methods: Record<string, Handler>; id: string } | undefined {
  if (rest.length > 0 || id === '') return undefined;
  if (id === undefined) return { methods: { GET: listInstances, POST: createInstance }, id: '' };
  if (tail === undefined) return { methods: { GET: getInstance }, id };
  if (tail === 'clone') return { methods: { POST: cloneInstance }, id };
  if (tail === 'runs') return { methods: { GET: instanceRuns, POST: startInstanceRun }, id };
  return undefined;
}

/** Largest instance body accepted: a configuration snapshot, not a dataset. */
const MAX_INSTANCE_BYTES = 256 * 1024;

/**
 * Reads a request body with `read` (JSON by default); on a bad or oversized body answers the
 * 400/413 itself and resolves undefined.
 */
async function readBody<T = unknown>(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  read: (req: IncomingMessage, limit: number) => Promise<T> = readJsonBody as never,
): Promise<{ body: T } | undefined> {
  try {
    return { body: await read(req, limit) };
  } catch (error) {
    if (error instanceof BodyError) {
      sendError(res, error.status, error.message);
      return undefined;
    }
    throw error;
  }
}

const runsOf = (ctx: ApiContext, instance: string) =>
  ctx.hub.list().filter((run) => run.instance === instance);

const listInstances: Handler = (ctx, _req, res) =>
  sendJson(
    res,
    200,
    ctx.instances.list().map(({ id, name, createdAt, clonedFrom }) => ({
      id,
      name,
      createdAt,
      clonedFrom,
      runs: runsOf(ctx, id).length,
    })),
  );

const createInstance: Handler = async (ctx, req, res) => {
  const read = await readBody(req, res, MAX_INSTANCE_BYTES);
  if (!read) return;
  const created = ctx.instances.create(read.body);
  if ('error' in created) return sendError(res, 400, created.error);
  res.setHeader('Location', `/api/instances/${encodeURIComponent(created.id)}`);
  sendJson(res, 201, created);
};

const getInstance: Handler = (ctx, _req, res, _url, id) =>
  sendJson(res, 200, { ...ctx.instances.get(id)!, runs: runsOf(ctx, id) });

const cloneInstance: Handler = async (ctx, req, res, _url, id) => {
  const read = await readBody(req, res, MAX_INSTANCE_BYTES);
  if (!read) return;
  const created = ctx.instances.create(read.body, ctx.instances.get(id));
  if ('error' in created) return sendError(res, 400, created.error);
  res.setHeader('Location', `/api/instances/${encodeURIComponent(created.id)}`);
  sendJson(res, 201, created);
};

const instanceRuns: Handler = (ctx, _req, res, _url, id) => sendJson(res, 200, runsOf(ctx, id));

const startInstanceRun: Handler = async (ctx, req, res, _url, id) => {
  const read = await readBody(req, res, MAX_BODY_BYTES);
  if (!read) return;
  startRun(ctx, res, read.body, ctx.instances.get(id));
};
