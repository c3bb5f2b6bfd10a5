// Several server processes on one Redis and one database, no sticky sessions: a guest on process A
// and an agent on process B chat both ways and see each other type; A is killed (SIGKILL), the
// guest reconnects to B and carries on with every event, seq continuous. Rate limits are shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConversationEvent } from '../../src/core/protocol.js';
import WebSocket from 'ws';
import { openSocket, type TestSocket } from './harness.js';
import { openSip, sendAuthenticated } from './sip-client.js';
import { agentToken, call, customerToken, postText, startScaleOut } from './scale-out.js';

/** The next `event` frame carrying a message with `text`, skipping other frames. */
async function nextMessage(socket: TestSocket, text: string): Promise<ConversationEvent> {
  for (;;) {
    const frame = await socket.next('event');
    if (frame.event.type === 'message' && 'text' in frame.event.message && frame.event.message.text === text) return frame.event;
  }
}

test('a guest on process A and an agent on process B chat; A is SIGKILLed and the guest continues on B, nothing lost', async (t) => {
  const cluster = await startScaleOut(2);
  t.diagnostic(`database: ${cluster.engine}`);
  const [a, b] = cluster.processes as [typeof cluster.processes[0], typeof cluster.processes[0]];
  try {
    const guestJwt = await customerToken(a, `guest-${Date.now()}`);
    const agentJwt = await agentToken(b, `agent-${Date.now()}`);
    const guest = await openSocket(a.url, guestJwt);
    const agent = await openSocket(b.url, agentJwt);
    const welcome = await guest.next('welcome');
    await agent.next('welcome');
    const conversationId = welcome.conversations[0]!.id;
    const seen = new Map<number, ConversationEvent>();
    const record = (event: ConversationEvent) => seen.set(event.seq, event);

    // Guest (A) -> agent (B), then agent (B) -> guest (A), live over Redis.
    await postText(a, guestJwt, conversationId, 'hello from A');
    const atAgent = await nextMessage(agent, 'hello from A');
    assert.equal(atAgent.conversationId, conversationId);
    await postText(b, agentJwt, conversationId, 'hello from B');
    record(await nextMessage(guest, 'hello from B'));

    // Typing crosses processes, both ways.
    guest.send({ type: 'typing', conversationId, active: true });
    const typingAtAgent = await agent.next('typing');
    assert.deepEqual([typingAtAgent.conversationId, typingAtAgent.participant.role, typingAtAgent.active], [conversationId, 'customer', true]);
    agent.send({ type: 'typing', conversationId, active: true });
    let typingAtGuest = await guest.next('typing');
    // The guest's own typing comes back to its socket too (its topic): skip to the agent's.
    while (typingAtGuest.participant.role === 'customer') typingAtGuest = await guest.next('typing');
    assert.deepEqual([typingAtGuest.participant.role, typingAtGuest.active], ['agent', true]);

    // A dies without a goodbye; its guest socket drops, and the agent keeps writing on B meanwhile.
    a.signal('SIGKILL');
    assert.equal((await a.exited).signal, 'SIGKILL');
    await guest.closed;
    await postText(b, agentJwt, conversationId, 'while you were away 1');
    await postText(b, agentJwt, conversationId, 'while you were away 2');

    // The guest reconnects to B (what a balancer does once A is gone): the welcome's head shows the gap, fetched by seq.
    const again = await openSocket(b.url, guestJwt);
    const head = (await again.next('welcome')).conversations.find((conversation) => conversation.id === conversationId)!;
    const page = await call<{ events: ConversationEvent[]; hasMore: boolean }>(b.url, 'GET', `/v1/conversations/${conversationId}/events?after=0&limit=200`, { jwt: guestJwt });
    assert.equal(page.status, 200);
    page.body.events.forEach(record);
    assert.deepEqual([...seen.keys()].sort((x, y) => x - y), Array.from({ length: head.lastSeq }, (_, index) => index + 1), 'seq 1..lastSeq, no gap, no duplicate');
    const texts = [...seen.values()].sort((x, y) => x.seq - y.seq).flatMap((event) => (event.type === 'message' && 'text' in event.message ? [event.message.text] : []));
    assert.deepEqual(texts, ['hello from A', 'hello from B', 'while you were away 1', 'while you were away 2']);

    // And the conversation goes on live on B, both ways, seq continuing.
    await postText(b, guestJwt, conversationId, 'back again');
    const back = await nextMessage(agent, 'back again');
    assert.equal(back.seq, head.lastSeq + 1);
    await postText(b, agentJwt, conversationId, 'welcome back');
    assert.equal((await nextMessage(again, 'welcome back')).seq, head.lastSeq + 2);
    agent.socket.close();
    again.socket.close();
  } finally {
    await cluster.stop();
  }
});

test('a socket opened on B hears what is posted on A at once (subscribed before the welcome); SIP credentials from A register on B', async () => {
  const cluster = await startScaleOut(2);
  const [a, b] = cluster.processes as [typeof cluster.processes[0], typeof cluster.processes[0]];
  try {
    const agentJwt = await agentToken(a, `agent-${Date.now()}`);
    for (let round = 0; round < 5; round += 1) {
      const guestJwt = await customerToken(a, `guest-${round}-${Date.now()}`);
      const guest = await openSocket(b.url, guestJwt);
      const conversationId = (await guest.next('welcome')).conversations[0]!.id;
      await postText(a, guestJwt, conversationId, `first ${round}`);
      await postText(a, agentJwt, conversationId, `reply ${round}`);
      const reply = await nextMessage(guest, `reply ${round}`);
      assert.equal(reply.conversationId, conversationId);
      guest.socket.close();
    }

    // The agent's queues, recorded when A issued its SIP credentials, are known to B's SIP edge.
    const credentials = (await call<{ username: string; password: string; aor: string }>(a.url, 'POST', '/v1/sip/credentials', { jwt: agentJwt })).body;
    const sip = await openSip(b.url);
    const registered = await sendAuthenticated(
      sip,
      { method: 'REGISTER', uri: 'sip:omni.local', callId: 'reg-across', from: `<${credentials.aor}>;tag=r1`, to: `<${credentials.aor}>`, contact: 'sip:ag1@ag1.invalid;transport=ws', extra: ['Expires: 600'] },
      credentials,
    );
    assert.match(registered, /^SIP\/2\.0 200/);
    sip.close();
  } finally {
    await cluster.stop();
  }
});

/** Status of a WebSocket upgrade to `/v1/events` from 127.0.0.2 (101 = open; the socket is returned to close later). */
async function upgrade(base: string): Promise<{ status: number; socket: WebSocket }> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/events`, { localAddress: '127.0.0.2' });
  const status = await new Promise<number>((resolve) => {
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
  return { status, socket };
}

test('with Redis, the per-IP rate limit and the WebSocket cap are shared: A and B count together', async () => {
  const cluster = await startScaleOut(2, { OMNI_RATE_LIMIT_PER_IP: '10', OMNI_MAX_SOCKETS_PER_IP: '3' });
  const [a, b] = cluster.processes as [typeof cluster.processes[0], typeof cluster.processes[0]];
  try {
    const statuses: number[] = [];
    // WebSockets: 2 on A and 1 on B make the cap of 3; a 4th is refused on either.
    const sockets = [await upgrade(a.url), await upgrade(a.url), await upgrade(b.url)];
    assert.deepEqual(sockets.map((socket) => socket.status), [101, 101, 101]);
    assert.deepEqual([(await upgrade(b.url)).status, (await upgrade(a.url)).status], [429, 429]);
    // One closes on A: B has room again.
    sockets[0]!.socket.close();
    await new Promise((resolve) => sockets[0]!.socket.once('close', resolve));
    let again = await upgrade(b.url);
    for (let attempt = 0; again.status !== 101 && attempt < 20; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await upgrade(b.url);
    }
    assert.equal(again.status, 101);
    for (const { socket } of [...sockets, again]) socket.terminate();

    // Requests (from 127.0.0.1; the sockets came from 127.0.0.2): unauthenticated ones count too (401), 6 to A and 4 to B make the limit of 10.
    for (let index = 0; index < 6; index += 1) statuses.push((await call(a.url, 'GET', '/v1/conversations')).status);
    for (let index = 0; index < 4; index += 1) statuses.push((await call(b.url, 'GET', '/v1/conversations')).status);
    assert.deepEqual(statuses, Array(10).fill(401));
    const overB = await call(b.url, 'GET', '/v1/conversations');
    const overA = await call(a.url, 'GET', '/v1/conversations');
    assert.deepEqual([overB.status, overA.status], [429, 429]);
    assert.equal(overA.body.error.code, 'rate-limited');
    // Health probes are never counted.
    assert.equal((await call(a.url, 'GET', '/healthz')).status, 200);
  } finally {
    await cluster.stop();
  }
});
