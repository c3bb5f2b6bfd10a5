/**
 * Conformance cases of the `Store` contract: internal notes (outside the seq stream: adding one
 * moves no seq, no unread count and no customer-visible page) and canned responses per queue.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';
import { agentNamed, customerNamed, text } from './store-conformance-messages.js';

/** Registers the note and canned-response cases for `engine`. */
export function noteCases(engine: StoreEngineUnderTest): void {
  it('notes: added with author and time, listed oldest first per conversation, never in the seq stream', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const erin = { ...agentNamed('erin'), displayName: 'Erin' };
    const { conversation } = await store.defaultConversation(integration, ann);
    const { message } = await store.appendMessage(conversation, ann, text('c1'));
    const before = (await store.getConversation(conversation.id))!;
    const first = await store.addNote(conversation.id, erin, 'VIP customer,\nbe kind');
    assert.match(first.id, /^note_[0-9a-f-]{36}$/);
    assert.deepEqual({ ...first, id: '', createdAt: '' }, { id: '', conversationId: conversation.id, author: erin, text: 'VIP customer,\nbe kind', createdAt: '' });
    assert.ok(!Number.isNaN(Date.parse(first.createdAt)));
    const second = await store.addNote(conversation.id, agentNamed('sam'), 'second');
    const third = await store.addNote(conversation.id, erin, 'third');
    assert.deepEqual(await store.listNotes(conversation.id), [first, second, third]);
    assert.deepEqual((await store.listNotes(conversation.id, 2)).map((note) => note.text), ['second', 'third'], 'the newest `limit`, oldest first');

    const after = (await store.getConversation(conversation.id))!;
    assert.deepEqual([after.lastSeq, after.lastActivityAt], [before.lastSeq, before.lastActivityAt], 'a note takes no seq and is no activity');
    const events = await store.listEvents(conversation.id, 0, 100);
    assert.ok(events.events.every((event) => !JSON.stringify(event).includes('VIP')), 'no event holds a note');
    const state = await store.readState(after, ann);
    assert.deepEqual([state.lastMessage?.seq, state.unreadCount], [message.seq, 0], "the customer's last message is still its own");

    const { conversation: other } = await store.defaultConversation(integration, customerNamed('bob', 'Bob'));
    assert.deepEqual(await store.listNotes(other.id), []);
  });

  it('canned responses: created per queue, shortcut unique in its queue, updated, listed in order, deleted', async () => {
    const { store } = await freshStore(engine);
    const hello = await store.createCannedResponse({ queue: 'support', shortcut: 'hello', title: 'Greeting', text: 'Hello! How can I help?' });
    assert.match(hello!.id, /^canned_[0-9a-f-]{36}$/);
    assert.deepEqual({ ...hello!, id: '', createdAt: '', updatedAt: '' }, {
      id: '', queue: 'support', shortcut: 'hello', title: 'Greeting', text: 'Hello! How can I help?', createdAt: '', updatedAt: '',
    });
    assert.equal(await store.createCannedResponse({ queue: 'support', shortcut: 'hello', title: 'Again', text: 'x' }), undefined, 'taken in its queue');
    const salesHello = await store.createCannedResponse({ queue: 'sales', shortcut: 'hello', title: 'Sales hi', text: 'Hi from sales' });
    assert.ok(salesHello, 'the same shortcut in another queue');
    const bye = await store.createCannedResponse({ queue: 'support', shortcut: 'bye', title: 'Goodbye', text: 'Bye!' });
    const refund = await store.createCannedResponse({ queue: 'support', shortcut: 'refund-policy', title: 'Refunds', text: '30 days.' });

    assert.deepEqual((await store.listCannedResponses('support')).map((one) => one.shortcut), ['bye', 'hello', 'refund-policy']);
    assert.deepEqual((await store.listCannedResponses()).map((one) => `${one.queue}/${one.shortcut}`), ['sales/hello', 'support/bye', 'support/hello', 'support/refund-policy']);
    assert.deepEqual(await store.listCannedResponses('nowhere'), []);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await store.updateCannedResponse(bye!.id, { text: 'Goodbye, and thanks!' });
    assert.ok(updated && updated !== 'shortcut-taken');
    assert.deepEqual([updated.shortcut, updated.title, updated.text, updated.createdAt], ['bye', 'Goodbye', 'Goodbye, and thanks!', bye!.createdAt]);
    assert.notEqual(updated.updatedAt, bye!.updatedAt);
    assert.equal(await store.updateCannedResponse(bye!.id, { shortcut: 'hello' }), 'shortcut-taken');
    const renamed = await store.updateCannedResponse(refund!.id, { shortcut: 'refunds', title: 'Refund policy' });
    assert.deepEqual(renamed !== 'shortcut-taken' && [renamed?.shortcut, renamed?.title, renamed?.text], ['refunds', 'Refund policy', '30 days.']);
    assert.equal(await store.updateCannedResponse('canned_00000000-0000-0000-0000-000000000000', { title: 'x' }), undefined);

    assert.equal(await store.deleteCannedResponse(hello!.id), true);
    assert.equal(await store.deleteCannedResponse(hello!.id), false);
    assert.deepEqual((await store.listCannedResponses('support')).map((one) => one.shortcut), ['bye', 'refunds']);
  });
}
