/**
 * Who has an events socket open, across processes: a customer whose socket is on process B
 * must not get a Web Push for a reply posted on process A. Each process counts its own sockets
 * and keeps, per participant with at least one, its id in the Redis set `omni:live:<participant>`;
 * members of processes that are gone are ignored and pruned.
 */
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from './redis-connection.js';
import type { ProcessRegistry } from './processes.js';
import { LiveSockets } from '../ws/events-socket.js';

/** Who can be reached live (customers without a socket get replies by Web Push). */
export interface LiveSocketRegistry {
  /** A socket of `participantId` authenticated. */
  opened(participantId: string): void;
  /** A socket of `participantId` closed. */
  closed(participantId: string): void;
  /** True while the participant has at least one socket open on any process. */
  has(participantId: string): boolean | Promise<boolean>;
}

const liveKey = (participantId: string): string => `${KEY_PREFIX}live:${participantId}`;

/** The registry shared through Redis. */
export class RedisLiveSockets implements LiveSocketRegistry {
  private readonly local = new LiveSockets();
  private readonly participants = new Set<string>();

  /** Writes through `redis`; `onError` counts failures (a failed write never fails a socket). */
  constructor(
    private readonly redis: Redis,
    private readonly processes: ProcessRegistry,
    private readonly onError: () => void = () => {},
  ) {
    // Redis may come back empty: put this process's sockets back.
    redis.on('ready', () => {
      for (const participantId of this.participants) this.redis.sadd(liveKey(participantId), this.processes.id).catch(this.onError);
    });
  }

  opened(participantId: string): void {
    this.local.opened(participantId);
    if (this.participants.has(participantId)) return;
    this.participants.add(participantId);
    this.redis.sadd(liveKey(participantId), this.processes.id).catch(this.onError);
  }

  closed(participantId: string): void {
    this.local.closed(participantId);
    if (this.local.has(participantId) || !this.participants.delete(participantId)) return;
    this.redis.srem(liveKey(participantId), this.processes.id).catch(this.onError);
  }

  async has(participantId: string): Promise<boolean> {
    if (this.local.has(participantId)) return true;
    try {
      const members = (await this.redis.smembers(liveKey(participantId))).filter((id) => id !== this.processes.id);
      if (members.length === 0) return false;
      const alive = await this.processes.alive(members);
      const gone = members.filter((id) => !alive.has(id));
      if (gone.length > 0) this.redis.srem(liveKey(participantId), ...gone).catch(this.onError);
      return alive.size > 0;
    } catch {
      // Unknown: a push too many beats a reply the customer never hears of.
      this.onError();
      return false;
    }
  }
}
