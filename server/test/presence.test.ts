// Agents' presence on a real server: set by the agent, announced to its other tabs and to the
// supervisors of its queues, Available on connect, Offline when every socket is gone for a while,
// and the same across two processes sharing Redis and a database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerFrame } from '../../src/core/protocol.js';
import { openSocket, startTestServer, uid, type TestServer, type TestSocket } from './harness.js';
import { agentToken, call, startScaleOut } from './scale-out.js';

type PresenceFrame = Extract<ServerFrame, { type: 'presence' }>;

/** The next `presence` frame about `agentId` with `status` (earlier ones of others are skipped). */
async function presenceOf(socket: TestSocket, agentId: string, status: string, timeoutMs = 5000): Promise<PresenceFrame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await socket.next('presence', Math.max(1, deadline - Date.now()));
    if (frame.agent.id === `agent:${agentId}` && frame.presence.status === status) return frame;
  }
}

/** True when no `presence` frame about `agentId` arrives within `ms`. */
async function quietAbout(socket: TestSocket, agentId: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  try {
    for (;;) {
      const frame = await socket.next('presence', Math.max(1, deadline - Date.now()));
      if (frame.agent.id === `agent:${agentId}`) return false;
    }
  } catch {
    return true;
  }
}

describe('presence on one server', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer({ presenceOfflineMs: 400 }); });
  after(async () => { await t.close(); });

  const setPresence = (jwt: string, body: unknown) => t.request('PUT', '/v1/agents/me/presence', { jwt, body });

  test('connecting makes an Offline agent Available; changes reach its other tabs and the supervisors of its queues only', async () => {
    const queue = uid('q');
    const id = uid('erin');
    const jwt = await t.agent(id, [queue]);
    const supervisor = await openSocket(t.url, await t.agent(uid('sup'), [queue], { role: 'supervisor' }));
    await supervisor.next('welcome');
    const elsewhere = await openSocket(t.url, await t.agent(uid('sup'), [uid('other')], { role: 'supervisor' }));
    await elsewhere.next('welcome');
    const colleague = await openSocket(t.url, await t.agent(uid('peer'), [queue]));
    await colleague.next('welcome');

    const tab1 = await openSocket(t.url, jwt);
    await tab1.next('welcome');
    assert.equal((await tab1.next('presence')).presence.status, 'available', 'Offline -> Available on connect');
    await presenceOf(supervisor, id, 'available');
    const tab2 = await openSocket(t.url, jwt);
    await tab2.next('welcome');
    assert.equal((await tab2.next('presence')).presence.status, 'available', 'a second tab gets the current presence');

    const set = await setPresence(jwt, { status: 'on-break', reason: 'Lunch' });
    assert.deepEqual([set.status, set.body.status, set.body.reason], [200, 'on-break', 'Lunch']);
    for (const socket of [tab1, tab2, supervisor]) {
      const frame = await presenceOf(socket, id, 'on-break');
      assert.deepEqual([frame.agent.displayName, frame.presence.reason, frame.presence.since], ['Erin', 'Lunch', set.body.since]);
    }
    assert.ok(await quietAbout(elsewhere, id, 300), 'a supervisor of other queues hears nothing');
    assert.ok(await quietAbout(colleague, id, 50), 'a plain agent of the queue hears nothing');
    assert.equal((await t.request('GET', '/v1/agents/me/presence', { jwt })).body.status, 'on-break');

    const late = await openSocket(t.url, await t.agent(uid('sup'), [queue], { role: 'supervisor' }));
    await late.next('welcome');
    assert.equal((await presenceOf(late, id, 'on-break')).presence.reason, 'Lunch', "a supervisor's snapshot after welcome");
    assert.equal((await setPresence(jwt, { status: 'busy' })).body.reason, undefined);
    await presenceOf(tab2, id, 'busy');
    for (const socket of [tab1, tab2, supervisor, elsewhere, colleague, late]) socket.socket.close();
  });

  test('only agents set a presence; a reason only with on-break; statuses are checked', async () => {
    const jwt = await t.agent();
    const customer = await t.customer();
    assert.equal((await setPresence(customer, { status: 'available' })).status, 403);
    assert.equal((await t.request('GET', '/v1/agents/me/presence', { jwt: customer })).status, 403);
    assert.equal((await setPresence('', { status: 'available' })).status, 401);
    assert.equal((await t.request('PUT', '/v1/agents/me/presence', { headers: { authorization: `Bearer ${t.apiKey}` }, body: { status: 'busy' } })).status, 401);
    assert.equal((await setPresence(jwt, { status: 'away' })).status, 400);
    assert.equal((await setPresence(jwt, { status: 'available', reason: 'x' })).status, 400);
    assert.equal((await setPresence(jwt, { status: 'on-break', reason: 'x'.repeat(81) })).status, 400);
    assert.equal((await setPresence(jwt, { status: 'on-break', reason: 'a\nb' })).status, 400);
    assert.equal((await setPresence(jwt, { status: 'offline' })).body.status, 'offline');
  });

  test('Offline once every socket is gone for the grace time; not while one tab stays; a quick reconnect keeps the status', async () => {
    const id = uid('away');
    const jwt = await t.agent(id);
    const supervisor = await openSocket(t.url, await t.agent(uid('sup'), ['support'], { role: 'supervisor' }));
    await supervisor.next('welcome');
    const tab1 = await openSocket(t.url, jwt);
    const tab2 = await openSocket(t.url, jwt);
    await tab1.next('welcome');
    await tab2.next('welcome');
    await setPresence(jwt, { status: 'on-break', reason: 'Coffee' });
    await presenceOf(supervisor, id, 'on-break');
    tab1.socket.close();
    assert.ok(await quietAbout(supervisor, id, 700), 'one tab left: no change');
    tab2.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const back = await openSocket(t.url, jwt);
    await back.next('welcome');
    assert.equal((await back.next('presence')).presence.status, 'on-break', 'back within the grace time: still on break');
    assert.ok(await quietAbout(supervisor, id, 700));
    back.socket.close();
    const offline = await presenceOf(supervisor, id, 'offline', 3000);
    assert.equal(offline.presence.reason, undefined);
    assert.equal((await t.request('GET', `/v1/agents/${id}`, { headers: { authorization: `Bearer ${t.apiKey}` } })).body.presence.status, 'offline');
    supervisor.socket.close();
  });
});

describe('presence across two processes', () => {
  test("an agent on A and B: changes reach its tab and its supervisor on B; Offline only once its last socket (on B) is gone", { timeout: 60000 }, async () => {
    const group = await startScaleOut(2, { OMNI_PRESENCE_OFFLINE_MS: '500' });
    try {
      const [a, b] = group.processes as [typeof group.processes[0], typeof group.processes[0]];
      const id = `agent-${Date.now()}`;
      const jwt = await agentToken(a, id);
      const supervisor = await openSocket(b.url, await agentToken(b, `sup-${Date.now()}`, { role: 'supervisor' }));
      await supervisor.next('welcome');
      const onA = await openSocket(a.url, jwt);
      await onA.next('welcome');
      await presenceOf(supervisor, id, 'available');
      const onB = await openSocket(b.url, jwt);
      await onB.next('welcome');
      const set = await call(a.url, 'PUT', '/v1/agents/me/presence', { jwt, body: { status: 'busy' } });
      assert.equal(set.status, 200);
      await presenceOf(onB, id, 'busy');
      await presenceOf(supervisor, id, 'busy');
      onA.socket.close();
      assert.ok(await quietAbout(supervisor, id, 1200), 'A checks the shared registry: the tab on B still counts');
      onB.socket.close();
      await presenceOf(supervisor, id, 'offline', 5000);
      supervisor.socket.close();
    } finally {
      await group.stop();
    }
  });
});
