/** `POST /v1/tokens` and `POST /v1/agent-tokens`: JWTs for end users and agents, for holders of the API key. */
import type { FastifyInstance } from 'fastify';
import type { AgentTokenRequest, CustomerTokenRequest, TokenResponse } from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import { HttpError } from './errors.js';
import { routeSchema } from './schemas.js';

/** Default token lifetime in seconds. */
export const DEFAULT_TOKEN_SECONDS = 900;

/** Issues a customer token (also used by the demo site backend). */
export async function issueCustomerToken(context: ServerContext, request: CustomerTokenRequest): Promise<TokenResponse> {
  const integration = await context.store.getIntegration(request.integrationId);
  if (!integration) throw new HttpError(404, 'not-found', `No integration "${request.integrationId}".`);
  if (!integration.channels.messaging && !integration.channels.voice) {
    throw new HttpError(403, 'forbidden', `Integration "${request.integrationId}" has no channel enabled.`);
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

/** Issues an agent token (also used by the demo agent console). */
export async function issueAgentToken(context: ServerContext, request: AgentTokenRequest): Promise<TokenResponse> {
  const { jwt, expiresAt } = await context.tokens.issueAgent(
    { agentId: request.agentId, queues: request.queues ?? ['support'], ...(request.displayName ? { displayName: request.displayName } : {}) },
    request.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS,
  );
  return { jwt, expiresAt: expiresAt.toISOString() };
}

/** Registers the token routes. */
export async function tokenRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.post<{ Body: CustomerTokenRequest }>('/v1/tokens', { schema: routeSchema('POST /v1/tokens') }, async (request, reply) => {
    context.requireApiKey(request.headers.authorization);
    reply.header('cache-control', 'no-store').status(201);
    return issueCustomerToken(context, request.body);
  });
  app.post<{ Body: AgentTokenRequest }>('/v1/agent-tokens', { schema: routeSchema('POST /v1/agent-tokens') }, async (request, reply) => {
    context.requireApiKey(request.headers.authorization);
    reply.header('cache-control', 'no-store').status(201);
    return issueAgentToken(context, request.body);
  });
}
