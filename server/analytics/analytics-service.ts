/**
 * Live queue figures for the analytics sockets of this process. A queue is watched while at least
 * one socket here follows it: its figures are recomputed from the database (the event log and the
 * agents' records) shortly after anything on the bus concerns it (its conversations' events, its
 * agents' presence, a resync), debounced, and every `refreshMs` (waits growing past the service
 * level, agents' records, the day's rollover). Listeners hear only figures that changed. With
 * Redis the bus carries other processes' changes, so every process computes the same figures.
 */
import type { QueueFigures } from '../../src/core/protocol.js';
import { queueTopic, supervisorTopic, type BusMessage, type EventBus } from '../bus/event-bus.js';
import type { Store } from '../store/store.js';
import { dayStart, queueFigures } from './queue-figures.js';

/** How the service is set up. */
export interface AnalyticsOptions {
  store: Store;
  bus: EventBus;
  /** First reply within this many seconds meets the service level. */
  slaSeconds: number;
  /** Changes closer together than this are computed once (default 250 ms). */
  debounceMs?: number;
  /** Figures are recomputed at least this often while watched (default 15 s). */
  refreshMs?: number;
  /** A recompute that failed (logged by the caller; the figures stay as they were). */
  onError?: (error: unknown) => void;
  /** The clock (tests). */
  now?: () => number;
}

/** Hears a queue's figures whenever they change. */
export type FiguresListener = (figures: QueueFigures) => void;

/** Event types that change no figure. */
const IRRELEVANT_EVENTS = new Set(['read', 'contact', 'participant.joined']);

/** One watched queue. */
class QueueWatch {
  readonly listeners = new Set<FiguresListener>();
  figures: QueueFigures | undefined;
  private text = '';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly unsubscribe: () => void;
  private readonly refresh: NodeJS.Timeout;
  /** Settles once the first figures are known. */
  readonly first: Promise<void>;

  constructor(
    readonly queue: string,
    private readonly service: AnalyticsService,
    private readonly options: AnalyticsOptions,
  ) {
    this.unsubscribe = options.bus.subscribe([queueTopic(queue), supervisorTopic(queue)], (message) => this.heard(message));
    this.refresh = setInterval(() => this.changed(), options.refreshMs ?? 15_000);
    this.refresh.unref();
    this.first = this.compute();
  }

  /** Something on the bus: recompute soon if it may change a figure (lifecycle events, messages, presence, a resync). */
  private heard(message: BusMessage): void {
    const relevant = message.type === 'event' ? !IRRELEVANT_EVENTS.has(message.event.type) : message.type === 'presence' || message.type === 'resync';
    if (relevant) this.changed();
  }

  /** Recomputes after the debounce (changes meanwhile share the run; a change during a run makes another). */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.compute();
    }, this.options.debounceMs ?? 250);
  }

  private compute(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.computeNow()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.compute();
        }
      });
    return this.running;
  }

  private async computeNow(): Promise<void> {
    const { store, slaSeconds } = this.options;
    const now = this.service.now();
    const since = dayStart(now);
    const [log, agents] = await Promise.all([store.analyticsLog([this.queue], new Date(since).toISOString()), store.listAgents([this.queue])]);
    const figures = queueFigures({ queue: this.queue, log, agents, since, now, slaSeconds });
    const text = JSON.stringify(figures);
    // Only the hours array grows on its own; everything else changes with the data.
    if (text === this.text) return;
    this.text = text;
    this.figures = figures;
    for (const listener of this.listeners) listener(figures);
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.refresh);
    clearTimeout(this.timer);
  }
}

/** Watches queues for this process's analytics sockets. */
export class AnalyticsService {
  private readonly watches = new Map<string, QueueWatch>();

  constructor(private readonly options: AnalyticsOptions) {}

  /** The clock in ms. */
  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The service level threshold in seconds. */
  get slaSeconds(): number {
    return this.options.slaSeconds;
  }

  /** Follows `queue`: `listener` hears every change; returns the stop function. */
  watch(queue: string, listener: FiguresListener): () => void {
    let watch = this.watches.get(queue);
    if (!watch) this.watches.set(queue, (watch = new QueueWatch(queue, this, this.options)));
    watch.listeners.add(listener);
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size > 0 || this.watches.get(queue) !== watch) return;
      watch.close();
      this.watches.delete(queue);
    };
  }

  /** The current figures of a watched queue (waits for the first computation); undefined when it could not be computed. */
  async figures(queue: string): Promise<QueueFigures | undefined> {
    const watch = this.watches.get(queue);
    if (!watch) return undefined;
    await watch.first;
    return watch.figures;
  }

  /** The latest figures of a watched queue, as they are right now (undefined before the first computation). */
  latest(queue: string): QueueFigures | undefined {
    return this.watches.get(queue)?.figures;
  }

  /** Stops every watch (server shutdown). */
  close(): void {
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
  }
}
