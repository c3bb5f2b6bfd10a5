/** JSON schemas of the HTTP API (validated by fastify/ajv; unknown properties are refused). */
import { QUEUE_NAME_PATTERN } from '../../src/core/protocol.js';
import { emailSchema } from '../messaging/contact-form.js';

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
    queues: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: QUEUE_NAME_PATTERN } },
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

const shortText = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const httpUrl = { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' } as const;
const clientMessageId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
const button = {
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['type', 'title', 'payload'],
      properties: { type: { const: 'postback' }, title: shortText(80), payload: shortText(1000) },
    },
    {
      type: 'object', additionalProperties: false, required: ['type', 'title', 'url'],
      properties: { type: { const: 'url' }, title: shortText(80), url: httpUrl },
    },
  ],
} as const;
const cardProperties = {
  title: shortText(200),
  text: { type: 'string', maxLength: 2000 },
  imageUrl: httpUrl,
  imageAlt: { type: 'string', maxLength: 300 },
  buttons: { type: 'array', maxItems: 5, items: button },
} as const;

/** One schema per message type (the `type` field picks it). */
export const messageSchemas = {
  text: {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'text'],
    properties: {
      clientMessageId, type: { const: 'text' }, text: shortText(4000),
      payload: shortText(1000), replyTo: { type: 'string', pattern: '^msg_[0-9a-f-]{36}$' },
    },
  },
  card: {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'title'],
    properties: { clientMessageId, type: { const: 'card' }, ...cardProperties },
  },
  carousel: {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'cards'],
    properties: {
      clientMessageId, type: { const: 'carousel' },
      cards: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'object', additionalProperties: false, required: ['title'], properties: cardProperties } },
    },
  },
  'quick-replies': {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'text', 'replies'],
    properties: {
      clientMessageId, type: { const: 'quick-replies' }, text: shortText(2000),
      replies: {
        type: 'array', minItems: 1, maxItems: 10,
        items: { type: 'object', additionalProperties: false, required: ['title'], properties: { title: shortText(80), payload: shortText(1000) } },
      },
    },
  },
  attachment: {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'attachmentId'],
    properties: { clientMessageId, type: { const: 'attachment' }, attachmentId: { type: 'string', pattern: '^att_[0-9a-f-]{36}$' }, caption: { type: 'string', maxLength: 2000 } },
  },
  buttons: {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'text', 'buttons'],
    properties: { clientMessageId, type: { const: 'buttons' }, text: shortText(2000), buttons: { type: 'array', minItems: 1, maxItems: 5, items: button } },
  },
  'leave-message': {
    type: 'object', additionalProperties: false, required: ['clientMessageId', 'type', 'text', 'email'],
    properties: { clientMessageId, type: { const: 'leave-message' }, text: shortText(4000), email: emailSchema, name: displayName },
  },
} as const;

/** Message types a customer may send (`leave-message` is theirs alone; the other rich types are the support side's). */
export const CUSTOMER_MESSAGE_TYPES: readonly string[] = ['text', 'attachment', 'leave-message'];

/** Message types the server accepts. */
export const MESSAGE_TYPES = Object.keys(messageSchemas) as Array<keyof typeof messageSchemas>;

/** `POST .../messages` body: the envelope here, the type's own schema through `if`/`then`. */
export const sendMessageBody = {
  type: 'object',
  required: ['clientMessageId', 'type'],
  properties: { clientMessageId, type: { type: 'string', minLength: 1, maxLength: 32 } },
  allOf: MESSAGE_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: messageSchemas[type],
  })),
} as const;

/** `POST .../read` body. */
export const readBody = {
  type: 'object',
  additionalProperties: false,
  required: ['seq'],
  properties: { seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
} as const;
