// The HTTP API against a real server and a real SQLite file: tokens, conversations, idempotent
// sends, history, gap recovery, read horizons, and refusal of every kind of bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const send = (jwt: string, id: string, text: string, clientMessageId = uid('cm')) =>
  t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId, type: 'text', text } });

async function conversationOf(jwt: string): Promise<string> {
  const list = await t.request('GET', '/v1/conversations', { jwt });
  assert.equal(list.status, 200);
  return list.body.conversations[0].id;
}

describe('tokens', () => {
  test('need the API key, and issue 900 s tokens by default within 900..3600', async () => {
    const body = { integrationId: 'demo', customerId: 'c-1', verifiedCustomer: true };
    assert.equal((await t.request('POST', '/v1/tokens', { body })).status, 401);
    assert.equal((await t.request('POST', '/v1/tokens', { body, headers: { authorization: 'Bearer wrong' } })).status, 401);
    const auth = { authorization: `Bearer ${t.apiKey}` };
    const ok = await t.request('POST', '/v1/tokens', { body, headers: auth });
    assert.equal(ok.status, 201);
    const lifetime = (Date.parse(ok.body.expiresAt) - Date.now()) / 1000;
    assert.ok(lifetime > 890 && lifetime <= 900, `lifetime ${lifetime}`);
    for (const expiresInSeconds of [899, 3601, 'long']) {
      const bad = await t.request('POST', '/v1/tokens', { body: { ...body, expiresInSeconds }, headers: auth });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid-request');
    }
    const long = await t.request('POST', '/v1/tokens', { body: { ...body, expiresInSeconds: 3600 }, headers: auth });
    assert.equal(long.status, 201);
    const unknown = await t.request('POST', '/v1/tokens', { body: { ...body, integrationId: 'nope' }, headers: auth });
    assert.equal(unknown.status, 404);
    await t.request('PUT', '/v1/agents/a-1', { body: { name: 'A', queues: ['support'] }, headers: auth });
    const agent = await t.request('POST', '/v1/agent-tokens', { body: { agentId: 'a-1' }, headers: auth });
    assert.equal(agent.status, 201);
    assert.equal((await t.request('POST', '/v1/agent-tokens', { body: { agentId: 'a 1' }, headers: auth })).status, 400);
  });
});

describe('conversations', () => {
  test('a customer sees only its default conversation, with one id; an agent sees its queue', async () => {
    const ann = await t.customer();
    const bob = await t.customer();
    const first = await t.request('GET', '/v1/conversations', { jwt: ann });
    const again = await t.request('GET', '/v1/conversations', { jwt: ann });
    assert.equal(first.body.conversations.length, 1);
    assert.equal(first.body.conversations[0].id, again.body.conversations[0].id);
    assert.equal(first.body.conversations[0].queue, 'support');
    const bobs = await conversationOf(bob);
    assert.notEqual(bobs, first.body.conversations[0].id);
    await send(ann, first.body.conversations[0].id, 'hello');
    await send(bob, bobs, 'hello');
    const agent = await t.agent();
    const ids = (await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.map((c: any) => c.id);
    assert.ok(ids.includes(bobs) && ids.includes(first.body.conversations[0].id));
    const elsewhere = await t.agent(uid('agent'), ['billing']);
    assert.deepEqual((await t.request('GET', '/v1/conversations', { jwt: elsewhere })).body.conversations, []);
    assert.equal((await t.request('GET', `/v1/conversations/${bobs}/messages`, { jwt: elsewhere })).status, 404);
  });

  test('the same clientMessageId stores one message; seq is gap-free from 1; an agent joins before its first reply', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    const created = await send(ann, id, 'hello', 'same-id');
    const repeated = await send(ann, id, 'hello', 'same-id');
    assert.equal(created.status, 201);
    assert.equal(repeated.status, 200);
    assert.deepEqual(repeated.body, created.body);
    const agent = await t.agent();
    assert.equal((await send(agent, id, 'hi, how can I help?')).status, 201);
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? ann : agent, id, `burst ${i}`)));
    const page = await t.request('GET', `/v1/conversations/${id}/events?after=0&limit=200`, { jwt: ann });
    // 1 message, 2 queued (the first customer message queues the conversation), 3 joined, 4 the reply, then the burst.
    assert.deepEqual(page.body.events.map((e: any) => e.seq), Array.from({ length: 24 }, (_, i) => i + 1));
    assert.equal(page.body.events[1].type, 'queued');
    assert.equal(page.body.events[2].type, 'participant.joined');
    assert.equal(page.body.events[3].author.role, 'agent');
    assert.equal(page.body.events.filter((e: any) => e.message?.clientMessageId === 'same-id').length, 1);
    assert.equal(page.body.lastSeq, 24);
    const one = await t.request('GET', `/v1/conversations/${id}`, { jwt: agent });
    assert.deepEqual([one.body.id, one.body.lastSeq, one.body.lastMessage.message.text], [id, 24, page.body.events[23].message.text]);
  });

  test('history pages backwards and events page forwards in portions', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    for (let i = 1; i <= 7; i += 1) await send(ann, id, `m${i}`);
    const newest = await t.request('GET', `/v1/conversations/${id}/messages?limit=3`, { jwt: ann });
    assert.deepEqual(newest.body.messages.map((m: any) => m.message.text), ['m5', 'm6', 'm7']);
    assert.equal(newest.body.hasMore, true);
    const older = await t.request('GET', `/v1/conversations/${id}/messages?before=5&limit=3`, { jwt: ann });
    // Seq 2 is the `queued` event of the first message: history holds messages only.
    assert.deepEqual(older.body.messages.map((m: any) => m.seq), [1, 3, 4]);
    const oldest = await t.request('GET', `/v1/conversations/${id}/messages?before=2&limit=3`, { jwt: ann });
    assert.deepEqual([oldest.body.messages.length, oldest.body.hasMore], [1, false]);
    const portion = await t.request('GET', `/v1/conversations/${id}/events?after=2&limit=3`, { jwt: ann });
    assert.deepEqual(portion.body.events.map((e: any) => e.seq), [3, 4, 5]);
    assert.equal(portion.body.hasMore, true);
    const tail = await t.request('GET', `/v1/conversations/${id}/events?after=5&limit=3`, { jwt: ann });
    assert.deepEqual([tail.body.events.length, tail.body.hasMore], [3, false]);
    assert.equal((await t.request('GET', `/v1/conversations/${id}/events?limit=500`, { jwt: ann })).status, 400);
    assert.equal((await t.request('GET', `/v1/conversations/${id}/messages?limit=0`, { jwt: ann })).status, 400);
  });

  test('read horizons move forward only, as events, and drive unread counts', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    const agent = await t.agent();
    await send(ann, id, 'question');
    await send(agent, id, 'answer 1');
    await send(agent, id, 'answer 2');
    let mine = (await t.request('GET', '/v1/conversations', { jwt: ann })).body.conversations[0];
    assert.equal(mine.unreadCount, 2);
    assert.equal(mine.lastMessage.message.text, 'answer 2');
    const read = await t.request('POST', `/v1/conversations/${id}/read`, { jwt: ann, body: { seq: mine.lastSeq } });
    // 1 question, 2 queued, 3 joined, 4 and 5 the answers.
    assert.deepEqual(read.body, { readSeq: 5 });
    const back = await t.request('POST', `/v1/conversations/${id}/read`, { jwt: ann, body: { seq: 1 } });
    assert.deepEqual(back.body, { readSeq: 5 });
    mine = (await t.request('GET', '/v1/conversations', { jwt: ann })).body.conversations[0];
    assert.equal(mine.unreadCount, 0);
    const theirs = (await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.find((c: any) => c.id === id);
    assert.equal(theirs.otherReadSeq, 5);
    const events = (await t.request('GET', `/v1/conversations/${id}/events?after=5`, { jwt: ann })).body.events;
    assert.deepEqual(events.map((e: any) => [e.type, e.readSeq]), [['read', 5]]);
  });
});

describe('bad input gets a 4xx JSON error and changes nothing', () => {
  test('malformed bodies, wrong types, unknown types, oversized bodies', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    const path = `/v1/conversations/${id}/messages`;
    const cases: Array<[string, { status: number; body: any }, number]> = [
      ['malformed JSON', await t.request('POST', path, { jwt: ann, raw: '{"clientMessageId": "x",' }), 400],
      ['text as number', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'x', type: 'text', text: 5 } }), 400],
      ['unknown type', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'x', type: 'sticker', text: 'hi' } }), 400],
      ['extra property', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'x', type: 'text', text: 'hi', seq: 9 } }), 400],
      ['whitespace text', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'x', type: 'text', text: '  \n ' } }), 400],
      ['too long text', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'x', type: 'text', text: 'a'.repeat(4001) } }), 400],
      ['bad clientMessageId', await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'a b', type: 'text', text: 'hi' } }), 400],
      ['oversized body', await t.request('POST', path, { jwt: ann, raw: JSON.stringify({ clientMessageId: 'x', type: 'text', text: 'a'.repeat(70000) }) }), 413],
      ['not JSON content', await t.request('POST', path, { jwt: ann, raw: 'hi', headers: { 'content-type': 'text/plain' } }), 415],
      ['bad conversation id', await t.request('GET', '/v1/conversations/../etc/messages', { jwt: ann }), 404],
    ];
    for (const [name, response, status] of cases) {
      assert.equal(response.status, status, name);
      assert.equal(typeof response.body.error.code, 'string', name);
      assert.equal(typeof response.body.error.message, 'string', name);
    }
    const events = await t.request('GET', `/v1/conversations/${id}/events`, { jwt: ann });
    assert.deepEqual(events.body.events, []);
  });

  test('forged, alg:none, expired and query-string tokens are refused', async () => {
    const ann = await t.customer('victim');
    const id = await conversationOf(ann);
    const [header, payload] = ann.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const forged = await new SignJWT(JSON.parse(Buffer.from(payload!, 'base64url').toString()))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-server-key'));
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'agent', queues: ['support'] })).toString('base64url')}.${ann.split('.')[2]}`;
    for (const jwt of [none, forged, tampered, 'garbage']) {
      const response = await t.request('GET', '/v1/conversations', { jwt });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthorized');
    }
    const expired = await t.issuer().issueCustomer({ integrationId: 'demo', customerId: 'victim', verifiedCustomer: false }, -10);
    const late = await t.request('GET', '/v1/conversations', { jwt: expired.jwt });
    assert.equal(late.status, 401);
    assert.equal(late.body.error.code, 'token-expired');
    for (const name of ['token', 'jwt', 'access_token']) {
      const inUrl = await t.request('GET', `/v1/conversations/${id}/messages?${name}=${ann}`);
      assert.equal(inUrl.status, 400);
      assert.match(inUrl.body.error.message, /never accepted in a URL/);
    }
  });

  test("another customer's conversation does not exist for you, and stays untouched", async () => {
    const owner = await t.customer();
    const intruder = await t.customer();
    const id = await conversationOf(owner);
    await send(owner, id, 'private');
    for (const response of [
      await t.request('GET', `/v1/conversations/${id}`, { jwt: intruder }),
      await t.request('GET', `/v1/conversations/${id}/messages`, { jwt: intruder }),
      await t.request('GET', `/v1/conversations/${id}/events`, { jwt: intruder }),
      await send(intruder, id, 'let me in'),
      await t.request('POST', `/v1/conversations/${id}/read`, { jwt: intruder, body: { seq: 1 } }),
    ]) {
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, 'not-found');
    }
    const events = await t.request('GET', `/v1/conversations/${id}/events`, { jwt: owner });
    assert.deepEqual(events.body.events.map((e: any) => e.message?.text ?? e.type), ['private', 'queued']);
  });
});

test('a restart loses nothing', async () => {
  const ann = await t.customer('persistent');
  const id = await conversationOf(ann);
  await send(ann, id, 'before restart', 'persist-1');
  await t.restart();
  assert.equal((await t.request('GET', '/healthz')).status, 200);
  const after = await t.customer('persistent');
  assert.equal(await conversationOf(after), id);
  assert.equal((await send(after, id, 'before restart', 'persist-1')).status, 200, 'idempotency survives the restart');
  const page = await t.request('GET', `/v1/conversations/${id}/messages`, { jwt: after });
  assert.deepEqual(page.body.messages.map((m: any) => [m.seq, m.message.text]), [[1, 'before restart']]);
});

describe('rich message types', () => {
  const samples = {
    card: { type: 'card', title: 'Trailblazer 29', text: 'Our best seller', imageUrl: 'https://example.com/bike.jpg', imageAlt: 'A bike', buttons: [{ type: 'url', title: 'Details', url: 'https://example.com/b' }] },
    carousel: { type: 'carousel', cards: [{ title: 'A' }, { title: 'B', buttons: [{ type: 'postback', title: 'Pick B', payload: 'pick:b' }] }] },
    'quick-replies': { type: 'quick-replies', text: 'Which size?', replies: [{ title: 'M', payload: 'size:m' }, { title: 'L' }] },
    buttons: { type: 'buttons', text: 'What next?', buttons: [{ type: 'postback', title: 'Book a service', payload: 'book' }, { type: 'url', title: 'FAQ', url: 'http://example.com/faq' }] },
  } as const;

  test('an agent can send every type; it is stored as sent', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    await send(ann, id, 'hello');
    const agent = await t.agent();
    for (const [type, body] of Object.entries(samples)) {
      const response = await t.request('POST', `/v1/conversations/${id}/messages`, { jwt: agent, body: { clientMessageId: uid(type), ...body } });
      assert.equal(response.status, 201, type);
      assert.equal(response.body.message.type, type);
      const { id: _id, clientMessageId: _c, ...stored } = response.body.message;
      assert.deepEqual(stored, body);
    }
    const reply = await t.request('POST', `/v1/conversations/${id}/messages`, {
      jwt: ann, body: { clientMessageId: uid('r'), type: 'text', text: 'M', payload: 'size:m', replyTo: 'msg_00000000-0000-0000-0000-000000000000' },
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.message.payload, 'size:m');
  });

  test('customers may only send text, and every field is validated', async () => {
    const ann = await t.customer();
    const id = await conversationOf(ann);
    await send(ann, id, 'hello');
    const agent = await t.agent();
    const path = `/v1/conversations/${id}/messages`;
    assert.equal((await t.request('POST', path, { jwt: ann, body: { clientMessageId: 'c1', ...samples.card } })).status, 403);
    const bad = [
      { type: 'card' },
      { type: 'card', title: 'x', buttons: [{ type: 'url', title: 'x', url: 'javascript:alert(1)' }] },
      { type: 'card', title: 'x', imageUrl: 'data:image/svg+xml,<svg onload=alert(1)>' },
      { type: 'carousel', cards: Array.from({ length: 11 }, () => ({ title: 'x' })) },
      { type: 'carousel', cards: [] },
      { type: 'quick-replies', text: 'x', replies: [{ title: '' }] },
      { type: 'buttons', text: 'x', buttons: [{ type: 'postback', title: 'x' }] },
      { type: 'buttons', text: 'x', buttons: [{ type: 'submit', title: 'x', payload: 'y' }] },
      { type: 'text', text: 'x', onclick: 'alert(1)' },
      { type: 'video-call', text: 'x' },
    ];
    for (const body of bad) {
      const response = await t.request('POST', path, { jwt: agent, body: { clientMessageId: uid('bad'), ...body } });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.code, 'invalid-request');
    }
    assert.deepEqual((await t.request('GET', `/v1/conversations/${id}/events`, { jwt: ann })).body.events.map((e: any) => e.message?.text ?? e.type), ['hello', 'queued']);
  });
});
