/**
 * Agents (API key): `POST`, `GET`, `PUT` (idempotent create-or-replace) and `PATCH /v1/agents…`;
 * `enabled: false` disables an agent, which closes its sockets everywhere and refuses its tokens.
 * Presence (an agent's own token): `GET` and `PUT /v1/agents/me/presence`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  AgentInfo,
  AgentList,
  AgentPresence,
  CreateAgentRequest,
  PutAgentRequest,
  SetPresenceRequest,
  UpdateAgentRequest,
} from '../../src/core/protocol.js';
import { agentIdOf } from '../agents/presence.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import type { Agent, AgentFields } from '../store/store.js';
import { DomainError } from '../domain-error.js';

/** Conversations an agent is given at once unless its record says otherwise. */
export const DEFAULT_MAX_CONVERSATIONS = 5;

/** An agent as the API shows it. */
export const agentInfo = (agent: Agent): AgentInfo => ({ ...agent });

/** The complete fields of a create or replace: missing ones take their defaults. */
const withDefaults = (body: PutAgentRequest): AgentFields => ({
  name: body.name.trim(),
  avatarUrl: body.avatarUrl ?? null,
  queues: body.queues,
  maxConversations: body.maxConversations ?? DEFAULT_MAX_CONVERSATIONS,
  role: body.role ?? 'agent',
  enabled: body.enabled ?? true,
});

/** Registers the agent and presence routes. */
export async function agentRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, presence } = context;
  const noStore = async (_request: FastifyRequest, reply: FastifyReply) => void reply.header('cache-control', 'no-store');
  // The API key is checked by the route-auth hook (the route table says `api-key`).
  const admin = { onRequest: noStore };

  /** After a write: a disabled agent's sockets close everywhere (and its SIP registrations are forgotten). */
  const afterWrite = async (before: Agent | undefined, after: Agent): Promise<void> => {
    if (after.enabled || before?.enabled === false) return;
    await context.sipAgents.remember(`agent:${after.id}`, [], 1);
    await presence.disabled(after.id);
  };

  app.get('/v1/agents', admin, async (): Promise<AgentList> => ({ agents: (await store.listAgents()).map(agentInfo) }));

  app.post<{ Body: CreateAgentRequest }>('/v1/agents', admin, async (request, reply) => {
    const { id, ...fields } = request.body;
    const created = await store.createAgent(id, withDefaults(fields));
    if (!created) throw new DomainError('conflict', `Agent "${id}" exists already.`);
    reply.status(201);
    return agentInfo(created);
  });

  app.get<{ Params: { id: string } }>('/v1/agents/:id', admin, async (request) => {
    const agent = await store.getAgent(request.params.id);
    if (!agent) throw new DomainError('not-found', `No agent "${request.params.id}".`);
    return agentInfo(agent);
  });

  app.put<{ Params: { id: string }; Body: PutAgentRequest }>(
    '/v1/agents/:id',
    admin,
    async (request, reply) => {
      const before = await store.getAgent(request.params.id);
      const { agent, created } = await store.putAgent(request.params.id, withDefaults(request.body));
      await afterWrite(before, agent);
      reply.status(created ? 201 : 200);
      return agentInfo(agent);
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateAgentRequest }>(
    '/v1/agents/:id',
    admin,
    async (request) => {
      const before = await store.getAgent(request.params.id);
      const changes = { ...request.body, ...(request.body.name !== undefined ? { name: request.body.name.trim() } : {}) };
      const agent = before && (await store.updateAgent(request.params.id, changes));
      if (!agent) throw new DomainError('not-found', `No agent "${request.params.id}".`);
      await afterWrite(before, agent);
      return agentInfo(agent);
    },
  );

  /** The calling agent's id; customers are refused. */
  const agentOf = async (request: FastifyRequest): Promise<string> => {
    const caller = callerOf(request);
    if (caller.participant.role !== 'agent') throw new DomainError('forbidden', 'Only agents have a presence.');
    return agentIdOf(caller.participant.id);
  };

  app.get('/v1/agents/me/presence', { onRequest: noStore }, async (request): Promise<AgentPresence> => {
    const agent = await store.getAgent(await agentOf(request));
    if (!agent) throw new DomainError('not-found', 'No such agent.');
    return agent.presence;
  });

  app.put<{ Body: SetPresenceRequest }>(
    '/v1/agents/me/presence',
    { onRequest: noStore },
    async (request): Promise<AgentPresence> => {
      const { status, reason } = request.body;
      if (reason !== undefined && status !== 'on-break') throw new DomainError('invalid-request', 'Only `on-break` takes a reason.');
      const presence = await context.presence.set(await agentOf(request), status, reason?.trim());
      if (!presence) throw new DomainError('not-found', 'No such agent.');
      return presence;
    },
  );
}
