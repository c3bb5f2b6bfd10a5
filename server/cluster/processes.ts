/**
 * The server processes sharing one Redis: each keeps a key `omni:process:<id>` alive with a
 * short expiry, so state a process left behind when it was killed (SIGKILL, a lost host) can be
 * told apart from state of a live process. Expiry runs on Redis's clock, not the hosts'.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from './redis-connection.js';

/** A process counts as gone this long after its last heartbeat. */
const PROCESS_TTL_MS = 15_000;
/** How often a process renews its key. */
const HEARTBEAT_MS = 5_000;

const processKey = (id: string): string => `${KEY_PREFIX}process:${id}`;

/** This process's heartbeat, and which other processes are alive. */
export class ProcessRegistry {
  /** This process's id on Redis. */
  readonly id = randomBytes(8).toString('hex');
  private readonly timer: NodeJS.Timeout;

  /** Starts the heartbeat at once. */
  constructor(private readonly redis: Redis) {
    this.beat();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.timer.unref();
    // Redis may come back empty (a restart without persistence): announce again at once.
    redis.on('ready', () => this.beat());
  }

  /** The ids among `ids` whose process is alive (this one always is). */
  async alive(ids: string[]): Promise<Set<string>> {
    const others = ids.filter((id) => id !== this.id);
    const alive = new Set(ids.includes(this.id) ? [this.id] : []);
    if (others.length === 0) return alive;
    const values = await this.redis.mget(others.map(processKey));
    others.forEach((id, index) => { if (values[index] !== null) alive.add(id); });
    return alive;
  }

  /** Stops the heartbeat and says goodbye (others stop counting this process at once). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(processKey(this.id)).catch(() => undefined);
  }

  private beat(): void {
    this.redis.set(processKey(this.id), '1', 'PX', PROCESS_TTL_MS).catch(() => undefined);
  }
}
