// `WS /v1/events` against a real server: first-frame auth, welcome heads, pushes to every
// participant (sender included), in-place re-auth, heartbeats, and the close codes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../../src/core/protocol.js';
import { nextEvent, openSocket, startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer({ heartbeatMs: 300, authTimeoutMs: 400 }); });
after(async () => { await t.close(); });

async function conversationOf(jwt: string): Promise<string> {
  return (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id;
}

test('welcome carries the heads; events reach the customer, the sender and the queue agents', async () => {
  const ann = await t.customer();
  const id = await conversationOf(ann);
  await t.request('POST', `/v1/conversations/${id}/messages`, { jwt: ann, body: { clientMessageId: 'w1', type: 'text', text: 'earlier' } });
  const customer = await openSocket(t.url, ann);
  const welcome = await customer.next('welcome');
  assert.equal(welcome.participant.role, 'customer');
  // 1 the message, 2 `queued` (a first customer message queues the conversation).
  assert.deepEqual(welcome.conversations, [{ id, lastSeq: 2 }]);
  assert.equal(welcome.heartbeatMs, 300);
  const agentJwt = await t.agent();
  const agent = await openSocket(t.url, agentJwt);
  // The agent's connect makes it Available, which may assign the conversation at once (`assigned`, seq 3).
  assert.ok((await agent.next('welcome')).conversations.some((head) => head.id === id && head.lastSeq >= 2));

  await t.request('POST', `/v1/conversations/${id}/messages`, { jwt: agentJwt, body: { clientMessageId: 'r1', type: 'text', text: 'reply' } });
  const joined = await nextEvent(customer, 'participant.joined');
  const reply = await nextEvent(customer, 'message');
  assert.deepEqual([joined.seq >= 3, reply.seq], [true, joined.seq + 1]);
  assert.equal((await nextEvent(agent, 'participant.joined')).seq, joined.seq);
  assert.equal((await nextEvent(agent, 'message')).seq, reply.seq, 'the sender gets its own event too');

  // A new guest appears in the agent's queue with its first message (a page view alone creates nothing)...
  const bob = await t.customer();
  const bobs = await conversationOf(bob);
  await assert.rejects(agent.next('conversation', 300));
  await t.request('POST', `/v1/conversations/${bobs}/messages`, { jwt: bob, body: { clientMessageId: 'b1', type: 'text', text: 'bob here' } });
  assert.deepEqual((await agent.next('conversation')).conversation, { id: bobs, lastSeq: 0 });
  assert.equal((await agent.next('event')).event.conversationId, bobs);
  // ...but never on another customer's socket.
  await assert.rejects(customer.next('event', 300));
  customer.socket.close();
  agent.socket.close();
});

test('a new auth frame re-authenticates in place; another identity is refused', async () => {
  const customerId = uid('guest');
  const socket = await openSocket(t.url, await t.customer(customerId));
  await socket.next('welcome');
  socket.send({ type: 'auth', jwt: await t.customer(customerId) });
  const again = await socket.next('reauthenticated');
  assert.ok(Date.parse(again.expiresAt) > Date.now());
  socket.send({ type: 'ping', id: 'still-open' });
  assert.deepEqual(await socket.next('pong'), { type: 'pong', id: 'still-open' });
  socket.send({ type: 'auth', jwt: await t.customer() });
  assert.equal((await socket.closed).code, CloseCode.invalidToken);
});

test('invalid, alg:none and expired tokens close with a clear code', async () => {
  const garbage = await openSocket(t.url, 'not-a-jwt');
  assert.equal((await garbage.next('error')).error.code, 'unauthorized');
  assert.equal((await garbage.closed).code, CloseCode.invalidToken);

  const payload = (await t.customer()).split('.')[1];
  const none = await openSocket(t.url, `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`);
  assert.equal((await none.closed).code, CloseCode.invalidToken);

  const expired = await t.issuer().issueCustomer({ integrationId: 'demo', customerId: uid('g'), verifiedCustomer: false }, -5);
  const late = await openSocket(t.url, expired.jwt);
  assert.equal((await late.next('error')).error.code, 'token-expired');
  assert.equal((await late.closed).code, CloseCode.tokenExpired);
});

test('a token that lapses while connected closes the socket with 4002 unless refreshed', async () => {
  const customerId = uid('guest');
  // 2 s, not 1: `exp` is in whole seconds, so a 1 s token may have only milliseconds left when it arrives.
  const short = await t.issuer().issueCustomer({ integrationId: 'demo', customerId, verifiedCustomer: false }, 2);
  const socket = await openSocket(t.url, short.jwt);
  await socket.next('welcome');
  const closed = await socket.closed;
  assert.equal(closed.code, CloseCode.tokenExpired);

  const first = await t.issuer().issueCustomer({ integrationId: 'demo', customerId, verifiedCustomer: false }, 2);
  const refreshed = await openSocket(t.url, first.jwt);
  await refreshed.next('welcome');
  refreshed.send({ type: 'auth', jwt: await t.customer(customerId) });
  await refreshed.next('reauthenticated');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, first.expiresAt.getTime() - Date.now()) + 300));
  refreshed.send({ type: 'ping', id: 'after-first-expiry' });
  assert.deepEqual(await refreshed.next('pong'), { type: 'pong', id: 'after-first-expiry' }, 'still open after the first token lapsed');
  refreshed.socket.close();
});

test('the first frame must be auth, in time; malformed frames are answered, then refused', async () => {
  const early = await openSocket(t.url);
  early.send({ type: 'ping' });
  assert.equal((await early.closed).code, CloseCode.invalidToken);

  const silent = await openSocket(t.url);
  assert.equal((await silent.closed).code, CloseCode.authTimeout);

  const noisy = await openSocket(t.url, await t.customer());
  await noisy.next('welcome');
  for (const frame of ['{', '[]', '{"type":"subscribe"}', '{"type":"auth"}']) {
    noisy.send(frame);
    assert.equal((await noisy.next('error')).error.code, 'invalid-request');
  }
  noisy.send('null');
  assert.equal((await noisy.closed).code, CloseCode.badFrames);
});

test('the server pings, and closes a peer that stops answering', async () => {
  const alive = await openSocket(t.url, await t.customer());
  await alive.next('welcome');
  await alive.next('ping', 1000);
  await alive.next('ping', 1000);
  alive.socket.close();

  const deaf = await openSocket(t.url, await t.customer(), { answerPings: false });
  await deaf.next('welcome');
  assert.equal((await deaf.closed).code, CloseCode.heartbeatTimeout);
});

test('a shutting-down server closes sockets with 1001 (going away)', async () => {
  const own = await startTestServer();
  const socket = await openSocket(own.url, await own.customer());
  await socket.next('welcome');
  await own.close();
  assert.equal((await socket.closed).code, CloseCode.goingAway);
});

test('typing is relayed ephemerally to the conversation, only where the sender may type', async () => {
  const ann = await t.customer();
  const id = await conversationOf(ann);
  const customer = await openSocket(t.url, ann);
  await customer.next('welcome');
  const agent = await openSocket(t.url, await t.agent());
  await agent.next('welcome');
  customer.send({ type: 'typing', conversationId: id, active: true });
  const typing = await agent.next('typing');
  assert.deepEqual([typing.conversationId, typing.participant.role, typing.active], [id, 'customer', true]);
  customer.send({ type: 'typing', conversationId: id, active: true });
  await assert.rejects(agent.next('typing', 300), 'a burst is throttled');
  customer.send({ type: 'typing', conversationId: id, active: false });
  assert.equal((await agent.next('typing')).active, false, 'stopping is never throttled');
  customer.send({ type: 'typing', conversationId: id, active: true });
  assert.equal((await agent.next('typing')).active, true, 'typing again after stopping is relayed');
  const other = await conversationOf(await t.customer());
  customer.send({ type: 'typing', conversationId: other, active: true });
  assert.equal((await customer.next('error')).error.code, 'not-found');
  customer.send({ type: 'typing', conversationId: 'nope', active: 'yes' });
  assert.equal((await customer.next('error')).error.code, 'invalid-request');
  const events = await t.request('GET', `/v1/conversations/${id}/events`, { jwt: ann });
  assert.deepEqual(events.body.events, [], 'typing is never stored');
  customer.socket.close();
  agent.socket.close();
});
