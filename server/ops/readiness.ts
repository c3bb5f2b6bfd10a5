/**
 * `GET /readyz`: may a load balancer send traffic here? 200 when the database and (with
 * REDIS_URL) Redis answer within a bound, else 503 naming what failed; 503 too once the server is
 * shutting down, so balancers stop routing to it while its sockets drain. `/healthz` (alive)
 * stays 200 throughout.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';

/** How long each dependency may take to answer. */
const CHECK_TIMEOUT_MS = 2_000;

/** The state of one dependency in the answer. */
type CheckResult = 'ok' | 'unreachable' | 'timeout';

/** What readiness looks at. */
export interface ReadinessSources {
  store: Store;
  /** Round trip to Redis (absent without REDIS_URL). */
  pingRedis?: (timeoutMs: number) => Promise<unknown>;
  /** True once shutdown began. */
  draining: () => boolean;
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => { timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS); });
  try {
    return await Promise.race([probe().then((): CheckResult => 'ok', (): CheckResult => 'unreachable'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Registers `GET /readyz`. */
export function readinessRoute(app: FastifyInstance, sources: ReadinessSources): void {
  app.get('/readyz', async (_request, reply) => {
    const [database, redis] = await Promise.all([
      // Any read is a round trip through the store's connection (or pool); an id that never exists keeps it cheap.
      check(() => sources.store.getIntegration('readyz-probe')),
      sources.pingRedis ? check(() => sources.pingRedis!(CHECK_TIMEOUT_MS)) : undefined,
    ]);
    const checks = { database, ...(redis ? { redis } : {}) };
    const failed = Object.entries(checks).filter(([, result]) => result !== 'ok').map(([name]) => name);
    reply.header('cache-control', 'no-store');
    if (sources.draining()) return reply.status(503).send({ status: 'shutting-down', checks });
    if (failed.length > 0) return reply.status(503).send({ status: 'unavailable', failed, checks });
    return { status: 'ready', checks };
  });
}
