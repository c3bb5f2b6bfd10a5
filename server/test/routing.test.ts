// Routing and lifecycle against a real server (SQLite by default; OMNI_TEST_DATABASE=postgres for
// PostgreSQL): a first customer message queues, routing by each rule within capacity, a manual take
// race (one wins, the other gets 409), Offline returns conversations to the queue, a reopen routes
// again, transfer to an agent and to a queue with a note, queue positions, and what customers may not do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSocket, startTestServer, uid, type TestServer, type TestSocket } from './harness.js';

let t: TestServer;
// Admission control off (a lagging event loop on a busy test machine must not turn requests into 503s here).
before(async () => { t = await startTestServer({ heartbeatMs: 60_000, presenceOfflineMs: 300, routingSweepMs: 60_000, maxEventLoopDelayMs: 600_000 }); });
after(async () => { await t.close(); });

const admin = () => ({ authorization: `Bearer ${t.apiKey}` });
const send = (jwt: string, id: string, text: string) =>
  t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text } });
const events = async (jwt: string, id: string) => (await t.request('GET', `/v1/conversations/${id}/events?after=0&limit=200`, { jwt })).body.events as any[];
const head = async (jwt: string, id: string) => (await t.request('GET', `/v1/conversations/${id}`, { jwt })).body;

/** A fresh queue (so tests don't share waiting lists) served by an integration of its own. */
async function freshQueue(routing: 'round-robin' | 'least-busy' = 'round-robin') {
  const queue = uid('q');
  assert.equal((await t.request('POST', '/v1/queues', { headers: admin(), body: { name: queue, routing } })).status, 201);
  const integrationId = uid('int');
  const created = await t.request('POST', '/v1/integrations', { headers: admin(), body: { id: integrationId, name: 'Shop', queue, channels: { messaging: true, voice: false } } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { queue, integrationId };
}

/** A customer of `integrationId` who has written once; its conversation id. */
async function visitor(integrationId: string, name = 'Ann') {
  const token = await t.request('POST', '/v1/tokens', { headers: admin(), body: { integrationId, customerId: uid('guest'), verifiedCustomer: false, displayName: name } });
  const jwt = token.body.jwt as string;
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  return { jwt, id };
}

/** An agent of `queue` with an open socket (so Available). */
async function onlineAgent(queue: string, name: string, maxConversations = 5): Promise<{ id: string; jwt: string; socket: TestSocket }> {
  const id = uid('agent');
  const jwt = await t.agent(id, [queue], { name, maxConversations });
  const socket = await openSocket(t.url, jwt);
  await socket.next('welcome');
  await socket.next('presence');
  return { id, jwt, socket };
}

/** An agent of `queue` set Busy without a socket: the router gives it nothing, but it may take. */
async function busyAgent(queue: string, name: string): Promise<string> {
  const jwt = await t.agent(uid('agent'), [queue], { name });
  assert.equal((await t.request('PUT', '/v1/agents/me/presence', { jwt, body: { status: 'busy' } })).status, 200);
  return jwt;
}

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('routing', () => {
  test('a page view queues nothing; the first customer message queues (reason new); an Available agent gets it', async () => {
    const { queue, integrationId } = await freshQueue();
    const ann = await visitor(integrationId);
    assert.equal((await head(ann.jwt, ann.id)).lastSeq, 0, 'a page view creates nothing');
    assert.equal((await send(ann.jwt, ann.id, 'hello')).status, 201);
    assert.deepEqual((await events(ann.jwt, ann.id)).map((e) => [e.type, e.reason]), [['message', undefined], ['queued', 'new']]);
    assert.equal((await head(ann.jwt, ann.id)).state, 'open');
    assert.equal((await send(ann.jwt, ann.id, 'anyone?')).status, 201);
    assert.equal((await events(ann.jwt, ann.id)).filter((e) => e.type === 'queued').length, 1, 'a second message does not queue again');
    const alex = await onlineAgent(queue, 'Alex');
    await waitFor(async () => (await head(ann.jwt, ann.id)).state === 'assigned', 'assignment');
    const assigned = (await events(ann.jwt, ann.id)).filter((e) => e.type === 'assigned');
    assert.equal(assigned.length, 1);
    assert.deepEqual([assigned[0].assignee, assigned[0].queue], [{ id: `agent:${alex.id}`, role: 'agent', displayName: 'Alex' }, queue]);
    assert.deepEqual((await head(alex.jwt, ann.id)).assignee, { id: `agent:${alex.id}`, role: 'agent', displayName: 'Alex' });
    alex.socket.socket.close();
  });

  test('round robin spreads over Available agents; capacity is never exceeded; least busy picks the lighter agent', async () => {
    const rr = await freshQueue('round-robin');
    const a = await onlineAgent(rr.queue, 'A', 2);
    const b = await onlineAgent(rr.queue, 'B', 2);
    const visitors: Array<{ jwt: string; id: string }> = [];
    for (let i = 0; i < 5; i += 1) {
      const v = await visitor(rr.integrationId);
      await send(v.jwt, v.id, `hi ${i}`);
      visitors.push(v);
    }
    await waitFor(async () => (await Promise.all(visitors.map((v) => head(v.jwt, v.id)))).filter((c) => c.state === 'assigned').length === 4, 'four assignments');
    const owners = (await Promise.all(visitors.map((v) => head(v.jwt, v.id)))).map((c) => c.assignee?.displayName ?? null);
    const [p, q] = owners as string[];
    assert.deepEqual([[p, q].sort(), owners], [['A', 'B'], [p, q, p, q, null]], 'alternating, and the fifth waits: both are at capacity 2');
    // A resolve frees capacity: the waiting one goes to the agent who had the resolved one.
    assert.equal((await t.request('POST', `/v1/conversations/${visitors[1]!.id}/resolve`, { jwt: b.jwt })).status, 201);
    await waitFor(async () => (await head(visitors[4]!.jwt, visitors[4]!.id)).assignee?.displayName === q, 'the fifth to the freed agent');

    const lb = await freshQueue('least-busy');
    const c = await onlineAgent(lb.queue, 'C', 5);
    const first = await visitor(lb.integrationId);
    await send(first.jwt, first.id, 'one');
    await waitFor(async () => (await head(first.jwt, first.id)).assignee?.displayName === 'C', 'first to C');
    const d = await onlineAgent(lb.queue, 'D', 5);
    for (let i = 0; i < 2; i += 1) {
      const v = await visitor(lb.integrationId);
      await send(v.jwt, v.id, `more ${i}`);
      await waitFor(async () => (await head(v.jwt, v.id)).state === 'assigned', 'assigned');
      assert.equal((await head(v.jwt, v.id)).assignee.displayName, i === 0 ? 'D' : 'C', 'the agent with fewer conversations (ties: the one assigned longest ago)');
    }
    for (const agent of [a, b, c, d]) agent.socket.socket.close();
  });

  test('manual take: customers 403; two agents take at once, one wins and the other gets 409; the take is an event', async () => {
    const { queue, integrationId } = await freshQueue();
    // Busy agents may take; the router leaves the conversation to them.
    const xJwt = await busyAgent(queue, 'Xena');
    const yJwt = await busyAgent(queue, 'Yuri');
    const ann = await visitor(integrationId);
    await send(ann.jwt, ann.id, 'hello');
    const customerTake = await t.request('POST', `/v1/conversations/${ann.id}/take`, { jwt: ann.jwt });
    assert.equal(customerTake.status, 403);
    const outsider = await t.agent(uid('agent'), [uid('other')]);
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/take`, { jwt: outsider })).status, 404, 'another queue does not see it');
    const [one, two] = await Promise.all([
      t.request('POST', `/v1/conversations/${ann.id}/take`, { jwt: xJwt }),
      t.request('POST', `/v1/conversations/${ann.id}/take`, { jwt: yJwt }),
    ]);
    assert.deepEqual([one.status, two.status].sort(), [201, 409]);
    const loser = one.status === 409 ? one : two;
    assert.equal(loser.body.error.code, 'conflict');
    assert.match(loser.body.error.message, /another agent has it/);
    const winner = one.status === 201 ? one : two;
    assert.equal(winner.body.type, 'assigned');
    assert.deepEqual(winner.body.by, winner.body.assignee);
    assert.equal((await events(ann.jwt, ann.id)).filter((e) => e.type === 'assigned').length, 1);
  });

  test('Offline returns an agent\'s conversations to the queue (requeued) and they route to another agent', async () => {
    const { queue, integrationId } = await freshQueue();
    const alex = await onlineAgent(queue, 'Alex');
    const ann = await visitor(integrationId);
    await send(ann.jwt, ann.id, 'hello');
    await waitFor(async () => (await head(ann.jwt, ann.id)).assignee?.displayName === 'Alex', 'to Alex');
    const sam = uid('agent');
    const samJwt = await t.agent(sam, [queue], { name: 'Sam' });
    // Alex's last socket closes: after OMNI_PRESENCE_OFFLINE_MS (300 ms here) Alex is Offline.
    alex.socket.socket.close();
    await waitFor(async () => (await events(ann.jwt, ann.id)).some((e) => e.type === 'queued' && e.reason === 'requeued'), 'requeue');
    assert.equal((await head(ann.jwt, ann.id)).state, 'open');
    const samSocket = await openSocket(t.url, samJwt);
    await samSocket.next('welcome');
    await waitFor(async () => (await head(ann.jwt, ann.id)).assignee?.displayName === 'Sam', 'to Sam');
    samSocket.socket.close();
  });

  test('a customer message reopens a resolved conversation and routes it again; pending ends with the customer\'s message', async () => {
    const { queue, integrationId } = await freshQueue();
    const alex = await onlineAgent(queue, 'Alex');
    const ann = await visitor(integrationId);
    await send(ann.jwt, ann.id, 'hello');
    await waitFor(async () => (await head(ann.jwt, ann.id)).state === 'assigned', 'assigned');
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/pending`, { jwt: ann.jwt })).status, 403);
    const pending = await t.request('POST', `/v1/conversations/${ann.id}/pending`, { jwt: alex.jwt });
    assert.equal(pending.status, 201);
    assert.equal((await head(ann.jwt, ann.id)).state, 'pending');
    await send(ann.jwt, ann.id, 'here is the info');
    assert.equal((await head(ann.jwt, ann.id)).state, 'assigned', 'the customer answered');
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/resolve`, { jwt: alex.jwt })).status, 201);
    assert.equal((await head(ann.jwt, ann.id)).state, 'resolved');
    await send(ann.jwt, ann.id, 'one more thing');
    await waitFor(async () => (await head(ann.jwt, ann.id)).state === 'assigned', 'routed again');
    const types = (await events(ann.jwt, ann.id)).map((e) => (e.type === 'queued' ? `queued:${e.reason}` : e.type));
    assert.deepEqual(types, ['message', 'queued:new', 'assigned', 'pending', 'message', 'resolved', 'message', 'queued:reopened', 'assigned']);
    alex.socket.socket.close();
  });

  test('transfer to an agent and to a queue, with a note for the agents; customers 403', async () => {
    const { queue, integrationId } = await freshQueue();
    const other = await freshQueue();
    const alex = await onlineAgent(queue, 'Alex');
    const ann = await visitor(integrationId);
    const annSocket = await openSocket(t.url, ann.jwt);
    await annSocket.next('welcome');
    await send(ann.jwt, ann.id, 'hello');
    await waitFor(async () => (await head(ann.jwt, ann.id)).state === 'assigned', 'assigned');
    const bea = await onlineAgent(queue, 'Bea');
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/transfer`, { jwt: ann.jwt, body: { queue: other.queue } })).status, 403);
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/transfer`, { jwt: alex.jwt, body: { note: 'x' } })).status, 400, 'a target is needed');
    assert.equal((await t.request('POST', `/v1/conversations/${ann.id}/transfer`, { jwt: alex.jwt, body: { agentId: bea.id, queue: other.queue } })).status, 400, 'only one');
    const targets = await t.request('GET', '/v1/transfer-targets', { jwt: alex.jwt });
    assert.equal(targets.status, 200);
    assert.deepEqual(targets.body.agents.map((agent: any) => agent.name), ['Bea']);
    assert.ok(targets.body.queues.includes(other.queue));
    assert.equal((await t.request('GET', '/v1/transfer-targets', { jwt: ann.jwt })).status, 403);

    const toBea = await t.request('POST', `/v1/conversations/${ann.id}/transfer`, { jwt: alex.jwt, body: { agentId: bea.id, note: 'VIP, wants a refund' } });
    assert.equal(toBea.status, 201, JSON.stringify(toBea.body));
    assert.deepEqual([toBea.body.type, toBea.body.assignee.displayName, toBea.body.transferredFrom.displayName, toBea.body.by.id],
      ['assigned', 'Bea', 'Alex', `agent:${alex.id}`]);
    const notes = await t.request('GET', `/v1/conversations/${ann.id}/notes`, { jwt: bea.jwt });
    assert.deepEqual(notes.body.notes.map((note: any) => [note.text, note.author.id]), [['VIP, wants a refund', `agent:${alex.id}`]]);
    // The customer sees who answers now (the event), never the note.
    let frame;
    do frame = (await annSocket.next('event')).event; while (frame.seq < toBea.body.seq);
    assert.equal(frame.type, 'assigned');
    assert.equal(JSON.stringify(await events(ann.jwt, ann.id)).includes('refund'), false);

    const toQueue = await t.request('POST', `/v1/conversations/${ann.id}/transfer`, { jwt: bea.jwt, body: { queue: other.queue, note: 'billing question' } });
    assert.equal(toQueue.status, 201);
    assert.deepEqual([toQueue.body.type, toQueue.body.reason, toQueue.body.queue], ['queued', 'transfer', other.queue]);
    assert.equal((await t.request('GET', `/v1/conversations/${ann.id}`, { jwt: bea.jwt })).status, 404, 'it left Bea\'s queue');
    const carl = await onlineAgent(other.queue, 'Carl');
    await waitFor(async () => (await head(ann.jwt, ann.id)).assignee?.displayName === 'Carl', 'routed in the new queue');
    const carlNotes = await t.request('GET', `/v1/conversations/${ann.id}/notes`, { jwt: carl.jwt });
    assert.deepEqual(carlNotes.body.notes.map((note: any) => note.text), ['VIP, wants a refund', 'billing question']);
    for (const socket of [alex.socket, bea.socket, carl.socket, annSocket]) socket.socket.close();
  });

  test('a waiting customer hears its place in the queue, on connect and when it changes', async () => {
    const { queue, integrationId } = await freshQueue();
    const first = await visitor(integrationId, 'First');
    const second = await visitor(integrationId, 'Second');
    await send(first.jwt, first.id, 'one');
    await send(second.jwt, second.id, 'two');
    const socket = await openSocket(t.url, second.jwt);
    await socket.next('welcome');
    assert.deepEqual(await socket.next('queue'), { type: 'queue', conversationId: second.id, position: 2 });
    const xJwt = await busyAgent(queue, 'Xena');
    assert.equal((await t.request('POST', `/v1/conversations/${first.id}/take`, { jwt: xJwt })).status, 201);
    assert.deepEqual(await socket.next('queue'), { type: 'queue', conversationId: second.id, position: 1 });
    socket.socket.close();
  });
});
