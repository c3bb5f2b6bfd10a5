/// <reference types="mocha" />
// Sequence tracking without a server: the HTTP side is a scripted event log (the server's own
// contract: events after N, at most `limit`), so ordering, duplicates, portions and the cache's
// gap policy are checked in milliseconds.
import { expect } from '@open-wc/testing';
import type { HttpClient } from './http-client.js';
import type { ConversationEvent, EventPage } from './protocol.js';
import { EventStream, GAP_PORTION } from './event-stream.js';

const event = (seq: number): ConversationEvent =>
  ({ type: 'message', seq, conversationId: 'c1', createdAt: '2026-01-01T00:00:00Z', author: { id: 'a', role: 'agent' }, message: { id: `m${seq}`, clientMessageId: `m${seq}`, type: 'text', text: `${seq}` } }) as ConversationEvent;

/** A log of `size` events served like GET /v1/conversations/:id/events. */
function eventLog(size: number): { http: HttpClient; requests: string[] } {
  const requests: string[] = [];
  const http = {
    async request<T>(_method: string, path: string): Promise<T> {
      requests.push(path);
      const url = new URL(path, 'http://x');
      const after = Number(url.searchParams.get('after'));
      const limit = Number(url.searchParams.get('limit'));
      const events = Array.from({ length: Math.max(0, Math.min(limit, size - after)) }, (_, i) => event(after + 1 + i));
      return { events, lastSeq: size, hasMore: after + events.length < size } satisfies EventPage as T;
    },
  } as unknown as HttpClient;
  return { http, requests };
}

describe('event stream (unit)', () => {
  it('applies pushes in order, drops duplicates, and fills a gap in portions', async () => {
    const { http, requests } = eventLog(130);
    const applied: number[] = [];
    const stream = new EventStream(http, (e) => applied.push(e.seq), () => undefined);
    stream.head({ id: 'c1', lastSeq: 2 });
    stream.push(event(3));
    stream.push(event(3));
    stream.push(event(130));
    await stream.settled('c1');
    expect(applied).to.deep.equal(Array.from({ length: 128 }, (_, i) => i + 3));
    expect(stream.portions.every((size) => size <= GAP_PORTION)).to.equal(true);
    expect(requests.length).to.equal(Math.ceil(127 / GAP_PORTION));
  });

  it('starts from the cache and fetches only the gap', async () => {
    const { http } = eventLog(40);
    const applied: number[] = [];
    const stream = new EventStream(http, (e) => applied.push(e.seq), () => undefined, { gapLimit: 500, onGapTooLarge: () => expect.fail('not too large') });
    stream.seed('c1', 33);
    stream.head({ id: 'c1', lastSeq: 40 });
    await stream.settled('c1');
    expect(applied).to.deep.equal([34, 35, 36, 37, 38, 39, 40]);
  });

  it('does not replay a gap larger than the limit: the owner loads the newest page', async () => {
    const { http, requests } = eventLog(5000);
    const tooLarge: string[] = [];
    const stream = new EventStream(http, () => expect.fail('nothing replayed'), () => undefined, { gapLimit: 500, onGapTooLarge: (id) => tooLarge.push(id) });
    stream.seed('c1', 10);
    stream.head({ id: 'c1', lastSeq: 5000 });
    await stream.settled('c1');
    expect(tooLarge).to.deep.equal(['c1']);
    expect(requests).to.deep.equal([]);
    expect(stream.lastSeq('c1')).to.equal(5000);
  });
});
