/** `POST /v1/tokens` and `POST /v1/agent-tokens`: JWTs for end users and for agents that exist and are enabled, for holders of the API key. */
import type { FastifyInstance } from 'fastify';
import type { AgentTokenRequest, CustomerTokenRequest, TokenResponse } from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';

/** Default token lifetime in seconds. */
export const DEFAULT_TOKEN_SECONDS = 900;

/** Issues a customer token (also used by the demo site backend). */
export async function issueCustomerToken(context: ServerContext, request: CustomerTokenRequest): Promise<TokenResponse> {
  const integration = await context.store.getIntegration(request.integrationId);
  if (!integration) throw new DomainError('not-found', `No integration "${request.integrationId}".`);
  if (!integration.enabled) throw new DomainError('integration-disabled', `Integration "${request.integrationId}" is disabled.`);
  if (!integration.channels.messaging && !integration.channels.voice) {
    throw new DomainError('forbidden', `Integration "${request.integrationId}" has no channel enabled.`);
  }
  const { jwt, expiresAt } = await context.tokens.issueCustomer(
    {
      integrationId: request.integrationId,
      customerId: request.customerId,
      verifiedCustomer: request.verifiedCustomer,
      ...(request.displayName ? { displayName: request.displayName } : {}),
    },
    request.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS,
  );
  return { jwt, expiresAt: expiresAt.toISOString() };
}

/** Issues a token for an existing, enabled agent: its name and queues come from the record (`queues` may narrow them). */
export async function issueAgentToken(context: ServerContext, request: AgentTokenRequest): Promise<TokenResponse> {
  const agent = await context.store.getAgent(request.agentId);
  if (!agent) throw new DomainError('not-found', `No agent "${request.agentId}": create it first (PUT /v1/agents/:id).`);
  if (!agent.enabled) throw new DomainError('agent-disabled', `Agent "${request.agentId}" is disabled.`);
  const outside = (request.queues ?? []).filter((queue) => !agent.queues.includes(queue));
  if (outside.length > 0) throw new DomainError('invalid-request', `Agent "${agent.id}" does not serve ${outside.map((queue) => `"${queue}"`).join(', ')}.`);
  const { jwt, expiresAt } = await context.tokens.issueAgent(
    { agentId: agent.id, queues: request.queues ?? agent.queues, displayName: agent.name },
    request.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS,
  );
  return { jwt, expiresAt: expiresAt.toISOString() };
}

/** Registers the token routes. */
export async function tokenRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.post<{ Body: CustomerTokenRequest }>('/v1/tokens', async (request, reply) => {
    reply.header('cache-control', 'no-store').status(201);
    return issueCustomerToken(context, request.body);
  });
  app.post<{ Body: AgentTokenRequest }>('/v1/agent-tokens', async (request, reply) => {
    reply.header('cache-control', 'no-store').status(201);
    return issueAgentToken(context, request.body);
  });
}
