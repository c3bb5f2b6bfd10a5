/// <reference types="mocha" />
// The first-paint copy on real localStorage: newest messages per conversation, newer heads win,
// bounded size, identities and servers kept apart, agents get none, sign-out deletes it.
import { expect } from '@open-wc/testing';
import type { Conversation, MessageEvent } from './protocol.js';
import { FIRST_PAINT_MESSAGES, FirstPaintCopy } from './first-paint.js';
import { LocalCache } from './local-cache.js';

const message = (conversationId: string, seq: number, text = `${conversationId}:${seq}`): MessageEvent =>
  ({ type: 'message', seq, conversationId, createdAt: '2026-01-01T00:00:00Z', author: { id: 'a', role: 'agent' }, message: { id: `m${seq}`, clientMessageId: `m${seq}`, type: 'text', text } }) as MessageEvent;
const head = (id: string, lastSeq: number): Conversation => ({ id, integrationId: 'demo', queue: 'support', customer: { id: 'customer:demo:x', role: 'customer' }, createdAt: '2026-01-01T00:00:00Z', lastSeq, readSeq: 0, otherReadSeq: 0, unreadCount: 0 });
const guest = (id: string) => ({ id, role: 'customer' as const });
let server = 0;
const freshServer = () => `https://first-paint-${Date.now()}-${(server += 1)}.test`;
/** Writes are gathered for a moment: wait for them. */
const written = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('first-paint copy (unit, real localStorage)', () => {
  it('keeps the newest messages of each conversation, ascending, and the newest head', async () => {
    const url = freshServer();
    const copy = FirstPaintCopy.of(url, guest('customer:demo:1'))!;
    copy.putEvents(Array.from({ length: 50 }, (_, i) => message('c1', 50 - i)));
    copy.putEvents([message('c1', 49)]);
    copy.putHeads([head('c1', 50)]);
    copy.putHeads([head('c1', 40)]);
    await written();
    const read = FirstPaintCopy.of(url, guest('customer:demo:1'))!.read()!;
    expect(read.events.get('c1')!.map((e) => e.seq)).to.deep.equal(Array.from({ length: FIRST_PAINT_MESSAGES }, (_, i) => 51 - FIRST_PAINT_MESSAGES + i));
    expect(read.heads.map((h) => h.lastSeq)).to.deep.equal([50], 'an older head never replaces a newer one');
  });

  it('stays under its size bound by dropping the oldest messages', async () => {
    const url = freshServer();
    const copy = FirstPaintCopy.of(url, guest('customer:demo:2'))!;
    copy.putHeads([head('c1', 20)]);
    copy.putEvents(Array.from({ length: 20 }, (_, i) => message('c1', i + 1, 'x'.repeat(8000))));
    await written();
    const stored = localStorage.getItem(`omni:first-paint:${url}|customer:demo:2`)!;
    expect(stored.length).to.be.at.most(64_000);
    const seqs = FirstPaintCopy.of(url, guest('customer:demo:2'))!.read()!.events.get('c1')!.map((e) => e.seq);
    expect(seqs.at(-1)).to.equal(20, 'the newest stays');
    expect(seqs.length).to.be.below(FIRST_PAINT_MESSAGES, 'older ones went to stay under the bound');
  });

  it('keeps identities and servers apart, gives agents none, and is deleted on sign-out', async () => {
    const url = freshServer();
    const alice = FirstPaintCopy.of(url, guest('customer:demo:alice'))!;
    alice.putHeads([head('c1', 1)]);
    alice.putEvents([message('c1', 1)]);
    await written();
    expect(FirstPaintCopy.of(url, guest('customer:demo:bob'))!.read()).to.equal(undefined);
    expect(FirstPaintCopy.of(freshServer(), guest('customer:demo:alice'))!.read()).to.equal(undefined);
    expect(FirstPaintCopy.of(url, { id: 'agent:sam', role: 'agent' })).to.equal(undefined);
    alice.clear();
    expect(FirstPaintCopy.of(url, guest('customer:demo:alice'))!.read()).to.equal(undefined);
  });

  it('reads a damaged copy as none', () => {
    const url = freshServer();
    localStorage.setItem(`omni:first-paint:${url}|customer:demo:3`, '{not json');
    expect(FirstPaintCopy.of(url, guest('customer:demo:3'))!.read()).to.equal(undefined);
    localStorage.setItem(`omni:first-paint:${url}|customer:demo:3`, '{"heads":"nope"}');
    expect(FirstPaintCopy.of(url, guest('customer:demo:3'))!.read()).to.equal(undefined);
  });
});

describe('first-paint copy and the cache (unit, real IndexedDB)', () => {
  const me = 'customer:demo:reconcile';
  it('drops a cache that ends before the copy begins (lost writes), so older pages come from the server', async () => {
    const cache = (await LocalCache.open(freshServer()))!;
    await cache.putEvents(me, Array.from({ length: 10 }, (_, i) => message('c1', i + 1)));
    await cache.reconcile(me, new Map([['c1', Array.from({ length: 5 }, (_, i) => message('c1', 40 + i))]]));
    expect((await cache.newestEvents(me, 'c1', 100)).map((e) => e.seq)).to.deep.equal([40, 41, 42, 43, 44]);
  });

  it('keeps a cache that reaches the copy, and adds what it lacked', async () => {
    const cache = (await LocalCache.open(freshServer()))!;
    await cache.putEvents(me, Array.from({ length: 10 }, (_, i) => message('c1', i + 1)));
    await cache.reconcile(me, new Map([['c1', Array.from({ length: 5 }, (_, i) => message('c1', 8 + i))]]));
    expect((await cache.newestEvents(me, 'c1', 100)).map((e) => e.seq)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
