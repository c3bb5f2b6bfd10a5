/**
 * Prometheus metrics (prom-client), one registry per server instance: open sockets by kind,
 * messages appended, HTTP latency by route, bus publish-to-delivery latency across processes,
 * errors by source, and the process's CPU, memory, descriptors and event-loop lag.
 *
 * `GET /metrics` is not public: with `metricsToken` set (OMNI_METRICS_TOKEN) it needs
 * `Authorization: Bearer <token>` from any address; without one it answers only a direct
 * loopback connection, and a request that carries forwarding headers (it came through a
 * proxy, even one on this machine) is refused.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { errorBody } from '../http/errors.js';
import { isLoopback } from '../http/demo.js';
import { isUpgrade } from '../http/traffic-guards.js';

/** Where an error was counted. */
export type ErrorSource = 'http' | 'redis' | 'logged';

/** The metrics of one server instance. */
export class ServerMetrics {
  /** Everything below, in the Prometheus text format on `GET /metrics`. */
  readonly registry = new Registry();
  private readonly messages = new Counter({ name: 'omni_messages_appended_total', help: 'Messages stored (repeats of a clientMessageId not counted).', registers: [this.registry] });
  private readonly errors = new Counter({ name: 'omni_errors_total', help: 'Errors: 5xx responses (http), Redis failures (redis), error-level log lines (logged).', labelNames: ['source'] as const, registers: [this.registry] });
  private readonly http = new Histogram({
    name: 'omni_http_request_duration_seconds',
    help: 'HTTP request latency by route template (WebSocket upgrades not included).',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly bus = new Histogram({
    name: 'omni_bus_delivery_seconds',
    help: 'Publish-to-delivery latency of bus messages from other processes (Redis); hosts\' clocks must agree.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly started = new WeakMap<FastifyRequest, bigint>();

  /** `openSockets` counts the WebSockets open right now, read at each scrape. */
  constructor(openSockets: () => { events: number; sip: number }) {
    new Gauge({
      name: 'omni_open_sockets',
      help: 'WebSockets open right now, by kind (events, sip).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const counts = openSockets();
        this.set({ kind: 'events' }, counts.events);
        this.set({ kind: 'sip' }, counts.sip);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'omni_' });
  }

  /** A message was stored. */
  messageAppended(): void {
    this.messages.inc();
  }

  /** Counts one error. */
  error(source: ErrorSource): void {
    this.errors.inc({ source });
  }

  /** A bus message from another process arrived `seconds` after it was published. */
  busDelivered(seconds: number): void {
    this.bus.observe(seconds);
  }

  /** pino hooks for the server's logger: every error-level line is counted. */
  loggerHooks() {
    const count = () => this.error('logged');
    return {
      logMethod(this: unknown, args: Parameters<(...a: unknown[]) => void>, method: (...a: unknown[]) => void, level: number) {
        if (level >= 50) count();
        method.apply(this, args);
      },
    };
  }

  /** Times every HTTP request and registers `GET /metrics`. */
  install(app: FastifyInstance, token: string): void {
    app.addHook('onRequest', async (request) => {
      this.started.set(request, process.hrtime.bigint());
    });
    app.addHook('onResponse', async (request, reply) => {
      const started = this.started.get(request);
      if (started === undefined || isUpgrade(request)) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Route templates only (`/v1/conversations/:id`), never raw URLs: bounded label values.
      const route = request.routeOptions.url ?? 'unmatched';
      this.http.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
      if (reply.statusCode >= 500) this.error('http');
    });
    app.get('/metrics', async (request, reply) => {
      if (!mayScrape(request, token)) {
        return reply.status(403).send(errorBody('forbidden', token
          ? 'Metrics need Authorization: Bearer <OMNI_METRICS_TOKEN>.'
          : 'Metrics are served to direct loopback connections only; set OMNI_METRICS_TOKEN to scrape from elsewhere.'));
      }
      reply.header('content-type', this.registry.contentType).header('cache-control', 'no-store');
      return this.registry.metrics();
    });
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The scrape rule of the module comment. */
function mayScrape(request: FastifyRequest, token: string): boolean {
  if (token) {
    const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(digest(given), digest(token));
  }
  const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => request.headers[name] !== undefined);
  return !forwarded && isLoopback(request.socket.remoteAddress ?? '');
}
