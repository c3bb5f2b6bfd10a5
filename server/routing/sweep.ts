/**
 * The periodic sweep of each process. Presence's own Offline timer lives in the process where an
 * agent's last socket closed, so it dies with that process (a SIGKILL, a crash): the sweep
 * finds agents that are not Offline yet have no events socket on any live process, and after
 * `offlineAfterMs` of that sets them Offline (which returns their conversations to the queue).
 * It also routes every queue with waiting conversations, so nothing waits on a trigger that was
 * lost (a process that died mid-run, a row skipped because another transaction held it).
 */
import { agentParticipantId, type PresenceService } from '../agents/presence.js';
import type { LiveSocketRegistry } from '../cluster/live-sockets.js';
import type { Store } from '../store/store.js';
import type { Router } from './router.js';

/** What the sweep needs. */
export interface SweepOptions {
  store: Store;
  router: Router;
  presence: PresenceService;
  liveSockets: LiveSocketRegistry;
  offlineAfterMs: number;
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/** Runs the sweep every `intervalMs` until stopped. */
export class RoutingSweep {
  /** Agents seen without a socket, and since when (this process's view). */
  private readonly goneSince = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;

  constructor(private readonly options: SweepOptions) {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error) => options.onError?.(error))
        .finally(() => { this.running = undefined; });
    }, options.intervalMs);
    this.timer.unref();
  }

  /** One sweep: stale presence first, then routing. */
  async sweep(now = Date.now()): Promise<void> {
    const { store, liveSockets, presence, router, offlineAfterMs } = this.options;
    const present = (await store.listAgents()).filter((agent) => agent.presence.status !== 'offline');
    const seen = new Set<string>();
    for (const agent of present) {
      seen.add(agent.id);
      if (await liveSockets.has(agentParticipantId(agent.id))) {
        this.goneSince.delete(agent.id);
        continue;
      }
      // Gone since the later of: first seen gone here, or the presence was set (an agent may set it before connecting).
      const since = Math.max(this.goneSince.get(agent.id) ?? now, Date.parse(agent.presence.since) || 0);
      this.goneSince.set(agent.id, since);
      if (now - since >= offlineAfterMs) {
        this.goneSince.delete(agent.id);
        await presence.offlineIfGone(agentParticipantId(agent.id));
      }
    }
    for (const id of this.goneSince.keys()) if (!seen.has(id)) this.goneSince.delete(id);
    await router.routeAll(await store.waitingQueues());
  }

  /** Stops the sweep and waits for a run in progress. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
