/**
 * The conversation lifecycle the widget shows: an agent resolves, the customer rates the resolve
 * (CSAT), the customer gives contact details (the pre-chat form), and either side downloads a
 * transcript. Events go through the same store append and bus as messages, so they get a seq.
 */
import type { ContactEvent, ContactRequest, ConversationEvent, CsatEvent, CsatRequest, ResolvedEvent } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import { settingsOf } from '../integrations/settings.js';
import type { ConversationRecord } from '../store/store.js';
import { checkContact } from './contact-form.js';
import { MAX_TRANSCRIPT_EVENTS, type TranscriptInput } from './transcript.js';

const settingsOfConversation = async (context: ServerContext, conversation: ConversationRecord) => {
  const integration = await context.store.getIntegration(conversation.integrationId);
  if (!integration) throw new DomainError('not-found', 'The integration of this conversation no longer exists.');
  return settingsOf(context.store, integration);
};

/** An agent resolves the conversation (409 when it is resolved already). */
export async function resolveConversation(context: ServerContext, caller: Caller, conversation: ConversationRecord): Promise<ResolvedEvent> {
  if (caller.participant.role !== 'agent') throw new DomainError('forbidden', 'Only agents resolve conversations.');
  const event = await context.store.resolveConversation(conversation, caller.participant);
  if (!event) throw new DomainError('conflict', 'The conversation is resolved already.');
  context.conversations.publish(conversation, { type: 'event', event });
  return event;
}

/** The customer rates the current resolve, once. */
export async function rateConversation(context: ServerContext, caller: Caller, conversation: ConversationRecord, request: CsatRequest): Promise<CsatEvent> {
  if (caller.participant.role !== 'customer') throw new DomainError('forbidden', 'Only the customer rates a conversation.');
  if (!(await settingsOfConversation(context, conversation)).csat) throw new DomainError('forbidden', 'Ratings are off for this integration.');
  if (conversation.draft) throw new DomainError('conflict', 'Only a resolved conversation can be rated.');
  const comment = request.comment?.trim();
  const result = await context.store.rateConversation(conversation, context.conversations.authorOf(caller, conversation), {
    rating: request.rating,
    ...(comment ? { comment } : {}),
  });
  if (result === 'not-resolved') throw new DomainError('conflict', 'Only a resolved conversation can be rated.');
  if (result === 'already-rated') throw new DomainError('conflict', 'This resolve has been rated already.');
  context.conversations.publish(conversation, { type: 'event', event: result });
  return result;
}

/** The customer gives contact details, once, checked against the pre-chat form; this write creates a draft conversation. */
export async function giveContact(context: ServerContext, caller: Caller, conversationId: string, request: ContactRequest): Promise<ContactEvent> {
  const conversation = await context.conversations.authorize(caller, conversationId);
  if (caller.participant.role !== 'customer') throw new DomainError('forbidden', 'Only the customer gives contact details.');
  if (conversation.contact) throw new DomainError('conflict', 'The contact details were given already.');
  const contact = checkContact(request, (await settingsOfConversation(context, conversation)).preChatForm);
  const stored = await context.conversations.authorizeWrite(caller, conversationId);
  const event = await context.store.setContact(stored, caller.participant, contact);
  if (!event) throw new DomainError('conflict', 'The contact details were given already.');
  context.conversations.publish(stored, { type: 'event', event });
  return event;
}

/** What a transcript of the conversation is made from (customers only when the integration offers transcripts). */
export async function transcriptInput(context: ServerContext, caller: Caller, conversation: ConversationRecord): Promise<TranscriptInput> {
  const settings = await settingsOfConversation(context, conversation);
  if (caller.participant.role === 'customer' && !settings.transcript) throw new DomainError('forbidden', 'Transcripts are off for this integration.');
  const events: ConversationEvent[] = [];
  let hasMore = !conversation.draft;
  while (hasMore && events.length < MAX_TRANSCRIPT_EVENTS) {
    const page = await context.store.listEvents(conversation.id, events.at(-1)?.seq ?? 0, Math.min(500, MAX_TRANSCRIPT_EVENTS - events.length));
    events.push(...page.events);
    hasMore = page.hasMore;
  }
  // The head now: the stored record may predate a contact given since it was read.
  const current = (await context.store.getConversation(conversation.id)) ?? conversation;
  return { conversation: current, teamName: settings.teamName, events, truncated: hasMore, generatedAt: new Date() };
}
