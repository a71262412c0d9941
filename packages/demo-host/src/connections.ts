import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Knows which sockets are serving a request, so shutting down can drop the others at once.
 * `server.closeIdleConnections()` is not enough: it skips sockets that never sent a request
 * (fetch/undici opens spare ones), and keep-alive sockets whose last response is still
 * flushing become idle only after it ran. Either would hold `close()` for seconds.
 */
export class ConnectionTracker {
  /** Requests in flight per open socket. */
  private readonly inFlight = new Map<Socket, number>();
  private draining = false;

  /** Starts tracking the server's connections and requests. */
  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      if (this.draining) return void socket.destroy();
      this.inFlight.set(socket, 0);
      socket.on('close', () => this.inFlight.delete(socket));
    });
    server.on('request', (req, res) => {
      const { socket } = req;
      this.adjust(socket, +1);
      res.on('close', () => this.adjust(socket, -1));
    });
  }

  /** Destroys idle sockets now and every other socket as soon as its last response ends. */
  drain(): void {
    this.draining = true;
    for (const [socket, count] of this.inFlight) if (count === 0) socket.destroy();
  }

  private adjust(socket: Socket, delta: number): void {
    const count = this.inFlight.get(socket);
    // A socket already gone (client hung up) must not be re-added.
    if (count === undefined) return;
    this.inFlight.set(socket, count + delta);
    // 'close' of a response follows 'finish', so its bytes are with the OS by now.
    if (this.draining && count + delta === 0) socket.destroy();
  }
}
