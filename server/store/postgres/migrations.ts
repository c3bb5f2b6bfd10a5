/**
 * Versioned schema migrations of the PostgreSQL store. Each runs once, in its own transaction, and
 * is recorded in `schema_migrations`; an advisory lock makes processes that start together apply
 * them one after the other. Append new ones, never edit an applied one.
 *
 * JSON is kept as text (as in SQLite) so both engines return byte-identical bodies: PostgreSQL's
 * `json` type would refuse strings SQLite keeps (a lone surrogate) and `jsonb` reorders keys.
 */
import type { Pool } from 'pg';

/** One schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Key of the advisory lock held while migrating (any constant unique to this schema). */
const MIGRATION_LOCK = 7_311_604_921;

/** Every migration, oldest first. */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'conversations and sequenced events',
    sql: `
      CREATE TABLE integrations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        channels TEXT NOT NULL,
        queue TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL REFERENCES integrations(id),
        queue TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        customer_name TEXT,
        is_default BOOLEAN NOT NULL DEFAULT TRUE,
        created_at TIMESTAMPTZ NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_activity_at TIMESTAMPTZ NOT NULL
      );
      CREATE UNIQUE INDEX conversations_default_per_customer
        ON conversations (customer_id) WHERE is_default;
      CREATE INDEX conversations_by_queue ON conversations (queue, last_activity_at DESC);
      CREATE TABLE events (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_role TEXT NOT NULL,
        author_name TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        client_message_id TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE UNIQUE INDEX events_idempotent_send
        ON events (conversation_id, author_id, client_message_id) WHERE client_message_id IS NOT NULL;
      CREATE TABLE participants (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        participant_id TEXT NOT NULL,
        role TEXT NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0,
        joined_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (conversation_id, participant_id)
      );
    `,
  },
  {
    version: 2,
    name: 'attachments',
    sql: `
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        uploader_id TEXT NOT NULL,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX attachments_by_conversation ON attachments (conversation_id);
    `,
  },
  {
    version: 3,
    name: 'web push subscriptions',
    sql: `
      CREATE TABLE push_subscriptions (
        endpoint TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        page_url TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        -- Saving again makes a subscription the newest (SQLite's REPLACE gives it a new rowid).
        ordinal BIGSERIAL NOT NULL
      );
      CREATE INDEX push_subscriptions_by_participant ON push_subscriptions (participant_id, created_at, ordinal);
    `,
  },
  {
    version: 4,
    name: 'widget settings, conversation lifecycle and contact details',
    sql: `
      ALTER TABLE integrations ADD COLUMN settings TEXT;
      ALTER TABLE conversations ADD COLUMN resolved_seq INTEGER;
      ALTER TABLE conversations ADD COLUMN rated_seq INTEGER;
      ALTER TABLE conversations ADD COLUMN contact TEXT;
    `,
  },
  {
    version: 5,
    name: 'agents, queues, presence; integrations can be disabled',
    sql: `
      ALTER TABLE integrations ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        avatar_url TEXT,
        queues TEXT NOT NULL,
        max_conversations INTEGER NOT NULL,
        role TEXT NOT NULL,
        enabled BOOLEAN NOT NULL,
        presence TEXT NOT NULL DEFAULT 'offline',
        presence_reason TEXT,
        presence_since TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE queues (
        name TEXT PRIMARY KEY,
        routing TEXT NOT NULL,
        enabled BOOLEAN NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    // Numbered apart from the contact center's other migrations of the same session (applied by set, not by order).
    version: 10,
    name: 'routing: conversation state, assignee and waiting time; round-robin position of agents',
    sql: `
      ALTER TABLE conversations ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
      ALTER TABLE conversations ADD COLUMN assignee_id TEXT;
      ALTER TABLE conversations ADD COLUMN assignee_name TEXT;
      ALTER TABLE conversations ADD COLUMN waiting_since TIMESTAMPTZ;
      ALTER TABLE agents ADD COLUMN last_assigned_at TIMESTAMPTZ;
      UPDATE conversations SET state = 'resolved' WHERE resolved_seq IS NOT NULL;
      UPDATE conversations SET waiting_since = created_at WHERE state = 'open' AND EXISTS (
        SELECT 1 FROM events WHERE events.conversation_id = conversations.id AND events.type = 'message' AND events.author_role = 'customer');
      CREATE INDEX conversations_waiting ON conversations (queue, waiting_since, id) WHERE waiting_since IS NOT NULL;
      CREATE INDEX conversations_by_assignee ON conversations (assignee_id, state) WHERE assignee_id IS NOT NULL;
    `,
  },
  {
    // Numbered apart from the contact center's other migrations of the same session (applied by set, not by order).
    version: 20,
    name: 'visitor reports for the customer panel (page, title, time zone)',
    sql: `
      CREATE TABLE visitors (
        customer_id TEXT PRIMARY KEY,
        verified BOOLEAN NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        time_zone TEXT,
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    // Numbered apart from the contact center's other migrations of the same session (applied by set, not by order).
    version: 30,
    name: 'internal notes (outside the seq stream) and canned responses per queue',
    sql: `
      CREATE TABLE notes (
        position BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        author_id TEXT NOT NULL,
        author_role TEXT NOT NULL,
        author_name TEXT,
        text TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX notes_by_conversation ON notes (conversation_id, position);
      CREATE TABLE canned_responses (
        id TEXT PRIMARY KEY,
        queue TEXT NOT NULL,
        shortcut TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );
      CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses (queue, shortcut);
    `,
  },
];

/** Applies every migration newer than the database's recorded version; returns how many ran. */
export async function applyMigrations(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      let count = 0;
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        count += 1;
      }
      return count;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
