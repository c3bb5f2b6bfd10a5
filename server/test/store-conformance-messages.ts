/**
 * Conformance cases of the `Store` contract, part one: migrations, integrations and their
 * settings, default conversations, queues, appends, read state and paging. Run against every
 * engine by store-conformance.test.ts; an engine passes only by behaving exactly like the others.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { IntegrationSettings, MessageEvent, Participant } from '../../src/core/protocol.js';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';

/** A customer of the `demo` integration. */
export const customerNamed = (id: string, displayName?: string): Participant => ({
  id: `customer:demo:${id}`,
  role: 'customer',
  ...(displayName ? { displayName } : {}),
});
/** An agent. */
export const agentNamed = (id: string): Participant => ({ id: `agent:${id}`, role: 'agent', displayName: id });
/** A text message to append. */
export const text = (clientMessageId: string, body = clientMessageId) => ({ clientMessageId, type: 'text', text: body });

const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Registers the cases of part one for `engine`. */
export function messageCases(engine: StoreEngineUnderTest): void {
  it('migrates once: a second migrate (another process starting) changes nothing', async () => {
    const { store, database } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation((await store.getIntegration('demo'))!, ann);
    await store.appendMessage(conversation, ann, text('m1'));
    const second = database.open();
    await second.migrate();
    await store.migrate();
    // The message and the `queued` event it causes.
    assert.equal((await second.getConversation(conversation.id))?.lastSeq, 2);
    assert.equal((await second.listMessages(conversation.id, undefined, 10)).messages[0]?.message.clientMessageId, 'm1');
  });

  it('migrates a fresh database from three stores at once (processes starting together)', async () => {
    const database = await engine.fresh();
    const stores = [database.open(), database.open(), database.open()];
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(stores.map((store) =>
      store.ensureIntegration({ id: 'demo', name: 'Demo', channels: { messaging: true, voice: true }, queue: 'support' })));
    assert.deepEqual((await stores[2]!.listIntegrations()).map((row) => row.id), ['demo']);
  });

  it('integrations: ensure keeps the first, create refuses a taken id, list is by id (binary order)', async () => {
    const { store, integration } = await freshStore(engine);
    assert.equal(integration.id, 'demo');
    assert.deepEqual(integration.channels, { messaging: true, voice: true });
    assert.match(integration.createdAt, iso);
    const again = await store.ensureIntegration({ id: 'demo', name: 'Other', channels: { messaging: false, voice: false }, queue: 'other' });
    assert.deepEqual(again, integration, 'ensure never overwrites');
    assert.equal(await store.getIntegration('missing'), undefined);
    const sales = await store.createIntegration({ id: 'B-sales', name: 'Sales ✓', channels: { messaging: true, voice: false }, queue: 'sales' });
    assert.equal(sales?.name, 'Sales ✓');
    assert.deepEqual(sales, await store.getIntegration('B-sales'));
    assert.equal(await store.createIntegration({ id: 'B-sales', name: 'Again', channels: { messaging: true, voice: true }, queue: 'x' }), undefined);
    await store.createIntegration({ id: '_under', name: 'U', channels: { messaging: true, voice: true }, queue: 'u' });
    assert.deepEqual((await store.listIntegrations()).map((row) => row.id), ['B-sales', '_under', 'demo']);
  });

  it('integration settings: none until saved, replaced whole, refused for a missing integration', async () => {
    const { store } = await freshStore(engine);
    assert.equal(await store.getIntegrationSettings('demo'), undefined);
    const settings = {
      teamName: 'Ünïcode team 🎧', greeting: 'Hi "there"\n', accentColor: '#1f5bd8', avatarUrl: null, businessHours: null,
      preChatForm: { enabled: true, fields: [] }, offlineMode: 'leave-message', csat: true, transcript: false, attachments: true, voice: false, emoji: true,
    } as unknown as IntegrationSettings;
    assert.equal(await store.saveIntegrationSettings('demo', settings), true);
    assert.deepEqual(await store.getIntegrationSettings('demo'), settings);
    assert.equal(JSON.stringify(await store.getIntegrationSettings('demo')), JSON.stringify(settings), 'key order kept');
    const replaced = { ...settings, greeting: 'Hello' };
    await store.saveIntegrationSettings('demo', replaced);
    assert.deepEqual(await store.getIntegrationSettings('demo'), replaced);
    assert.equal(await store.saveIntegrationSettings('missing', settings), false);
  });

  it('default conversation: created once (with the given id), found, and its name follows the token', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    assert.equal(await store.findDefaultConversation(ann), undefined);
    const first = await store.defaultConversation(integration, ann, 'conv_00000000-0000-4000-8000-000000000001');
    assert.equal(first.created, true);
    assert.equal(first.conversation.id, 'conv_00000000-0000-4000-8000-000000000001');
    assert.deepEqual(
      { ...first.conversation, createdAt: '', lastActivityAt: '' },
      { id: first.conversation.id, integrationId: 'demo', queue: 'support', customer: ann, createdAt: '', lastSeq: 0, lastActivityAt: '', state: 'open', awaitingRating: false },
    );
    assert.match(first.conversation.createdAt, iso);
    const second = await store.defaultConversation(integration, ann, 'conv_00000000-0000-4000-8000-000000000002');
    assert.equal(second.created, false);
    assert.equal(second.conversation.id, first.conversation.id);
    assert.deepEqual(await store.findDefaultConversation(customerNamed('ann')), first.conversation, 'no token name: the stored one stays');
    const renamed = await store.findDefaultConversation(customerNamed('ann', 'Ann B.'));
    assert.equal(renamed?.customer.displayName, 'Ann B.');
    assert.equal((await store.getConversation(first.conversation.id))?.customer.displayName, 'Ann B.');
    assert.equal(await store.getConversation('conv_missing'), undefined);
    const bob = await store.defaultConversation(integration, customerNamed('bob'));
    assert.match(bob.conversation.id, /^conv_[0-9a-f-]{36}$/);
    assert.equal(bob.conversation.customer.displayName, undefined);
  });

  it('default conversation: concurrent first uses from two stores create exactly one', async () => {
    const { store, database, integration } = await freshStore(engine);
    const other = database.open();
    await other.migrate();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? other : store).defaultConversation(integration, customerNamed('race', 'Race'), `conv_00000000-0000-4000-8000-00000000000${i}`)));
    assert.equal(results.filter((result) => result.created).length, 1);
    assert.equal(new Set(results.map((result) => result.conversation.id)).size, 1);
  });

  it('queues: only conversations with events, in the given queues, most recently active first, limited', async () => {
    const { store, integration } = await freshStore(engine);
    const sales = (await store.createIntegration({ id: 'sales', name: 'Sales', channels: { messaging: true, voice: true }, queue: 'sales' }))!;
    const a = (await store.defaultConversation(integration, customerNamed('a'))).conversation;
    const b = (await store.defaultConversation(integration, customerNamed('b'))).conversation;
    const s = (await store.defaultConversation(sales, customerNamed('s'))).conversation;
    await store.defaultConversation(integration, customerNamed('silent'));
    assert.deepEqual(await store.listQueueConversations(['support'], 10), []);
    await store.appendMessage(a, customerNamed('a'), text('a1'));
    await pause();
    await store.appendMessage(s, customerNamed('s'), text('s1'));
    await pause();
    await store.appendMessage(b, customerNamed('b'), text('b1'));
    await pause();
    await store.markRead(a, agentNamed('erin'), 1); // a read event is no activity
    assert.deepEqual((await store.listQueueConversations(['support'], 10)).map((row) => row.id), [b.id, a.id]);
    assert.deepEqual((await store.listQueueConversations(['support', 'sales'], 10)).map((row) => row.id), [b.id, s.id, a.id]);
    assert.deepEqual((await store.listQueueConversations(['support', 'sales'], 2)).map((row) => row.id), [b.id, s.id]);
    assert.deepEqual(await store.listQueueConversations([], 10), []);
    const listed = (await store.listQueueConversations(['support'], 10))[0]!;
    assert.equal(listed.lastSeq, 2, 'the message and the `queued` event it causes');
    assert.ok(listed.lastActivityAt > listed.createdAt || listed.lastActivityAt === listed.createdAt);
  });

  it('append: a first post joins its author, repeats return the stored message, ids are per author', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const erin = agentNamed('erin');
    const { conversation } = await store.defaultConversation(integration, ann);
    const first = await store.appendMessage(conversation, ann, { ...text('c1', 'héllo 👋'), payload: 'p' });
    assert.deepEqual(first.created.map((event) => [event.type, event.seq]), [['message', 1], ['queued', 2]],
      'the customer is a participant from the start; its first message queues the conversation');
    assert.match(first.message.message.id, /^msg_[0-9a-f-]{36}$/);
    assert.deepEqual({ ...first.message.message, id: '' }, { clientMessageId: 'c1', type: 'text', text: 'héllo 👋', payload: 'p', id: '' });
    assert.deepEqual(first.message.author, ann);
    assert.match(first.message.createdAt, iso);
    const reply = await store.appendMessage(conversation, erin, text('c1', 'same id, other author'));
    assert.deepEqual(reply.created.map((event) => [event.type, event.seq]), [['participant.joined', 3], ['message', 4]]);
    assert.deepEqual(reply.created[0]!.author, erin);
    const repeat = await store.appendMessage(conversation, ann, text('c1', 'a retry carries the same id'));
    assert.deepEqual(repeat, { message: first.message, created: [] });
    const again = await store.appendMessage(conversation, erin, text('e2'));
    assert.deepEqual(again.created.map((event) => event.seq), [5], 'joined once');
    const stored = await store.getConversation(conversation.id);
    assert.equal(stored?.lastSeq, 5);
    assert.equal(stored?.lastActivityAt, again.message.createdAt);
  });

  it('append: any string a message may carry comes back as it went in', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    const strange = 'nul \u0000, lone \ud800 surrogate, emoji 🧪, quote " backslash \\ and \u2028';
    const result = await store.appendMessage(conversation, ann, { ...text('odd', strange), nested: { list: [1, 2.5, null, true] } });
    const [listed] = (await store.listMessages(conversation.id, undefined, 1)).messages;
    assert.equal((listed?.message as { text?: string } | undefined)?.text, strange);
    assert.deepEqual(listed, result.message);
  });

  it('names: U+0000 is kept by SQLite and becomes U+FFFD on PostgreSQL (its text cannot hold it), never an error', async () => {
    const { store, integration } = await freshStore(engine);
    const odd = customerNamed('odd', 'A\u0000B');
    const expected = engine.name === 'sqlite' ? 'A\u0000B' : 'A\ufffdB';
    const { conversation } = await store.defaultConversation(integration, odd);
    assert.equal(conversation.customer.displayName, expected);
    const { message } = await store.appendMessage(conversation, { ...odd, displayName: 'C\u0000' }, text('n1'));
    assert.equal(message.author.displayName, engine.name === 'sqlite' ? 'C\u0000' : 'C\ufffd', 'the returned event is the stored one');
    assert.deepEqual((await store.listMessages(conversation.id, undefined, 1)).messages[0], message);
    assert.equal((await store.findDefaultConversation(odd))?.customer.displayName, expected);
    const subscription = { participantId: odd.id, endpoint: 'https://fcm.googleapis.com/x', keys: { p256dh: 'p', auth: 'a' }, pageUrl: 'https://a.example/\u0000', createdAt: '2026-11-25T10:00:00.000Z' };
    await store.savePushSubscription(subscription, 3);
    assert.equal((await store.listPushSubscriptions(odd.id))[0]?.pageUrl, engine.name === 'sqlite' ? 'https://a.example/\u0000' : 'https://a.example/\ufffd');
  });

  it('read state: own horizon, the other side\'s, unread count and the last message, for both sides', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const erin = agentNamed('erin');
    const { conversation } = await store.defaultConversation(integration, ann);
    assert.deepEqual(await store.readState(conversation, ann), { readSeq: 0, otherReadSeq: 0, unreadCount: 0 });
    assert.deepEqual(await store.readState(conversation, erin), { readSeq: 0, otherReadSeq: 0, unreadCount: 0 });
    await store.appendMessage(conversation, ann, text('c1')); // 1, queued 2
    await store.appendMessage(conversation, ann, text('c2')); // 3
    const agentState = await store.readState(conversation, erin);
    assert.deepEqual({ ...agentState, lastMessage: agentState.lastMessage?.seq }, { readSeq: 0, otherReadSeq: 3, unreadCount: 2, lastMessage: 3 });
    await store.appendMessage(conversation, erin, text('e1')); // join 4, message 5
    await store.appendMessage(conversation, agentNamed('otto'), text('o1')); // join 6, message 7
    assert.deepEqual(await store.readState(conversation, erin).then(({ lastMessage, ...rest }) => ({ ...rest, last: lastMessage?.message.clientMessageId })), {
      readSeq: 5, otherReadSeq: 3, unreadCount: 0, last: 'o1',
    }, 'agents do not count each other\'s messages');
    const customerState = await store.readState(conversation, ann);
    assert.deepEqual({ ...customerState, lastMessage: undefined }, { readSeq: 3, otherReadSeq: 7, unreadCount: 2, lastMessage: undefined });
    assert.equal(customerState.lastMessage?.author.id, 'agent:otto');
  });

  it('mark read: moves forward only, clamps to the head, joins a silent reader, and is an event', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const erin = agentNamed('erin');
    const { conversation } = await store.defaultConversation(integration, ann);
    await store.appendMessage(conversation, ann, text('c1')); // 1, queued 2
    await store.appendMessage(conversation, ann, text('c2')); // 3
    const read = await store.markRead(conversation, erin, 1);
    assert.deepEqual({ ...read, createdAt: '' }, { conversationId: conversation.id, seq: 4, createdAt: '', author: erin, type: 'read', readSeq: 1 });
    assert.equal(await store.markRead(conversation, erin, 1), undefined, 'not moved');
    assert.equal(await store.markRead(conversation, erin, 0), undefined, 'never backwards');
    const clamped = await store.markRead(conversation, erin, 1_000_000_000_000);
    assert.equal(clamped?.readSeq, 4, 'clamped to the head (its own read event included)');
    assert.equal(clamped?.seq, 5);
    assert.equal((await store.readState(conversation, erin)).readSeq, 4);
    assert.equal((await store.readState(conversation, ann)).otherReadSeq, 4);
    assert.equal(await store.markRead(conversation, ann, 2), undefined, 'the author has read its own messages');
    const { events } = await store.listEvents(conversation.id, 0, 100);
    assert.deepEqual(events.map((event) => event.type), ['message', 'queued', 'message', 'read', 'read']);
    assert.equal(events.some((event) => event.type === 'participant.joined'), false, 'reading is not joining');
  });

  it('paging: messages before a seq (newest page first) and events after a seq, with hasMore', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    // c1 is 1, its `queued` 2, c2..c5 are 3..6.
    for (let i = 1; i <= 5; i += 1) await store.appendMessage(conversation, ann, text(`c${i}`));
    await store.markRead(conversation, agentNamed('erin'), 6); // seq 7, not a message
    const seqs = (page: { messages: MessageEvent[] }) => page.messages.map((event) => event.seq);
    const newest = await store.listMessages(conversation.id, undefined, 2);
    assert.deepEqual([seqs(newest), newest.hasMore], [[5, 6], true]);
    const older = await store.listMessages(conversation.id, 5, 2);
    assert.deepEqual([seqs(older), older.hasMore], [[3, 4], true]);
    const oldest = await store.listMessages(conversation.id, 3, 2);
    assert.deepEqual([seqs(oldest), oldest.hasMore], [[1], false]);
    assert.deepEqual(seqs(await store.listMessages(conversation.id, Number.MAX_SAFE_INTEGER, 10)), [1, 3, 4, 5, 6]);
    assert.deepEqual(await store.listMessages('conv_missing', undefined, 10), { messages: [], hasMore: false });
    const after = await store.listEvents(conversation.id, 2, 3);
    assert.deepEqual([after.events.map((event) => event.seq), after.hasMore], [[3, 4, 5], true]);
    const rest = await store.listEvents(conversation.id, 6, 3);
    assert.deepEqual([rest.events.map((event) => event.type), rest.hasMore], [['read'], false]);
    assert.deepEqual(await store.listEvents(conversation.id, Number.MAX_SAFE_INTEGER, 10), { events: [], hasMore: false });
  });
}

/** Lets the clock move, so activity times differ. */
export const pause = () => new Promise((done) => setTimeout(done, 5));
