/** The rows both stores' analytics log reads, and how one becomes an `AnalyticsLogEntry` (the same on either engine). */
import type { Participant, ParticipantRole } from '../../src/core/protocol.js';
import type { AnalyticsLogEntry } from './store.js';

/** A row of the analytics log query (`created_at` is text in SQLite, a Date from PostgreSQL). */
export interface AnalyticsRow {
  conversation_id: string;
  queue: string;
  customer_id: string;
  customer_name: string | null;
  seq: number;
  type: string;
  author_id: string;
  author_role: string;
  author_name: string | null;
  created_at: string | Date;
  /** Null for messages (their bodies are not needed). */
  body: string | null;
}

const participant = (id: string, role: string, name: string | null | undefined): Participant =>
  ({ id, role: role as ParticipantRole, ...(name ? { displayName: name } : {}) });

/** A row as a log entry: the rating of a `csat`, the assignee of an `assigned`. */
export function toAnalyticsEntry(row: AnalyticsRow): AnalyticsLogEntry {
  const entry: AnalyticsLogEntry = {
    conversationId: row.conversation_id,
    queue: row.queue,
    customer: participant(row.customer_id, 'customer', row.customer_name),
    seq: row.seq,
    type: row.type,
    author: participant(row.author_id, row.author_role, row.author_name),
    createdAt: typeof row.created_at === 'string' ? row.created_at : row.created_at.toISOString(),
  };
  const body = row.body ? (JSON.parse(row.body) as Record<string, unknown>) : {};
  if (row.type === 'csat' && typeof body.rating === 'number') entry.rating = body.rating;
  const assignee = body.assignee as Partial<Participant> | undefined;
  if (row.type === 'assigned' && typeof assignee?.id === 'string') entry.assignee = participant(assignee.id, 'agent', assignee.displayName);
  return entry;
}
