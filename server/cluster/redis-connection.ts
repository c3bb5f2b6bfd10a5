/**
 * The Redis connections of one server process (`REDIS_URL`): one for commands (rate-limit
 * counters, shared registries, publishing) and one for subscriptions (a subscribed connection
 * can do nothing else). The command connection never queues while Redis is away, so a request
 * fails fast (or skips the limit) instead of hanging; the subscriber re-subscribes by itself.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

/** Prefix of every key and channel this server uses, so a Redis can be shared with other software. */
export const KEY_PREFIX = 'omni:';

/** The two connections, and how to end them. */
export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  /** Resolves with the round trip of a PING, or rejects within `timeoutMs`. */
  ping(timeoutMs: number): Promise<number>;
  /** Closes both (QUIT, then disconnect if Redis does not answer within 1 s). */
  close(): Promise<void>;
}

/** `redis://user:secret@host` without the secret, for messages and logs. */
export const redactedUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** Opens both connections; rejects (with the URL, never its password) when Redis cannot be reached at start. */
export async function connectRedis(url: string, log: FastifyBaseLogger, onError: () => void = () => {}): Promise<RedisConnections> {
  const common: RedisOptions = {
    lazyConnect: true,
    connectTimeout: 5_000,
    // Back off up to 2 s between reconnection attempts, for ever: Redis may come back.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
  const commands = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000, enableAutoPipelining: true });
  const subscriber = new Redis(url, { ...common, autoResubscribe: true, maxRetriesPerRequest: null });
  for (const [name, connection] of [['commands', commands], ['subscriber', subscriber]] as const) {
    let healthy = true;
    connection.on('error', (error: Error) => {
      onError();
      // One line per outage, not one per reconnection attempt.
      if (healthy) log.error(`redis (${name}) unreachable at ${redactedUrl(url)}: ${error.message}`);
      healthy = false;
    });
    connection.on('ready', () => {
      if (!healthy) log.warn(`redis (${name}) reachable again`);
      healthy = true;
    });
  }
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw new Error(`REDIS_URL: cannot reach ${redactedUrl(url)} (${error instanceof Error ? error.message : String(error)})`);
  }
  const quit = async (connection: Redis) => {
    const timer = setTimeout(() => connection.disconnect(), 1_000);
    try {
      await connection.quit();
    } catch {
      connection.disconnect();
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    commands,
    subscriber,
    async ping(timeoutMs) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          commands.ping(),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), timeoutMs); }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      return performance.now() - started;
    },
    async close() {
      await Promise.all([quit(commands), quit(subscriber)]);
    },
  };
}
