/**
 * Whether any agent of a queue is Available now, for the public availability of an integration.
 * Only a yes or no leaves here (no agent identities). Answers are cached per queue for a short
 * time, and dropped at once when a presence change of the queue goes by on the bus (it reaches
 * every process with Redis), so the public settings route does not read the agents per request.
 */
import { supervisorTopic, type EventBus } from '../bus/event-bus.js';
import type { Store } from '../store/store.js';

/** How long an answer is reused when no presence change was seen (a backstop: queue edits are not announced). */
export const AGENTS_AVAILABLE_TTL_MS = 5000;

interface Cached {
  value: Promise<boolean>;
  at: number;
}

/** Answers "is any agent of this queue Available?" from the store, cached briefly. */
export class QueueAvailability {
  private readonly cache = new Map<string, Cached>();
  private readonly unsubscribes = new Map<string, () => void>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly ttlMs = AGENTS_AVAILABLE_TTL_MS,
  ) {}

  /** True when at least one enabled agent serving `queue` is Available. */
  anyAvailable(queue: string, now = Date.now()): Promise<boolean> {
    const cached = this.cache.get(queue);
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    this.watch(queue);
    const value = this.store.listAgents([queue]).then((agents) => agents.some((agent) => agent.enabled && agent.presence.status === 'available'));
    this.cache.set(queue, { value, at: now });
    // A failed read is not kept.
    value.catch(() => this.cache.delete(queue));
    return value;
  }

  /** Stops listening for presence changes (server shutdown). */
  close(): void {
    for (const unsubscribe of this.unsubscribes.values()) unsubscribe();
    this.unsubscribes.clear();
    this.cache.clear();
  }

  /** Drops the queue's answer whenever an agent of it changes presence (announced to the queue's supervisors' topic). */
  private watch(queue: string): void {
    if (this.unsubscribes.has(queue)) return;
    this.unsubscribes.set(queue, this.bus.subscribe([supervisorTopic(queue)], (message) => {
      if (message.type === 'presence' || message.type === 'resync') this.cache.delete(queue);
    }));
  }
}
