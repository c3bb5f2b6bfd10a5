/**
 * Admission control: under overload the server answers 503 with `Retry-After` at once instead of
 * queueing without bound. Overload is either too many HTTP requests in flight in this process
 * (`maxInFlight`) or an event loop lagging more than `maxEventLoopDelayMs` throughout the last half
 * second (the median of `perf_hooks.monitorEventLoopDelay`: sustained lag, not one long task or GC
 * pause). `/healthz`, `/readyz` and
 * `/metrics` are always answered; WebSocket upgrades are not counted as in flight (a socket lives
 * long) but are refused while the loop lags.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors.js';
import { isUpgrade } from '../http/traffic-guards.js';

/** How often the event-loop delay is judged. */
const WINDOW_MS = 500;
/** Paths answered whatever the load (probes and scrapes must see an overloaded process). */
const ALWAYS_ANSWERED = new Set(['/healthz', '/readyz', '/metrics']);

/** The limits of admission control. */
export interface AdmissionLimits {
  /** HTTP requests in flight in this process at most; one more gets 503. */
  maxInFlight: number;
  /** Event-loop delay (the median over the last window, ms) above which new requests get 503. */
  maxEventLoopDelayMs: number;
  /** The `Retry-After` of a 503, in seconds. */
  retryAfterSeconds: number;
}

/** Counts requests in flight and watches the event loop; refuses work beyond the limits. */
export class Admission {
  private inFlight = 0;
  private lagging = false;
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly limits: AdmissionLimits) {}

  /** Starts watching the event loop (once the server is ready: its own start-up is one long task, not overload). */
  private watch(): void {
    if (this.timer) return;
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.lagging = this.histogram.count > 0 && this.histogram.percentile(50) / 1e6 > this.limits.maxEventLoopDelayMs;
      this.histogram.reset();
    }, WINDOW_MS);
    this.timer.unref();
  }

  /** Requests in flight right now. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Installs the hook (first of all `onRequest` hooks, so refused work costs nothing more). */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      if (ALWAYS_ANSWERED.has(request.url.split('?')[0]!)) return;
      const upgrade = isUpgrade(request);
      const full = !upgrade && this.inFlight >= this.limits.maxInFlight;
      if (full || this.lagging) {
        reply.header('retry-after', String(this.limits.retryAfterSeconds));
        throw new HttpError(503, 'server-error', `The server is overloaded; retry after ${this.limits.retryAfterSeconds} s.`);
      }
      if (upgrade) return;
      this.inFlight += 1;
      // 'close' fires once whether the response finished or the connection went away.
      reply.raw.once('close', () => {
        this.inFlight -= 1;
      });
    });
    app.addHook('onReady', async () => this.watch());
    app.addHook('onClose', async () => this.close());
  }

  /** Stops watching the event loop. */
  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
