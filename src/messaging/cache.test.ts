/// <reference types="mocha" />
// The local cache against the real server in real Chromium: render before any network call (also
// with the server down), fetch only the gap, a huge gap loads the newest page, the outbox survives
// a reload while the server is down, sign-out and identity changes, snapshot and restore.
import { expect, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId as defaultConversationIdFor, postText, serverCommand, startConversation, testServer, uniqueId } from '../../test/browser/server.js';
import type { EventPage, TokenResponse } from '../core/protocol.js';
import { createSession, type OmniSession, type SessionConfig } from '../core/session.js';
import { jwtParticipant } from '../core/token-keeper.js';
import { conversationsOf, defaultConversationId } from './conversations.js';
import { sendText } from './outbox.js';
import { loadOlder, timelineOf, type Timeline } from './timeline.js';

const sessions: OmniSession[] = [];
const stops: Array<() => void> = [];

/** A session whose provider hands out one token fetched up front: it keeps working while the server is down, like a site backend would. */
async function tokenFor(customerId: string, verifiedCustomer = false): Promise<TokenResponse> {
  return customerToken(customerId, { verifiedCustomer });
}
function sessionWith(token: TokenResponse, config: Partial<SessionConfig> = {}): OmniSession {
  const s = createSession({ serverUrl: testServer().serverUrl, jwtProvider: async () => token, ...config });
  sessions.push(s);
  conversationsOf(s);
  return s;
}
function watch(s: OmniSession, id: string): () => Timeline {
  const store = timelineOf(s, id);
  stops.push(store.listen(() => undefined));
  return () => store.get();
}
const texts = (timeline: Timeline) => timeline.items.map((item) => (item.message as { text?: string }).text);
async function online(s: OmniSession): Promise<string> {
  await s.start();
  await waitUntil(() => s.$connection.get() === 'online' && defaultConversationId(s).get(), 'online', { timeout: 10000 });
  await startConversation(await s.tokens.get(), defaultConversationId(s).get()!);
  return defaultConversationId(s).get()!;
}
/** Posts `count` agent messages and waits until the session has them all (and so has cached them). */
async function agentWrites(s: OmniSession, id: string, count: number, prefix: string, agent?: string): Promise<void> {
  agent ??= (await agentToken(uniqueId('agent'))).jwt;
  const timeline = watch(s, id);
  for (let i = 1; i <= count; i += 1) await postText(agent, id, `${prefix} ${i}`);
  await waitUntil(() => texts(timeline()).includes(`${prefix} ${count}`), `${prefix} arrived`, { timeout: 15000 });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  sessions.splice(0).forEach((s) => s.stop());
  await serverCommand('start');
});

describe('local cache', () => {
  it('renders a cached conversation before any network call, with the server down', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    await agentWrites(first, id, 12, 'cached');
    first.stop();
    await serverCommand('stop');

    const second = sessionWith(token);
    void second.start();
    await waitUntil(() => defaultConversationId(second).get() === id, 'the conversation known from the cache', { timeout: 3000 });
    const timeline = watch(second, id);
    await waitUntil(() => texts(timeline()).includes('cached 12'), 'messages shown from the cache', { timeout: 3000 });
    expect(texts(timeline()).filter((text) => text?.startsWith('cached'))).to.have.length(12);
    expect(second.$connection.get()).to.not.equal('online');
  });

  it('paints the newest cached page first and scrolls back through the cache with the server down', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    await agentWrites(first, id, 80, 'line');
    first.stop();
    await serverCommand('stop');

    const second = sessionWith(token);
    void second.start();
    const timeline = watch(second, id);
    await waitUntil(() => texts(timeline()).includes('line 80'), 'the newest cached page', { timeout: 3000 });
    expect(timeline().items.length).to.be.at.most(60, 'a fast first paint: not everything at once');
    expect(timeline().hasMore).to.equal(true);
    const lines = () => texts(timeline()).filter((text) => text?.startsWith('line'));
    for (let page = 0; page < 3 && lines().length < 80; page += 1) await loadOlder(second, id);
    expect(lines()).to.deep.equal(Array.from({ length: 80 }, (_, i) => `line ${i + 1}`), 'older pages from the cache, no server');
  });

  it('fetches only the gap after the cached messages', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    await agentWrites(first, id, 40, 'old', agent);
    first.stop();
    for (let i = 1; i <= 7; i += 1) await postText(agent, id, `new ${i}`);

    const second = sessionWith(token);
    const timeline = watch(second, id);
    await online(second);
    await waitUntil(() => texts(timeline()).includes('new 7'), 'the gap arrived', { timeout: 10000 });
    expect(second.stream.portions).to.deep.equal([7], 'one portion holding exactly the gap');
    // The first paint shows the newest cached ones (the first-paint copy, or more from IndexedDB
    // when it opened first); the rest of the cached history comes from the cache, not the server.
    const old = () => texts(timeline()).filter((text) => text?.startsWith('old'));
    expect(old().at(-1)).to.equal('old 40');
    await serverCommand('stop');
    for (let page = 0; page < 5 && old().length < 40; page += 1) await loadOlder(second, id);
    expect(old()).to.have.length(40, 'the cached history, with the server down');
  });

  it('loads only the newest page when the cached copy is too far behind', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    await agentWrites(first, id, 3, 'early');
    first.stop();
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    for (let i = 1; i <= 45; i += 1) await postText(agent, id, `later ${i}`);

    const second = sessionWith(token, { cacheGapLimit: 20 });
    const timeline = watch(second, id);
    await online(second);
    await waitUntil(() => texts(timeline()).includes('later 45') && !timeline().loading, 'the newest page', { timeout: 10000 });
    expect(second.stream.portions).to.deep.equal([], 'the gap was not replayed');
    expect(texts(timeline())).to.not.include('early 1', 'the stale cache was dropped');
    expect(timeline().hasMore).to.equal(true);
  });

  it('shows the outbox at load while the server is down, and delivers it exactly once when it is back', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    await serverCommand('stop');
    const clientMessageId = sendText(first, id, 'typed during the outage');
    await waitUntil(async () => (await first.withCache((cache, me) => cache.outbox(me)))?.length === 1, 'saved', { timeout: 3000 });
    first.stop();

    // A reload while the server is still down.
    const second = sessionWith(token);
    void second.start();
    const timeline = watch(second, id);
    await waitUntil(() => timeline().items.some((item) => item.key === clientMessageId && item.status === 'pending'), 'shown at load', { timeout: 3000 });
    await serverCommand('start');
    await waitUntil(() => timeline().items.some((item) => item.key === clientMessageId && item.status === 'sent'), 'delivered', { timeout: 20000 });
    const page = await api<EventPage>(token.jwt, 'GET', `/v1/conversations/${id}/events?after=0`);
    expect(page.events.filter((e) => e.type === 'message' && e.message.clientMessageId === clientMessageId)).to.have.length(1);
    expect(await second.withCache((cache, me) => cache.outbox(me))).to.deep.equal([]);
  });

  it('never shows a verified customer\'s cache to the next person, and signOut deletes it', async () => {
    const alice = await tokenFor(uniqueId('alice'), true);
    const first = sessionWith(alice);
    const id = await online(first);
    await agentWrites(first, id, 3, 'for alice');
    first.stop();

    const bob = await tokenFor(uniqueId('bob'), true);
    const second = sessionWith(bob);
    const seen: string[] = [];
    second.$identity.listen((identity) => identity && seen.push(identity.id));
    const bobId = await online(second);
    const timeline = watch(second, bobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(timeline()).some((text) => text?.startsWith('for alice'))).to.equal(false);
    expect(seen.every((identity) => identity.includes('bob'))).to.equal(true, `identities shown: ${seen.join(', ')}`);
    expect(Object.keys(conversationsOf(second).get())).to.not.include(id);

    const third = sessionWith(alice);
    await online(third);
    const snapshot = await third.snapshot();
    expect(snapshot!.events.length).to.be.at.least(3);
    await third.signOut();
    const cache = await third.cache;
    expect(await cache!.newestEvents(snapshot!.participantId, id, 10)).to.deep.equal([], 'signOut deleted the cache');
  });

  it('moves what a guest wrote before signing in to the signed-in customer\'s conversation, once', async () => {
    const guest = await tokenFor(uniqueId('guest'));
    const first = sessionWith(guest);
    const guestConversation = await online(first);
    await waitUntil(async () => (await first.withCache((cache, me) => cache.heads(me)))?.length === 1, 'the head cached', { timeout: 3000 });
    first.stop();

    // The next page shows the guest's cache at once; the site's token for the signed-in customer comes later.
    const verified = await tokenFor(uniqueId('signed-in'), true);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const second = sessionWith(guest, { jwtProvider: async () => (await gate, verified) });
    void second.start();
    await waitUntil(() => defaultConversationId(second).get() === guestConversation, 'the guest cache shown', { timeout: 3000 });
    const clientMessageId = sendText(second, guestConversation, 'typed before the sign-in finished');
    release();

    const verifiedConversation = await defaultConversationIdFor(verified.jwt);
    const timeline = watch(second, verifiedConversation);
    await waitUntil(() => timeline().items.some((item) => item.key === clientMessageId && item.status === 'sent'), 'delivered to the new conversation', { timeout: 15000 });
    const mine = await api<EventPage>(verified.jwt, 'GET', `/v1/conversations/${verifiedConversation}/events?after=0`);
    expect(mine.events.filter((e) => e.type === 'message' && e.message.clientMessageId === clientMessageId)).to.have.length(1);
    const before = await api<EventPage>(guest.jwt, 'GET', `/v1/conversations/${guestConversation}/events?after=0`);
    expect(before.events.filter((e) => e.type === 'message' && e.message.clientMessageId === clientMessageId)).to.have.length(0);
    const cache = await second.cache;
    const guestId = jwtParticipant(guest.jwt)!.id;
    await waitUntil(async () => (await cache!.outbox(guestId)).length === 0, 'gone from the guest outbox', { timeout: 3000 });
    expect(await second.withCache((c, me) => c.outbox(me))).to.deep.equal([]);
  });

  it('restores a snapshot an app kept, and renders it before the network', async () => {
    const token = await tokenFor(uniqueId('guest'));
    const first = sessionWith(token);
    const id = await online(first);
    await agentWrites(first, id, 5, 'kept');
    const snapshot = (await first.snapshot())!;
    await first.signOut();
    await serverCommand('stop');

    const second = sessionWith(token);
    await second.restoreSnapshot(JSON.parse(JSON.stringify(snapshot)));
    void second.start();
    const timeline = watch(second, id);
    await waitUntil(() => texts(timeline()).includes('kept 5'), 'rendered from the restored snapshot', { timeout: 3000 });
  });
});
