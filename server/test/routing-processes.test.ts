// Routing exactly once across processes: two real server processes on one throwaway PostgreSQL
// cluster, with short sweeps so both routers race all the time. 30 conversations wait; 6 agents
// (capacity 4 each) connect, half to each process, and a second wave races manual takes against
// the routers. Every conversation gets at most one `assigned` event, no agent ever holds more than
// its capacity, and the store's state agrees with the event log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationList, EventPage } from '../../src/core/protocol.js';
import { openSocket, type TestSocket } from './harness.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { agentToken, call, customerToken, postText } from './scale-out.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

let cluster: PostgresCluster;
let dataDir: string;
const servers: ServerProcess[] = [];
const sockets: TestSocket[] = [];

before(async () => {
  cluster = await startPostgresCluster();
  dataDir = mkdtempSync(join(tmpdir(), 'omni-pg-routing-'));
  // Sweeps every 20 ms on both processes: routers run concurrently all the time.
  for (let i = 0; i < 2; i += 1) servers.push(await startServerProcess({ DATABASE_URL: cluster.url, DATA_DIR: dataDir, OMNI_ROUTING_SWEEP_MS: '20', OMNI_MAX_EVENT_LOOP_DELAY_MS: '600000' }));
});

after(async () => {
  for (const socket of sockets) socket.socket.close();
  await Promise.all(servers.map((server) => server.stop()));
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const CONVERSATIONS = 30;
const AGENTS = 6;
const CAPACITY = 4;

test('two processes on one PostgreSQL assign each waiting conversation exactly once, within every agent\'s capacity', async () => {
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const ids: string[] = [];
  await Promise.all(Array.from({ length: CONVERSATIONS }, async (_, i) => {
    const jwt = await customerToken(i % 2 ? b : a, `routing-${i}`);
    const list = await call<ConversationList>(a.url, 'GET', '/v1/conversations', { jwt });
    const id = list.body.conversations[0]!.id;
    await postText(i % 2 ? a : b, jwt, id, `hello ${i}`);
    ids.push(id);
  }));
  // Agents connect at once, half to each process: each connection makes the agent Available and routes on that process.
  const agentIds = Array.from({ length: AGENTS }, (_, i) => `router-agent-${i}`);
  const tokens = await Promise.all(agentIds.map((id) => agentToken(a, id, { name: `Agent ${id.slice(-1)}`, maxConversations: CAPACITY })));
  await Promise.all(tokens.map(async (jwt, i) => {
    const socket = await openSocket((i % 2 ? b : a).url, jwt);
    sockets.push(socket);
    await socket.next('welcome');
  }));
  // A reader agent (Busy, not routed to) races manual takes on both processes against the routers.
  const reader = await agentToken(a, 'router-reader', { name: 'Reader', maxConversations: 100 });
  assert.equal((await call(a.url, 'PUT', '/v1/agents/me/presence', { jwt: reader, body: { status: 'busy' } })).status, 200);
  const takes = await Promise.all(ids.slice(0, 10).flatMap((id) => [a, b].map((server) => call(server.url, 'POST', `/v1/conversations/${id}/take`, { jwt: reader }))));
  assert.ok(takes.every((take) => take.status === 201 || take.status === 409), JSON.stringify(takes.map((take) => take.status)));

  const assignedOf = async (id: string) => {
    const page = await call<EventPage>(b.url, 'GET', `/v1/conversations/${id}/events?after=0&limit=200`, { jwt: reader });
    assert.equal(page.status, 200);
    return page.body.events.filter((event) => event.type === 'assigned');
  };
  const taken = takes.filter((take) => take.status === 201).length;
  const expected = Math.min(CONVERSATIONS, AGENTS * CAPACITY + taken);
  const deadline = Date.now() + 15000;
  let all: Array<Awaited<ReturnType<typeof assignedOf>>>;
  for (;;) {
    all = await Promise.all(ids.map(assignedOf));
    if (all.filter((events) => events.length > 0).length >= expected || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Let both sweeps run many more times: nothing more may be assigned.
  await new Promise((resolve) => setTimeout(resolve, 500));
  all = await Promise.all(ids.map(assignedOf));
  assert.deepEqual(all.map((events) => events.length).filter((n) => n > 1), [], 'no conversation is assigned twice');
  assert.equal(all.filter((events) => events.length === 1).length, expected, 'every conversation that can be assigned is');
  const perAgent = new Map<string, number>();
  for (const events of all) for (const event of events) if (event.type === 'assigned') perAgent.set(event.assignee.id, (perAgent.get(event.assignee.id) ?? 0) + 1);
  for (const id of agentIds) assert.ok((perAgent.get(`agent:${id}`) ?? 0) <= CAPACITY, `agent ${id} holds ${perAgent.get(`agent:${id}`)} > ${CAPACITY}`);
  assert.equal(perAgent.get('agent:router-reader') ?? 0, taken, 'the reader holds exactly what it took');
  assert.equal(taken, takes.filter((take) => take.status === 201).length);
  // The store agrees with the log: each conversation's assignee is the one its event names.
  for (const [index, id] of ids.entries()) {
    const head = await call(a.url, 'GET', `/v1/conversations/${id}`, { jwt: reader });
    assert.equal(head.body.assignee?.id, all[index]![0]?.type === 'assigned' ? all[index]![0].assignee.id : undefined);
  }
});
