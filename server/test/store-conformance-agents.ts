/**
 * Conformance cases of the `Store` contract, part three: the contact center's records (agents,
 * queues, integrations' administered fields) and presence, including a conditional presence
 * change raced by two stores on one database.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentFields } from '../store/store.js';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';

const erin: AgentFields = { name: 'Erin', avatarUrl: null, queues: ['support'], maxConversations: 5, role: 'agent', enabled: true };

/** Registers the cases of part three for `engine`. */
export function agentCases(engine: StoreEngineUnderTest): void {
  it('agents: create once, get, replace (presence kept), update, list by id and by queue', async () => {
    const { store } = await freshStore(engine);
    const created = await store.createAgent('erin', erin);
    assert.deepEqual({ ...created!, createdAt: '', updatedAt: '', presence: { ...created!.presence, since: '' } }, {
      id: 'erin', ...erin, presence: { status: 'offline', since: '' }, createdAt: '', updatedAt: '',
    });
    assert.ok(!Number.isNaN(Date.parse(created!.createdAt)));
    assert.equal(await store.createAgent('erin', { ...erin, name: 'Other' }), undefined, 'the id is taken');
    assert.deepEqual(await store.getAgent('erin'), created);
    assert.equal(await store.getAgent('nobody'), undefined);

    await store.setAgentPresence('erin', { status: 'busy' });
    const replaced = await store.putAgent('erin', { ...erin, name: 'Erin B', queues: ['sales', 'support'], role: 'supervisor', avatarUrl: 'https://x.example/a.png' });
    assert.equal(replaced.created, false);
    assert.deepEqual([replaced.agent.name, replaced.agent.queues, replaced.agent.role, replaced.agent.avatarUrl], ['Erin B', ['sales', 'support'], 'supervisor', 'https://x.example/a.png']);
    assert.equal(replaced.agent.presence.status, 'busy', 'a replace keeps the presence');
    assert.equal(replaced.agent.createdAt, created!.createdAt);
    const put = await store.putAgent('sam', { ...erin, name: 'Sam', queues: ['sales'] });
    assert.deepEqual([put.created, put.agent.presence.status], [true, 'offline']);

    const updated = await store.updateAgent('erin', { maxConversations: 2, avatarUrl: null, enabled: false });
    assert.deepEqual([updated?.name, updated?.maxConversations, updated?.avatarUrl, updated?.enabled, updated?.role], ['Erin B', 2, null, false, 'supervisor']);
    assert.equal(await store.updateAgent('nobody', { name: 'X' }), undefined);
    await store.createAgent('ann', { ...erin, name: 'Ann', queues: ['billing'] });

    assert.deepEqual((await store.listAgents()).map((agent) => agent.id), ['ann', 'erin', 'sam']);
    assert.deepEqual((await store.listAgents(['sales'])).map((agent) => agent.id), ['erin', 'sam']);
    assert.deepEqual((await store.listAgents(['billing', 'support'])).map((agent) => agent.id), ['ann', 'erin']);
    assert.deepEqual(await store.listAgents(['nowhere']), []);
  });

  it('presence: set with a reason (on-break only), same presence keeps its time, conditional changes', async () => {
    const { store } = await freshStore(engine);
    await store.createAgent('erin', erin);
    const onBreak = await store.setAgentPresence('erin', { status: 'on-break', reason: 'Lunch' });
    assert.deepEqual([onBreak?.presence.status, onBreak?.presence.reason], ['on-break', 'Lunch']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await store.setAgentPresence('erin', { status: 'on-break', reason: 'Lunch' });
    assert.equal(again?.presence.since, onBreak?.presence.since, 'the same presence again keeps since');
    const other = await store.setAgentPresence('erin', { status: 'on-break', reason: 'Coffee' });
    assert.notEqual(other?.presence.since, onBreak?.presence.since, 'another reason moves since');
    const busy = await store.setAgentPresence('erin', { status: 'busy', reason: 'ignored' });
    assert.deepEqual(busy?.presence.status, 'busy');
    assert.equal(busy?.presence.reason, undefined, 'only on-break keeps a reason');
    assert.equal(await store.setAgentPresence('erin', { status: 'available', from: ['offline'] }), undefined, 'not from busy');
    assert.equal((await store.getAgent('erin'))?.presence.status, 'busy');
    assert.equal((await store.setAgentPresence('erin', { status: 'offline', from: ['available', 'busy'] }))?.presence.status, 'offline');
    assert.equal(await store.setAgentPresence('nobody', { status: 'available' }), undefined);
  });

  it('presence: of two stores racing Offline -> Available on one agent, exactly one wins', async () => {
    const { store, database } = await freshStore(engine);
    const other = database.open();
    await store.createAgent('erin', erin);
    for (let round = 0; round < 10; round += 1) {
      await store.setAgentPresence('erin', { status: 'offline' });
      const results = await Promise.all([store, other, store, other].map((one) => one.setAgentPresence('erin', { status: 'available', from: ['offline'] })));
      assert.equal(results.filter(Boolean).length, 1, `round ${round}`);
    }
  });

  it('queues: create once, update, get, list by name', async () => {
    const { store } = await freshStore(engine);
    const created = await store.createQueue('support', { routing: 'round-robin', enabled: true });
    assert.deepEqual([created?.name, created?.routing, created?.enabled], ['support', 'round-robin', true]);
    assert.equal(await store.createQueue('support', { routing: 'least-busy', enabled: true }), undefined);
    await store.createQueue('Sales', { routing: 'least-busy', enabled: false });
    const updated = await store.updateQueue('support', { routing: 'least-busy' });
    assert.deepEqual([updated?.routing, updated?.enabled], ['least-busy', true]);
    assert.equal((await store.updateQueue('support', { enabled: false }))?.routing, 'least-busy');
    assert.equal(await store.updateQueue('nope', { enabled: false }), undefined);
    assert.deepEqual(await store.getQueue('Sales'), (await store.listQueues())[0]);
    assert.deepEqual((await store.listQueues()).map((queue) => queue.name), ['Sales', 'support']);
    assert.equal(await store.getQueue('nope'), undefined);
  });

  it('integrations: enabled by default, updated field by field, disabled', async () => {
    const { store, integration } = await freshStore(engine);
    assert.equal(integration.enabled, true);
    const renamed = await store.updateIntegration('demo', { name: 'Demo 2' });
    assert.deepEqual({ ...renamed! }, { ...integration, name: 'Demo 2' });
    const changed = await store.updateIntegration('demo', { queue: 'sales', channels: { messaging: true, voice: false }, enabled: false });
    assert.deepEqual([changed?.name, changed?.queue, changed?.channels, changed?.enabled], ['Demo 2', 'sales', { messaging: true, voice: false }, false]);
    assert.equal((await store.getIntegration('demo'))?.enabled, false);
    assert.equal(await store.updateIntegration('nope', { enabled: false }), undefined);
    assert.equal((await store.createIntegration({ id: 'off', name: 'Off', queue: 'q', channels: { messaging: true, voice: true }, enabled: false }))?.enabled, false);
  });
}
