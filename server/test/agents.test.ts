// Administration with the API key (agents, queues, integrations) and agent tokens only for agents
// that exist and are enabled, on a real server (OMNI_TEST_DATABASE=postgres runs it on PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../../src/core/protocol.js';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';
import { registerAgent } from './sip-client.js';

let t: TestServer;
before(async () => { t = await startTestServer({ sipSecret: 'agents-test' }); });
after(async () => { await t.close(); });

const apiKey = () => ({ authorization: `Bearer ${t.apiKey}` });
const admin = (method: string, path: string, body?: unknown) => t.request(method, path, { headers: apiKey(), ...(body !== undefined ? { body } : {}) });

describe('agents', () => {
  test('create, read, replace, update and list; defaults; 409 on a taken id; 404 for unknown ones', async () => {
    const id = uid('erin');
    const created = await admin('POST', '/v1/agents', { id, name: ' Erin ', queues: ['support'] });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      { ...created.body, createdAt: '', updatedAt: '', presence: { ...created.body.presence, since: '' } },
      { id, name: 'Erin', avatarUrl: null, queues: ['support'], maxConversations: 5, role: 'agent', enabled: true, presence: { status: 'offline', since: '' }, createdAt: '', updatedAt: '' },
    );
    assert.equal((await admin('POST', '/v1/agents', { id, name: 'Other', queues: ['support'] })).body.error.code, 'conflict');
    const patched = await admin('PATCH', `/v1/agents/${id}`, { maxConversations: 2, role: 'supervisor', avatarUrl: 'https://example.com/e.png' });
    assert.deepEqual([patched.status, patched.body.maxConversations, patched.body.role, patched.body.avatarUrl, patched.body.name], [200, 2, 'supervisor', 'https://example.com/e.png', 'Erin']);
    assert.equal((await admin('PATCH', `/v1/agents/${id}`, { avatarUrl: null })).body.avatarUrl, null);
    const replaced = await admin('PUT', `/v1/agents/${id}`, { name: 'Erin B', queues: ['support', 'sales'] });
    assert.deepEqual([replaced.status, replaced.body.name, replaced.body.queues, replaced.body.role, replaced.body.maxConversations], [200, 'Erin B', ['support', 'sales'], 'agent', 5]);
    const fresh = uid('new');
    assert.equal((await admin('PUT', `/v1/agents/${fresh}`, { name: 'New', queues: ['support'] })).status, 201);
    assert.equal((await admin('PUT', `/v1/agents/${fresh}`, { name: 'New', queues: ['support'] })).status, 200, 'idempotent');
    assert.equal((await admin('GET', `/v1/agents/${id}`)).body.name, 'Erin B');
    const ids = (await admin('GET', '/v1/agents')).body.agents.map((agent: { id: string }) => agent.id);
    assert.ok(ids.includes(id) && ids.includes(fresh));
    assert.equal((await admin('GET', '/v1/agents/nobody')).status, 404);
    assert.equal((await admin('PATCH', '/v1/agents/nobody', { enabled: false })).status, 404);
  });

  test('validation: ids, names, queues, capacity, role, avatar, unknown and empty bodies', async () => {
    const ok = { id: uid('v'), name: 'Val', queues: ['support'] };
    for (const bad of [
      { ...ok, id: 'has space' },
      { ...ok, name: '' },
      { ...ok, name: '   ' },
      { ...ok, name: 'x'.repeat(81) },
      { ...ok, name: 'a\u0007b' },
      { ...ok, queues: [] },
      { ...ok, queues: ['bad queue'] },
      { ...ok, queues: ['a', 'a'] },
      { ...ok, maxConversations: 0 },
      { ...ok, maxConversations: 101 },
      { ...ok, role: 'admin' },
      { ...ok, avatarUrl: 'javascript:alert(1)' },
      { ...ok, extra: 1 },
      { name: 'No id', queues: ['support'] },
    ]) {
      const response = await admin('POST', '/v1/agents', bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal(response.body.error.code, 'invalid-request');
    }
    assert.equal((await admin('POST', '/v1/agents', ok)).status, 201);
    assert.equal((await admin('PATCH', `/v1/agents/${ok.id}`, {})).status, 400, 'an empty change');
    assert.equal((await admin('PATCH', `/v1/agents/${ok.id}`, { id: 'other' })).status, 400, 'the id is not a field');
  });

  test('only the API key administers: no credential, a customer or an agent token get 401', async () => {
    const customer = await t.customer();
    const agent = await t.agent();
    for (const authorization of [undefined, `Bearer ${customer}`, `Bearer ${agent}`, 'Bearer wrong-key']) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      for (const [method, path, body] of [
        ['GET', '/v1/agents'],
        ['POST', '/v1/agents', { id: uid('x'), name: 'X', queues: ['support'] }],
        ['PUT', `/v1/agents/${uid('x')}`, { name: 'X', queues: ['support'] }],
        ['PATCH', '/v1/agents/demo-agent', { enabled: false }],
        ['GET', '/v1/queues'],
        ['POST', '/v1/queues', { name: uid('q') }],
        ['PATCH', '/v1/queues/support', { routing: 'least-busy' }],
        ['PATCH', '/v1/integrations/demo', { enabled: false }],
      ] as const) {
        const response = await t.request(method, path, { headers, ...(body ? { body } : {}) });
        assert.equal(response.status, 401, `${method} ${path} with ${authorization?.slice(0, 12)}`);
      }
    }
  });
});

describe('queues and integrations', () => {
  test('queues: create, 409 when taken, update, list, validation', async () => {
    const name = uid('sales');
    const created = await admin('POST', '/v1/queues', { name });
    assert.deepEqual([created.status, created.body.name, created.body.routing, created.body.enabled], [201, name, 'round-robin', true]);
    assert.equal((await admin('POST', '/v1/queues', { name })).status, 409);
    const updated = await admin('PATCH', `/v1/queues/${name}`, { routing: 'least-busy', enabled: false });
    assert.deepEqual([updated.body.routing, updated.body.enabled], ['least-busy', false]);
    assert.ok((await admin('GET', '/v1/queues')).body.queues.some((queue: { name: string }) => queue.name === name));
    assert.equal((await admin('PATCH', '/v1/queues/nope', { enabled: false })).status, 404);
    assert.equal((await admin('POST', '/v1/queues', { name: 'bad name' })).status, 400);
    assert.equal((await admin('POST', '/v1/queues', { name: uid('q'), routing: 'random' })).status, 400);
    assert.equal((await admin('PATCH', `/v1/queues/${name}`, {})).status, 400);
  });

  test('integrations: update and disable; a disabled one gets no customer tokens (409 integration-disabled)', async () => {
    const id = uid('shop');
    assert.equal((await admin('POST', '/v1/integrations', { id, name: 'Shop', queue: 'support' })).body.enabled, true);
    const updated = await admin('PATCH', `/v1/integrations/${id}`, { name: 'Shop 2', queue: 'sales', channels: { messaging: true, voice: false } });
    assert.deepEqual([updated.body.name, updated.body.queue, updated.body.channels.voice, updated.body.enabled], ['Shop 2', 'sales', false, true]);
    const token = { integrationId: id, customerId: uid('c'), verifiedCustomer: false };
    assert.equal((await admin('POST', '/v1/tokens', token)).status, 201);
    assert.equal((await admin('PATCH', `/v1/integrations/${id}`, { enabled: false })).body.enabled, false);
    const refused = await admin('POST', '/v1/tokens', token);
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'integration-disabled']);
    assert.equal((await admin('GET', '/v1/integrations')).body.integrations.find((one: { id: string }) => one.id === id).enabled, false);
    assert.equal((await admin('PATCH', `/v1/integrations/${id}`, { enabled: true })).body.enabled, true);
    assert.equal((await admin('POST', '/v1/tokens', token)).status, 201);
    assert.equal((await admin('PATCH', '/v1/integrations/nope', { enabled: false })).status, 404);
    assert.equal((await admin('PATCH', `/v1/integrations/${id}`, { id: 'x' })).status, 400);
  });
});

describe('agent tokens', () => {
  test('only for agents that exist and are enabled; name and queues from the record, narrowed on request', async () => {
    const unknown = await admin('POST', '/v1/agent-tokens', { agentId: uid('ghost') });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'not-found']);
    const id = uid('sam');
    await admin('PUT', `/v1/agents/${id}`, { name: 'Sam', queues: ['support', 'sales'] });
    const minted = await admin('POST', '/v1/agent-tokens', { agentId: id, queues: ['sales'] });
    assert.equal(minted.status, 201);
    const socket = await openSocket(t.url, minted.body.jwt);
    const welcome = await socket.next('welcome');
    assert.deepEqual(welcome.participant, { id: `agent:${id}`, role: 'agent', displayName: 'Sam' });
    socket.socket.close();
    const outside = await admin('POST', '/v1/agent-tokens', { agentId: id, queues: ['billing'] });
    assert.deepEqual([outside.status, outside.body.error.code], [400, 'invalid-request']);
    assert.equal((await admin('POST', '/v1/agent-tokens', { agentId: id, displayName: 'Not from the request' })).status, 400);
    await admin('PATCH', `/v1/agents/${id}`, { enabled: false });
    const disabled = await admin('POST', '/v1/agent-tokens', { agentId: id });
    assert.deepEqual([disabled.status, disabled.body.error.code], [409, 'agent-disabled']);
    await admin('PATCH', `/v1/agents/${id}`, { enabled: true });
    assert.equal((await admin('POST', '/v1/agent-tokens', { agentId: id })).status, 201, 'enabled again');
  });

  test('a renamed agent shows its new name at once, even with an older token', async () => {
    const id = uid('ren');
    const jwt = await t.agent(id);
    await admin('PATCH', `/v1/agents/${id}`, { name: 'Renamed' });
    const socket = await openSocket(t.url, jwt);
    assert.equal((await socket.next('welcome')).participant.displayName, 'Renamed');
    socket.socket.close();
  });

  test('disabling an agent closes its events sockets (4006) and SIP sockets, and its tokens are refused from then on', async () => {
    const id = uid('dis');
    const jwt = await t.agent(id);
    const tabs = [await openSocket(t.url, jwt), await openSocket(t.url, jwt)];
    for (const tab of tabs) await tab.next('welcome');
    const sip = await registerAgent(t.url, jwt);
    const other = await openSocket(t.url, await t.agent());
    await other.next('welcome');
    const disabled = await admin('PATCH', `/v1/agents/${id}`, { enabled: false });
    assert.equal(disabled.body.presence.status, 'available', 'the response is the record as written');
    for (const tab of tabs) {
      assert.equal((await tab.next('error')).error.code, 'agent-disabled');
      assert.equal((await tab.closed).code, CloseCode.agentDisabled);
    }
    assert.equal(await sip.client.closed, CloseCode.agentDisabled);
    const http = await t.request('GET', '/v1/conversations', { jwt });
    assert.deepEqual([http.status, http.body.error.code], [403, 'agent-disabled']);
    assert.equal((await t.request('POST', '/v1/sip/credentials', { jwt })).status, 403);
    const again = await openSocket(t.url, jwt);
    assert.equal((await again.closed).code, CloseCode.agentDisabled);
    assert.equal((await admin('GET', `/v1/agents/${id}`)).body.presence.status, 'offline');
    other.send({ type: 'ping', id: 'still-here' });
    assert.equal((await other.next('pong')).id, 'still-here', "another agent's socket stays open");
    other.socket.close();
  });
});
