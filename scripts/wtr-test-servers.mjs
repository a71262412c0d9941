// Real servers for the browser transport tests, mounted on the test runner's dev server.
//
// Every route lives under /test-api/ and is driven by query parameters, so each test builds its
// own scenario under a unique `id` and afterwards reads what the server saw on /test-api/log.
//
//   GET /test-api/sse?id=…      Server-Sent Events, one event per message, `id:` = seq
//   WS  /test-api/ws/run?id=…   WebSocket, `batch` lines per message, text or `binary=1`
//   GET /test-api/ndjson?id=…   NDJSON in `chunk`-byte pieces every `delay` ms
//   POST /test-api/cancel?id=…  a cancel request: answers `status` (default 202) with
//                               `{"error": …}` when it is not 2xx; logged like a connection
//   GET /test-api/log?id=…      JSON: every connection of the scenario (see Connection)
//   GET /test-api/history?id=…  JSON run history that moves on with each request: request k
//                               shows run `r1` running (completed from k=3 with accuracy 0.91)
//                               and, from k=2, a new run `r2`; `fail=2` answers 500 on request 2
//
// Parameters shared by the event routes (see readScenario):
//   n=6          seqs 0..n-1 of run `run-1`: `run`, then `log`s, then a `completed` status
//   drop=2,4     the first connection to send one of these seqs stops right after it, without
//                a final status (a crash happens once: a resumed connection goes past it)
//   replay=2     a resumed connection starts this many seqs before its resume point
//   skip=5       seqs never sent
//   junk=1       after seq 0, a malformed and an invalid event; seq 1 has an unknown type
//   text=…       message of the `log` events (followed by ` <seq>`)
//   end=hold     keep the connection open after the last seq instead of closing it
// The resume point is `Last-Event-ID` (SSE) or else `?after=`.
import { WebSocketServer } from 'ws';

/** @typedef {import('koa').Context} Context */

/**
 * @typedef {object} Scenario What one test asked for.
 * @property {string} id Key of the server-side log.
 * @property {number} n Number of seqs.
 * @property {Set<number>} drop Seqs after which a connection drops (once each).
 * @property {Set<number>} skip Seqs never sent.
 * @property {number} replay Seqs sent again before the resume point.
 * @property {boolean} junk Whether to send the malformed, invalid and unknown-type events.
 * @property {string} text Message of the `log` events.
 * @property {boolean} hold Whether to keep the connection open at the end.
 */

/**
 * @typedef {object} Connection One connection as the server saw it.
 * @property {string | null} lastEventId The `Last-Event-ID` header (SSE only).
 * @property {string | null} after The `after` query parameter.
 * @property {string} [refused] Why the server refused it (`status 500`, `text/plain`).
 * @property {number} messages Messages (SSE, WebSocket) or chunks (NDJSON) sent.
 * @property {'client' | 'server'} [closedBy] Who closed it, once closed.
 * @property {number} [code] WebSocket close code.
 * @property {string} [reason] WebSocket close reason.
 * @property {string} [method] HTTP method (cancel requests).
 * @property {number} [status] HTTP status answered (cancel requests).
 */

const WS_PREFIX = '/test-api/ws/';
/** Connections kept open by `end=hold` are closed after this, so nothing lingers. */
const HOLD_MS = 30_000;
/** A line that is not JSON and an event with a bad level: both must become diagnostics. */
const JUNK = [
  'not json',
  JSON.stringify({
    v: 1,
    run: 'run-1',
    seq: 1,
    time: 0,
    type: 'log',
    data: { level: 'verbose', message: 'x' },
  }),
];

/** @type {Map<string, Connection[]>} */
const log = new Map();
/** Drop points already played, per scenario. @type {Map<string, Set<number>>} */
const playedDrops = new Map();

/** @param {URLSearchParams} q @returns {Scenario} */
function readScenario(q) {
  const seqs = (/** @type {string} */ name) =>
    new Set((q.get(name) ?? '').split(',').filter(Boolean).map(Number));
  return {
    id: q.get('id') ?? 'anonymous',
    n: Number(q.get('n') ?? 6),
    drop: seqs('drop'),
    skip: seqs('skip'),
    replay: Number(q.get('replay') ?? 0),
    junk: q.get('junk') === '1',
    text: q.get('text') ?? 'step',
    hold: q.get('end') === 'hold',
  };
}

/** Adds a connection to the scenario's log. @param {string} id @param {Partial<Connection>} seen */
function record(id, seen) {
  /** @type {Connection} */
  const connection = { lastEventId: null, after: null, messages: 0, ...seen };
  const list = log.get(id) ?? [];
  list.push(connection);
  log.set(id, list);
  return connection;
}

/** @param {string | null | undefined} value @returns {number | undefined} */
function resumePoint(value) {
  return value ? Number(value) : undefined;
}

/** Event `seq` of the scenario's run. @param {Scenario} s @param {number} seq */
function event(s, seq) {
  const base = { v: 1, run: 'run-1', seq, time: 1_767_225_600_000 + seq };
  if (seq === 0) return { ...base, type: 'run', data: { instance: 'wtr' } };
  if (seq === s.n - 1) return { ...base, type: 'status', data: { status: 'completed' } };
  if (seq === 1 && s.junk) return { ...base, type: 'metric_v2', data: { loss: 0.5 } };
  return { ...base, type: 'log', data: { level: 'info', message: `${s.text} ${seq}` } };
}

/**
 * What one connection sends, resuming after `resume`: lines (with their seq when they are
 * events) and whether it stops at a drop point rather than at the end of the run.
 * @param {Scenario} s @param {number | undefined} resume
 */
function plan(s, resume) {
  /** @type {{ seq?: number, text: string }[]} */
  const lines = [];
  const start = resume === undefined ? 0 : Math.max(0, resume + 1 - s.replay);
  const played = playedDrops.get(s.id) ?? new Set();
  playedDrops.set(s.id, played);
  for (let seq = start; seq < s.n; seq++) {
    if (!s.skip.has(seq)) lines.push({ seq, text: JSON.stringify(event(s, seq)) });
    if (seq === 0 && s.junk) lines.push(...JUNK.map((text) => ({ text })));
    if (s.drop.has(seq) && !played.has(seq)) {
      played.add(seq);
      return { lines, dropped: true };
    }
  }
  return { lines, dropped: false };
}

/** Ends a held connection after HOLD_MS unless it closes first. @param {() => void} end */
function holdOpen(end) {
  const timer = setTimeout(end, HOLD_MS);
  timer.unref();
  return () => clearTimeout(timer);
}

// The dev server's own middlewares run around ours and would buffer a streamed Koa body (to
// transform it), so the streaming routes write to the raw response (`ctx.respond = false`).

/** @param {Context} ctx @param {URLSearchParams} q */
function sse(ctx, q) {
  const s = readScenario(q);
  const refuse = new Set((q.get('refuse') ?? '').split(',').filter(Boolean).map(Number));
  const number = (log.get(s.id)?.length ?? 0) + 1;
  const lastEventId = ctx.get('last-event-id') || null;
  const connection = record(s.id, { lastEventId, after: q.get('after') });
  if (refuse.has(number)) {
    // Both make the EventSource give up (readyState CLOSED) instead of retrying by itself.
    const asType = q.get('refusal') === 'type';
    connection.refused = asType ? 'text/plain' : 'status 500';
    connection.closedBy = 'server';
    ctx.status = asType ? 200 : 500;
    ctx.type = 'text/plain';
    ctx.body = 'refused';
    return;
  }
  const { lines, dropped } = plan(s, resumePoint(lastEventId ?? q.get('after')));
  ctx.respond = false;
  const res = ctx.res;
  res.on('close', () => (connection.closedBy = res.writableEnded ? 'server' : 'client'));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.write('retry: 50\n\n'); // the browser's own reconnects, fast
  for (const line of lines) {
    res.write(`${line.seq === undefined ? '' : `id: ${line.seq}\n`}data: ${line.text}\n\n`);
    connection.messages++;
  }
  if (s.hold && !dropped)
    res.on(
      'close',
      holdOpen(() => res.end()),
    );
  else res.end();
}

/** @param {Context} ctx @param {URLSearchParams} q */
function cancel(ctx, q) {
  const status = Number(q.get('status') ?? 202);
  record(q.get('id') ?? 'anonymous', { method: ctx.method, status });
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.body = status < 300 ? { cancelling: true } : { error: 'the run cannot be cancelled now' };
}

/** @param {Context} ctx @param {URLSearchParams} q */
function history(ctx, q) {
  const id = q.get('id') ?? 'anonymous';
  const k = (log.get(id)?.length ?? 0) + 1;
  const fail = new Set((q.get('fail') ?? '').split(',').filter(Boolean).map(Number));
  record(id, { method: ctx.method, status: fail.has(k) ? 500 : 200 });
  ctx.set('cache-control', 'no-store');
  if (fail.has(k)) {
    ctx.status = 500;
    ctx.body = { error: 'history unavailable' };
    return;
  }
  const t0 = Date.UTC(2026, 0, 12, 9, 0, 0);
  const runs = [
    k >= 3
      ? {
          id: 'r1',
          name: 'first',
          status: 'completed',
          live: false,
          startedAt: t0,
          updatedAt: t0 + 65_000,
          results: { accuracy: 0.91 },
        }
      : {
          id: 'r1',
          name: 'first',
          status: 'running',
          live: true,
          startedAt: t0,
          updatedAt: t0 + 1000,
          results: {},
        },
  ];
  if (k >= 2)
    runs.push({
      id: 'r2',
      name: 'second',
      status: 'pending',
      live: true,
      startedAt: t0 + 3_600_000,
      updatedAt: t0 + 3_600_000,
      results: {},
    });
  ctx.body = runs;
}

/** @param {Context} ctx @param {URLSearchParams} q */
function ndjson(ctx, q) {
  const s = readScenario(q);
  const connection = record(s.id, { after: q.get('after') });
  const status = Number(q.get('status') ?? 200);
  if (status !== 200) {
    connection.refused = `status ${status}`;
    ctx.status = status;
    ctx.body = 'refused';
    return;
  }
  const chunk = Number(q.get('chunk') ?? 3);
  const delay = Number(q.get('delay') ?? 2);
  const { lines } = plan(s, resumePoint(q.get('after')));
  const bytes = Buffer.from(lines.map((l) => `${l.text}\n`).join(''));
  ctx.respond = false;
  const res = ctx.res;
  res.on('close', () => (connection.closedBy = res.writableEnded ? 'server' : 'client'));
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  const pump = async () => {
    // Tiny pieces with pauses, so the browser reads them apart: many cut a character in two.
    for (let i = 0; i < bytes.length && !res.destroyed; i += chunk) {
      res.write(bytes.subarray(i, i + chunk));
      connection.messages++;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (s.hold)
      res.on(
        'close',
        holdOpen(() => res.end()),
      );
    else res.end();
  };
  void pump().catch(() => res.destroy());
}

/** @param {import('ws').WebSocket} ws @param {URLSearchParams} q */
function webSocket(ws, q) {
  const s = readScenario(q);
  const batch = Number(q.get('batch') ?? 1);
  const binary = q.get('binary') === '1';
  const connection = record(s.id, { after: q.get('after') });
  const { lines, dropped } = plan(s, resumePoint(q.get('after')));
  const closeAs = (/** @type {number} */ code, /** @type {string} */ reason) => {
    connection.closedBy = 'server';
    ws.close(code, reason);
  };
  ws.on('close', (code, reason) => {
    connection.closedBy ??= 'client';
    connection.code = code;
    connection.reason = reason.toString();
  });
  for (let i = 0; i < lines.length; i += batch) {
    const text = lines
      .slice(i, i + batch)
      .map((l) => l.text)
      .join('\n');
    ws.send(binary ? Buffer.from(text) : text);
    connection.messages++;
  }
  if (dropped) closeAs(1012, 'restarting');
  else if (!s.hold) closeAs(1000, 'run over');
  else
    ws.on(
      'close',
      holdOpen(() => closeAs(1001, 'held too long')),
    );
}

/**
 * The dev-server plugin: HTTP routes on the Koa app, WebSocket upgrades under /test-api/ws/.
 * Other upgrades (the test runner's own socket) are left to their owners.
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function testServersPlugin() {
  const wss = new WebSocketServer({ noServer: true });
  return {
    name: 'athanor-test-servers',
    serverStart({ app, server }) {
      app.use(async (ctx, next) => {
        if (!ctx.path.startsWith('/test-api/')) return next();
        const q = new URLSearchParams(ctx.querystring);
        if (ctx.path === '/test-api/sse') return sse(ctx, q);
        if (ctx.path === '/test-api/ndjson') return ndjson(ctx, q);
        if (ctx.path === '/test-api/cancel' && ctx.method === 'POST') return cancel(ctx, q);
        if (ctx.path === '/test-api/history') return history(ctx, q);
        if (ctx.path !== '/test-api/log') return next();
        ctx.set('cache-control', 'no-store');
        ctx.body = log.get(q.get('id') ?? '') ?? [];
      });
      server?.on('upgrade', (req, socket, head) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith(WS_PREFIX)) return;
        wss.handleUpgrade(req, socket, head, (ws) => webSocket(ws, url.searchParams));
      });
    },
    serverStop() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      log.clear();
      playedDrops.clear();
    },
  };
}
