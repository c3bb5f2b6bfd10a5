/**
 * Queue records (API key): `POST`, `GET` and `PATCH /v1/queues…`. A record holds a queue's routing
 * rule; a queue that integrations or agents name without a record routes with the defaults.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CreateQueueRequest, QueueInfo, QueueList, UpdateQueueRequest } from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import type { Queue } from '../store/store.js';
import { DomainError } from '../domain-error.js';

const queueInfo = (queue: Queue): QueueInfo => ({ ...queue });

/** Registers the queue routes. */
export async function queueRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;
  // The API key is checked by the route-auth hook (the route table says `api-key`).
  const admin = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
  };

  app.get('/v1/queues', { onRequest: admin }, async (): Promise<QueueList> => ({ queues: (await store.listQueues()).map(queueInfo) }));

  app.post<{ Body: CreateQueueRequest }>('/v1/queues', { onRequest: admin }, async (request, reply) => {
    const { name, routing = 'round-robin', enabled = true } = request.body;
    const created = await store.createQueue(name, { routing, enabled });
    if (!created) throw new DomainError('conflict', `Queue "${name}" exists already.`);
    reply.status(201);
    return queueInfo(created);
  });

  app.patch<{ Params: { name: string }; Body: UpdateQueueRequest }>(
    '/v1/queues/:name',
    { onRequest: admin },
    async (request) => {
      const queue = await store.updateQueue(request.params.name, request.body);
      if (!queue) throw new DomainError('not-found', `No queue "${request.params.name}".`);
      return queueInfo(queue);
    },
  );
}
