/**
 * Internal notes: what agents and supervisors of a conversation's queue write for each other.
 * Stored apart from the conversation's seq stream and announced on the queue's agent topics only,
 * so no customer channel (socket, history, gap recovery, transcript, push, list) can carry one.
 */
import type { Note } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import { queueTopic, supervisorTopic } from '../bus/event-bus.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import type { ConversationRecord } from '../store/store.js';

/** The conversation a staff caller may annotate: customers get 403, agents of other queues 404 (as for the conversation itself). */
async function staffConversation(context: ServerContext, caller: Caller, conversationId: string): Promise<ConversationRecord> {
  if (caller.participant.role !== 'agent') throw new DomainError('forbidden', 'Internal notes are for agents and supervisors only.');
  return context.conversations.authorize(caller, conversationId);
}

/** Stores a note by the calling agent and announces it to the queue's agents and supervisors. */
export async function addNote(context: ServerContext, caller: Caller, conversationId: string, text: string): Promise<Note> {
  const conversation = await staffConversation(context, caller, conversationId);
  const note = await context.store.addNote(conversation.id, caller.participant, text);
  announceNote(context, conversation, note);
  return note;
}

/** The conversation's notes, oldest first, for an agent or supervisor of its queue. */
export async function listNotes(context: ServerContext, caller: Caller, conversationId: string): Promise<Note[]> {
  const conversation = await staffConversation(context, caller, conversationId);
  return context.store.listNotes(conversation.id);
}

/** Sends a stored note live to the agents and supervisors of the conversation's queue (never to its customer's topic). */
export function announceNote(context: Pick<ServerContext, 'bus'>, conversation: Pick<ConversationRecord, 'queue'>, note: Note): void {
  context.bus.publish([queueTopic(conversation.queue), supervisorTopic(conversation.queue)], { type: 'note', note });
}
