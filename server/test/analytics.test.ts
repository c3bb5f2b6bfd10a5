// The supervisor analytics socket on real servers, on SQLite and on PostgreSQL: a snapshot of figures
// computed from the event log after scripted conversations, a change after each kind of event,
// non-supervisors refused, and across two processes (PostgreSQL + Redis) a change made on one
// process reaching a supervisor connected to the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueueFigures, TokenResponse } from '../../src/core/protocol.js';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';
import { openAnalytics } from './analytics-socket.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { agentToken, call, startScaleOut, type ScaleOut } from './scale-out.js';

/** A queue with its own integration, an agent and a supervisor, on server `t`. */
async function queueSetup(t: TestServer) {
  const queue = uid('q');
  const integrationId = uid('int');
  const created = await t.request('POST', '/v1/integrations', {
    headers: { authorization: `Bearer ${t.apiKey}` },
    body: { id: integrationId, name: 'Shop', queue },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const agentId = uid('alex');
  const agent = await t.agent(agentId, [queue], { name: 'Alex' });
  const supervisor = await t.agent(uid('sam'), [queue], { name: 'Sam', role: 'supervisor' });
  /** A customer of the queue's integration who has written `text`. */
  const customer = async (name: string, text = 'Hello') => {
    const token = await t.request<TokenResponse>('POST', '/v1/tokens', {
      headers: { authorization: `Bearer ${t.apiKey}` },
      body: { integrationId, customerId: uid('guest'), verifiedCustomer: false, displayName: name },
    });
    const jwt = token.body.jwt;
    const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    await post(jwt, id, text);
    return { jwt, id };
  };
  const post = async (jwt: string, id: string, text: string) => {
    const response = await t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text } });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  };
  const resolve = async (id: string) => assert.equal((await t.request('POST', `/v1/conversations/${id}/resolve`, { jwt: agent })).status, 201);
  const rate = async (jwt: string, id: string, rating: number) =>
    assert.equal((await t.request('POST', `/v1/conversations/${id}/csat`, { jwt, body: { rating } })).status, 201);
  return { queue, agentId, agent, supervisor, customer, post, resolve, rate };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`analytics socket on ${engine}`, () => {
    let t: TestServer;
    let cluster: PostgresCluster | undefined;
    before(async () => {
      if (engine === 'postgres') cluster = await startPostgresCluster();
      const databaseUrl = cluster ? await cluster.createSchema('analytics') : '';
      t = await startTestServer({ databaseUrl, slaSeconds: 30, heartbeatMs: 60_000 });
    });
    after(async () => {
      await t.close();
      await cluster?.stop();
    });

    test('a supervisor gets a snapshot of its queue computed from the event log', async () => {
      const q = await queueSetup(t);
      const ann = await q.customer('Ann');
      await q.post(q.agent, ann.id, 'Hi Ann');
      await q.resolve(ann.id);
      await q.rate(ann.jwt, ann.id, 4);
      const ben = await q.customer('Ben');
      await q.post(q.agent, ben.id, 'Hi Ben');
      const cleo = await q.customer('Cleo');

      const socket = await openAnalytics(t.url, q.supervisor);
      const snapshot = await socket.next('snapshot');
      assert.equal(snapshot.participant.displayName, 'Sam');
      assert.deepEqual(snapshot.queues.map((figures) => figures.queue), [q.queue]);
      assert.equal(Date.parse(snapshot.dayStartedAt) % 86_400_000, 0, 'the day starts at UTC midnight');
      const figures = snapshot.queues[0]!;
      assert.deepEqual(
        { open: figures.open, assigned: figures.assigned, pending: figures.pending, resolvedToday: figures.resolvedToday },
        { open: 1, assigned: 1, pending: 0, resolvedToday: 1 },
      );
      assert.deepEqual(figures.waiting.map((item) => [item.conversationId, item.customer.displayName]), [[cleo.id, 'Cleo']]);
      assert.equal(figures.longestWaitingSince, figures.waiting[0]!.waitingSince);
      assert.ok(Date.now() - Date.parse(figures.longestWaitingSince!) < 60_000);
      assert.deepEqual([figures.csatAverage, figures.csatCount], [4, 1]);
      assert.ok(figures.averageFirstResponseSeconds !== null && figures.averageFirstResponseSeconds >= 0 && figures.averageFirstResponseSeconds < 30);
      assert.ok(figures.averageHandleSeconds !== null && figures.averageHandleSeconds >= 0);
      assert.deepEqual(figures.sla, { seconds: 30, met: 2, total: 2, share: 1 }, 'Ann and Ben were answered within 30 s; Cleo has not waited 30 s yet');
      assert.deepEqual(
        figures.agents.map((item) => [item.agent.displayName, item.role, item.presence.status, item.load, item.capacity]),
        [['Alex', 'agent', 'offline', 1, 5], ['Sam', 'supervisor', 'offline', 0, 5]],
      );
      assert.deepEqual(figures.agentsByStatus, { available: 0, busy: 0, 'on-break': 0, offline: 2 });
      const hours = figures.hours;
      assert.equal(hours[0]!.hour, snapshot.dayStartedAt, "one entry per hour of today so far, from midnight");
      assert.deepEqual(hours.map((hour) => Date.parse(hour.hour) - Date.parse(snapshot.dayStartedAt)), hours.map((_, index) => index * 3_600_000));
      assert.deepEqual([hours.reduce((sum, hour) => sum + hour.arrived, 0), hours.reduce((sum, hour) => sum + hour.resolved, 0)], [3, 1]);
      socket.close();
    });

    test('a change follows a message, a reply, a resolve, a rating and a presence change', async () => {
      const q = await queueSetup(t);
      const socket = await openAnalytics(t.url, q.supervisor);
      const start = (await socket.next('snapshot')).queues[0]!;
      assert.deepEqual([start.open, start.resolvedToday, start.csatCount], [0, 0, 0]);
      const changed = (check: (figures: QueueFigures) => boolean) => socket.figures(q.queue, check).then((item) => item.figures);

      const dan = await q.customer('Dan');
      assert.deepEqual((await changed((f) => f.open === 1)).waiting.map((item) => item.customer.displayName), ['Dan']);
      await q.post(q.agent, dan.id, 'Hello Dan');
      const answered = await changed((f) => f.open === 0 && f.assigned === 1);
      assert.equal(answered.agents.find((item) => item.agent.displayName === 'Alex')?.load, 1);
      assert.equal(answered.sla.met, 1);
      await q.resolve(dan.id);
      assert.equal((await changed((f) => f.resolvedToday === 1)).assigned, 0);
      await q.rate(dan.jwt, dan.id, 5);
      assert.equal((await changed((f) => f.csatCount === 1)).csatAverage, 5);
      const away = await t.request('PUT', '/v1/agents/me/presence', { jwt: q.agent, body: { status: 'on-break', reason: 'Lunch' } });
      assert.equal(away.status, 200);
      const onBreak = await changed((f) => f.agentsByStatus['on-break'] === 1);
      assert.deepEqual(onBreak.agents.find((item) => item.agent.displayName === 'Alex')?.presence.reason, 'Lunch');
      socket.close();
    });

    test('the router\'s assignment to an Available agent shows as its load, and its presence in the counts', async () => {
      const q = await queueSetup(t);
      const socket = await openAnalytics(t.url, q.supervisor);
      await socket.next('snapshot');
      // Connecting the agent's events socket makes it Available; the router then assigns it what waits.
      const events = await openSocket(t.url, q.agent);
      await events.next('welcome');
      await socket.figures(q.queue, (f) => f.agentsByStatus.available === 1);
      const fay = await q.customer('Fay');
      const { figures } = await socket.figures(q.queue, (f) => f.assigned === 1);
      assert.deepEqual([figures.open, figures.waiting.length], [0, 0]);
      assert.deepEqual(figures.agents.map((item) => [item.agent.displayName, item.presence.status, item.load]), [['Alex', 'available', 1], ['Sam', 'offline', 0]]);
      const log = await t.request('GET', `/v1/conversations/${fay.id}/events?after=0`, { jwt: q.agent });
      assert.ok(log.body.events.some((event: { type: string }) => event.type === 'assigned'), 'the router assigned it (an `assigned` event)');
      events.socket.close();
      socket.close();
    });

    test('agents who are not supervisors, customers and bad tokens are refused with their close codes', async () => {
      const q = await queueSetup(t);
      const agent = await openAnalytics(t.url, q.agent);
      assert.equal((await agent.next('error')).error.code, 'forbidden');
      assert.deepEqual(await agent.closed, { code: 4007, reason: 'Not a supervisor.' });
      const customer = await openAnalytics(t.url, await t.customer());
      assert.equal((await customer.closed).code, 4007);
      const forged = await openAnalytics(t.url, `${q.supervisor.slice(0, -4)}AAAA`);
      assert.equal((await forged.closed).code, 4001);
      const silent = await openAnalytics(t.url);
      silent.send({ type: 'ping' });
      assert.equal((await silent.closed).code, 4001, 'the first frame must be auth');
      const typing = await openAnalytics(t.url, q.supervisor);
      await typing.next('snapshot');
      typing.send({ type: 'typing', conversationId: `conv_${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, active: true });
      assert.equal((await typing.next('error')).error.code, 'invalid-request', 'only auth, ping and pong');
      typing.close();
    });
  });
}

test('the demo serves /supervisor and hands its supervisor token to loopback only (as the agent token), unless demoOpenAgent', async () => {
  const closed = await startTestServer({ demo: true });
  const open = await startTestServer({ demo: true, demoOpenAgent: true });
  try {
    const page = await closed.request('GET', '/supervisor');
    assert.equal(page.status, 200);
    assert.match(page.body, /<omni-supervisor-dashboard token-url="\/demo\/supervisor-token">/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const local = await closed.request('POST', '/demo/supervisor-token');
    assert.equal(local.status, 200);
    const socket = await openAnalytics(closed.url, local.body.jwt);
    const snapshot = await socket.next('snapshot');
    assert.deepEqual([snapshot.participant.displayName, snapshot.queues.map((figures) => figures.queue)], ['Sam (Supervisor)', ['support']]);
    socket.close();
    const stranger = await closed.server.app.inject({ method: 'POST', url: '/demo/supervisor-token', remoteAddress: '203.0.113.9' });
    assert.equal(stranger.statusCode, 403);
    assert.equal(stranger.json().error.code, 'forbidden');
    assert.equal((await open.server.app.inject({ method: 'POST', url: '/demo/supervisor-token', remoteAddress: '203.0.113.9' })).statusCode, 200);
  } finally {
    await closed.close();
    await open.close();
  }
});

describe('analytics across two processes (PostgreSQL + Redis)', () => {
  let group: ScaleOut;
  before(async () => {
    group = await startScaleOut(2);
    // A process that just started may still answer 503 (admission control: its event loop lagged while starting).
    for (const process of group.processes) {
      const deadline = Date.now() + 15_000;
      while ((await call(process.url, 'GET', '/v1/queues', { headers: { authorization: `Bearer ${process.apiKey}` } })).status === 503 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  after(async () => { await group.stop(); });

  test('a change made on process A reaches a supervisor connected to process B', async () => {
    assert.equal(group.engine, 'postgres');
    const [a, b] = group.processes as [ScaleOut['processes'][0], ScaleOut['processes'][0]];
    const queue = uid('q');
    const headers = { authorization: `Bearer ${a.apiKey}` };
    const integrationId = uid('int');
    assert.equal((await call(a.url, 'POST', '/v1/integrations', { headers, body: { id: integrationId, name: 'Shop', queue } })).status, 201);
    const supervisor = await agentToken(b, uid('sam'), { name: 'Sam', queues: [queue], role: 'supervisor' });
    const socket = await openAnalytics(b.url, supervisor);
    assert.equal((await socket.next('snapshot')).queues[0]!.open, 0);

    const token = await call<TokenResponse>(a.url, 'POST', '/v1/tokens', {
      headers,
      body: { integrationId, customerId: uid('guest'), verifiedCustomer: false, displayName: 'Eve' },
    });
    const jwt = token.body.jwt;
    const id = (await call(a.url, 'GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    const posted = await call(a.url, 'POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text: 'Hi' } });
    assert.equal(posted.status, 201);
    const { figures } = await socket.figures(queue, (f) => f.open === 1);
    assert.deepEqual(figures.waiting.map((item) => [item.conversationId, item.customer.displayName]), [[id, 'Eve']]);
    socket.close();
  });
});
