/**
 * Lifecycle routes of a conversation: `POST .../resolve` (agents), `POST .../csat` (the customer,
 * after a resolve), `POST .../contact` (the customer, once) and `GET .../transcript?format=text|html`
 * (whoever may read the conversation's events).
 */
import type { FastifyInstance } from 'fastify';
import type { ContactRequest, CsatRequest, TranscriptFormat } from '../../src/core/protocol.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import { giveContact, rateConversation, resolveConversation, transcriptInput } from '../messaging/lifecycle.js';
import { TRANSCRIPT_CSP, transcriptHtml, transcriptText } from '../messaging/transcript.js';
import { DomainError } from '../domain-error.js';

type Params = { id: string };

/** True for the bodies `POST .../resolve` takes: none, or an empty JSON object. */
const emptyBody = (body: unknown): boolean =>
  body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);

/** Registers the lifecycle routes. */
export async function conversationLifecycleRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { conversations } = context;

  app.post<{ Params: Params }>(
    '/v1/conversations/:id/resolve',
    async (request, reply) => {
      const caller = callerOf(request);
      if (!emptyBody(request.body)) throw new DomainError('invalid-request', 'Invalid body: resolve takes no body (or {}).');
      const event = await resolveConversation(context, caller, await conversations.authorize(caller, request.params.id));
      reply.status(201);
      return event;
    },
  );

  app.post<{ Params: Params; Body: CsatRequest }>(
    '/v1/conversations/:id/csat',
    async (request, reply) => {
      const caller = callerOf(request);
      const event = await rateConversation(context, caller, await conversations.authorize(caller, request.params.id), request.body);
      reply.status(201);
      return event;
    },
  );

  app.post<{ Params: Params; Body: ContactRequest }>(
    '/v1/conversations/:id/contact',
    async (request, reply) => {
      const caller = callerOf(request);
      const event = await giveContact(context, caller, request.params.id, request.body);
      reply.status(201);
      return event;
    },
  );

  app.get<{ Params: Params; Querystring: { format?: TranscriptFormat } }>(
    '/v1/conversations/:id/transcript',
    async (request, reply) => {
      const caller = callerOf(request);
      const input = await transcriptInput(context, caller, await conversations.authorize(caller, request.params.id));
      const html = request.query.format === 'html';
      reply
        .header('content-disposition', `attachment; filename="transcript-${input.conversation.id}.${html ? 'html' : 'txt'}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      if (!html) return reply.type('text/plain; charset=utf-8').send(transcriptText(input));
      return reply.type('text/html; charset=utf-8').header('content-security-policy', TRANSCRIPT_CSP).send(transcriptHtml(input));
    },
  );
}
