/**
 * The baseline of the ingest figures: the least a server must do with the same request. It
 * reads the body, splits it into lines, `JSON.parse`s each and answers a small JSON, over the
 * same `node:http` transport, in its own process like the host. Nothing is validated, stored,
 * made durable or broadcast: the host's throughput as a ratio of this one is what those cost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveBenchmark } from './child.ts';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let accepted = 0;
    let lastSeq = -1;
    for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
      if (line === '') continue;
      lastSeq = (JSON.parse(line) as { seq: number }).seq;
      accepted++;
    }
    const text = JSON.stringify({ accepted, duplicates: 0, rejected: [], lastSeq, live: true });
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveBenchmark(`http://127.0.0.1:${port}/`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
