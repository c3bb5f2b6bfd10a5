/**
 * Rows of the SQLite store and how they map to records and events, plus the one way an event is
 * written (taking the conversation's next seq). Shared by the store and its lifecycle operations.
 */
import type Database from 'better-sqlite3';
import type { ContactDetails, ConversationEvent, MessageEvent, Participant, ParticipantRole, QueuedReason } from '../../../src/core/protocol.js';
import type { ConversationRecord, Integration } from '../store.js';
import { statement } from './statements.js';

/** A `conversations` row. */
export interface ConversationRow {
  id: string;
  integration_id: string;
  queue: string;
  customer_id: string;
  customer_name: string | null;
  created_at: string;
  last_seq: number;
  last_activity_at: string;
  resolved_seq: number | null;
  rated_seq: number | null;
  contact: string | null;
  state: string;
  assignee_id: string | null;
  assignee_name: string | null;
  waiting_since: string | null;
}

/** An `events` row. */
export interface EventRow {
  conversation_id: string;
  seq: number;
  type: string;
  author_id: string;
  author_role: string;
  author_name: string | null;
  created_at: string;
  client_message_id: string | null;
  body: string;
}

/** An `integrations` row. */
export interface IntegrationRow {
  id: string;
  name: string;
  channels: string;
  queue: string;
  enabled: number;
  created_at: string;
  settings: string | null;
}

/** A conversation row as a record. */
export function toConversation(row: ConversationRow): ConversationRecord {
  const resolved = row.resolved_seq !== null;
  return {
    id: row.id,
    integrationId: row.integration_id,
    queue: row.queue,
    customer: { id: row.customer_id, role: 'customer', ...(row.customer_name ? { displayName: row.customer_name } : {}) },
    createdAt: row.created_at,
    lastSeq: row.last_seq,
    lastActivityAt: row.last_activity_at,
    state: resolved ? 'resolved' : (row.state as ConversationRecord['state']),
    ...(resolved ? { resolvedSeq: row.resolved_seq! } : {}),
    awaitingRating: resolved && row.rated_seq !== row.resolved_seq,
    ...(row.assignee_id && (row.state === 'assigned' || row.state === 'pending')
      ? { assignee: { id: `agent:${row.assignee_id}`, role: 'agent' as const, ...(row.assignee_name ? { displayName: row.assignee_name } : {}) } }
      : {}),
    ...(row.waiting_since && row.state === 'open' ? { waitingSince: row.waiting_since } : {}),
    ...(row.contact ? { contact: JSON.parse(row.contact) } : {}),
  };
}

/** An integration row as a record. */
export function toIntegration(row: IntegrationRow): Integration {
  return { id: row.id, name: row.name, channels: JSON.parse(row.channels), queue: row.queue, enabled: row.enabled !== 0, createdAt: row.created_at };
}

/** An event row as a wire event. */
export function toEvent(row: EventRow): ConversationEvent {
  const author: Participant = {
    id: row.author_id,
    role: row.author_role as ParticipantRole,
    ...(row.author_name ? { displayName: row.author_name } : {}),
  };
  const base = { conversationId: row.conversation_id, seq: row.seq, createdAt: row.created_at, author };
  const body = JSON.parse(row.body) as Record<string, unknown>;
  switch (row.type) {
    case 'message':
      return { ...base, type: 'message', message: body.message as MessageEvent['message'] };
    case 'read':
      return { ...base, type: 'read', readSeq: body.readSeq as number };
    case 'resolved':
      return { ...base, type: 'resolved' };
    case 'csat':
      return {
        ...base,
        type: 'csat',
        rating: body.rating as number,
        resolvedSeq: body.resolvedSeq as number,
        ...(typeof body.comment === 'string' ? { comment: body.comment } : {}),
      };
    case 'contact':
      return { ...base, type: 'contact', contact: body.contact as ContactDetails };
    case 'queued':
      return { ...base, type: 'queued', queue: body.queue as string, ...(body.reason ? { reason: body.reason as QueuedReason } : {}) };
    case 'assigned':
      return {
        ...base,
        type: 'assigned',
        assignee: body.assignee as Participant,
        queue: body.queue as string,
        ...(body.by ? { by: body.by as Participant } : {}),
        ...(body.transferredFrom ? { transferredFrom: body.transferredFrom as Participant } : {}),
      };
    case 'pending':
      return { ...base, type: 'pending' };
    default:
      return { ...base, type: 'participant.joined' };
  }
}

/** Takes the conversation's next seq and stores one event (call inside a transaction). */
export function insertEvent(
  db: Database.Database,
  conversationId: string,
  author: Participant,
  createdAt: string,
  type: ConversationEvent['type'],
  clientMessageId: string | null,
  body: object,
): ConversationEvent {
  const { last_seq: seq } = statement(db, `UPDATE conversations SET last_seq = last_seq + 1,
                last_activity_at = CASE WHEN ? = 'message' THEN ? ELSE last_activity_at END
              WHERE id = ? RETURNING last_seq`)
    .get(type, createdAt, conversationId) as { last_seq: number };
  const row: EventRow = {
    conversation_id: conversationId,
    seq,
    type,
    author_id: author.id,
    author_role: author.role,
    author_name: author.displayName ?? null,
    created_at: createdAt,
    client_message_id: clientMessageId,
    body: JSON.stringify(body),
  };
  statement(db, `INSERT INTO events (conversation_id, seq, type, author_id, author_role, author_name, created_at, client_message_id, body)
              VALUES (@conversation_id, @seq, @type, @author_id, @author_role, @author_name, @created_at, @client_message_id, @body)`)
    .run(row);
  return toEvent(row);
}
