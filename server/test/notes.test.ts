// Internal notes against a real server (SQLite, or PostgreSQL with OMNI_TEST_DATABASE=postgres):
// the queue's agents and supervisors write and read them and get them live; a customer never sees
// one on any channel it has: its events socket, its history and gap recovery, its conversation
// list (last message, unread count), its transcript (text and HTML).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSocket, startTestServer, uid, type TestServer, type TestSocket } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const send = (jwt: string, id: string, text: string) =>
  t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text } });
const addNote = (jwt: string | undefined, id: string, body: unknown) =>
  t.request('POST', `/v1/conversations/${id}/notes`, { ...(jwt ? { jwt } : {}), body });

/** A customer's started conversation (a first message creates it), the queue's agent, a supervisor and another queue's agent. */
async function scene() {
  const customer = await t.customer(uid('ann'), 'Ann');
  const id = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0].id as string;
  assert.equal((await send(customer, id, 'Hello, my order is late')).status, 201);
  const agent = await t.agent(uid('erin'), ['support'], { name: 'Erin' });
  const supervisor = await t.agent(uid('sue'), ['support'], { name: 'Sue', role: 'supervisor' });
  const elsewhere = await t.agent(uid('olga'), ['sales'], { name: 'Olga' });
  return { customer, id, agent, supervisor, elsewhere };
}

/** Every raw frame a socket receives from now on (beside the harness's own queue). */
function recordFrames(socket: TestSocket): string[] {
  const raw: string[] = [];
  socket.socket.on('message', (data) => raw.push(data.toString()));
  return raw;
}

test('agents and supervisors of the queue add and list notes; customers 403, other queues 404, no token 401', async () => {
  const { customer, id, agent, supervisor, elsewhere } = await scene();
  const created = await addNote(agent, id, { text: 'VIP: offer the express refund.\nSecond line.' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.match(created.body.id, /^note_[0-9a-f-]{36}$/);
  assert.deepEqual({ ...created.body, id: '', createdAt: '' }, {
    id: '', conversationId: id, author: { id: created.body.author.id, role: 'agent', displayName: 'Erin' },
    text: 'VIP: offer the express refund.\nSecond line.', createdAt: '',
  });
  const bySupervisor = await addNote(supervisor, id, { text: 'Approved.' });
  assert.equal(bySupervisor.status, 201);

  for (const jwt of [agent, supervisor]) {
    const listed = await t.request('GET', `/v1/conversations/${id}/notes`, { jwt });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, { notes: [created.body, bySupervisor.body] });
    assert.equal(listed.headers.get('cache-control'), 'private, no-store');
  }

  assert.equal((await addNote(customer, id, { text: 'let me in' })).status, 403, 'the customer may not write notes');
  const customerRead = await t.request('GET', `/v1/conversations/${id}/notes`, { jwt: customer });
  assert.deepEqual([customerRead.status, customerRead.body.error.code], [403, 'forbidden']);
  assert.equal((await addNote(elsewhere, id, { text: 'x' })).status, 404, "another queue's agent does not see the conversation");
  assert.equal((await t.request('GET', `/v1/conversations/${id}/notes`, { jwt: elsewhere })).status, 404);
  assert.equal((await addNote(undefined, id, { text: 'x' })).status, 401);
  assert.equal((await t.request('GET', `/v1/conversations/${id}/notes`)).status, 401);
  assert.equal((await t.request('GET', `/v1/conversations/conv_00000000-0000-4000-8000-000000000000/notes`, { jwt: agent })).status, 404);
  assert.equal((await t.request('GET', '/v1/conversations/not-an-id/notes', { jwt: agent })).status, 400);
  assert.equal((await t.request('GET', `/v1/conversations/${id}/notes`, { jwt: agent })).body.notes.length, 2, 'nothing refused was stored');
});

test('note bodies are validated at the boundary', async () => {
  const { id, agent } = await scene();
  const bad: Array<[string, unknown]> = [
    ['no text', {}],
    ['empty text', { text: '' }],
    ['only spaces', { text: '  \n\t ' }],
    ['too long', { text: 'x'.repeat(4001) }],
    ['not a string', { text: 42 }],
    ['an unknown property', { text: 'ok', internal: false }],
    ['not an object', ['text']],
  ];
  for (const [what, body] of bad) {
    const response = await addNote(agent, id, body);
    assert.deepEqual([response.status, response.body?.error?.code], [400, 'invalid-request'], what);
  }
  assert.equal((await addNote(agent, id, { text: 'x'.repeat(4000) })).status, 201, '4000 characters is the limit');
  const html = await addNote(agent, id, { text: '<img src=x onerror=alert(1)> & "quotes"' });
  assert.equal(html.body.text, '<img src=x onerror=alert(1)> & "quotes"', 'stored as given: rendered as text by the console');
});

test("a note reaches the queue's agents and supervisors live; the customer's socket and other queues get nothing", async () => {
  const { customer, id, agent, supervisor, elsewhere } = await scene();
  const sockets = await Promise.all([customer, agent, supervisor, elsewhere].map((jwt) => openSocket(t.url, jwt)));
  await Promise.all(sockets.map((socket) => socket.next('welcome')));
  const [customerSocket, agentSocket, supervisorSocket, elsewhereSocket] = sockets as [TestSocket, TestSocket, TestSocket, TestSocket];
  const customerFrames = recordFrames(customerSocket);
  const elsewhereFrames = recordFrames(elsewhereSocket);

  const note = (await addNote(agent, id, { text: 'SECRET-NOTE: card was declined twice' })).body;
  assert.deepEqual(await agentSocket.next('note'), { type: 'note', note }, 'the author\'s own tabs');
  assert.deepEqual(await supervisorSocket.next('note'), { type: 'note', note }, 'the supervisor of the queue');

  // The customer's socket is live (it gets the agent's reply that follows) yet got nothing of the note.
  await send(agent, id, 'Let me check that for you');
  for (;;) {
    const frame = await customerSocket.next('event');
    if (frame.event.type === 'message') break;
  }
  assert.ok(customerFrames.length > 0);
  assert.ok(customerFrames.every((raw) => !raw.includes('SECRET-NOTE') && JSON.parse(raw).type !== 'note'), customerFrames.join('\n'));
  assert.ok(elsewhereFrames.every((raw) => !raw.includes('SECRET-NOTE') && JSON.parse(raw).type !== 'note'), 'nothing to another queue');
  for (const socket of sockets) socket.socket.close();
});

test("the customer's history, gap recovery, list (last message, unread) and transcripts hold no trace of a note", async () => {
  const { customer, id, agent } = await scene();
  assert.equal((await send(agent, id, 'We are on it')).status, 201);
  const viewBefore = (await t.request('GET', `/v1/conversations/${id}`, { jwt: customer })).body;
  const listBefore = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0];

  const secret = 'SECRET-NOTE-7f3a customer seems annoyed';
  assert.equal((await addNote(agent, id, { text: secret })).status, 201);

  const viewAfter = (await t.request('GET', `/v1/conversations/${id}`, { jwt: customer })).body;
  const listAfter = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0];
  assert.deepEqual(viewAfter, viewBefore, 'no seq, no unread, no last message');
  assert.deepEqual(listAfter, listBefore);
  assert.equal(listAfter.lastMessage.message.text, 'We are on it');
  assert.equal(listAfter.unreadCount, viewBefore.unreadCount);

  // A later message follows the earlier one with no gap: the note took no seq.
  assert.equal((await send(agent, id, 'Refund issued')).status, 201);
  const events = (await t.request('GET', `/v1/conversations/${id}/events?after=0&limit=200`, { jwt: customer })).body;
  assert.deepEqual(events.events.map((event: { seq: number }) => event.seq), Array.from({ length: events.lastSeq }, (_, index) => index + 1));
  const partial = (await t.request('GET', `/v1/conversations/${id}/events?after=${viewBefore.lastSeq}`, { jwt: customer })).body;
  assert.deepEqual(partial.events.map((event: { type: string }) => event.type).filter((type: string) => type === 'message'), ['message'], 'gap recovery: only the new message');
  const messages = (await t.request('GET', `/v1/conversations/${id}/messages?limit=100`, { jwt: customer })).body;
  assert.deepEqual(messages.messages.map((event: { message: { text: string } }) => event.message.text), ['Hello, my order is late', 'We are on it', 'Refund issued']);

  const text = await t.request('GET', `/v1/conversations/${id}/transcript?format=text`, { jwt: customer });
  const html = await t.request('GET', `/v1/conversations/${id}/transcript?format=html`, { jwt: customer });
  for (const [format, response] of [['text', text], ['html', html]] as const) {
    assert.equal(response.status, 200, format);
    assert.match(response.body as string, /Refund issued/, `${format}: the transcript is complete`);
    assert.doesNotMatch(response.body as string, /SECRET-NOTE/, `${format}: no note`);
  }
  for (const body of [JSON.stringify(events), JSON.stringify(messages)]) assert.ok(!body.includes('SECRET-NOTE'));
  // Notes are not events for agents either: they live beside the stream, read with GET .../notes.
  const agentEvents = (await t.request('GET', `/v1/conversations/${id}/events?after=0&limit=200`, { jwt: agent })).body;
  assert.ok(!JSON.stringify(agentEvents).includes('SECRET-NOTE'));
  assert.equal((await t.request('GET', `/v1/conversations/${id}/notes`, { jwt: agent })).body.notes[0].text, secret);
});
