// The conversation lifecycle against a real server and SQLite: an agent resolves, the customer rates
// each resolve once, a customer message reopens; contact details (the pre-chat form) once; messages
// left while the team is away. Every change is an event with a seq, pushed on the sockets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextEvent, openSocket, startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer({ heartbeatMs: 60_000 }); });
after(async () => { await t.close(); });

const send = (jwt: string, id: string, text: string) =>
  t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text } });

/** A customer with a started conversation. */
async function started(name = 'Ann') {
  const jwt = await t.customer(uid('guest'), name);
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  assert.equal((await send(jwt, id, 'hello')).status, 201);
  return { jwt, id };
}

const head = async (jwt: string, id: string) => (await t.request('GET', `/v1/conversations/${id}`, { jwt })).body;

describe('resolve and CSAT', () => {
  test('an agent resolves; the event has the next seq and reaches both sides; the customer rates once', async () => {
    const ann = await started();
    const agent = await t.agent();
    const customerSocket = await openSocket(t.url, ann.jwt);
    await customerSocket.next('welcome');
    const agentSocket = await openSocket(t.url, agent);
    await agentSocket.next('welcome');

    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: ann.jwt })).status, 403, 'customers do not resolve');
    const early = await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 5 } });
    assert.equal(early.status, 409, 'nothing to rate before a resolve');
    assert.equal(early.body.error.code, 'conflict');

    const resolved = await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: agent });
    assert.equal(resolved.status, 201);
    // After 1 the message and 2 `queued` (and `assigned` if routing gave it to an Available agent meanwhile).
    const r = resolved.body.seq as number;
    assert.deepEqual([resolved.body.type, r >= 3, resolved.body.author.role], ['resolved', true, 'agent']);
    assert.deepEqual(await nextEvent(customerSocket, 'resolved'), resolved.body);
    assert.deepEqual(await nextEvent(agentSocket, 'resolved'), resolved.body);
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: agent })).status, 409, 'resolved already');
    assert.deepEqual([(await head(ann.jwt, ann.id)).state, (await head(ann.jwt, ann.id)).awaitingRating], ['resolved', true]);

    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: agent, body: { rating: 5 } })).status, 403, 'agents do not rate');
    const rated = await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 4, comment: '  Quick and kind  ' } });
    assert.equal(rated.status, 201);
    assert.deepEqual([rated.body.type, rated.body.seq, rated.body.rating, rated.body.comment, rated.body.resolvedSeq], ['csat', r + 1, 4, 'Quick and kind', r]);
    assert.deepEqual(await nextEvent(agentSocket, 'csat'), rated.body);
    const second = await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 1 } });
    assert.equal(second.status, 409, 'one rating per resolve');
    assert.equal((await head(agent, ann.id)).awaitingRating, false);

    const events = (await t.request('GET', `/v1/conversations/${ann.id}/events?after=0`, { jwt: agent })).body;
    assert.deepEqual(events.events.filter((e: any) => e.type !== 'assigned').map((e: any) => [e.seq, e.type]), [[1, 'message'], [2, 'queued'], [r, 'resolved'], [r + 1, 'csat']]);
    assert.equal(events.lastSeq, r + 1);
    customerSocket.socket.close();
    agentSocket.socket.close();
  });

  test('a customer message reopens; each new resolve can be rated once', async () => {
    const ann = await started();
    const agent = await t.agent();
    await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: agent });
    await send(ann.jwt, ann.id, 'one more thing');
    // Reopened and queued again (an agent still Available may have it already).
    assert.deepEqual([['open', 'assigned'].includes((await head(ann.jwt, ann.id)).state), (await head(ann.jwt, ann.id)).awaitingRating], [true, false]);
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 3 } })).status, 409, 'reopened: nothing to rate');
    await send(agent, ann.id, 'agent follow-up');
    assert.notEqual((await head(ann.jwt, ann.id)).state, 'resolved');
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: agent })).status, 201);
    const rated = await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 5 } });
    assert.equal(rated.status, 201);
    assert.equal(rated.body.comment, undefined);
    await send(agent, ann.id, 'an agent message does not reopen');
    assert.equal((await head(ann.jwt, ann.id)).state, 'resolved');
  });

  test('ratings are validated, refused when the integration turned them off, and private to the conversation', async () => {
    const ann = await started();
    const agent = await t.agent();
    await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: agent });
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: '5' }, {}, { rating: 5, comment: 'x'.repeat(1001) }, { rating: 5, extra: 1 }]) {
      const response = await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body });
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    const intruder = await t.customer();
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: intruder, body: { rating: 1 } })).status, 404);
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: await t.agent(uid('a'), ['billing']) })).status, 404);
    const off = await t.request('PUT', '/v1/integrations/demo/settings', { body: { csat: false }, headers: { authorization: `Bearer ${t.apiKey}` } });
    assert.equal(off.status, 200);
    try {
      assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 5 } })).status, 403);
    } finally {
      await t.request('PUT', '/v1/integrations/demo/settings', { body: {}, headers: { authorization: `Bearer ${t.apiKey}` } });
    }
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/csat`, { jwt: ann.jwt, body: { rating: 5, comment: 'ok' } })).status, 201);
  });
});

describe('contact details (pre-chat form)', () => {
  const form = {
    enabled: true,
    fields: [
      { name: 'fullName', label: 'Name', type: 'name', required: true },
      { name: 'mail', label: 'Email', type: 'email', required: true },
      { name: 'topic', label: 'Topic', type: 'select', required: true, options: ['Sales', 'Repairs'] },
      { name: 'order', label: 'Order number', type: 'text', required: false },
      { name: 'gdpr', label: 'Privacy', type: 'consent', required: true, link: 'https://shop.example/privacy' },
    ],
  };

  test('given once, checked against the form, reach the agent as an event, in the head and as the name', async () => {
    const id = uid('shop');
    const auth = { authorization: `Bearer ${t.apiKey}` };
    await t.request('POST', '/v1/integrations', { body: { id, name: 'Shop', queue: 'shop' }, headers: auth });
    assert.equal((await t.request('PUT', `/v1/integrations/${id}/settings`, { body: { preChatForm: form }, headers: auth })).status, 200);
    const token = await t.request('POST', '/v1/tokens', { body: { integrationId: id, customerId: uid('c'), verifiedCustomer: false, displayName: 'Guest' }, headers: auth });
    const jwt = token.body.jwt as string;
    const conversationId = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    const agent = await t.agent(uid('agent'), ['shop']);
    const path = `/v1/conversations/${conversationId}/contact`;
    const good = { name: ' Zoë ', email: 'zoe@example.com', answers: { topic: 'Repairs', order: 'A-17', gdpr: true } };
    const bad: Array<[string, unknown]> = [
      ['empty', {}],
      ['required name missing', { ...good, name: undefined }],
      ['bad email', { ...good, email: 'zoe at example' }],
      ['bad phone', { ...good, phone: 'call me' }],
      ['not an option', { ...good, answers: { ...good.answers, topic: 'Other' } }],
      ['consent refused', { ...good, answers: { ...good.answers, gdpr: false } }],
      ['consent as text', { ...good, answers: { ...good.answers, gdpr: 'yes' } }],
      ['unknown answer', { ...good, answers: { ...good.answers, shoeSize: '42' } }],
      ['contact field as answer', { ...good, answers: { ...good.answers, mail: 'x@y.z' } }],
      ['unknown property', { ...good, role: 'agent' }],
      ['long answer', { ...good, answers: { ...good.answers, order: 'x'.repeat(1001) } }],
    ];
    for (const [what, body] of bad) {
      const response = await t.request('POST', path, { jwt, body });
      assert.equal(response.status, 400, `${what}: ${JSON.stringify(response.body)}`);
    }
    assert.deepEqual((await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations, [], 'refused forms create nothing');
    assert.equal((await t.request('POST', path, { jwt: agent, body: good })).status, 404, 'agents never see a draft');

    const given = await t.request('POST', path, { jwt, body: good });
    assert.equal(given.status, 201, JSON.stringify(given.body));
    assert.deepEqual([given.body.type, given.body.seq, given.body.author.displayName], ['contact', 1, 'Zoë']);
    assert.deepEqual(given.body.contact, { name: 'Zoë', email: 'zoe@example.com', answers: { topic: 'Repairs', order: 'A-17', gdpr: true } });
    assert.equal((await t.request('POST', path, { jwt, body: good })).status, 409, 'once');

    const seen = (await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations;
    assert.deepEqual(seen.map((c: any) => [c.id, c.customer.displayName, c.contact.email]), [[conversationId, 'Zoë', 'zoe@example.com']]);
    const message = await send(jwt, conversationId, 'my brakes squeak');
    assert.equal(message.body.author.displayName, 'Zoë', "the form's name, not the token's");
    await t.request('GET', '/v1/conversations', { jwt });
    assert.equal((await head(agent, conversationId)).customer.displayName, 'Zoë', "a token's name does not overwrite the form's");
  });

  test('without a form only name, email and phone are taken', async () => {
    const jwt = await t.customer();
    const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    assert.equal((await t.request('POST', `/v1/conversations/${id}/contact`, { jwt, body: { answers: { topic: 'x' } } })).status, 400);
    const given = await t.request('POST', `/v1/conversations/${id}/contact`, { jwt, body: { email: 'ann@example.com', phone: '+49 30 1234-56' } });
    assert.equal(given.status, 201);
    assert.deepEqual(given.body.contact, { email: 'ann@example.com', phone: '+49 30 1234-56' });
    assert.equal((await head(jwt, id)).contact.phone, '+49 30 1234-56');
  });
});

describe('leave a message', () => {
  test("a customer's leave-message is a message stored in the conversation and seen by agents; agents can't send one", async () => {
    const jwt = await t.customer();
    const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    const path = `/v1/conversations/${id}/messages`;
    const body = { clientMessageId: uid('lm'), type: 'leave-message', text: 'Please call me back about my order', email: 'ann@example.com', name: 'Ann' };
    for (const wrong of [{ ...body, email: 'nope' }, { ...body, email: undefined }, { ...body, text: '   ' }, { ...body, text: 'x'.repeat(4001) }, { ...body, phone: '1' }]) {
      assert.equal((await t.request('POST', path, { jwt, body: wrong })).status, 400, JSON.stringify(wrong));
    }
    const left = await t.request('POST', path, { jwt, body });
    assert.equal(left.status, 201);
    assert.equal((await t.request('POST', path, { jwt, body })).status, 200, 'idempotent like every message');
    const agent = await t.agent();
    const seen = (await t.request('GET', '/v1/conversations', { jwt: agent })).body.conversations.find((c: any) => c.id === id);
    assert.deepEqual(seen.lastMessage.message, { ...body, id: left.body.message.id });
    assert.equal(seen.unreadCount, 1);
    const fromAgent = await t.request('POST', path, { jwt: agent, body: { ...body, clientMessageId: uid('lm') } });
    assert.equal(fromAgent.status, 403);
  });
});
