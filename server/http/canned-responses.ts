/**
 * Canned responses per queue: administered with the API key (`/v1/canned-responses…`), read by the
 * agents and supervisors of the queue (`GET /v1/queues/:name/canned-responses`; customers 403,
 * agents of other queues 404, as for the queue's conversations).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CannedResponseList, CreateCannedResponseRequest, UpdateCannedResponseRequest } from '../../src/core/protocol.js';
import { authenticate } from '../auth/caller.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import { routeSchema } from './schemas.js';

/** Registers the canned-response routes. */
export async function cannedResponseRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;
  const admin = async (request: FastifyRequest, reply: FastifyReply) => {
    context.requireApiKey(request.headers.authorization);
    reply.header('cache-control', 'no-store');
  };

  app.get<{ Querystring: { queue?: string } }>(
    '/v1/canned-responses',
    { onRequest: admin, schema: routeSchema('GET /v1/canned-responses') },
    async (request): Promise<CannedResponseList> => ({ cannedResponses: await store.listCannedResponses(request.query.queue) }),
  );

  app.post<{ Body: CreateCannedResponseRequest }>(
    '/v1/canned-responses',
    { onRequest: admin, schema: routeSchema('POST /v1/canned-responses') },
    async (request, reply) => {
      const created = await store.createCannedResponse(request.body);
      if (!created) throw new DomainError('conflict', `Queue "${request.body.queue}" has a canned response "/${request.body.shortcut}" already.`);
      reply.status(201);
      return created;
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateCannedResponseRequest }>(
    '/v1/canned-responses/:id',
    { onRequest: admin, schema: routeSchema('PATCH /v1/canned-responses/:id') },
    async (request) => {
      const updated = await store.updateCannedResponse(request.params.id, request.body);
      if (updated === 'shortcut-taken') throw new DomainError('conflict', `Its queue has a canned response "/${request.body.shortcut}" already.`);
      if (!updated) throw new DomainError('not-found', 'No such canned response.');
      return updated;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/canned-responses/:id',
    { onRequest: admin, schema: routeSchema('DELETE /v1/canned-responses/:id') },
    async (request, reply) => {
      if (!(await store.deleteCannedResponse(request.params.id))) throw new DomainError('not-found', 'No such canned response.');
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { name: string } }>(
    '/v1/queues/:name/canned-responses',
    { schema: routeSchema('GET /v1/queues/:name/canned-responses') },
    async (request, reply): Promise<CannedResponseList> => {
      const caller = await authenticate(request, context.tokens);
      if (caller.participant.role !== 'agent') throw new DomainError('forbidden', 'Canned responses are for agents and supervisors only.');
      if (!caller.queues.includes(request.params.name)) throw new DomainError('not-found', 'No such queue.');
      reply.header('cache-control', 'private, no-store');
      return { cannedResponses: await store.listCannedResponses(request.params.name) };
    },
  );
}
