/** `GET /v1/conversations/:id/visitor`: the customer panel (page, time zone, verified, online) for the agents of the conversation's queue. */
import type { FastifyInstance } from 'fastify';
import type { VisitorInfo } from '../../src/core/protocol.js';
import { authenticate } from '../auth/caller.js';
import type { ServerContext } from '../context.js';
import { visitorFor } from '../messaging/visitors.js';
import { routeSchema } from './schemas.js';

/** Registers the customer panel's route. */
export async function visitorRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/v1/conversations/:id/visitor',
    { schema: routeSchema('GET /v1/conversations/:id/visitor') },
    async (request): Promise<VisitorInfo> => {
      const caller = await authenticate(request, context.tokens);
      return visitorFor(context, caller, await context.conversations.authorize(caller, request.params.id));
    },
  );
}
