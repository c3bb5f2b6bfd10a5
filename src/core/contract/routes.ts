/**
 * The route table: every HTTP route of the protocol with who may call it and the schemas of its
 * parameters, query, body and response. The server registers its routes' validation from here;
 * the generated `ProtocolRoutes` type gives a typed client the same table.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import {
  AssignedEvent,
  ContactDetails,
  Conversation,
  ConversationList,
  CsatEvent,
  ContactEvent,
  EventPage,
  MessageEvent,
  MessagePage,
  PendingEvent,
  QueuedEvent,
  ResolvedEvent,
} from './conversations.js';
import {
  AgentTokenRequest,
  AttachmentParams,
  ConversationParams,
  CsatRequest,
  CustomerTokenRequest,
  EventsQuery,
  IntegrationParams,
  MessagesQuery,
  ReadRequest,
  SipCredentials,
  TokenResponse,
  TranscriptQuery,
} from './http.js';
import {
  AgentInfo,
  AgentList,
  AgentParams,
  AgentPresence,
  CreateAgentRequest,
  CreateQueueRequest,
  PutAgentRequest,
  QueueInfo,
  QueueList,
  QueueParams,
  SetPresenceRequest,
  UpdateAgentRequest,
  UpdateQueueRequest,
} from './agents.js';
import {
  CreateIntegrationRequest,
  IntegrationInfo,
  IntegrationList,
  IntegrationSettingsRequest,
  IntegrationSettingsResponse,
  UpdateIntegrationRequest,
} from './integrations.js';
import { AttachmentInfo, SendMessageRequest } from './messages.js';
import { PushSubscriptionCreated, PushSubscriptionRequest, PushUnsubscribeRequest, VapidKeyResponse } from './push.js';
import { EmojiData, EmojiQuery } from './emoji.js';
import {
  CannedResponse,
  CannedResponseList,
  CannedResponseParams,
  CannedResponsesQuery,
  CreateCannedResponseRequest,
  Note,
  NoteList,
  NoteRequest,
  UpdateCannedResponseRequest,
} from './notes.js';
import { TransferRequest, TransferTargets } from './routing.js';
import { VisitorInfo } from './visitors.js';

/** Who may call a route: the site's backend (API key), a customer's or agent's token, or anyone. */
export type RouteAuth = 'api-key' | 'token' | 'public';

/** One route: its credential and the schemas of what goes in and what comes back. */
export interface RouteContract {
  /** What the route is for. */
  description: string;
  auth: RouteAuth;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** The success response (JSON unless said otherwise). */
  response: TSchema;
}

/** A response that is not JSON (a file, a transcript) or is empty. */
const bytes = (description: string) => Type.String({ description });
const empty = () => Type.Void();

/** Every HTTP route of the protocol, by `METHOD /path`. */
export const Routes = {
  'POST /v1/tokens': { description: 'A customer token.', auth: 'api-key', body: CustomerTokenRequest, response: TokenResponse },
  'POST /v1/agent-tokens': {
    description: 'A token for an agent that exists and is enabled (404 `not-found`, 409 `agent-disabled`).',
    auth: 'api-key',
    body: AgentTokenRequest,
    response: TokenResponse,
  },
  'GET /v1/integrations': { description: 'All integrations.', auth: 'api-key', response: IntegrationList },
  'POST /v1/integrations': { description: 'Creates an integration.', auth: 'api-key', body: CreateIntegrationRequest, response: IntegrationInfo },
  'PATCH /v1/integrations/:id': {
    description: 'Changes an integration (`enabled: false` disables it).',
    auth: 'api-key',
    params: IntegrationParams,
    body: UpdateIntegrationRequest,
    response: IntegrationInfo,
  },
  'GET /v1/agents': { description: 'All agents with their presence.', auth: 'api-key', response: AgentList },
  'POST /v1/agents': { description: 'Creates an agent (409 when the id exists).', auth: 'api-key', body: CreateAgentRequest, response: AgentInfo },
  'GET /v1/agents/:id': { description: 'One agent.', auth: 'api-key', params: AgentParams, response: AgentInfo },
  'PUT /v1/agents/:id': {
    description: 'Creates (201) or replaces (200) an agent: idempotent, for backends that sync their staff.',
    auth: 'api-key',
    params: AgentParams,
    body: PutAgentRequest,
    response: AgentInfo,
  },
  'PATCH /v1/agents/:id': {
    description: 'Changes an agent; `enabled: false` disables it and closes its sockets.',
    auth: 'api-key',
    params: AgentParams,
    body: UpdateAgentRequest,
    response: AgentInfo,
  },
  'GET /v1/agents/me/presence': { description: "The calling agent's presence.", auth: 'token', response: AgentPresence },
  'PUT /v1/agents/me/presence': {
    description: "Sets the calling agent's presence (agents only); its other tabs and its queues' supervisors get a `presence` frame.",
    auth: 'token',
    body: SetPresenceRequest,
    response: AgentPresence,
  },
  'GET /v1/queues': { description: 'All queue records.', auth: 'api-key', response: QueueList },
  'POST /v1/queues': { description: 'Creates a queue record (409 when it exists).', auth: 'api-key', body: CreateQueueRequest, response: QueueInfo },
  'PATCH /v1/queues/:name': { description: 'Changes a queue.', auth: 'api-key', params: QueueParams, body: UpdateQueueRequest, response: QueueInfo },
  'GET /v1/canned-responses': {
    description: 'Canned responses of every queue, or of `?queue=`.',
    auth: 'api-key',
    querystring: CannedResponsesQuery,
    response: CannedResponseList,
  },
  'POST /v1/canned-responses': {
    description: 'Creates a canned response of a queue (409 when the queue has the shortcut).',
    auth: 'api-key',
    body: CreateCannedResponseRequest,
    response: CannedResponse,
  },
  'PATCH /v1/canned-responses/:id': {
    description: 'Changes a canned response (409 when the new shortcut is taken in its queue).',
    auth: 'api-key',
    params: CannedResponseParams,
    body: UpdateCannedResponseRequest,
    response: CannedResponse,
  },
  'DELETE /v1/canned-responses/:id': { description: 'Deletes a canned response.', auth: 'api-key', params: CannedResponseParams, response: empty() },
  'GET /v1/queues/:name/canned-responses': {
    description: "A queue's canned responses by shortcut (its agents and supervisors; customers 403, other queues' agents 404).",
    auth: 'token',
    params: QueueParams,
    response: CannedResponseList,
  },
  'GET /v1/integrations/:id/settings': {
    description: "An integration's public widget settings and availability (cacheable, ETag).",
    auth: 'public',
    params: IntegrationParams,
    response: IntegrationSettingsResponse,
  },
  'PUT /v1/integrations/:id/settings': {
    description: "Replaces an integration's widget settings.",
    auth: 'api-key',
    params: IntegrationParams,
    body: IntegrationSettingsRequest,
    response: IntegrationSettingsResponse,
  },
  'GET /v1/conversations': { description: "The caller's conversations.", auth: 'token', response: ConversationList },
  'GET /v1/conversations/:id': { description: 'One conversation.', auth: 'token', params: ConversationParams, response: Conversation },
  'GET /v1/conversations/:id/messages': {
    description: 'History, newest page first (`before`, `limit` 1..100).',
    auth: 'token',
    params: ConversationParams,
    querystring: MessagesQuery,
    response: MessagePage,
  },
  'GET /v1/conversations/:id/events': {
    description: 'Gap recovery by seq (`after`, `limit` 1..200).',
    auth: 'token',
    params: ConversationParams,
    querystring: EventsQuery,
    response: EventPage,
  },
  'POST /v1/conversations/:id/messages': {
    description: 'Sends a message (idempotent on `clientMessageId`: 201 when stored, 200 when it was already).',
    auth: 'token',
    params: ConversationParams,
    body: SendMessageRequest,
    response: MessageEvent,
  },
  'POST /v1/conversations/:id/read': {
    description: "Moves the caller's read horizon.",
    auth: 'token',
    params: ConversationParams,
    body: ReadRequest,
    response: Type.Object({ readSeq: Type.Integer({ minimum: 0 }) }),
  },
  'POST /v1/conversations/:id/resolve': { description: 'Resolves the conversation (agents; no body).', auth: 'token', params: ConversationParams, response: ResolvedEvent },
  'POST /v1/conversations/:id/take': {
    description: 'The calling agent takes a waiting conversation of its queue (409 `conflict` when it was assigned meanwhile or the agent is at capacity; customers 403).',
    auth: 'token',
    params: ConversationParams,
    response: AssignedEvent,
  },
  'POST /v1/conversations/:id/transfer': {
    description: 'Transfers the conversation to another agent (`assigned`) or queue (`queued`), with an optional internal note (agents; customers 403).',
    auth: 'token',
    params: ConversationParams,
    body: TransferRequest,
    response: Type.Union([AssignedEvent, QueuedEvent]),
  },
  'POST /v1/conversations/:id/pending': {
    description: "Marks an assigned conversation as waiting on the customer (agents; no body); the customer's next message ends it.",
    auth: 'token',
    params: ConversationParams,
    response: PendingEvent,
  },
  'GET /v1/transfer-targets': { description: 'Agents and queues the calling agent may transfer to (agents).', auth: 'token', response: TransferTargets },
  'POST /v1/conversations/:id/csat': { description: 'Rates a resolved conversation (the customer).', auth: 'token', params: ConversationParams, body: CsatRequest, response: CsatEvent },
  'POST /v1/conversations/:id/contact': {
    description: 'Gives the contact details of the pre-chat form (the customer, once).',
    auth: 'token',
    params: ConversationParams,
    body: ContactDetails,
    response: ContactEvent,
  },
  'GET /v1/conversations/:id/visitor': {
    description: "The conversation's customer for the customer panel: page, time zone, verified, online (agents of its queue; customers get 403).",
    auth: 'token',
    params: ConversationParams,
    response: VisitorInfo,
  },
  'GET /v1/conversations/:id/notes': {
    description: "The conversation's internal notes, oldest first (agents and supervisors of its queue; customers 403).",
    auth: 'token',
    params: ConversationParams,
    response: NoteList,
  },
  'POST /v1/conversations/:id/notes': {
    description: "Adds an internal note (agents and supervisors of its queue; customers 403); the queue's agents get a `note` frame.",
    auth: 'token',
    params: ConversationParams,
    body: NoteRequest,
    response: Note,
  },
  'GET /v1/conversations/:id/transcript': {
    description: 'The conversation as a text or HTML download.',
    auth: 'token',
    params: ConversationParams,
    querystring: TranscriptQuery,
    response: bytes('text/plain or text/html'),
  },
  'POST /v1/attachments': {
    description: 'Uploads a file (multipart: `conversationId`, then the file).',
    auth: 'token',
    response: AttachmentInfo,
  },
  'GET /v1/attachments/:id': { description: 'Downloads a file.', auth: 'token', params: AttachmentParams, response: bytes('the file') },
  'POST /v1/sip/credentials': { description: 'Short-lived SIP credentials.', auth: 'token', response: SipCredentials },
  'GET /v1/emoji': {
    description: "The emoji picker's data in a language (`locale`, falling back to its primary language, then `en`; cacheable for a week, ETag).",
    auth: 'public',
    querystring: EmojiQuery,
    response: EmojiData,
  },
  'GET /v1/push/vapid-public-key': { description: 'The key browsers subscribe with.', auth: 'public', response: VapidKeyResponse },
  'POST /v1/push/subscriptions': {
    description: "Registers a customer's browser for pushes.",
    auth: 'token',
    body: PushSubscriptionRequest,
    response: PushSubscriptionCreated,
  },
  'DELETE /v1/push/subscriptions': { description: 'Removes a push subscription.', auth: 'token', body: PushUnsubscribeRequest, response: empty() },
} satisfies Record<string, RouteContract>;

/** A route's key in the table. */
export type RouteKey = keyof typeof Routes;

/** The parts of a route that fastify validates (`schema` of a route's options), straight from the table. */
export function routeSchema(key: RouteKey): { params?: TSchema; querystring?: TSchema; body?: TSchema } {
  const route: RouteContract = Routes[key];
  return {
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
  };
}
