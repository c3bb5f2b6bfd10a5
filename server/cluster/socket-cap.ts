/**
 * The cap on concurrent WebSockets per IP address: counted in this process by default, and
 * across every process through Redis with REDIS_URL (hash `omni:ws-per-ip:<address>`, one field
 * per process, fields of processes that are gone ignored and pruned), so a balancer spreading
 * one address over N processes does not multiply the cap by N.
 */
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from './redis-connection.js';
import type { ProcessRegistry } from './processes.js';

/** Counts sockets per address against a maximum. */
export interface SocketCap {
  /** Counts one more socket of `address`: its release function, or undefined when `max` are already open. */
  acquire(address: string, max: number): Promise<(() => void) | undefined>;
}

/** The cap of one process. */
export class LocalSocketCap implements SocketCap {
  private readonly open = new Map<string, number>();

  async acquire(address: string, max: number): Promise<(() => void) | undefined> {
    const count = this.open.get(address) ?? 0;
    if (count >= max) return undefined;
    this.open.set(address, count + 1);
    return once(() => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
  }
}

/** Decrements a field and drops it at zero (never below: Redis may have restarted empty meanwhile). */
const RELEASE = `local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return left`;

const capKey = (address: string): string => `${KEY_PREFIX}ws-per-ip:${address}`;

/** The cap shared by every process on one Redis. */
export class RedisSocketCap implements SocketCap {
  /** What this process has counted in Redis, to put back if Redis comes back empty. */
  private readonly counted = new Map<string, number>();

  /** Counts in `redis`; `onError` counts failures (then the socket is capped by this process's count alone). */
  constructor(
    private readonly redis: Redis,
    private readonly processes: ProcessRegistry,
    private readonly onError: () => void = () => {},
    private readonly fallback = new LocalSocketCap(),
  ) {
    redis.on('ready', () => {
      for (const [address, count] of this.counted) {
        this.redis.hset(capKey(address), this.processes.id, count).then(() => this.redis.expire(capKey(address), 86_400)).catch(onError);
      }
    });
  }

  async acquire(address: string, max: number): Promise<(() => void) | undefined> {
    const key = capKey(address);
    let fields: Record<string, string>;
    try {
      const results = await this.redis.multi().hincrby(key, this.processes.id, 1).expire(key, 86_400).hgetall(key).exec();
      fields = (results?.[2]?.[1] ?? {}) as Record<string, string>;
    } catch {
      this.onError();
      return this.fallback.acquire(address, max);
    }
    this.counted.set(address, (this.counted.get(address) ?? 0) + 1);
    const release = once(() => {
      const left = (this.counted.get(address) ?? 1) - 1;
      if (left > 0) this.counted.set(address, left);
      else this.counted.delete(address);
      this.redis.eval(RELEASE, 1, key, this.processes.id).catch(this.onError);
    });
    try {
      const alive = await this.processes.alive(Object.keys(fields));
      const gone = Object.keys(fields).filter((id) => !alive.has(id));
      if (gone.length > 0) this.redis.hdel(key, ...gone).catch(this.onError);
      const total = [...alive].reduce((sum, id) => sum + Math.max(0, Number(fields[id] ?? 0)), 0);
      if (total <= max) return release;
    } catch {
      this.onError();
      release();
      return this.fallback.acquire(address, max);
    }
    release();
    return undefined;
  }
}

/** `action`, callable any number of times, done once. */
function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
