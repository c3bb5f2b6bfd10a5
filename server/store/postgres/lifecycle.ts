/**
 * Lifecycle writes of the PostgreSQL store: resolve, rate (CSAT) and contact details. Each locks
 * the conversation's row, checks its state and appends its event in one transaction, so "one
 * rating per resolve" and "contact details once" hold across processes.
 */
import type { Pool } from 'pg';
import type { ContactDetails, ContactEvent, CsatEvent, Participant, ResolvedEvent } from '../../../src/core/protocol.js';
import type { ConversationRecord, Rating } from '../store.js';
import { insertEvent, lockConversation, transaction } from './rows.js';

/** Appends a `resolved` event unless the conversation is resolved already. */
export function resolveConversation(pool: Pool, conversation: ConversationRecord, agent: Participant): Promise<ResolvedEvent | undefined> {
  return transaction(pool, async (client) => {
    const state = await lockConversation(client, conversation.id);
    if (!state || state.resolved_seq !== null) return undefined;
    const event = (await insertEvent(client, conversation.id, agent, new Date(), 'resolved', null, {})) as ResolvedEvent;
    await client.query("UPDATE conversations SET resolved_seq = $1, state = 'resolved', waiting_since = NULL WHERE id = $2", [event.seq, conversation.id]);
    return event;
  });
}

/** Appends the customer's rating of the current resolve. */
export function rateConversation(
  pool: Pool,
  conversation: ConversationRecord,
  customer: Participant,
  rating: Rating,
): Promise<CsatEvent | 'not-resolved' | 'already-rated'> {
  return transaction(pool, async (client): Promise<CsatEvent | 'not-resolved' | 'already-rated'> => {
    const state = await lockConversation(client, conversation.id);
    if (!state || state.resolved_seq === null) return 'not-resolved';
    if (state.rated_seq === state.resolved_seq) return 'already-rated';
    const body = { rating: rating.rating, resolvedSeq: state.resolved_seq, ...(rating.comment ? { comment: rating.comment } : {}) };
    const event = (await insertEvent(client, conversation.id, customer, new Date(), 'csat', null, body)) as CsatEvent;
    await client.query('UPDATE conversations SET rated_seq = resolved_seq WHERE id = $1', [conversation.id]);
    return event;
  });
}

/** Stores the customer's contact details (once) and appends a `contact` event; a given name becomes the customer's name. */
export function setContact(
  pool: Pool,
  conversation: ConversationRecord,
  customer: Participant,
  contact: ContactDetails,
): Promise<ContactEvent | undefined> {
  return transaction(pool, async (client) => {
    const state = await lockConversation(client, conversation.id);
    if (!state || state.contact !== null) return undefined;
    await client.query('UPDATE conversations SET contact = $1, customer_name = COALESCE($2, customer_name) WHERE id = $3', [
      JSON.stringify(contact),
      contact.name ?? null,
      conversation.id,
    ]);
    const author = contact.name ? { ...customer, displayName: contact.name } : customer;
    return (await insertEvent(client, conversation.id, author, new Date(), 'contact', null, { contact })) as ContactEvent;
  });
}
