/**
 * Guards against hostile traffic, installed before any route: HTTP timeouts (a body that never
 * completes is cut), rate limits per IP address and per bearer token, a cap on concurrent
 * WebSockets per IP address, refusal of credentials in URLs, and a refused WebSocket upgrade
 * always closing its socket (Node hands an upgrade's socket over to us, so nobody else will).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { LocalSocketCap, type SocketCap } from '../cluster/socket-cap.js';
import { hasCredentialInQuery } from '../auth/caller.js';
import type { ServerConfig } from '../config.js';
import { HttpError, errorBody } from './errors.js';

/** Longest wait for a request's headers (never more than the whole request's timeout). */
const HEADERS_TIMEOUT_MS = 10_000;
/** How long a refused upgrade's socket may take to flush its answer before it is destroyed. */
const REFUSED_UPGRADE_LINGER_MS = 2_000;
/** fastify's keep-alive default: longer than the 60 s idle timeout of common load balancers. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** The fastify (and Node http server) options that bound how long a client may take, and answer malformed URLs. */
export function trafficOptions(config: ServerConfig) {
  const requestTimeout = config.requestTimeoutMs;
  return {
    frameworkErrors,
    requestTimeout,
    connectionTimeout: config.idleTimeoutMs,
    keepAliveTimeout: Math.min(KEEP_ALIVE_TIMEOUT_MS, config.idleTimeoutMs),
    http: {
      requestTimeout,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      // Node checks the two timeouts on this interval (30 s by default, which would double a 30 s bound).
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(requestTimeout / 4))),
    },
  };
}

/** True for a request that arrived as an HTTP upgrade (a WebSocket handshake): its socket is ours to close. */
export const isUpgrade = (request: FastifyRequest): boolean => (request.raw as IncomingMessage & { upgrade?: boolean }).upgrade === true;

/** Sends what was written, then closes; destroys the socket if the peer does not take it in time. */
function closeSoon(socket: Socket): void {
  if (socket.destroyed) return;
  socket.destroySoon();
  setTimeout(() => socket.destroy(), REFUSED_UPGRADE_LINGER_MS).unref();
}

/**
 * Malformed URLs (`%zz`, a path parameter over the length limit) that fastify's router refuses
 * before any hook runs: the same JSON error as everywhere, and a refused upgrade's socket closed.
 */
function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.status(status).send(errorBody('invalid-request', error.message));
  if (isUpgrade(request)) closeSoon(request.raw.socket);
}

/** Probes of balancers and Prometheus: frequent, from few addresses, and never counted. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

const bearerOf = (request: FastifyRequest): string | undefined => /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];

/** Installs the guards on the root instance; `isApiKey` exempts the site's backend from the limits; `shared` (with Redis) shares the counters across processes. */
export async function installTrafficGuards(
  app: FastifyInstance,
  config: ServerConfig,
  isApiKey: (authorization: string | undefined) => boolean,
  shared: { rateLimitRedis?: Redis; socketCap?: SocketCap } = {},
): Promise<void> {
  const redis = shared.rateLimitRedis;
  const socketCap = shared.socketCap ?? new LocalSocketCap();
  // With Redis the counters are shared by every process (hitting A then B counts together); if Redis
  // is away, requests pass uncounted rather than fail (readiness reports Redis meanwhile).
  await app.register(fastifyRateLimit, { global: false, cache: 10_000, ...(redis ? { redis, nameSpace: 'omni:rate:', skipOnError: true } : {}) });
  const timeWindow = config.rateLimitWindowMs;
  const addressOf = (request: FastifyRequest): string => fastifyRateLimit.normalizeIP(request.ip);
  const perAddress = app.createRateLimit({ max: config.rateLimitPerIp, timeWindow, keyGenerator: (request) => `ip:${addressOf(request)}` });
  const perToken = app.createRateLimit({
    max: config.rateLimitPerToken,
    timeWindow,
    keyGenerator: (request) => `token:${createHash('sha256').update(bearerOf(request) ?? '').digest('base64url')}`,
  });

  const refuse = (reply: FastifyReply, retryAfterSeconds: number, message: string): never => {
    reply.header('retry-after', String(Math.max(1, retryAfterSeconds)));
    throw new HttpError(429, 'rate-limited', message);
  };

  app.addHook('onRequest', async (request, reply) => {
    // Health checks come often from one balancer; the site's backend mints every visitor's token.
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '') || isApiKey(request.headers.authorization)) return;
    const address = await perAddress(request);
    if (!address.isAllowed && address.isExceeded) refuse(reply, address.ttlInSeconds, 'Too many requests from this address; slow down.');
    if (bearerOf(request) === undefined) return;
    const token = await perToken(request);
    if (!token.isAllowed && token.isExceeded) refuse(reply, token.ttlInSeconds, 'Too many requests with this token; slow down.');
  });

  app.addHook('onRequest', async (request, reply) => {
    if (hasCredentialInQuery(request.url)) {
      return reply.status(400).send(errorBody('invalid-request', 'Credentials are never accepted in a URL; use the Authorization header.'));
    }
  });

  // Whatever else happens, an upgrade that is neither done nor answered within the request timeout
  // gives its descriptor back (Node's own timeouts no longer watch a socket once it is an upgrade's).
  const upgraded = new WeakSet<IncomingMessage>();
  app.addHook('onReady', async () => {
    app.websocketServer.on('connection', (_socket: unknown, request: IncomingMessage) => upgraded.add(request));
  });
  app.server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    const stuck = setTimeout(() => {
      if (!upgraded.has(request)) socket.destroy();
    }, config.requestTimeoutMs).unref();
    socket.once('close', () => clearTimeout(stuck));
  });

  app.addHook('onRequest', async (request) => {
    const socket = request.raw.socket;
    if (!isUpgrade(request) || socket.destroyed) return;
    // Node never delivers an upgrade's body, so a route that waits for one would wait for ever.
    if (request.method !== 'GET') throw new HttpError(405, 'invalid-request', 'Only GET requests may upgrade to a WebSocket.');
    // Counted across processes with Redis (see cluster/socket-cap.ts).
    const release = await socketCap.acquire(addressOf(request), config.maxSocketsPerIp);
    if (!release) {
      throw new HttpError(429, 'rate-limited', `Too many WebSocket connections from this address (at most ${config.maxSocketsPerIp}).`);
    }
    if (socket.destroyed) return release();
    socket.once('close', release);
  });

  // An upgrade that got an HTTP answer (400, 401, 404, 429…) was refused: its socket must be closed
  // here, or it stays open (CLOSE-WAIT once the client leaves) until the server runs out of descriptors.
  app.addHook('onResponse', async (request) => {
    if (isUpgrade(request)) closeSoon(request.raw.socket);
  });
}
