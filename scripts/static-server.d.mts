import type { Server } from 'node:http';

/** Serves `root` on 127.0.0.1 at an ephemeral port; directories answer with their index.html. */
export function serveDirectory(root: string): Promise<{ server: Server; baseUrl: string }>;
