/** The analytics log of the SQLite store (see `Store.analyticsLog`): one read of the event log per queue set. */
import type Database from 'better-sqlite3';
import type { AnalyticsLogEntry } from '../store.js';
import { toAnalyticsEntry, type AnalyticsRow } from '../analytics-rows.js';
import { statement } from './statements.js';

/** The `queued`/`assigned`/`pending`/`resolved`/`csat` events and first messages of each run, of the conversations the figures need. */
export function analyticsLog(db: Database.Database, queues: string[], since: string): AnalyticsLogEntry[] {
  if (queues.length === 0) return [];
  const marks = queues.map(() => '?').join(', ');
  const rows = statement(db, `
    SELECT * FROM (
      SELECT e.conversation_id, c.queue, c.customer_id, c.customer_name, e.seq, e.type, e.author_id, e.author_role, e.author_name, e.created_at,
             CASE WHEN e.type = 'message' THEN NULL ELSE e.body END AS body,
             LAG(e.type) OVER run AS previous_type, LAG(e.author_role) OVER run AS previous_role
        FROM conversations c JOIN events e ON e.conversation_id = c.id
       WHERE c.queue IN (${marks})
         AND (c.resolved_seq IS NULL
              OR EXISTS (SELECT 1 FROM events r WHERE r.conversation_id = c.id AND r.seq >= c.resolved_seq AND r.created_at >= ?))
         AND e.type IN ('message', 'queued', 'assigned', 'pending', 'resolved', 'csat')
         AND e.seq > COALESCE((SELECT MAX(p.seq) FROM events p WHERE p.conversation_id = c.id AND p.type = 'resolved' AND p.created_at < ?), 0)
      WINDOW run AS (PARTITION BY e.conversation_id ORDER BY e.seq)
    ) WHERE type <> 'message' OR previous_type IS NULL OR previous_type <> 'message' OR previous_role <> author_role
    ORDER BY conversation_id, seq`).all(...queues, since, since) as AnalyticsRow[];
  return rows.map(toAnalyticsEntry);
}
