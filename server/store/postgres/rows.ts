/**
 * Rows of the PostgreSQL store and how they map to records and events, plus the one way an event
 * is written (taking the conversation's next seq) and the transaction wrapper every write uses.
 */
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { ContactDetails, ConversationEvent, MessageEvent, Participant, ParticipantRole, QueuedReason } from '../../../src/core/protocol.js';
import type { ConversationRecord, Integration } from '../store.js';

/** A `conversations` row. */
export interface ConversationRow {
  id: string;
  integration_id: string;
  queue: string;
  customer_id: string;
  customer_name: string | null;
  created_at: Date;
  last_seq: number;
  last_activity_at: Date;
  resolved_seq: number | null;
  rated_seq: number | null;
  contact: string | null;
  state: string;
  assignee_id: string | null;
  assignee_name: string | null;
  waiting_since: Date | null;
}

/** An `events` row. */
export interface EventRow {
  conversation_id: string;
  seq: number;
  type: string;
  author_id: string;
  author_role: string;
  author_name: string | null;
  created_at: Date;
  client_message_id: string | null;
  body: string;
}

/** An `integrations` row. */
export interface IntegrationRow {
  id: string;
  name: string;
  channels: string;
  queue: string;
  enabled: boolean;
  created_at: Date;
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
    createdAt: row.created_at.toISOString(),
    lastSeq: row.last_seq,
    lastActivityAt: row.last_activity_at.toISOString(),
    state: resolved ? 'resolved' : (row.state as ConversationRecord['state']),
    ...(resolved ? { resolvedSeq: row.resolved_seq! } : {}),
    awaitingRating: resolved && row.rated_seq !== row.resolved_seq,
    ...(row.assignee_id && (row.state === 'assigned' || row.state === 'pending')
      ? { assignee: { id: `agent:${row.assignee_id}`, role: 'agent' as const, ...(row.assignee_name ? { displayName: row.assignee_name } : {}) } }
      : {}),
    ...(row.waiting_since && row.state === 'open' ? { waitingSince: row.waiting_since.toISOString() } : {}),
    ...(row.contact ? { contact: JSON.parse(row.contact) } : {}),
  };
}

/** An integration row as a record. */
export function toIntegration(row: IntegrationRow): Integration {
  return {
    id: row.id,
    name: row.name,
    channels: JSON.parse(row.channels),
    queue: row.queue,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
  };
}

/** An event row as a wire event. */
export function toEvent(row: EventRow): ConversationEvent {
  const author: Participant = {
    id: row.author_id,
    role: row.author_role as ParticipantRole,
    ...(row.author_name ? { displayName: row.author_name } : {}),
  };
  const base = { conversationId: row.conversation_id, seq: row.seq, createdAt: row.created_at.toISOString(), author };
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

/** What the store's queries run on: the pool, or one transaction's connection. */
export interface Sql {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * `db` with U+0000 in text parameters replaced by U+FFFD: PostgreSQL text can't hold U+0000 and
 * would refuse the whole write (SQLite keeps it); lone surrogates already become U+FFFD on both.
 * JSON bodies are unaffected: JSON.stringify escapes U+0000.
 */
export function textSafe(db: Pool | PoolClient): Sql {
  const clean = (value: unknown) => (typeof value === 'string' ? storableText(value) : value);
  return { query: (text, values) => db.query(text, values?.map(clean)) };
}

/** A string as a PostgreSQL text column gives it back (U+0000 becomes U+FFFD). */
export function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
}

/** Runs `work` in one transaction on one pooled connection; rolls back when it throws. */
export async function transaction<T>(pool: Pool, work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(textSafe(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => { broken = rollbackError; });
    throw error;
  } finally {
    // A connection whose rollback failed is in an unknown state: drop it instead of pooling it.
    client.release(broken);
  }
}

/** Locks the conversation's row until the transaction ends (every write to a conversation takes it first); undefined when there is no such row. */
export async function lockConversation(client: Sql, conversationId: string): Promise<ConversationRow | undefined> {
  const { rows } = await client.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  return rows[0];
}

/** Takes the conversation's next seq and stores one event (inside a transaction that locked the conversation). */
export async function insertEvent(
  client: Sql,
  conversationId: string,
  author: Participant,
  createdAt: Date,
  type: ConversationEvent['type'],
  clientMessageId: string | null,
  body: object,
): Promise<ConversationEvent> {
  const { rows } = await client.query<{ last_seq: number }>(
    `UPDATE conversations SET last_seq = last_seq + 1,
       last_activity_at = CASE WHEN $1::text = 'message' THEN $2::timestamptz ELSE last_activity_at END
     WHERE id = $3 RETURNING last_seq`,
    [type, createdAt, conversationId],
  );
  if (!rows[0]) throw new Error(`no conversation ${conversationId}`);
  const row: EventRow = {
    conversation_id: conversationId,
    seq: rows[0].last_seq,
    type,
    author_id: storableText(author.id),
    author_role: author.role,
    author_name: author.displayName === undefined ? null : storableText(author.displayName),
    created_at: createdAt,
    client_message_id: clientMessageId,
    body: JSON.stringify(body),
  };
  await client.query(
    `INSERT INTO events (conversation_id, seq, type, author_id, author_role, author_name, created_at, client_message_id, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.conversation_id, row.seq, row.type, row.author_id, row.author_role, row.author_name, row.created_at, row.client_message_id, row.body],
  );
  return toEvent(row);
}
