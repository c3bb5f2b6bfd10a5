/** The conversation API for customers and agents: list, history, gap recovery, send, read. */
import type { FastifyInstance } from 'fastify';
import type { Conversation, ConversationList, EventPage, MessagePage, ReadRequest, SendMessageRequest } from '../../src/core/protocol.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import type { NewMessage } from '../store/store.js';
import { attachmentInfo } from './attachments.js';
import { DomainError } from '../domain-error.js';
import { CUSTOMER_MESSAGE_TYPES, MESSAGE_TYPES } from './schemas.js';

type Params = { id: string };

/** Parses an optional numeric query parameter and checks its range. */
function numberParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new DomainError('invalid-request', `Invalid querystring: ${name} must be between ${min} and ${max}.`);
  }
  return parsed;
}

/** Registers the conversation routes. */
export async function conversationRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { conversations } = context;

  app.get('/v1/conversations', async (request): Promise<ConversationList> => {
    const caller = callerOf(request);
    const records = await conversations.list(caller);
    return { conversations: await Promise.all(records.map((record) => conversations.view(caller, record))) };
  });

  app.get<{ Params: Params }>('/v1/conversations/:id', async (request): Promise<Conversation> => {
    const caller = callerOf(request);
    return conversations.view(caller, await conversations.authorize(caller, request.params.id));
  });

  app.get<{ Params: Params; Querystring: { before?: string; limit?: string } }>(
    '/v1/conversations/:id/messages',
    async (request): Promise<MessagePage> => {
      const caller = callerOf(request);
      const conversation = await conversations.authorize(caller, request.params.id);
      const before = request.query.before === undefined ? undefined : numberParam(request.query.before, 'before', 0, 1, Number.MAX_SAFE_INTEGER);
      const limit = numberParam(request.query.limit, 'limit', 50, 1, 100);
      return context.store.listMessages(conversation.id, before, limit);
    },
  );

  app.get<{ Params: Params; Querystring: { after?: string; limit?: string } }>(
    '/v1/conversations/:id/events',
    async (request): Promise<EventPage> => {
      const caller = callerOf(request);
      const conversation = await conversations.authorize(caller, request.params.id);
      const after = numberParam(request.query.after, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = numberParam(request.query.limit, 'limit', 100, 1, 200);
      const page = await context.store.listEvents(conversation.id, after, limit);
      const head = (await context.store.getConversation(conversation.id))?.lastSeq ?? conversation.lastSeq;
      return { events: page.events, hasMore: page.hasMore, lastSeq: head };
    },
  );

  app.post<{ Params: Params; Body: SendMessageRequest }>(
    '/v1/conversations/:id/messages',
    async (request, reply) => {
      const caller = callerOf(request);
      const conversation = await conversations.authorize(caller, request.params.id);
      const body = request.body;
      if (!(MESSAGE_TYPES as string[]).includes(body.type)) throw new DomainError('invalid-request', `Unknown message type "${body.type}".`);
      if (caller.participant.role === 'customer' && !CUSTOMER_MESSAGE_TYPES.includes(body.type)) {
        throw new DomainError('forbidden', `Customers may not send "${body.type}" messages.`);
      }
      if (caller.participant.role !== 'customer' && body.type === 'leave-message') {
        throw new DomainError('forbidden', 'Only customers leave messages.');
      }
      if ((body.type === 'text' || body.type === 'leave-message') && body.text.trim() === '') {
        throw new DomainError('invalid-request', 'A text message needs some text.');
      }
      let stored: NewMessage = body;
      if (body.type === 'attachment') {
        // The server, not the client, says what the file is.
        const record = await context.store.getAttachment(body.attachmentId);
        if (!record || record.conversationId !== conversation.id) throw new DomainError('invalid-request', 'No such attachment in this conversation.');
        stored = {
          clientMessageId: body.clientMessageId,
          type: 'attachment',
          attachment: attachmentInfo(record),
          ...(body.caption ? { caption: body.caption } : {}),
        };
      }
      // The first write to a customer's draft conversation creates it.
      const target = conversation.draft ? await conversations.authorizeWrite(caller, conversation.id) : conversation;
      const result = await conversations.post(caller, target, stored);
      reply.status(result.created ? 201 : 200);
      return result.message;
    },
  );

  app.post<{ Params: Params; Body: ReadRequest }>(
    '/v1/conversations/:id/read',
    async (request) => {
      const caller = callerOf(request);
      const conversation = await conversations.authorize(caller, request.params.id);
      return { readSeq: await conversations.markRead(caller, conversation, request.body.seq) };
    },
  );
}
