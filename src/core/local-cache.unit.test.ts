/// <reference types="mocha" />
// The local cache on real IndexedDB: newest events by seq, caps with eviction of the oldest,
// identities kept apart, clear on sign-out, snapshot and restore.
import { expect } from '@open-wc/testing';
import type { Conversation, MessageEvent } from './protocol.js';
import { LocalCache } from './local-cache.js';

const message = (conversationId: string, seq: number, minute = seq): MessageEvent =>
  ({ type: 'message', seq, conversationId, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), author: { id: 'a', role: 'agent' }, message: { id: `m${seq}`, clientMessageId: `m${seq}`, type: 'text', text: `${conversationId}:${seq}` } }) as MessageEvent;
const head = (id: string): Conversation => ({ id, integrationId: 'demo', queue: 'support', customer: { id: 'customer:demo:x', role: 'customer' }, createdAt: '2026-01-01T00:00:00Z', lastSeq: 0, readSeq: 0, otherReadSeq: 0, unreadCount: 0 });
let server = 0;
const fresh = async (limits = { perConversation: 2000, total: 20000 }) => (await LocalCache.open(`https://cache-test-${Date.now()}-${(server += 1)}.test`, limits))!;

describe('local cache (unit, real IndexedDB)', () => {
  it('returns the newest events ascending, and heads', async () => {
    const cache = await fresh();
    await cache.putEvents('me', Array.from({ length: 50 }, (_, i) => message('c1', i + 1)));
    await cache.putHead('me', head('c1'));
    expect((await cache.newestEvents('me', 'c1', 5)).map((e) => e.seq)).to.deep.equal([46, 47, 48, 49, 50]);
    expect((await cache.heads('me')).map((h) => h.id)).to.deep.equal(['c1']);
  });

  it('keeps identities apart and clears one on sign-out', async () => {
    const cache = await fresh();
    await cache.putEvents('alice', [message('c1', 1)]);
    await cache.putEvents('bob', [message('c2', 1)]);
    expect(await cache.newestEvents('bob', 'c1', 10)).to.deep.equal([]);
    await cache.clear('alice');
    expect(await cache.newestEvents('alice', 'c1', 10)).to.deep.equal([]);
    expect(await cache.newestEvents('bob', 'c2', 10)).to.have.length(1);
  });

  it('evicts the oldest beyond the per-conversation and total caps', async () => {
    const cache = await fresh({ perConversation: 30, total: 50 });
    await cache.putEvents('me', Array.from({ length: 60 }, (_, i) => message('c1', i + 1, i)));
    await cache.putEvents('me', Array.from({ length: 40 }, (_, i) => message('c2', i + 1, 100 + i)));
    await cache.evict([`${cache.serverUrl}|me`]);
    const c1 = await cache.newestEvents('me', 'c1', 1000);
    const c2 = await cache.newestEvents('me', 'c2', 1000);
    expect(c2.map((e) => e.seq)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i + 11), 'per conversation: the newest 30');
    expect(c1.length + c2.length).to.equal(50, 'in total');
    expect(c1.map((e) => e.seq)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 41), 'the oldest went first');
  });

  it('snapshots and restores an identity (same server only)', async () => {
    const cache = await fresh();
    await cache.putEvents('me', [message('c1', 1), message('c1', 2)]);
    await cache.putHead('me', head('c1'));
    const snapshot = await cache.snapshot('me');
    await cache.clear('me');
    await cache.restore(JSON.parse(JSON.stringify(snapshot)));
    expect((await cache.newestEvents('me', 'c1', 10)).map((e) => e.seq)).to.deep.equal([1, 2]);
    const other = await fresh();
    let refused = false;
    await other.restore(snapshot).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });
});
