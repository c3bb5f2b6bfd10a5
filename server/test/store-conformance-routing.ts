/**
 * Conformance cases of the `Store` contract, part four: routing. A first customer message queues,
 * the router assigns by rule within capacity to Available agents only, a take checks state and
 * capacity, Offline requeues, a transfer moves queues, pending ends with the customer's message,
 * and two stores routing one database at once assign each conversation exactly once.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Participant } from '../../src/core/protocol.js';
import type { AgentFields, ConversationRecord, Store } from '../store/store.js';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';
import { customerNamed, text } from './store-conformance-messages.js';

const fields = (maxConversations: number): AgentFields => ({ name: 'X', avatarUrl: null, queues: ['support'], maxConversations, role: 'agent', enabled: true });
const agentOf = (id: string, name = id): Participant => ({ id: `agent:${id}`, role: 'agent', displayName: name });

/** `count` customers who each wrote once (so each conversation waits), oldest first. */
async function waiting(store: Store, count: number, prefix = 'c'): Promise<ConversationRecord[]> {
  const integration = (await store.getIntegration('demo'))!;
  const conversations: ConversationRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const customer = customerNamed(`${prefix}${i}`);
    const { conversation } = await store.defaultConversation(integration, customer);
    await store.appendMessage(conversation, customer, text(`hi${i}`));
    conversations.push(conversation);
    await new Promise((done) => setTimeout(done, 3));
  }
  return conversations;
}

/** An Available agent of `support`. */
async function available(store: Store, id: string, capacity: number, name = id): Promise<void> {
  await store.createAgent(id, { ...fields(capacity), name });
  await store.setAgentPresence(id, { status: 'available' });
}

/** Registers the routing cases for `engine`. */
export function routingCases(engine: StoreEngineUnderTest): void {
  it('routing: waiting oldest first; round robin within capacity; only Available agents; the state and the log agree', async () => {
    const { store } = await freshStore(engine);
    const conversations = await waiting(store, 5);
    assert.deepEqual((await store.listWaiting('support', 10)).map((c) => c.id), conversations.map((c) => c.id));
    assert.deepEqual(await store.waitingQueues(), ['support']);
    assert.equal(await store.routeNext('support', 'round-robin'), undefined, 'no agent: nothing assigned');
    await available(store, 'a', 2, 'Ann');
    await available(store, 'b', 2, 'Ben');
    await store.createAgent('c', fields(5)); // Offline: never routed to
    const owners: string[] = [];
    for (let next = await store.routeNext('support', 'round-robin'); next; next = await store.routeNext('support', 'round-robin')) owners.push(next.event.assignee.id);
    assert.deepEqual(owners, ['agent:a', 'agent:b', 'agent:a', 'agent:b'], 'alternating (never-assigned first, then longest ago), until both are full');
    assert.deepEqual((await store.listWaiting('support', 10)).map((c) => c.id), [conversations[4]!.id]);
    assert.deepEqual(Object.fromEntries(await store.agentLoads(['a', 'b', 'c'])), { a: 2, b: 2 });
    const first = (await store.getConversation(conversations[0]!.id))!;
    assert.deepEqual([first.state, first.assignee, first.waitingSince], ['assigned', agentOf('a', 'Ann'), undefined]);
    const { events } = await store.listEvents(first.id, 0, 10);
    assert.deepEqual(events.map((event) => event.type), ['message', 'queued', 'assigned']);
    const assigned = events[2]!;
    assert.ok(assigned.type === 'assigned' && assigned.queue === 'support' && assigned.by === undefined && assigned.author.role === 'system');
  });

  it('routing: least busy picks the agent with fewest conversations', async () => {
    const { store } = await freshStore(engine);
    const conversations = await waiting(store, 3);
    await available(store, 'a', 5);
    assert.equal((await store.assignConversation(conversations[0]!.id, { assignee: agentOf('a'), by: agentOf('a'), from: ['open'], requireAvailable: false })) instanceof Object, true);
    assert.equal((await store.assignConversation(conversations[1]!.id, { assignee: agentOf('a'), by: agentOf('a'), from: ['open'], requireAvailable: false })) instanceof Object, true);
    await available(store, 'b', 5);
    assert.equal((await store.routeNext('support', 'least-busy'))?.event.assignee.id, 'agent:b');
  });

  it('take and transfer: state and capacity checked under the same transaction; requeue, queue moves and pending', async () => {
    const { store } = await freshStore(engine);
    const [one, two] = await waiting(store, 2);
    await store.createAgent('a', fields(1));
    const take = { assignee: agentOf('a'), by: agentOf('a'), from: ['open' as const], requireAvailable: false };
    assert.equal(await store.assignConversation(one!.id, take), 'unavailable', 'Offline agents take nothing');
    await store.setAgentPresence('a', { status: 'busy' });
    const taken = await store.assignConversation(one!.id, take);
    assert.ok(typeof taken === 'object' && taken.event.by?.id === 'agent:a');
    assert.equal(await store.assignConversation(one!.id, { ...take, assignee: agentOf('b'), by: agentOf('b') }), 'not-waiting');
    assert.equal(await store.assignConversation(two!.id, take), 'at-capacity');
    await store.createAgent('b', fields(3));
    await store.setAgentPresence('b', { status: 'available' });
    const transfer = await store.assignConversation(one!.id, { assignee: agentOf('b'), by: agentOf('a'), from: ['open', 'assigned', 'pending'], requireAvailable: false });
    assert.ok(typeof transfer === 'object');
    assert.deepEqual(transfer.event.transferredFrom, { id: 'agent:a', role: 'agent', displayName: 'X' });
    assert.equal((await store.setPending(one!.id, agentOf('b')))?.type, 'pending');
    assert.equal(await store.setPending(one!.id, agentOf('b')), undefined, 'pending already');
    await store.appendMessage(one!, one!.customer, text('answer'));
    assert.equal((await store.getConversation(one!.id))?.state, 'assigned', 'the customer answered');
    const requeued = await store.requeueAgent('b');
    assert.deepEqual(requeued.map(({ event }) => [event.type, event.reason, event.queue]), [['queued', 'requeued', 'support']]);
    assert.equal((await store.getConversation(one!.id))?.state, 'open');
    const moved = await store.queueConversation(one!.id, 'billing', 'transfer', agentOf('a'));
    assert.ok(typeof moved === 'object' && moved.conversation.queue === 'billing' && moved.event.reason === 'transfer');
    assert.deepEqual((await store.listWaiting('billing', 10)).map((c) => c.id), [one!.id]);
    await store.resolveConversation(two!, agentOf('a'));
    assert.equal(await store.queueConversation(two!.id, 'billing', 'transfer', agentOf('a')), 'resolved');
    assert.equal(await store.assignConversation(two!.id, take), 'resolved');
    assert.deepEqual((await store.listWaiting('support', 10)).map((c) => c.id), [], 'a resolve leaves the waiting list');
  });

  it('race: two stores routing at once assign each conversation exactly once, within capacity', async () => {
    const { store, database } = await freshStore(engine);
    const other = database.open();
    await other.migrate();
    const conversations = await waiting(store, 12);
    for (const id of ['a', 'b', 'c']) await available(store, id, 3);
    const run = async (s: Store) => {
      const got: string[] = [];
      for (let next = await s.routeNext('support', 'least-busy'); next; next = await s.routeNext('support', 'least-busy')) got.push(next.conversation.id);
      return got;
    };
    const [x, y, z, w] = await Promise.all([run(store), run(other), run(store), run(other)]);
    const all = [...x!, ...y!, ...z!, ...w!];
    assert.equal(all.length, 9, 'capacity 3 x 3');
    assert.equal(new Set(all).size, 9, 'no conversation twice');
    for (const conversation of conversations) {
      const { events } = await store.listEvents(conversation.id, 0, 20);
      assert.ok(events.filter((event) => event.type === 'assigned').length <= 1);
    }
    assert.deepEqual(Object.fromEntries(await store.agentLoads(['a', 'b', 'c'])), { a: 3, b: 3, c: 3 });
  });
}
