/**
 * HTTP bodies, parameters and errors outside messages and integrations: tokens, read horizons,
 * ratings, transcripts, SIP credentials, and the error shape every failure has.
 */
import { Type } from '@sinclair/typebox';
import { INTEGRATION_ID_PATTERN, QUEUE_NAME_PATTERN } from './constants.js';
import { AttachmentId, ConversationId, DisplayName, Timestamp, UserId, named } from './schema.js';

const closed = { additionalProperties: false } as const;
const lifetime = () => Type.Integer({ minimum: 900, maximum: 3600, description: '900..3600, default 900.' });

/** `POST /v1/tokens` body (API key). */
export const CustomerTokenRequest = named(
  'CustomerTokenRequest',
  Type.Object(
    {
      integrationId: Type.String({ pattern: INTEGRATION_ID_PATTERN }),
      customerId: UserId(),
      verifiedCustomer: Type.Boolean(),
      displayName: Type.Optional(DisplayName()),
      customerIdentifiers: Type.Optional(
        Type.Object({}, { maxProperties: 20, propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,64}$' }, additionalProperties: Type.String({ maxLength: 256 }) }),
      ),
      expiresInSeconds: Type.Optional(lifetime()),
    },
    { ...closed, description: '`POST /v1/tokens` body (API key).' },
  ),
);

/** `POST /v1/agent-tokens` body (API key): a token for an agent that exists and is enabled; its name and queues come from the agent's record. */
export const AgentTokenRequest = named(
  'AgentTokenRequest',
  Type.Object(
    {
      agentId: UserId(),
      queues: Type.Optional(
        Type.Array(Type.String({ pattern: QUEUE_NAME_PATTERN }), {
          minItems: 1,
          maxItems: 20,
          uniqueItems: true,
          description: "Narrows the token to these of the agent's queues (each must be one of them); default: all of them.",
        }),
      ),
      expiresInSeconds: Type.Optional(lifetime()),
    },
    { ...closed, description: "`POST /v1/agent-tokens` body (API key): a token for an agent that exists and is enabled; its name and queues come from the agent's record." },
  ),
);

/** Response of both token routes, and what a `JwtProvider` resolves to. */
export const TokenResponse = named(
  'TokenResponse',
  Type.Object({ jwt: Type.String(), expiresAt: Timestamp({ description: 'ISO 8601 expiry.' }) }, {
    description: 'Response of both token routes, and what a `JwtProvider` resolves to.',
  }),
);

/** `:id` of conversation routes. */
export const ConversationParams = Type.Object({ id: ConversationId() });

/** `:id` of attachment routes. */
export const AttachmentParams = Type.Object({ id: AttachmentId() });

/** `:id` of integration routes. */
export const IntegrationParams = Type.Object({ id: Type.String({ pattern: INTEGRATION_ID_PATTERN }) });

/** A non-negative integer in a query string (its range is checked by the route). */
const seqParam = () => Type.String({ pattern: '^[0-9]{1,15}$' });

/** `GET .../messages` query. */
export const MessagesQuery = Type.Object({ before: Type.Optional(seqParam()), limit: Type.Optional(seqParam()) }, closed);

/** `GET .../events` query. */
export const EventsQuery = Type.Object({ after: Type.Optional(seqParam()), limit: Type.Optional(seqParam()) }, closed);

/** `POST /v1/conversations/:id/read` body. */
export const ReadRequest = named(
  'ReadRequest',
  Type.Object({ seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }, { ...closed, description: '`POST /v1/conversations/:id/read` body.' }),
);

/** `POST /v1/conversations/:id/csat` body (the customer, after a resolve). */
export const CsatRequest = named(
  'CsatRequest',
  Type.Object(
    {
      rating: Type.Integer({ minimum: 1, maximum: 5, description: 'Integer 1..5.' }),
      comment: Type.Optional(Type.String({ maxLength: 1000, description: 'At most 1000 characters.' })),
    },
    { ...closed, description: '`POST /v1/conversations/:id/csat` body (the customer, after a resolve).' },
  ),
);

/** `GET /v1/conversations/:id/transcript?format=` values. */
export const TranscriptFormat = named(
  'TranscriptFormat',
  Type.Union([Type.Literal('text'), Type.Literal('html')], { description: '`GET /v1/conversations/:id/transcript?format=` values.' }),
);

/** `GET .../transcript` query. */
export const TranscriptQuery = Type.Object({ format: Type.Optional(TranscriptFormat) }, closed);

/** `POST /v1/sip/credentials` response: HMAC ephemeral SIP credentials and where to use them. */
export const SipCredentials = named(
  'SipCredentials',
  Type.Object(
    {
      username: Type.String(),
      password: Type.String(),
      expiresAt: Timestamp(),
      wsUrl: Type.String({ description: "The SIP WebSocket (the built-in edge's `/sip`, or Kamailio)." }),
      domain: Type.String(),
      aor: Type.String({ description: 'The address the UA presents (agents: the queue they answer).' }),
      destination: Type.Optional(Type.String({ description: "Whom a guest calls (its integration's queue)." })),
      iceServers: Type.Array(
        Type.Object({
          urls: Type.Union([Type.String(), Type.Array(Type.String())]),
          username: Type.Optional(Type.String()),
          credential: Type.Optional(Type.String()),
        }),
      ),
    },
    { description: '`POST /v1/sip/credentials` response: HMAC ephemeral SIP credentials and where to use them.' },
  ),
);

const code = (value: string, description?: string) => Type.Literal(value, description ? { description } : {});

/** Stable error codes of HTTP responses, socket error frames and the widget's `omni-error`. */
export const ErrorCode = named(
  'ErrorCode',
  Type.Union(
    [
      code('invalid-request'),
      code('unauthorized'),
      code('token-expired'),
      code('forbidden'),
      code('not-found'),
      code('payload-too-large'),
      code('unsupported-media-type'),
      code('rate-limited'),
      code('conflict', 'The request clashes with the current state (e.g. an id that exists, a second rating).'),
      code('agent-disabled', 'The agent exists but is disabled: no token, and its sockets are closed.'),
      code('integration-disabled', 'The integration exists but is disabled: no customer tokens.'),
      code('server-error'),
      code('network', 'Raised by the widget itself, never sent by the server: the server could not be reached.'),
      code('token-provider-failed', 'Raised by the widget itself: the JwtProvider or token URL failed.'),
      code('invalid-attribute', "Raised by the widget: an element attribute holds something it can't use (e.g. a function written into `jwtprovider`)."),
      code('invalid-destination', 'Raised by the widget: `destination` is neither a queue name nor a SIP URI.'),
      code('not-configured', 'Raised by the widget: an element has no token source (`token-url`, `.jwtProvider` or a default session) to start with.'),
    ],
    { description: "Stable error codes of HTTP responses, socket error frames and the widget's `omni-error`." },
  ),
);

/** An error as a value: a stable code and a human message. */
export const OmniErrorInfo = named(
  'OmniErrorInfo',
  Type.Object({ code: ErrorCode, message: Type.String() }, { description: 'An error as a value: a stable code and a human message.' }),
);

/** Body of every 4xx/5xx response. */
export const ErrorResponse = named('ErrorResponse', Type.Object({ error: OmniErrorInfo }, { description: 'Body of every 4xx/5xx response.' }));
