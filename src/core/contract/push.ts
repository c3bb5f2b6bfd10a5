/**
 * Web Push subscriptions (`/v1/push/…`): the browser's `PushSubscription` JSON a customer
 * registers, and the key browsers subscribe with.
 */
import { Type } from '@sinclair/typebox';
import { HTTP_URL_PATTERN, Timestamp, named } from './schema.js';

const closed = { additionalProperties: false } as const;

/** A push service's endpoint: https, no spaces or control characters. */
const endpoint = () => Type.String({ maxLength: 2048, pattern: '^https://[^\\s\\x00-\\x1F\\x7F]+$' });
const base64url = (min: number, max: number) => Type.String({ pattern: `^[A-Za-z0-9_-]{${min},${max}}={0,2}$` });

/** `GET /v1/push/vapid-public-key` response. */
export const VapidKeyResponse = named(
  'VapidKeyResponse',
  Type.Object({ publicKey: Type.String() }, { description: '`GET /v1/push/vapid-public-key` response: the key browsers subscribe with.' }),
);

/** `POST /v1/push/subscriptions` body: `PushSubscription.toJSON()` and the page it was made on. */
export const PushSubscriptionRequest = named(
  'PushSubscriptionRequest',
  Type.Object(
    {
      endpoint: endpoint(),
      expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
      keys: Type.Object(
        // An uncompressed P-256 point (65 bytes) and a 16-byte secret.
        { p256dh: base64url(86, 88), auth: base64url(21, 24) },
        closed,
      ),
      pageUrl: Type.Optional(Type.String({ maxLength: 2000, pattern: HTTP_URL_PATTERN, description: 'The page the subscription was made on.' })),
    },
    { ...closed, description: '`POST /v1/push/subscriptions` body: `PushSubscription.toJSON()` and the page it was made on.' },
  ),
);

/** `POST /v1/push/subscriptions` response. */
export const PushSubscriptionCreated = named(
  'PushSubscriptionCreated',
  Type.Object({ endpoint: Type.String(), createdAt: Timestamp() }, { description: '`POST /v1/push/subscriptions` response.' }),
);

/** `DELETE /v1/push/subscriptions` body. */
export const PushUnsubscribeRequest = named(
  'PushUnsubscribeRequest',
  Type.Object({ endpoint: endpoint() }, { ...closed, description: '`DELETE /v1/push/subscriptions` body.' }),
);
