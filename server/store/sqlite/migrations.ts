/**
 * Versioned schema migrations of the SQLite store. Each runs once, in its own transaction, and is
 * recorded in `schema_migrations`; append new ones, never edit an applied one.
 */
import type Database from 'better-sqlite3';

/** One schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

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
        created_at TEXT NOT NULL
      );
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL REFERENCES integrations(id),
        queue TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        customer_name TEXT,
        is_default INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_activity_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX conversations_default_per_customer
        ON conversations (customer_id) WHERE is_default = 1;
      CREATE INDEX conversations_by_queue ON conversations (queue, last_activity_at DESC);
      CREATE TABLE events (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_role TEXT NOT NULL,
        author_name TEXT,
        created_at TEXT NOT NULL,
        client_message_id TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX events_idempotent_send
        ON events (conversation_id, author_id, client_message_id) WHERE client_message_id IS NOT NULL;
      CREATE TABLE participants (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        participant_id TEXT NOT NULL,
        role TEXT NOT NULL,
        read_seq INTEGER NOT NULL DEFAULT 0,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, participant_id)
      ) WITHOUT ROWID;
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
        size INTEGER NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
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
        created_at TEXT NOT NULL
      );
      CREATE INDEX push_subscriptions_by_participant ON push_subscriptions (participant_id, created_at);
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
      ALTER TABLE integrations ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        avatar_url TEXT,
        queues TEXT NOT NULL,
        max_conversations INTEGER NOT NULL,
        role TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        presence TEXT NOT NULL DEFAULT 'offline',
        presence_reason TEXT,
        presence_since TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE queues (
        name TEXT PRIMARY KEY,
        routing TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
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
      ALTER TABLE conversations ADD COLUMN waiting_since TEXT;
      ALTER TABLE agents ADD COLUMN last_assigned_at TEXT;
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
        verified INTEGER NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        time_zone TEXT,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    // Numbered apart from the contact center's other migrations of the same session (applied by set, not by order).
    version: 30,
    name: 'internal notes (outside the seq stream) and canned responses per queue',
    sql: `
      CREATE TABLE notes (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        author_id TEXT NOT NULL,
        author_role TEXT NOT NULL,
        author_name TEXT,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX notes_by_conversation ON notes (conversation_id, position);
      CREATE TABLE canned_responses (
        id TEXT PRIMARY KEY,
        queue TEXT NOT NULL,
        shortcut TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses (queue, shortcut);
    `,
  },
];

/** Applies every migration newer than the database's recorded version; returns how many ran. */
export function applyMigrations(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
  );
  let count = 0;
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    count += 1;
  }
  return count;
}
