// Two real server processes (the package's bin) on one throwaway PostgreSQL cluster, sharing a data
// dir (so the same secrets and API key): concurrent writes split across them keep seq gap-free and
// clientMessageId idempotent, and the first writes race to create the conversation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationList, EventPage, MessageEvent } from '../../src/core/protocol.js';
import { optionsFromEnv } from '../config.js';
import { storeEngineOf } from '../store/open-store.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { agentToken, call, customerToken } from './scale-out.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

let cluster: PostgresCluster;
let dataDir: string;
const servers: ServerProcess[] = [];

before(async () => {
  cluster = await startPostgresCluster();
  dataDir = mkdtempSync(join(tmpdir(), 'omni-pg-processes-'));
  // One after the other: the first writes the secrets and migrates, the second reuses both.
  for (let i = 0; i < 2; i += 1) servers.push(await startServerProcess({ DATABASE_URL: cluster.url, DATA_DIR: dataDir }));
});

after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The customer's (draft) default conversation id, asked of process A. */
async function conversationOf(jwt: string): Promise<string> {
  const list = await call<ConversationList>(servers[0]!.url, 'GET', '/v1/conversations', { jwt });
  assert.equal(list.status, 200);
  return list.body.conversations[0]!.id;
}

/** Every event of a conversation, read through process B by an agent. */
async function eventsOf(conversationId: string) {
  const page = await call<EventPage>(servers[1]!.url, 'GET', `/v1/conversations/${conversationId}/events?after=0&limit=200`, {
    jwt: await agentToken(servers[1]!, 'agent-reader'),
  });
  assert.equal(page.status, 200);
  return page.body;
}

test('50 concurrent appends to one conversation split across two processes get seq 1..50, no gap, no duplicate', async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const jwt = await customerToken(a, 'race-fifty');
  const conversationId = await conversationOf(jwt);
  // The conversation is still a draft: the first of these writes, on either process, creates it.
  const responses = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    call<MessageEvent>((i % 2 ? b : a).url, 'POST', `/v1/conversations/${conversationId}/messages`, {
      jwt,
      body: { clientMessageId: `fifty-${i}`, type: 'text', text: `message ${i}` },
    })));
  assert.deepEqual(responses.map((response) => response.status), Array(50).fill(201));
  // The first message's `queued` event takes one seq between them: 51 events, 1..51.
  const page = await eventsOf(conversationId);
  assert.equal(page.lastSeq, 51);
  assert.equal(page.hasMore, false);
  assert.deepEqual(page.events.map((event) => event.seq), Array.from({ length: 51 }, (_, i) => i + 1));
  assert.deepEqual(page.events.filter((event) => event.type !== 'message').map((event) => event.type), ['queued']);
  const queuedSeq = page.events.find((event) => event.type === 'queued')!.seq;
  assert.deepEqual(responses.map((response) => response.body.seq).sort((x, y) => x - y), Array.from({ length: 51 }, (_, i) => i + 1).filter((seq) => seq !== queuedSeq));
  const ids = page.events.flatMap((event) => (event.type === 'message' ? [event.message.clientMessageId] : []));
  assert.equal(new Set(ids).size, 50);
});

test('the same clientMessageId sent at once to both processes is stored once, and every sender gets the stored message', async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const jwt = await customerToken(a, 'race-once');
  const conversationId = await conversationOf(jwt);
  await call(a.url, 'POST', `/v1/conversations/${conversationId}/messages`, { jwt, body: { clientMessageId: 'first', type: 'text', text: 'hello' } });
  const responses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    call<MessageEvent>((i % 2 ? b : a).url, 'POST', `/v1/conversations/${conversationId}/messages`, {
      jwt,
      body: { clientMessageId: 'retried', type: 'text', text: `attempt ${i}` },
    })));
  assert.equal(responses.filter((response) => response.status === 201).length, 1, 'created once');
  assert.equal(responses.filter((response) => response.status === 200).length, 19, 'the others are repeats');
  assert.equal(new Set(responses.map((response) => response.body.message.id)).size, 1);
  assert.deepEqual(new Set(responses.map((response) => response.body.seq)), new Set([3]));
  const page = await eventsOf(conversationId);
  assert.deepEqual(page.events.map((event) => [event.seq, event.type === 'message' ? event.message.clientMessageId : event.type]), [[1, 'first'], [2, 'queued'], [3, 'retried']]);
});

test('DATABASE_URL selects PostgreSQL (no SQLite file is made); SQLite stays the default; other URLs are refused', () => {
  assert.match(servers[0]!.output(), /database\s+PostgreSQL \(DATABASE_URL\)/);
  assert.doesNotMatch(servers[0]!.output(), /postgres:\/\//, 'the URL (it may hold a password) is never printed');
  assert.equal(existsSync(join(dataDir, 'omni.sqlite')), false);
  assert.equal(optionsFromEnv({ DATABASE_URL: cluster.url }).databaseUrl, cluster.url);
  assert.equal(storeEngineOf(''), 'sqlite');
  assert.equal(storeEngineOf('postgresql://db.internal/omni'), 'postgres');
  assert.throws(() => storeEngineOf('mysql://root:hunter2@db/omni'), (error: Error) =>
    /postgres:\/\/ or postgresql:\/\//.test(error.message) && !error.message.includes('hunter2'));
});
