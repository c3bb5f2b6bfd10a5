/**
 * Internal notes of a conversation: `GET` and `POST /v1/conversations/:id/notes`, for the agents
 * and supervisors of its queue only (customers 403, other queues' agents 404).
 */
import type { FastifyInstance } from 'fastify';
import type { NoteList, NoteRequest } from '../../src/core/protocol.js';
import { authenticate } from '../auth/caller.js';
import type { ServerContext } from '../context.js';
import { addNote, listNotes } from '../notes/notes.js';
import { routeSchema } from './schemas.js';

type Params = { id: string };

/** Registers the note routes. */
export async function noteRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get<{ Params: Params }>(
    '/v1/conversations/:id/notes',
    { schema: routeSchema('GET /v1/conversations/:id/notes') },
    async (request, reply): Promise<NoteList> => {
      const caller = await authenticate(request, context.tokens);
      const notes = await listNotes(context, caller, request.params.id);
      reply.header('cache-control', 'private, no-store');
      return { notes };
    },
  );

  app.post<{ Params: Params; Body: NoteRequest }>(
    '/v1/conversations/:id/notes',
    { schema: routeSchema('POST /v1/conversations/:id/notes') },
    async (request, reply) => {
      const caller = await authenticate(request, context.tokens);
      const note = await addNote(context, caller, request.params.id, request.body.text);
      reply.status(201);
      return note;
    },
  );
}
