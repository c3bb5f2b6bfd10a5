// Canned responses against a real server (SQLite, or PostgreSQL with OMNI_TEST_DATABASE=postgres):
// administered per queue with the API key (validated, shortcut unique per queue), read by the
// queue's agents and supervisors only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const admin = (method: string, path: string, body?: unknown) =>
  t.request(method, path, { headers: { authorization: `Bearer ${t.apiKey}` }, ...(body !== undefined ? { body } : {}) });

test('create, list (all or one queue), update and delete with the API key; shortcuts unique per queue', async () => {
  const queue = uid('q').replace('-', '_');
  const hello = await admin('POST', '/v1/canned-responses', { queue, shortcut: 'hello', title: 'Greeting', text: 'Hello! How can I help?' });
  assert.equal(hello.status, 201, JSON.stringify(hello.body));
  assert.match(hello.body.id, /^canned_[0-9a-f-]{36}$/);
  assert.deepEqual([hello.body.queue, hello.body.shortcut, hello.body.title, hello.body.text], [queue, 'hello', 'Greeting', 'Hello! How can I help?']);
  const taken = await admin('POST', '/v1/canned-responses', { queue, shortcut: 'hello', title: 'Again', text: 'x' });
  assert.deepEqual([taken.status, taken.body.error.code], [409, 'conflict']);
  const bye = await admin('POST', '/v1/canned-responses', { queue, shortcut: 'bye', title: 'Goodbye', text: 'Bye!' });
  const other = await admin('POST', '/v1/canned-responses', { queue: `${queue}x`, shortcut: 'hello', title: 'Other queue', text: 'Hi' });
  assert.deepEqual([bye.status, other.status], [201, 201]);

  const mine = await admin('GET', `/v1/canned-responses?queue=${queue}`);
  assert.deepEqual(mine.body.cannedResponses.map((one: { shortcut: string }) => one.shortcut), ['bye', 'hello']);
  assert.equal(mine.headers.get('cache-control'), 'no-store');
  const all = await admin('GET', '/v1/canned-responses');
  assert.ok(all.body.cannedResponses.some((one: { id: string }) => one.id === other.body.id));

  const changed = await admin('PATCH', `/v1/canned-responses/${bye.body.id}`, { text: 'Goodbye, and thanks!', title: 'Bye' });
  assert.deepEqual([changed.status, changed.body.shortcut, changed.body.title, changed.body.text], [200, 'bye', 'Bye', 'Goodbye, and thanks!']);
  assert.equal((await admin('PATCH', `/v1/canned-responses/${bye.body.id}`, { shortcut: 'hello' })).status, 409);
  assert.equal((await admin('PATCH', `/v1/canned-responses/canned_00000000-0000-4000-8000-000000000000`, { title: 'x' })).status, 404);
  assert.equal((await admin('DELETE', `/v1/canned-responses/${hello.body.id}`)).status, 204);
  assert.equal((await admin('DELETE', `/v1/canned-responses/${hello.body.id}`)).status, 404);
  assert.deepEqual((await admin('GET', `/v1/canned-responses?queue=${queue}`)).body.cannedResponses.map((one: { shortcut: string }) => one.shortcut), ['bye']);
});

test('admin routes need the API key and validate every field', async () => {
  const agent = await t.agent(uid('erin'));
  const valid = { queue: 'support', shortcut: 'thanks', title: 'Thanks', text: 'Thank you!' };
  assert.equal((await t.request('POST', '/v1/canned-responses', { body: valid })).status, 401);
  assert.equal((await t.request('POST', '/v1/canned-responses', { jwt: agent, body: valid })).status, 401, 'an agent token is no API key');
  assert.equal((await t.request('GET', '/v1/canned-responses')).status, 401);
  const bad: Array<[string, unknown]> = [
    ['no queue', { shortcut: 'a', title: 'A', text: 'a' }],
    ['a bad queue name', { ...valid, queue: 'sup port' }],
    ['an upper-case shortcut', { ...valid, shortcut: 'Hello' }],
    ['a shortcut with a space', { ...valid, shortcut: 'he llo' }],
    ['a shortcut with a slash', { ...valid, shortcut: '/hello' }],
    ['a long shortcut', { ...valid, shortcut: 'a'.repeat(33) }],
    ['an empty title', { ...valid, title: '' }],
    ['a title of spaces', { ...valid, title: '   ' }],
    ['a two-line title', { ...valid, title: 'a\nb' }],
    ['a long title', { ...valid, title: 'a'.repeat(81) }],
    ['an empty text', { ...valid, text: '' }],
    ['a text of spaces', { ...valid, text: ' \n ' }],
    ['a long text', { ...valid, text: 'a'.repeat(4001) }],
    ['an unknown property', { ...valid, tags: [] }],
  ];
  for (const [what, body] of bad) {
    const response = await admin('POST', '/v1/canned-responses', body);
    assert.deepEqual([response.status, response.body?.error?.code], [400, 'invalid-request'], what);
  }
  const created = await admin('POST', '/v1/canned-responses', valid);
  assert.equal(created.status, 201);
  for (const body of [{}, { queue: 'sales' }, { shortcut: 'BAD' }, { text: '' }]) {
    assert.equal((await admin('PATCH', `/v1/canned-responses/${created.body.id}`, body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await admin('PATCH', '/v1/canned-responses/not-an-id', { title: 'x' })).status, 400);
  assert.equal((await admin('GET', '/v1/canned-responses?queue=a%20b')).status, 400);
});

test("the queue's agents and supervisors read its canned responses; customers 403, other queues 404", async () => {
  const queue = uid('desk').replace('-', '_');
  for (const [shortcut, title] of [['refund', 'Refund policy'], ['hello', 'Greeting']]) {
    assert.equal((await admin('POST', '/v1/canned-responses', { queue, shortcut, title, text: `${title} text` })).status, 201);
  }
  const empty = uid('empty').replace('-', '_');
  const agent = await t.agent(uid('erin'), [queue, empty]);
  const supervisor = await t.agent(uid('sue'), [queue], { role: 'supervisor' });
  for (const jwt of [agent, supervisor]) {
    const listed = await t.request('GET', `/v1/queues/${queue}/canned-responses`, { jwt });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.cannedResponses.map((one: { shortcut: string; title: string }) => [one.shortcut, one.title]), [['hello', 'Greeting'], ['refund', 'Refund policy']]);
  }
  const customer = await t.customer();
  const refused = await t.request('GET', `/v1/queues/${queue}/canned-responses`, { jwt: customer });
  assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
  assert.equal((await t.request('GET', `/v1/queues/${queue}/canned-responses`, { jwt: await t.agent(uid('olga'), ['sales']) })).status, 404);
  assert.equal((await t.request('GET', `/v1/queues/${queue}/canned-responses`)).status, 401);
  assert.equal((await t.request('GET', '/v1/queues/bad%20name/canned-responses', { jwt: agent })).status, 400);
  assert.deepEqual((await t.request('GET', `/v1/queues/${empty}/canned-responses`, { jwt: agent })).body, { cannedResponses: [] }, 'a queue without any');
});
