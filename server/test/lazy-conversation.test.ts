// "A page view alone creates no conversation", against a real server and SQLite: the customer's
// default conversation has its id from the first GET (stable across restarts), reads as empty,
// accepts reads, typing and read horizons without being created, and is created by the first
// write; agents never see a conversation without events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer({ heartbeatMs: 60_000 }); });
after(async () => { await t.close(); });

/** Conversation rows of a customer, read straight from the SQLite file. */
function rowsOf(customerId: string): number {
  const db = new Database(join(t.dataDir, 'omni.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM conversations WHERE customer_id = ?').get(`customer:demo:${customerId}`) as { n: number }).n;
  } finally {
    db.close();
  }
}

test('listing, welcome, reading, typing and read horizons create nothing; the first message does, under the same id', async () => {
  const customerId = uid('guest');
  const jwt = await t.customer(customerId, 'Ann');
  const list = await t.request('GET', '/v1/conversations', { jwt });
  assert.equal(list.status, 200);
  const draft = list.body.conversations[0];
  assert.match(draft.id, /^conv_[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([draft.lastSeq, draft.unreadCount, draft.readSeq, draft.state, draft.customer.displayName], [0, 0, 0, 'open', 'Ann']);
  assert.equal((await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id, draft.id, 'one id');

  const socket = await openSocket(t.url, jwt);
  assert.deepEqual((await socket.next('welcome')).conversations, [{ id: draft.id, lastSeq: 0 }]);
  assert.equal((await t.request('GET', `/v1/conversations/${draft.id}`, { jwt })).body.id, draft.id);
  assert.deepEqual((await t.request('GET', `/v1/conversations/${draft.id}/messages`, { jwt })).body, { messages: [], hasMore: false });
  assert.deepEqual((await t.request('GET', `/v1/conversations/${draft.id}/events?after=0`, { jwt })).body, { events: [], hasMore: false, lastSeq: 0 });
  assert.deepEqual((await t.request('POST', `/v1/conversations/${draft.id}/read`, { jwt, body: { seq: 0 } })).body, { readSeq: 0 });
  socket.send({ type: 'typing', conversationId: draft.id, active: true });
  await assert.rejects(socket.next('error', 200), 'typing in the draft is fine');
  assert.equal(rowsOf(customerId), 0, 'no row yet');

  const agent = await t.agent();
  assert.ok(!(await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.some((c: any) => c.id === draft.id));
  assert.equal((await t.request('GET', `/v1/conversations/${draft.id}`, { jwt: agent })).status, 404);
  assert.equal((await t.request('POST', `/v1/conversations/${draft.id}/messages`, { jwt: agent, body: { clientMessageId: 'a1', type: 'text', text: 'hi' } })).status, 404);
  const other = await t.customer();
  assert.equal((await t.request('GET', `/v1/conversations/${draft.id}`, { jwt: other })).status, 404, "another customer can't use the id");

  // The outbox sends to the id it was given.
  const sent = await t.request('POST', `/v1/conversations/${draft.id}/messages`, { jwt, body: { clientMessageId: 'first', type: 'text', text: 'hello' } });
  assert.equal(sent.status, 201);
  assert.deepEqual([sent.body.conversationId, sent.body.seq], [draft.id, 1]);
  assert.deepEqual((await socket.next('conversation')).conversation, { id: draft.id, lastSeq: 0 });
  assert.equal((await socket.next('event')).event.seq, 1);
  assert.equal(rowsOf(customerId), 1);
  const seen = (await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.find((c: any) => c.id === draft.id);
  // Seq 2 is `queued`: the first customer message queues the conversation.
  assert.deepEqual([seen.lastSeq, seen.customer.displayName, seen.unreadCount], [2, 'Ann', 1]);
  socket.socket.close();
});

test('an upload is a first write too', async () => {
  const customerId = uid('guest');
  const jwt = await t.customer(customerId);
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  const form = new FormData();
  form.append('conversationId', id);
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
  const upload = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  assert.equal(upload.status, 201);
  assert.equal(rowsOf(customerId), 1);
  assert.equal((await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id, id);
});

test('the id survives a restart, before and after the conversation exists', async () => {
  const customerId = uid('guest');
  const id = (await t.request('GET', '/v1/conversations', { jwt: await t.customer(customerId) })).body.conversations[0].id;
  await t.restart();
  const jwt = await t.customer(customerId);
  assert.equal((await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id, id);
  await t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: 'x', type: 'text', text: 'hi' } });
  await t.restart();
  assert.equal((await t.request('GET', '/v1/conversations', { jwt: await t.customer(customerId) })).body.conversations[0].id, id);
});

test('a conversation row from before (created by a page view, no events) keeps its id and stays out of agents\' lists', async () => {
  const customerId = uid('legacy');
  const legacyId = 'conv_00000000-0000-4000-8000-000000000001';
  const db = new Database(join(t.dataDir, 'omni.sqlite'));
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO conversations (id, integration_id, queue, customer_id, created_at, last_activity_at) VALUES (?, 'demo', 'support', ?, ?, ?)`)
    .run(legacyId, `customer:demo:${customerId}`, now, now);
  db.close();
  const jwt = await t.customer(customerId);
  assert.equal((await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id, legacyId);
  const agent = await t.agent();
  assert.ok(!(await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.some((c: any) => c.id === legacyId));
  await t.request('POST', `/v1/conversations/${legacyId}/messages`, { jwt, body: { clientMessageId: 'x', type: 'text', text: 'hi' } });
  assert.ok((await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.some((c: any) => c.id === legacyId));
});
