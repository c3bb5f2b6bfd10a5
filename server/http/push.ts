/**
 * Web Push subscriptions: `GET /v1/push/vapid-public-key` (the key browsers subscribe with),
 * `POST /v1/push/subscriptions` (a customer's browser `PushSubscription` JSON, plus the page it
 * was made on) and `DELETE /v1/push/subscriptions` (`{ endpoint }`). Customers only: pushes carry
 * the support side's replies to visitors who have left.
 */
import type { FastifyInstance } from 'fastify';
import { PushSubscriptionCreated, VapidKeyResponse, routeSchema } from '../../src/core/contract/index.js';
import type { PushSubscriptionRequest as PushSubscriptionBody } from '../../src/core/protocol.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import { SUBSCRIPTIONS_PER_PARTICIPANT } from '../push/push-notifier.js';
import { DomainError } from '../domain-error.js';

/** True when the endpoint's host is one of `hosts` (`*.example.com` allows its subdomains). */
export function allowedPushHost(url: string, hosts: string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1).toLowerCase()) : host === allowed.toLowerCase()));
}
type SubscriptionBody = PushSubscriptionBody;

/** True when the keys are what encryption needs: an uncompressed P-256 point and a 16-byte auth secret. */
function validKeys(keys: SubscriptionBody['keys']): boolean {
  const point = Buffer.from(keys.p256dh, 'base64url');
  return point.length === 65 && point[0] === 0x04 && Buffer.from(keys.auth, 'base64url').length === 16;
}

/** Registers the push routes. */
export async function pushRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get(
    '/v1/push/vapid-public-key',
    { schema: { response: { 200: VapidKeyResponse } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { publicKey: context.push.publicKey };
    },
  );

  app.post<{ Body: SubscriptionBody }>(
    '/v1/push/subscriptions',
    {
      schema: {
        ...routeSchema('POST /v1/push/subscriptions'),
        response: { 201: PushSubscriptionCreated },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (caller.participant.role !== 'customer') throw new DomainError('forbidden', 'Push notifications are for customers.');
      const { endpoint: url, keys, pageUrl } = request.body;
      if (!allowedPushHost(url, context.config.pushHosts)) {
        throw new DomainError('invalid-request', 'The push endpoint is not on a known push service (OMNI_PUSH_HOSTS).');
      }
      if (!validKeys(keys)) throw new DomainError('invalid-request', 'Invalid body/keys: p256dh must be a P-256 public key and auth 16 bytes.');
      const createdAt = new Date().toISOString();
      await context.store.savePushSubscription(
        { participantId: caller.participant.id, endpoint: url, keys, ...(pageUrl ? { pageUrl } : {}), createdAt },
        SUBSCRIPTIONS_PER_PARTICIPANT,
      );
      reply.status(201);
      return { endpoint: url, createdAt };
    },
  );

  app.delete<{ Body: { endpoint: string } }>('/v1/push/subscriptions', async (request, reply) => {
    const caller = callerOf(request);
    const deleted = await context.store.deletePushSubscription(request.body.endpoint, caller.participant.id);
    if (!deleted) throw new DomainError('not-found', 'No such subscription.');
    return reply.status(204).send();
  });
}
