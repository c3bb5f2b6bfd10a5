/**
 * Conformance cases of the `Store` contract, part two: resolve, ratings, contact details,
 * attachments, push subscriptions, and races between two stores on one database.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { AttachmentRecord, PushSubscriptionRecord } from '../store/store.js';
import { freshStore, type StoreEngineUnderTest } from './store-conformance-engines.js';
import { agentNamed, customerNamed, text } from './store-conformance-messages.js';

/** Registers the cases of part two for `engine`. */
export function lifecycleCases(engine: StoreEngineUnderTest): void {
  it('resolve, rate once per resolve, and a customer message reopens (an agent message does not)', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Ann');
    const erin = agentNamed('erin');
    const { conversation } = await store.defaultConversation(integration, ann);
    assert.equal(await store.rateConversation(conversation, ann, { rating: 5 }), 'not-resolved');
    await store.appendMessage(conversation, ann, text('c1')); // 1, queued 2
    const resolved = await store.resolveConversation(conversation, erin); // 3
    assert.deepEqual({ ...resolved, createdAt: '' }, { conversationId: conversation.id, seq: 3, createdAt: '', author: erin, type: 'resolved' });
    assert.equal(await store.resolveConversation(conversation, erin), undefined, 'resolved already');
    let stored = (await store.getConversation(conversation.id))!;
    assert.deepEqual([stored.state, stored.resolvedSeq, stored.awaitingRating], ['resolved', 3, true]);
    await store.appendMessage(conversation, erin, text('e1')); // join 4, message 5
    assert.equal((await store.getConversation(conversation.id))?.state, 'resolved', 'an agent message keeps it resolved');
    const csat = await store.rateConversation(conversation, ann, { rating: 4, comment: 'quick ✓' });
    assert.deepEqual({ ...(csat as object), createdAt: '' }, {
      conversationId: conversation.id, seq: 6, createdAt: '', author: ann, type: 'csat', rating: 4, resolvedSeq: 3, comment: 'quick ✓',
    });
    assert.equal(await store.rateConversation(conversation, ann, { rating: 1 }), 'already-rated');
    stored = (await store.getConversation(conversation.id))!;
    assert.deepEqual([stored.state, stored.awaitingRating], ['resolved', false]);
    const reopen = await store.appendMessage(conversation, ann, text('c2')); // 7, queued 8
    assert.deepEqual(reopen.created.map((event) => [event.seq, event.type, event.type === 'queued' ? event.reason : undefined]),
      [[7, 'message', undefined], [8, 'queued', 'reopened']]);
    stored = (await store.getConversation(conversation.id))!;
    assert.deepEqual([stored.state, stored.resolvedSeq, stored.awaitingRating], ['open', undefined, false]);
    assert.equal(await store.rateConversation(conversation, ann, { rating: 3 }), 'not-resolved');
    const again = await store.resolveConversation(conversation, erin); // 9
    assert.equal(again?.seq, 9);
    const second = await store.rateConversation(conversation, ann, { rating: 2 });
    assert.deepEqual(second !== 'not-resolved' && second !== 'already-rated' && [second.resolvedSeq, second.comment], [9, undefined]);
    assert.equal((await store.getConversation(conversation.id))?.lastActivityAt, (await store.listMessages(conversation.id, undefined, 1)).messages[0]?.createdAt,
      'only messages are activity');
  });

  it('contact details: stored once, named customers keep the given name, and it is an event', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann', 'Token Name');
    const { conversation } = await store.defaultConversation(integration, ann);
    const contact = { name: 'Ann Smith', email: 'ann@example.com', answers: { plan: 'pro', consent: true } };
    const event = await store.setContact(conversation, ann, contact);
    assert.deepEqual({ ...event, createdAt: '' }, {
      conversationId: conversation.id, seq: 1, createdAt: '', author: { ...ann, displayName: 'Ann Smith' }, type: 'contact', contact,
    });
    assert.equal(await store.setContact(conversation, ann, { email: 'other@example.com' }), undefined, 'given already');
    const stored = (await store.getConversation(conversation.id))!;
    assert.deepEqual(stored.contact, contact);
    assert.equal(stored.customer.displayName, 'Ann Smith');
    const found = await store.findDefaultConversation(customerNamed('ann', 'Token Name'));
    assert.equal(found?.customer.displayName, 'Ann Smith', 'the token no longer renames a customer who named themselves');
    assert.deepEqual((await store.listEvents(conversation.id, 0, 10)).events.map((row) => row.type), ['contact']);

    const bob = customerNamed('bob', 'Bob');
    const bobs = (await store.defaultConversation(integration, bob)).conversation;
    const emailOnly = await store.setContact(bobs, bob, { email: 'bob@example.com' });
    assert.deepEqual(emailOnly?.author, bob);
    assert.equal((await store.findDefaultConversation(customerNamed('bob', 'Robert')))?.customer.displayName, 'Robert',
      'without a contact name the token still names the customer');
  });

  it('attachments: recorded and read back exactly; a missing one is undefined', async () => {
    const { store, integration } = await freshStore(engine);
    const ann = customerNamed('ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    const record: AttachmentRecord = {
      id: 'att_00000000-0000-4000-8000-000000000001', conversationId: conversation.id, uploaderId: ann.id, name: 'résumé (1).pdf',
      contentType: 'application/pdf', size: 3_000_000_000, kind: 'file', sha256: 'ab'.repeat(32), createdAt: '2026-11-25T10:00:00.123Z',
    };
    await store.createAttachment(record);
    assert.deepEqual(await store.getAttachment(record.id), record);
    assert.equal(await store.getAttachment('att_missing'), undefined);
    await assert.rejects(store.createAttachment(record), 'ids are unique');
  });

  it('push subscriptions: newest first, an endpoint has one owner, only the newest `keep` stay, deletes by owner', async () => {
    const { store } = await freshStore(engine);
    const sub = (participantId: string, endpoint: string, createdAt: string, pageUrl?: string): PushSubscriptionRecord => ({
      participantId, endpoint: `https://fcm.googleapis.com/fcm/send/${endpoint}`, keys: { p256dh: `p-${endpoint}`, auth: `a-${endpoint}` },
      ...(pageUrl ? { pageUrl } : {}), createdAt,
    });
    const endpoints = (rows: PushSubscriptionRecord[]) => rows.map((row) => row.endpoint.split('/').pop());
    await store.savePushSubscription(sub('ann', 'e1', '2026-11-25T10:00:01.000Z', 'https://shop.example/help'), 3);
    await store.savePushSubscription(sub('ann', 'e2', '2026-11-25T10:00:02.000Z'), 3);
    await store.savePushSubscription(sub('ann', 'e3', '2026-11-25T10:00:02.000Z'), 3); // same time: saved later is newer
    assert.deepEqual(endpoints(await store.listPushSubscriptions('ann')), ['e3', 'e2', 'e1']);
    assert.deepEqual((await store.listPushSubscriptions('ann'))[2], sub('ann', 'e1', '2026-11-25T10:00:01.000Z', 'https://shop.example/help'));
    await store.savePushSubscription(sub('ann', 'e4', '2026-11-25T10:00:03.000Z'), 3);
    assert.deepEqual(endpoints(await store.listPushSubscriptions('ann')), ['e4', 'e3', 'e2'], 'the oldest beyond `keep` goes');
    await store.savePushSubscription(sub('ann', 'e2', '2026-11-25T10:00:02.000Z'), 3);
    assert.deepEqual(endpoints(await store.listPushSubscriptions('ann')), ['e4', 'e2', 'e3'], 're-saving makes it the newest of its time');
    await store.savePushSubscription(sub('bob', 'e3', '2026-11-25T10:00:04.000Z'), 3);
    assert.deepEqual(endpoints(await store.listPushSubscriptions('ann')), ['e4', 'e2'], 'the endpoint moved to bob');
    assert.deepEqual(endpoints(await store.listPushSubscriptions('bob')), ['e3']);
    assert.equal(await store.deletePushSubscription(sub('bob', 'e3', '').endpoint, 'ann'), false, 'not ann\'s');
    assert.equal(await store.deletePushSubscription(sub('bob', 'e3', '').endpoint, 'bob'), true);
    assert.equal(await store.deletePushSubscription(sub('ann', 'e4', '').endpoint), true, 'no owner given: any');
    assert.equal(await store.deletePushSubscription(sub('ann', 'e4', '').endpoint), false);
    assert.deepEqual(endpoints(await store.listPushSubscriptions('ann')), ['e2']);
    assert.deepEqual(await store.listPushSubscriptions('nobody'), []);
  });

  it('race: 50 concurrent appends through two stores get seq 1..50, no gap, no duplicate, and survive reopening', async () => {
    const { store, database, integration } = await freshStore(engine);
    const other = database.open();
    await other.migrate();
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    const erin = agentNamed('erin');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? other : store).appendMessage(conversation, i % 5 ? ann : erin, text(`m${i}`))));
    const created = results.flatMap((result) => result.created.map((event) => event.seq)).sort((a, b) => a - b);
    assert.deepEqual(created, Array.from({ length: 52 }, (_, i) => i + 1), '50 messages, one join and one queued');
    const reopened = database.open();
    const { events } = await reopened.listEvents(conversation.id, 0, 100);
    assert.deepEqual(events.map((event) => event.seq), Array.from({ length: 52 }, (_, i) => i + 1));
    assert.equal(events.filter((event) => event.type === 'participant.joined').length, 1);
    assert.equal(events.filter((event) => event.type === 'queued').length, 1, 'the first customer message queues it, once');
    assert.equal((await reopened.getConversation(conversation.id))?.lastSeq, 52);
  });

  it('race: one clientMessageId sent 20 times at once through two stores is stored once', async () => {
    const { store, database, integration } = await freshStore(engine);
    const other = database.open();
    await other.migrate();
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).appendMessage(conversation, ann, text('once'))));
    assert.equal(results.filter((result) => result.created.length > 0).length, 1);
    assert.equal(new Set(results.map((result) => result.message.message.id)).size, 1, 'every caller gets the stored message');
    assert.deepEqual(results.map((result) => result.message.seq), Array(20).fill(1));
    assert.equal((await store.getConversation(conversation.id))?.lastSeq, 2, 'the message and its `queued`');
  });

  it('race: resolve and rate from two stores at once happen once each', async () => {
    const { store, database, integration } = await freshStore(engine);
    const other = database.open();
    await other.migrate();
    const ann = customerNamed('ann', 'Ann');
    const { conversation } = await store.defaultConversation(integration, ann);
    await store.appendMessage(conversation, ann, text('c1'));
    const resolves = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).resolveConversation(conversation, agentNamed('erin'))));
    assert.equal(resolves.filter(Boolean).length, 1);
    const ratings = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).rateConversation(conversation, ann, { rating: 5 })));
    assert.equal(ratings.filter((rating) => typeof rating === 'object').length, 1);
    assert.equal(ratings.filter((rating) => rating === 'already-rated').length, 9);
    const contacts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).setContact(conversation, ann, { email: `${i}@example.com` })));
    assert.equal(contacts.filter(Boolean).length, 1);
    assert.equal((await store.getConversation(conversation.id))?.lastSeq, 5, 'message, queued, resolved, csat, contact');
  });
}
