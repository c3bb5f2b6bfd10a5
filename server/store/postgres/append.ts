/**
 * A message append on PostgreSQL in one statement (one round trip, atomic on its own): it locks
 * the conversation's row, joins the author (a `participant.joined` event the first time), stores
 * the message with the next seq, applies what a customer's message does to the conversation's
 * state (routing.ts's `afterCustomerMessage`: a `queued` event when it is new or was resolved,
 * `pending` back to `assigned`) and moves the author's read horizon to its message.
 *
 * Why this is exact: the conversation's row is locked first (every other CTE reads from `locked`),
 * and a row lock returns the row's latest version, so seqs follow the last committed event; the
 * participant upsert and the update see the latest rows too. Only the `clientMessageId` check
 * reads the statement's snapshot: a repeat committed while this statement waited for the lock
 * hits the unique index instead (23505), the whole statement rolls back (no seq is used), and
 * the caller reads the stored message.
 */
import { randomUUID } from 'node:crypto';
import type { MessageEvent, Participant } from '../../../src/core/protocol.js';
import type { AppendResult, ConversationRecord, NewMessage } from '../store.js';
import { toEvent, type EventRow, type Sql } from './rows.js';
import { ROUTER } from './routing.js';

/**
 * $1 conversation, $2 author id, $3 author role, $4 author name, $5 time, $6 clientMessageId,
 * $7 message body (JSON text), $8 the router's participant id.
 */
const APPEND = `
WITH repeated AS (
  SELECT * FROM events WHERE conversation_id = $1 AND author_id = $2 AND client_message_id = $6
),
locked AS (
  SELECT id, queue, last_seq, resolved_seq, state, waiting_since
  FROM conversations WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM repeated) FOR UPDATE
),
decision AS (
  SELECT locked.*, ($3::text = 'customer' AND (resolved_seq IS NOT NULL OR (state = 'open' AND waiting_since IS NULL))) AS queues
  FROM locked
),
member AS (
  -- The message's seq is last_seq + 2 after a join, else last_seq + 1: the horizon is set here,
  -- since one statement can't update a row it inserts.
  INSERT INTO participants AS p (conversation_id, participant_id, role, joined_at, read_seq)
  SELECT id, $2, $3, $5::timestamptz, last_seq + 2 FROM locked
  ON CONFLICT (conversation_id, participant_id) DO UPDATE SET read_seq = GREATEST(p.read_seq, excluded.read_seq - 1)
  RETURNING (xmax = 0) AS joined
),
planned AS (
  SELECT 1 AS ord, 'participant.joined'::text AS type, $2::text AS author_id, $3::text AS author_role, $4::text AS author_name,
         NULL::text AS client_message_id, '{}'::text AS body
  FROM member WHERE joined
  UNION ALL
  SELECT 2, 'message', $2, $3, $4, $6::text, $7::text FROM member
  UNION ALL
  SELECT 3, 'queued', $8::text, 'system', NULL, NULL,
         '{"queue":' || to_json(queue)::text || ',"reason":"' || CASE WHEN resolved_seq IS NOT NULL THEN 'reopened' ELSE 'new' END || '"}'
  FROM decision WHERE queues
),
numbered AS (
  SELECT locked.last_seq + row_number() OVER (ORDER BY planned.ord) AS seq, planned.* FROM planned, locked
),
head AS (
  UPDATE conversations c SET
    last_seq = top.seq,
    last_activity_at = $5,
    state = CASE WHEN d.queues THEN 'open' WHEN $3 = 'customer' AND c.state = 'pending' THEN 'assigned' ELSE c.state END,
    waiting_since = CASE WHEN d.queues THEN $5 ELSE c.waiting_since END,
    resolved_seq = CASE WHEN $3 = 'customer' THEN NULL ELSE c.resolved_seq END
  FROM decision d, (SELECT max(seq) AS seq FROM numbered) top
  WHERE c.id = d.id AND top.seq IS NOT NULL
  RETURNING c.last_seq
),
inserted AS (
  INSERT INTO events (conversation_id, seq, type, author_id, author_role, author_name, created_at, client_message_id, body)
  SELECT $1, seq, type, author_id, author_role, author_name, $5, client_message_id, body FROM numbered
  RETURNING *
)
SELECT false AS repeat, inserted.* FROM inserted
UNION ALL
SELECT true, repeated.* FROM repeated
ORDER BY seq`;

/** Appends `message` by `author` in one statement; a repeated clientMessageId returns the stored message and creates nothing. */
export async function appendMessage(sql: Sql, conversation: ConversationRecord, author: Participant, message: NewMessage): Promise<AppendResult> {
  const body = JSON.stringify({ message: { ...message, id: `msg_${randomUUID()}` } });
  let rows: Array<EventRow & { repeat: boolean }>;
  try {
    ({ rows } = await sql.query<EventRow & { repeat: boolean }>(APPEND, [
      conversation.id,
      author.id,
      author.role,
      author.displayName ?? null,
      new Date(),
      message.clientMessageId,
      body,
      ROUTER.id,
    ]));
  } catch (error) {
    // The same clientMessageId committed while this one waited for the row lock: the unique index decided.
    if ((error as { code?: string }).code !== '23505') throw error;
    const stored = await storedMessage(sql, conversation.id, author.id, message.clientMessageId);
    if (!stored) throw error;
    return { message: stored, created: [] };
  }
  if (rows.length === 0) throw new Error(`no conversation ${conversation.id}`);
  if (rows[0]!.repeat) return { message: toEvent(rows[0]!) as MessageEvent, created: [] };
  const created = rows.map((row) => toEvent(row)) as AppendResult['created'];
  return { message: created.find((event) => event.type === 'message') as MessageEvent, created };
}

/** A message the author already sent with this clientMessageId, if any. */
export async function storedMessage(sql: Sql, conversationId: string, authorId: string, clientMessageId: string): Promise<MessageEvent | undefined> {
  const { rows } = await sql.query<EventRow>(
    'SELECT * FROM events WHERE conversation_id = $1 AND author_id = $2 AND client_message_id = $3',
    [conversationId, authorId, clientMessageId],
  );
  return rows[0] ? (toEvent(rows[0]) as MessageEvent) : undefined;
}
