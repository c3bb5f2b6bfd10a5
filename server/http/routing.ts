/**
 * Routing routes (agents' tokens; customers 403): `POST /v1/conversations/:id/take`,
 * `POST .../transfer` (to an agent or a queue, with an internal note), `POST .../pending`, and
 * `GET /v1/transfer-targets` (whom the caller may transfer to).
 */
import type { FastifyInstance } from 'fastify';
import type { TransferRequest } from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import { markPending, takeConversation, transferConversation, transferTargets } from '../routing/assignments.js';
import { DomainError } from './errors.js';
import { callerOf } from './route-auth.js';

type Params = { id: string };

/** True for the bodies a command without input takes: none, or an empty JSON object. */
const emptyBody = (body: unknown): boolean =>
  body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);

/** Registers the routing routes (authentication and validation come from the route table). */
export async function routingRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.post<{ Params: Params }>('/v1/conversations/:id/take', async (request, reply) => {
    if (!emptyBody(request.body)) throw new DomainError('invalid-request', 'Invalid body: take takes no body (or {}).');
    const event = await takeConversation(context, callerOf(request), request.params.id);
    reply.status(201);
    return event;
  });

  app.post<{ Params: Params; Body: TransferRequest }>('/v1/conversations/:id/transfer', async (request, reply) => {
    const event = await transferConversation(context, callerOf(request), request.params.id, request.body);
    reply.status(201);
    return event;
  });

  app.post<{ Params: Params }>('/v1/conversations/:id/pending', async (request, reply) => {
    if (!emptyBody(request.body)) throw new DomainError('invalid-request', 'Invalid body: pending takes no body (or {}).');
    const event = await markPending(context, callerOf(request), request.params.id);
    reply.status(201);
    return event;
  });

  app.get('/v1/transfer-targets', async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return transferTargets(context, callerOf(request));
  });
}
