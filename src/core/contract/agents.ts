/**
 * The contact center's records and presence: agents and queues as the API-key routes administer
 * them (`/v1/agents…`, `/v1/queues…`), and an agent's presence (`PUT /v1/agents/me/presence`, the
 * `presence` frame of the events socket).
 */
import { Type } from '@sinclair/typebox';
import { QUEUE_NAME_PATTERN, USER_ID_PATTERN } from './constants.js';
import { DisplayName, Nullable, SAFE_URL_PATTERN, SingleLine, Timestamp, UserId, VISIBLE_LINE_PATTERN, named } from './schema.js';

const closed = { additionalProperties: false } as const;
const queueName = () => Type.String({ pattern: QUEUE_NAME_PATTERN });
const queueList = (description: string) => Type.Array(queueName(), { minItems: 1, maxItems: 20, uniqueItems: true, description });

/** What an agent may do: answer conversations, or also watch the queues it serves. */
export const AgentRole = named(
  'AgentRole',
  Type.Union([Type.Literal('agent'), Type.Literal('supervisor')], {
    description: 'What an agent may do: `agent` answers; `supervisor` also sees the presence of the agents of its queues.',
  }),
);

/** Whether an agent takes conversations now (`on-break` carries a reason). */
export const PresenceStatus = named(
  'PresenceStatus',
  Type.Union([Type.Literal('available'), Type.Literal('busy'), Type.Literal('on-break'), Type.Literal('offline')], {
    description: 'Whether an agent takes conversations now (`on-break` carries a reason).',
  }),
);

/** An agent's presence and since when it holds. */
export const AgentPresence = named(
  'AgentPresence',
  Type.Object(
    {
      status: PresenceStatus,
      reason: Type.Optional(Type.String({ description: '`on-break` only: why (e.g. `Lunch`).' })),
      since: Timestamp({ description: 'When the status was set (ISO 8601).' }),
    },
    { description: "An agent's presence and since when it holds." },
  ),
);

const agentFields = {
  name: DisplayName({ pattern: VISIBLE_LINE_PATTERN, description: 'Shown to customers and colleagues (1..80 characters).' }),
  avatarUrl: Nullable(Type.String({ minLength: 1, maxLength: 2000, pattern: SAFE_URL_PATTERN }), 'An https or page-relative URL, or null [null].'),
  queues: queueList('Queues the agent serves (1..20).'),
  maxConversations: Type.Integer({ minimum: 1, maximum: 100, description: 'Conversations assigned at once at most, 1..100 [5].' }),
  role: AgentRole,
  enabled: Type.Boolean({ description: 'A disabled agent gets no token and its sockets are closed [true].' }),
};

/** An agent as the API-key routes show it. */
export const AgentInfo = named(
  'AgentInfo',
  Type.Object(
    {
      id: Type.String(),
      name: Type.String(),
      avatarUrl: Nullable(Type.String()),
      queues: Type.Array(Type.String()),
      maxConversations: Type.Integer(),
      role: AgentRole,
      enabled: Type.Boolean(),
      presence: AgentPresence,
      createdAt: Timestamp(),
      updatedAt: Timestamp(),
    },
    { description: 'An agent as the API-key routes show it.' },
  ),
);

/** `POST /v1/agents` body (API key): a new agent (defaults in brackets). */
export const CreateAgentRequest = named(
  'CreateAgentRequest',
  Type.Object(
    {
      id: Type.String({ pattern: USER_ID_PATTERN, description: 'The site\'s own id of the agent (matches `USER_ID_PATTERN`).' }),
      name: agentFields.name,
      queues: agentFields.queues,
      avatarUrl: Type.Optional(agentFields.avatarUrl),
      maxConversations: Type.Optional(agentFields.maxConversations),
      role: Type.Optional(agentFields.role),
      enabled: Type.Optional(agentFields.enabled),
    },
    { ...closed, description: '`POST /v1/agents` body (API key): a new agent (defaults in brackets).' },
  ),
);

/** `PUT /v1/agents/:id` body (API key): creates or replaces the agent (idempotent; missing fields take their defaults). */
export const PutAgentRequest = named(
  'PutAgentRequest',
  Type.Object(
    {
      name: agentFields.name,
      queues: agentFields.queues,
      avatarUrl: Type.Optional(agentFields.avatarUrl),
      maxConversations: Type.Optional(agentFields.maxConversations),
      role: Type.Optional(agentFields.role),
      enabled: Type.Optional(agentFields.enabled),
    },
    { ...closed, description: '`PUT /v1/agents/:id` body (API key): creates or replaces the agent (idempotent; missing fields take their defaults).' },
  ),
);

/** `PATCH /v1/agents/:id` body (API key): changes the given fields (`enabled: false` disables the agent). */
export const UpdateAgentRequest = named(
  'UpdateAgentRequest',
  Type.Object(
    {
      name: Type.Optional(agentFields.name),
      queues: Type.Optional(agentFields.queues),
      avatarUrl: Type.Optional(agentFields.avatarUrl),
      maxConversations: Type.Optional(agentFields.maxConversations),
      role: Type.Optional(agentFields.role),
      enabled: Type.Optional(agentFields.enabled),
    },
    { ...closed, minProperties: 1, description: '`PATCH /v1/agents/:id` body (API key): changes the given fields (`enabled: false` disables the agent).' },
  ),
);

/** `GET /v1/agents` response (API key). */
export const AgentList = named('AgentList', Type.Object({ agents: Type.Array(AgentInfo) }, { description: '`GET /v1/agents` response (API key).' }));

/** `:id` of agent routes. */
export const AgentParams = Type.Object({ id: UserId() });

/** `PUT /v1/agents/me/presence` body (an agent's token): the agent's own status. */
export const SetPresenceRequest = named(
  'SetPresenceRequest',
  Type.Object(
    {
      status: PresenceStatus,
      reason: Type.Optional(SingleLine(80, { pattern: VISIBLE_LINE_PATTERN, description: '`on-break` only: 1..80 characters.' })),
    },
    { ...closed, description: "`PUT /v1/agents/me/presence` body (an agent's token): the agent's own status." },
  ),
);

/** How a queue picks the agent of a waiting conversation. */
export const RoutingRule = named(
  'RoutingRule',
  Type.Union([Type.Literal('round-robin'), Type.Literal('least-busy')], { description: 'How a queue picks the agent of a waiting conversation.' }),
);

/** A queue as the API-key routes show it (a queue named by an integration or agent but without a record routes with the defaults). */
export const QueueInfo = named(
  'QueueInfo',
  Type.Object(
    { name: Type.String(), routing: RoutingRule, enabled: Type.Boolean(), createdAt: Timestamp(), updatedAt: Timestamp() },
    { description: 'A queue as the API-key routes show it (a queue named by an integration or agent but without a record routes with the defaults).' },
  ),
);

/** `POST /v1/queues` body (API key). */
export const CreateQueueRequest = named(
  'CreateQueueRequest',
  Type.Object(
    {
      name: Type.String({ pattern: QUEUE_NAME_PATTERN, description: 'Matches `QUEUE_NAME_PATTERN`.' }),
      routing: Type.Optional(RoutingRule),
      enabled: Type.Optional(Type.Boolean()),
    },
    { ...closed, description: '`POST /v1/queues` body (API key); routing defaults to `round-robin`.' },
  ),
);

/** `PATCH /v1/queues/:name` body (API key). */
export const UpdateQueueRequest = named(
  'UpdateQueueRequest',
  Type.Object(
    { routing: Type.Optional(RoutingRule), enabled: Type.Optional(Type.Boolean()) },
    { ...closed, minProperties: 1, description: '`PATCH /v1/queues/:name` body (API key).' },
  ),
);

/** `GET /v1/queues` response (API key). */
export const QueueList = named('QueueList', Type.Object({ queues: Type.Array(QueueInfo) }, { description: '`GET /v1/queues` response (API key).' }));

/** `:name` of queue routes. */
export const QueueParams = Type.Object({ name: queueName() });
