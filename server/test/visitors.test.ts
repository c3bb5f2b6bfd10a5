// The customer panel on a real server: the widget's `page` frame is validated (http(s) URL, lengths,
// no control characters, a time zone Intl knows), stored per customer, pushed live to the agents of
// the customer's queue only, and read with `GET /v1/conversations/:id/visitor` by those agents only;
// online follows the customer's events sockets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerFrame, VisitorInfo } from '../../src/core/protocol.js';
import { Routes, ServerFrame as ServerFrameSchema } from '../../src/core/contract/index.js';
import { compileSchema } from '../http/validation.js';
import { openSocket, startTestServer, uid, type TestServer, type TestSocket } from './harness.js';

type VisitorFrame = Extract<ServerFrame, { type: 'visitor' }>;

/** The next `visitor` frame about `conversationId` that satisfies `accept` (others are skipped). */
async function visitorFrame(socket: TestSocket, conversationId: string, accept: (visitor: VisitorInfo) => boolean = () => true): Promise<VisitorFrame> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const frame = await socket.next('visitor', Math.max(1, deadline - Date.now()));
    if (frame.visitor.conversationId === conversationId && accept(frame.visitor)) return frame;
  }
}

/** True when no `visitor` frame arrives within `ms` (the frame would come within milliseconds on one process). */
async function noVisitorFrame(socket: TestSocket, ms: number): Promise<boolean> {
  try {
    await socket.next('visitor', ms);
    return false;
  } catch {
    return true;
  }
}

describe('the customer panel (visitor reports)', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => { await t.close(); });

  /** A customer with a conversation (one message), its socket, and an agent of its queue with a socket. */
  async function scene() {
    const customerId = uid('guest');
    const customer = await t.customer(customerId, 'Ann');
    const conversationId = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0].id as string;
    assert.equal((await t.request('POST', `/v1/conversations/${conversationId}/messages`, { jwt: customer, body: { clientMessageId: uid('m'), type: 'text', text: 'hi' } })).status, 201);
    const agent = await t.agent(uid('erin'), ['support']);
    const agentSocket = await openSocket(t.url, agent);
    await agentSocket.next('welcome');
    const customerSocket = await openSocket(t.url, customer);
    await customerSocket.next('welcome');
    return { customerId, customer, conversationId, agent, agentSocket, customerSocket };
  }

  test("a page report is stored per customer and reaches the queue's agents live, never a customer or another queue", async () => {
    const { customerId, customer, conversationId, agent, agentSocket, customerSocket } = await scene();
    const elsewhere = await openSocket(t.url, await t.agent(uid('bo'), [uid('other-queue')]));
    await elsewhere.next('welcome');
    customerSocket.send({ type: 'page', url: 'https://shop.example/bikes?size=m#top', title: 'Bikes – Shop', timeZone: 'America/Argentina/Buenos_Aires' });
    const frame = await visitorFrame(agentSocket, conversationId, (v) => v.page?.url === 'https://shop.example/bikes?size=m#top');
    assert.deepEqual({ ...frame.visitor, page: { ...frame.visitor.page!, at: '' } }, {
      conversationId,
      integrationId: 'demo',
      customerId,
      verified: false,
      page: { url: 'https://shop.example/bikes?size=m#top', title: 'Bikes – Shop', at: '' },
      timeZone: 'America/Argentina/Buenos_Aires',
      online: true,
    });
    const read = await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, frame.visitor);
    // Both match the contract.
    assert.ok(compileSchema(Routes['GET /v1/conversations/:id/visitor'].response)(read.body), 'the route answers within the contract');
    assert.ok(compileSchema(ServerFrameSchema)(frame), 'the frame is a contract ServerFrame');
    assert.ok(await noVisitorFrame(elsewhere, 300), 'an agent of another queue hears nothing');
    assert.ok(await noVisitorFrame(customerSocket, 50), 'the customer gets no visitor frame');

    // Only the queue's agents read it: the customer 403, another customer and another queue's agent 404 (it does not exist for them).
    assert.equal((await t.request('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: customer })).status, 403);
    assert.equal((await t.request('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: await t.customer() })).status, 404);
    assert.equal((await t.request('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: await t.agent(uid('cy'), [uid('q')]) })).status, 404);
    assert.equal((await t.request('GET', `/v1/conversations/${conversationId}/visitor`)).status, 401);
    for (const socket of [agentSocket, customerSocket, elsewhere]) socket.socket.close();
  });

  test('refuses URLs that are not http(s), over-long or controlled text, and unknown time zones; keeps the last good report', async () => {
    const { conversationId, agent, agentSocket, customerSocket } = await scene();
    const good = { type: 'page', url: 'http://127.0.0.1:8080/checkout', title: 'Checkout', timeZone: 'UTC' };
    customerSocket.send(good);
    await visitorFrame(agentSocket, conversationId, (v) => v.page?.url === good.url);
    const refused: Array<[string, Record<string, unknown>]> = [
      ['javascript: URL', { url: 'javascript:alert(1)' }],
      ['data: URL', { url: 'data:text/html,<b>x</b>' }],
      ['ftp URL', { url: 'ftp://files.example/x' }],
      ['URL with a space', { url: 'https://shop.example/a b' }],
      ['URL of 2001 characters', { url: `https://shop.example/${'a'.repeat(2001 - 'https://shop.example/'.length)}` }],
      ['title with a control character', { title: 'Bell\u0007' }],
      ['title with a line break', { title: 'two\nlines' }],
      ['title of 301 characters', { title: 't'.repeat(301) }],
      ['time zone of the wrong shape', { timeZone: 'Europe/Berlin; drop' }],
      ['time zone Intl does not know', { timeZone: 'Mars/Olympus_Mons' }],
      ['URL missing', { url: undefined }],
    ];
    // A socket takes a few malformed frames before it closes (4004): a fresh socket every three.
    let socket = customerSocket;
    for (const [index, [what, change]] of refused.entries()) {
      if (index > 0 && index % 3 === 0) {
        socket.socket.close();
        socket = await openSocket(t.url, await t.customer(undefined, 'x'));
        await socket.next('welcome');
      }
      socket.send({ ...good, ...change });
      const error = await socket.next('error');
      assert.equal(error.error.code, 'invalid-request', what);
    }
    const read = await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent });
    assert.deepEqual([read.body.page?.url, read.body.page?.title, read.body.timeZone], [good.url, good.title, 'UTC'], 'the last good report stands');
    socket.socket.close();
    agentSocket.socket.close();
  });

  test('a URL of 2000 characters and an empty title are fine; agents may not report a page', async () => {
    const { conversationId, agent, agentSocket, customerSocket } = await scene();
    const url = `https://shop.example/${'a'.repeat(2000 - 'https://shop.example/'.length)}`;
    customerSocket.send({ type: 'page', url, title: '' });
    const frame = await visitorFrame(agentSocket, conversationId, (v) => v.page?.url === url);
    assert.equal(frame.visitor.page!.title, '');
    assert.equal(frame.visitor.timeZone, undefined);
    agentSocket.send({ type: 'page', url: 'https://agent.example/', title: 'Console' });
    assert.equal((await agentSocket.next('error')).error.code, 'forbidden');
    assert.equal((await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent })).body.page!.url, url);
    customerSocket.socket.close();
    agentSocket.socket.close();
  });

  test('reports closer than a second apart: the newest one is stored once the second is over', async () => {
    const { conversationId, agent, agentSocket, customerSocket } = await scene();
    for (const n of [1, 2, 3]) customerSocket.send({ type: 'page', url: `https://shop.example/${n}`, title: `Page ${n}` });
    await visitorFrame(agentSocket, conversationId, (v) => v.page?.url === 'https://shop.example/1');
    const last = await visitorFrame(agentSocket, conversationId, (v) => v.page?.url !== 'https://shop.example/1');
    assert.equal(last.visitor.page!.url, 'https://shop.example/3', 'page 2 was replaced by page 3 while waiting');
    assert.equal((await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent })).body.page!.title, 'Page 3');
    customerSocket.socket.close();
    agentSocket.socket.close();
  });

  test('online follows the customer’s sockets: offline when the last one closes, online again on reconnect', async () => {
    const { customer, conversationId, agent, agentSocket, customerSocket } = await scene();
    const second = await openSocket(t.url, customer);
    await second.next('welcome');
    customerSocket.socket.close();
    await customerSocket.closed;
    second.socket.close();
    await second.closed;
    await visitorFrame(agentSocket, conversationId, (v) => !v.online);
    assert.equal((await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent })).body.online, false);
    const again = await openSocket(t.url, customer);
    await again.next('welcome');
    await visitorFrame(agentSocket, conversationId, (v) => v.online);
    assert.equal((await t.request<VisitorInfo>('GET', `/v1/conversations/${conversationId}/visitor`, { jwt: agent })).body.online, true);
    again.socket.close();
    agentSocket.socket.close();
  });
});
