/**
 * What must be the same for every server process: the event bus, who has an events socket
 * open, the queues of SIP agents, the rate-limit counters and the per-address WebSocket cap. In-process without REDIS_URL
 * (the embedded default); in Redis with it, so processes behind a plain load balancer are
 * interchangeable. Sequences and everything durable live in the database, not here.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { LocalEventBus, type EventBus } from '../bus/event-bus.js';
import { RedisEventBus } from '../bus/redis-bus.js';
import type { ServerMetrics } from '../ops/metrics.js';
import { LiveSockets } from '../ws/events-socket.js';
import { RedisLiveSockets, type LiveSocketRegistry } from './live-sockets.js';
import { ProcessRegistry } from './processes.js';
import { connectRedis } from './redis-connection.js';
import { LocalSipAgents, RedisSipAgents, type SipAgentDirectory } from './sip-agents.js';
import { RedisSocketCap, type SocketCap } from './socket-cap.js';

/** The shared state of one process. */
export interface SharedState {
  bus: EventBus;
  liveSockets: LiveSocketRegistry;
  sipAgents: SipAgentDirectory;
  /** The command connection for @fastify/rate-limit's Redis store (absent: counters in memory). */
  rateLimitRedis?: Redis;
  /** The per-address WebSocket cap across processes (absent: counted in this process). */
  socketCap?: SocketCap;
  /** Round trip to Redis, for readiness (absent without Redis). */
  pingRedis?: (timeoutMs: number) => Promise<number>;
  /** Leaves Redis (this process's registrations go with it). */
  close(): Promise<void>;
}

/** In-process state, or Redis-backed state when `redisUrl` is set (rejects if Redis cannot be reached at start). */
export async function openSharedState(redisUrl: string, log: FastifyBaseLogger, metrics: ServerMetrics): Promise<SharedState> {
  if (!redisUrl) {
    return { bus: new LocalEventBus(), liveSockets: new LiveSockets(), sipAgents: new LocalSipAgents(), close: async () => {} };
  }
  const failed = () => metrics.error('redis');
  const redis = await connectRedis(redisUrl, log, failed);
  const processes = new ProcessRegistry(redis.commands);
  return {
    bus: new RedisEventBus(redis.commands, redis.subscriber, { delivered: (seconds) => metrics.busDelivered(seconds), failed }),
    liveSockets: new RedisLiveSockets(redis.commands, processes, failed),
    sipAgents: new RedisSipAgents(redis.commands),
    rateLimitRedis: redis.commands,
    socketCap: new RedisSocketCap(redis.commands, processes, failed),
    pingRedis: (timeoutMs) => redis.ping(timeoutMs),
    async close() {
      await processes.stop();
      await redis.close();
    },
  };
}
