/**
 * Web Push subscriptions: `GET /v1/push/vapid-public-key` (the key browsers subscribe with),
 * `POST /v1/push/subscriptions` (a customer's browser `PushSubscription` JSON, plus the page it
 * was made on) and `DELETE /v1/push/subscriptions` (`{ endpoint }`). Customers only: pushes carry
 * the support side's replies to visitors who have left.
 */
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/caller.js';
import type { ServerContext } from '../context.js';
import { SUBSCRIPTIONS_PER_PARTICIPANT } from '../push/push-notifier.js';
import { HttpError } from './errors.js';

const endpoint = { type: 'string', maxLength: 2048, pattern: '^https://[^\\s]+$' } as const;

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
const base64url = (min: number, max: number) => ({ type: 'string', pattern: `^[A-Za-z0-9_-]{${min},${max}}={0,2}$` }) as const;

/** `POST /v1/push/subscriptions` body: `PushSubscription.toJSON()` and the page it was made on. */
export const pushSubscriptionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'keys'],
  properties: {
    endpoint,
    expirationTime: { type: ['number', 'null'] },
    keys: {
      type: 'object',
      additionalProperties: false,
      required: ['p256dh', 'auth'],
      // An uncompressed P-256 point (65 bytes) and a 16-byte secret.
      properties: { p256dh: base64url(86, 88), auth: base64url(21, 24) },
    },
    pageUrl: { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' },
  },
} as const;

/** `DELETE /v1/push/subscriptions` body. */
export const pushUnsubscribeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint'],
  properties: { endpoint },
} as const;

type SubscriptionBody = {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
  pageUrl?: string;
};

/** True when the keys are what encryption needs: an uncompressed P-256 point and a 16-byte auth secret. */
function validKeys(keys: SubscriptionBody['keys']): boolean {
  const point = Buffer.from(keys.p256dh, 'base64url');
  return point.length === 65 && point[0] === 0x04 && Buffer.from(keys.auth, 'base64url').length === 16;
}

/** Registers the push routes. */
export async function pushRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get(
    '/v1/push/vapid-public-key',
    { schema: { response: { 200: { type: 'object', required: ['publicKey'], properties: { publicKey: { type: 'string' } } } } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { publicKey: context.push.publicKey };
    },
  );

  app.post<{ Body: SubscriptionBody }>(
    '/v1/push/subscriptions',
    {
      schema: {
        body: pushSubscriptionBody,
        response: { 201: { type: 'object', required: ['endpoint', 'createdAt'], properties: { endpoint: { type: 'string' }, createdAt: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      const caller = await authenticate(request, context.tokens);
      if (caller.participant.role !== 'customer') throw new HttpError(403, 'forbidden', 'Push notifications are for customers.');
      const { endpoint: url, keys, pageUrl } = request.body;
      if (!allowedPushHost(url, context.config.pushHosts)) {
        throw new HttpError(400, 'invalid-request', 'The push endpoint is not on a known push service (OMNI_PUSH_HOSTS).');
      }
      if (!validKeys(keys)) throw new HttpError(400, 'invalid-request', 'Invalid body/keys: p256dh must be a P-256 public key and auth 16 bytes.');
      const createdAt = new Date().toISOString();
      await context.store.savePushSubscription(
        { participantId: caller.participant.id, endpoint: url, keys, ...(pageUrl ? { pageUrl } : {}), createdAt },
        SUBSCRIPTIONS_PER_PARTICIPANT,
      );
      reply.status(201);
      return { endpoint: url, createdAt };
    },
  );

  app.delete<{ Body: { endpoint: string } }>('/v1/push/subscriptions', { schema: { body: pushUnsubscribeBody } }, async (request, reply) => {
    const caller = await authenticate(request, context.tokens);
    const deleted = await context.store.deletePushSubscription(request.body.endpoint, caller.participant.id);
    if (!deleted) throw new HttpError(404, 'not-found', 'No such subscription.');
    return reply.status(204).send();
  });
}
