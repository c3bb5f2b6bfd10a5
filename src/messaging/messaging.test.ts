/// <reference types="mocha" />
// Messaging against the real server in real Chromium: gap recovery in portions, the outbox
// across a server outage and a reload, failed sends, unread counts and read horizons.
import { expect, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId, postText, serverCommand, startConversation, testServer, uniqueId } from '../../test/browser/server.js';
import { createSession, type OmniSession } from '../core/session.js';
import type { EventPage } from '../core/protocol.js';
import { GAP_PORTION } from '../core/event-stream.js';
import { conversationsOf, defaultConversationId as defaultIdOf } from './conversations.js';
import { outboxEntries, retrySend, sendText } from './outbox.js';
import { markRead } from './read.js';
import { onLiveMessage, timelineOf, type Timeline } from './timeline.js';

const sessions: OmniSession[] = [];
function customerSession(customerId: string): OmniSession {
  const s = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(s);
  return s;
}
async function ready(s: OmniSession): Promise<string> {
  conversationsOf(s);
  await s.start();
  await waitUntil(() => s.$connection.get() === 'online' && defaultIdOf(s).get(), 'online with a conversation', { timeout: 10000 });
  await startConversation(await s.tokens.get(), defaultIdOf(s).get()!);
  return defaultIdOf(s).get()!;
}
function watch(s: OmniSession, id: string): () => Timeline {
  const store = timelineOf(s, id);
  const stop = store.listen(() => undefined);
  stops.push(stop);
  return () => store.get();
}
const stops: Array<() => void> = [];

afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  sessions.splice(0).forEach((s) => s.stop());
  await serverCommand('start');
});

describe('messaging', () => {
  it('recovers missed events in portions and in order after a reconnect', async () => {
    const customerId = uniqueId('guest');
    const s = customerSession(customerId);
    const id = await ready(s);
    const timeline = watch(s, id);
    const agent = (await agentToken()).jwt;
    await postText(agent, id, 'before the gap');
    await waitUntil(() => timeline().items.length === 1, 'first message live');
    const live: number[] = [];
    onLiveMessage(s, (_conversation, item) => live.push(item.seq!));
    s.socket.simulateOneWayLoss();
    for (let i = 1; i <= 120; i += 1) await postText(agent, id, `missed ${i}`);
    await serverCommand('restart');
    await waitUntil(() => timeline().items.length === 121, 'all missed messages recovered', { timeout: 15000 });
    const seqs = timeline().items.map((item) => item.seq);
    expect(seqs).to.deep.equal(Array.from({ length: 121 }, (_, i) => i + 2));
    expect((timeline().items[120]!.message as { text?: string }).text).to.equal('missed 120');
    expect(Math.max(...s.stream.portions)).to.be.at.most(GAP_PORTION);
    expect(s.stream.portions.length).to.be.at.least(3);
    expect(live).to.deep.equal(seqs.slice(1), 'each recovered message announced once, in order');
  });

  it('keeps a send in the outbox while the server is down and delivers it exactly once', async () => {
    const s = customerSession(uniqueId('guest'));
    const id = await ready(s);
    const timeline = watch(s, id);
    await serverCommand('stop');
    const clientMessageId = sendText(s, id, 'sent during the outage');
    expect(timeline().items.at(-1)).to.include({ key: clientMessageId, status: 'pending', own: true });
    await waitUntil(async () => (await s.withCache((cache, me) => cache.outbox(me)))?.some((entry) => entry.clientMessageId === clientMessageId), 'kept in the local cache');
    await new Promise((r) => setTimeout(r, 1500));
    await serverCommand('start');
    await waitUntil(() => timeline().items.at(-1)?.status === 'sent', 'acknowledged', { timeout: 20000 });
    expect(timeline().items.at(-1)!.key).to.equal(clientMessageId, 'the same item, now sent');
    expect(outboxEntries(s)).to.have.length(0);
    const jwt = (await customerToken(s.$participant.get()!.id.split(':')[2])).jwt;
    const page = await api<EventPage>(jwt, 'GET', `/v1/conversations/${id}/events?after=0`);
    expect(page.events.filter((e) => e.type === 'message' && e.message.clientMessageId === clientMessageId)).to.have.length(1);
  });

  it('delivers what a previous page left in the outbox', async () => {
    const customerId = uniqueId('guest');
    const first = customerSession(customerId);
    const id = await ready(first);
    await serverCommand('stop');
    sendText(first, id, 'written before the reload');
    first.stop();
    await serverCommand('start');
    const second = customerSession(customerId);
    await ready(second);
    const timeline = watch(second, id);
    await waitUntil(() => timeline().items.some((item) => (item.message as { text?: string }).text === 'written before the reload' && item.status === 'sent'), 'delivered', { timeout: 15000 });
    const page = await api<EventPage>((await customerToken(customerId)).jwt, 'GET', `/v1/conversations/${id}/events?after=0`);
    expect(page.events.filter((e) => e.type === 'message' && (e.message as { text?: string }).text === 'written before the reload')).to.have.length(1);
  });

  it('marks a refused send as failed with the reason; retry and later sends still work', async () => {
    const s = customerSession(uniqueId('guest'));
    const id = await ready(s);
    const timeline = watch(s, id);
    const tooLong = sendText(s, id, 'x'.repeat(4001));
    await waitUntil(() => timeline().items.find((item) => item.key === tooLong)?.status === 'failed', 'failed');
    expect(timeline().items.find((item) => item.key === tooLong)!.error!.code).to.equal('invalid-request');
    sendText(s, id, 'this one is fine');
    await waitUntil(() => timeline().items.some((item) => (item.message as { text?: string }).text === 'this one is fine' && item.status === 'sent'), 'next send works');
    retrySend(s, id, tooLong);
    expect(timeline().items.find((item) => item.key === tooLong)!.status).to.equal('pending');
    await waitUntil(() => timeline().items.find((item) => item.key === tooLong)?.status === 'failed', 'fails again');
  });

  it('counts unread messages from the other side and clears them with markRead', async () => {
    const customerId = uniqueId('guest');
    const s = customerSession(customerId);
    const id = await ready(s);
    const agentId = uniqueId('agent');
    const agentSession = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => agentToken(agentId) });
    sessions.push(agentSession);
    conversationsOf(agentSession);
    await agentSession.start();
    const agent = (await agentToken(agentId)).jwt;
    await postText(agent, id, 'one');
    await postText(agent, id, 'two');
    await waitUntil(() => conversationsOf(s).get()[id]?.unreadCount === 2, 'two unread');
    await waitUntil(() => conversationsOf(agentSession).get()[id]?.lastSeq === 3, 'agent sees the conversation');
    markRead(s, id, 3);
    expect(conversationsOf(s).get()[id]!.unreadCount).to.equal(0, 'at once, locally');
    await waitUntil(() => conversationsOf(agentSession).get()[id]?.otherReadSeq === 3, 'the agent sees the read horizon');
    const fresh = await api<{ conversations: Array<{ readSeq: number; unreadCount: number }> }>((await customerToken(customerId)).jwt, 'GET', '/v1/conversations');
    expect(fresh.conversations[0]).to.include({ readSeq: 3, unreadCount: 0 });
    expect(await defaultConversationId((await customerToken(customerId)).jwt)).to.equal(id);
  });
});
