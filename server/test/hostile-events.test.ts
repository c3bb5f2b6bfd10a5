// The events socket against hostile or stale tokens, on a real server: a token naming a missing
// integration is a clean auth close (4001), and a re-authentication follows exactly the queues
// the fresh token names (no queue kept from the old one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../../src/core/protocol.js';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const apiKey = () => ({ authorization: `Bearer ${t.apiKey}` });

async function customerOf(integrationId: string): Promise<{ jwt: string; conversationId: string }> {
  const token = await t.request('POST', '/v1/tokens', { headers: apiKey(), body: { integrationId, customerId: uid('c'), verifiedCustomer: false } });
  assert.equal(token.status, 201);
  const jwt = token.body.jwt as string;
  return { jwt, conversationId: (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id };
}

async function say(customer: { jwt: string; conversationId: string }, text: string): Promise<void> {
  const sent = await t.request('POST', `/v1/conversations/${customer.conversationId}/messages`, {
    jwt: customer.jwt,
    body: { clientMessageId: uid('m'), type: 'text', text },
  });
  assert.equal(sent.status, 201);
}

test('an auth frame whose token names a missing integration closes 4001 with an error frame, never 1011', async () => {
  const orphan = await t.issuer().issueCustomer({ integrationId: 'no-such-integration', customerId: uid('g'), verifiedCustomer: false }, 600);
  const socket = await openSocket(t.url, orphan.jwt);
  const error = await socket.next('error');
  assert.equal(error.error.code, 'forbidden');
  assert.equal((await socket.closed).code, CloseCode.invalidToken);
  // The server is fine afterwards.
  const healthy = await openSocket(t.url, await t.customer());
  await healthy.next('welcome');
  healthy.socket.close();
});

test('re-authenticating with a token that no longer names a queue stops that queue\'s events; a newly named queue starts', async () => {
  const created = await t.request('POST', '/v1/integrations', { headers: apiKey(), body: { id: 'sales', name: 'Sales', queue: 'sales' } });
  assert.equal(created.status, 201);
  const support = await customerOf('demo');
  const sales = await customerOf('sales');
  await say(support, 'first');
  const agentId = uid('agent');
  const socket = await openSocket(t.url, await t.agent(agentId, ['support']));
  // Messages only: routing may assign the waiting conversations to this agent meanwhile (`assigned` events).
  const nextMessage = async (timeoutMs?: number) => {
    for (;;) {
      const frame = await socket.next('event', timeoutMs);
      if (frame.event.type === 'message') return frame;
    }
  };
  await socket.next('welcome');
  await say(support, 'while on support');
  assert.equal((await nextMessage()).event.conversationId, support.conversationId);

  socket.send({ type: 'auth', jwt: await t.agent(agentId, ['sales']) });
  await socket.next('reauthenticated');
  await say(support, 'after leaving support');
  await say(sales, 'to sales');
  const event = await nextMessage();
  assert.equal(event.event.conversationId, sales.conversationId, 'the first message after re-auth is the sales one');
  await assert.rejects(nextMessage(400), 'nothing more: the support message never arrived');

  // Typing is authorised with the fresh token too.
  socket.send({ type: 'typing', conversationId: support.conversationId, active: true });
  assert.equal((await socket.next('error')).error.code, 'not-found');
  socket.socket.close();
});
