/**
 * Lifecycle writes of the SQLite store: resolve, rate (CSAT) and contact details. Each checks the
 * conversation's state and appends its event in one transaction, so "one rating per resolve" and
 * "contact details once" hold under any interleaving.
 */
import type Database from 'better-sqlite3';
import type { ContactDetails, ContactEvent, CsatEvent, Participant, ResolvedEvent } from '../../../src/core/protocol.js';
import type { ConversationRecord, Rating } from '../store.js';
import { insertEvent } from './rows.js';
import { statement } from './statements.js';

type StateRow = { resolved_seq: number | null; rated_seq: number | null; contact: string | null };

const stateOf = (db: Database.Database, conversationId: string): StateRow =>
  statement(db, 'SELECT resolved_seq, rated_seq, contact FROM conversations WHERE id = ?').get(conversationId) as StateRow;

/** Appends a `resolved` event unless the conversation is resolved already. */
export function resolveConversation(db: Database.Database, conversation: ConversationRecord, agent: Participant): ResolvedEvent | undefined {
  return db.transaction((): ResolvedEvent | undefined => {
    if (stateOf(db, conversation.id).resolved_seq !== null) return undefined;
    const event = insertEvent(db, conversation.id, agent, new Date().toISOString(), 'resolved', null, {}) as ResolvedEvent;
    statement(db, "UPDATE conversations SET resolved_seq = ?, state = 'resolved', waiting_since = NULL WHERE id = ?").run(event.seq, conversation.id);
    return event;
  })();
}

/** Appends the customer's rating of the current resolve. */
export function rateConversation(
  db: Database.Database,
  conversation: ConversationRecord,
  customer: Participant,
  rating: Rating,
): CsatEvent | 'not-resolved' | 'already-rated' {
  return db.transaction((): CsatEvent | 'not-resolved' | 'already-rated' => {
    const state = stateOf(db, conversation.id);
    if (state.resolved_seq === null) return 'not-resolved';
    if (state.rated_seq === state.resolved_seq) return 'already-rated';
    const body = { rating: rating.rating, resolvedSeq: state.resolved_seq, ...(rating.comment ? { comment: rating.comment } : {}) };
    const event = insertEvent(db, conversation.id, customer, new Date().toISOString(), 'csat', null, body) as CsatEvent;
    statement(db, 'UPDATE conversations SET rated_seq = resolved_seq WHERE id = ?').run(conversation.id);
    return event;
  })();
}

/** Stores the customer's contact details (once) and appends a `contact` event; a given name becomes the customer's name. */
export function setContact(
  db: Database.Database,
  conversation: ConversationRecord,
  customer: Participant,
  contact: ContactDetails,
): ContactEvent | undefined {
  return db.transaction((): ContactEvent | undefined => {
    if (stateOf(db, conversation.id).contact !== null) return undefined;
    statement(db, 'UPDATE conversations SET contact = ?, customer_name = COALESCE(?, customer_name) WHERE id = ?')
      .run(JSON.stringify(contact), contact.name ?? null, conversation.id);
    const author = contact.name ? { ...customer, displayName: contact.name } : customer;
    return insertEvent(db, conversation.id, author, new Date().toISOString(), 'contact', null, { contact }) as ContactEvent;
  })();
}
