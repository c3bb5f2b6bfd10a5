// The SQLite store directly: migrations run once, seq stays gap-free under concurrent appends,
// and one default conversation per customer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { applyMigrations, migrations } from '../store/sqlite/migrations.js';

test('migrations apply once and are recorded', () => {
  const db = new Database(':memory:');
  assert.equal(applyMigrations(db), migrations.length);
  assert.equal(applyMigrations(db), 0);
  const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
  assert.deepEqual(rows.map((row) => row.version), migrations.map((migration) => migration.version));
  db.close();
});

test('concurrent appends from two authors get seq 1..n with no gap, and survive reopening', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-store-'));
  const file = join(dir, 'omni.sqlite');
  try {
    const store = new SqliteStore(file);
    await store.migrate();
    const integration = await store.ensureIntegration({ id: 'demo', name: 'Demo', channels: { messaging: true, voice: false }, queue: 'support' });
    const customer = { id: 'customer:demo:c', role: 'customer' as const };
    const agent = { id: 'agent:a', role: 'agent' as const };
    const { conversation, created } = await store.defaultConversation(integration, customer);
    assert.equal(created, true);
    assert.equal((await store.defaultConversation(integration, customer)).conversation.id, conversation.id);
    await Promise.all(Array.from({ length: 40 }, (_, i) =>
      store.appendMessage(conversation, i % 3 ? customer : agent, { clientMessageId: `m${i}`, type: 'text', text: `${i}` })));
    await store.close();

    const reopened = new SqliteStore(file);
    await reopened.migrate();
    const { events } = await reopened.listEvents(conversation.id, 0, 100);
    // 40 messages, the agent's join and the `queued` of the first customer message.
    assert.deepEqual(events.map((event) => event.seq), Array.from({ length: 42 }, (_, i) => i + 1));
    assert.equal(events.filter((event) => event.type === 'participant.joined').length, 1);
    assert.equal(events.filter((event) => event.type === 'queued').length, 1);
    assert.equal((await reopened.getConversation(conversation.id))?.lastSeq, 42);
    await reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
