/**
 * Graceful shutdown within a bound: once it begins, readiness turns 503 and new WebSocket
 * upgrades are refused (503, so clients reconnect to another process); every open WebSocket
 * (events and SIP) is sent 1001 Going Away; a peer that has not closed when the bound is up is
 * cut (TCP terminated) instead of holding the process for ws's 30 s close timeout.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocketServer } from 'ws';
import { CloseCode } from '../../src/core/protocol.js';
import { HttpError } from '../http/errors.js';
import { isUpgrade } from '../http/traffic-guards.js';

/** The draining state of one server instance. */
export class Shutdown {
  private started = false;

  /** True once shutdown began. */
  get draining(): boolean {
    return this.started;
  }

  /** Refuses new WebSocket upgrades while draining (plain HTTP requests are still served until the listener closes). */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      if (this.started && isUpgrade(request)) throw new HttpError(503, 'server-error', 'The server is shutting down; reconnect.');
    });
  }

  /** Sends 1001 to every WebSocket and resolves when all have closed, cutting the rest after `boundMs`. */
  async drain(sockets: WebSocketServer, boundMs: number): Promise<void> {
    this.started = true;
    const open = () => [...sockets.clients];
    for (const socket of open()) {
      try {
        socket.close(CloseCode.goingAway, 'Server shutting down.');
      } catch {
        socket.terminate();
      }
    }
    const deadline = Date.now() + boundMs;
    while (open().length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const socket of open()) socket.terminate();
  }
}

/** Makes SIGTERM and SIGINT close `server` and exit 0 (1 if closing failed or overran `boundMs` by far). */
export function exitOnSignals(server: { close(): Promise<void> }, boundMs: number): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // A last resort: closing is bounded by design, but a hung database driver must not keep the process.
      setTimeout(() => process.exit(1), boundMs + 5_000).unref();
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
