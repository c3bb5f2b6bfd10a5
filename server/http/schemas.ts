/** JSON schemas of the HTTP API (validated by fastify/ajv; unknown properties are refused). */

const id = (max: number) => ({ type: 'string', pattern: `^[A-Za-z0-9_.@:-]{1,${max}}$` }) as const;
const lifetime = { type: 'integer', minimum: 900, maximum: 3600 } as const;
const displayName = { type: 'string', minLength: 1, maxLength: 80 } as const;

/** `POST /v1/tokens` body. */
export const customerTokenBody = {
  type: 'object',
  additionalProperties: false,
  required: ['integrationId', 'customerId', 'verifiedCustomer'],
  properties: {
    integrationId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    customerId: id(128),
    verifiedCustomer: { type: 'boolean' },
    displayName,
    customerIdentifiers: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,64}$' },
      additionalProperties: { type: 'string', maxLength: 256 },
    },
    expiresInSeconds: lifetime,
  },
} as const;

/** `POST /v1/agent-tokens` body. */
export const agentTokenBody = {
  type: 'object',
  additionalProperties: false,
  required: ['agentId'],
  properties: {
    agentId: id(128),
    displayName,
    queues: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
    expiresInSeconds: lifetime,
  },
} as const;

/** `:id` of conversation routes. */
export const conversationParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^conv_[0-9a-f-]{36}$' } },
} as const;

/** A non-negative integer in a query string. */
const seqParam = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;

/** `GET .../messages` query. */
export const messagesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { before: seqParam, limit: seqParam },
} as const;

/** `GET .../events` query. */
export const eventsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { after: seqParam, limit: seqParam },
} as const;

/** `POST .../messages` body. */
export const sendMessageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['clientMessageId', 'type', 'text'],
  properties: {
    clientMessageId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    type: { type: 'string', minLength: 1, maxLength: 32 },
    text: { type: 'string', minLength: 1, maxLength: 4000 },
  },
} as const;

/** `POST .../read` body. */
export const readBody = {
  type: 'object',
  additionalProperties: false,
  required: ['seq'],
  properties: { seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
} as const;
