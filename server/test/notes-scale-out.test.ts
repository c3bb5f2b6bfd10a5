// Internal notes across processes (Redis + one database, PostgreSQL when installed): a note written
// on process A reaches the queue's agents and supervisors whose sockets are on process B, is read
// back from B, and the customer's socket on B gets nothing of it while it gets the reply after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSocket } from './harness.js';
import { agentToken, call, customerToken, postText, startScaleOut } from './scale-out.js';

test('a note written on process A reaches agents and supervisors on process B live; the customer on B gets none', async (t) => {
  const cluster = await startScaleOut(2);
  t.diagnostic(`database: ${cluster.engine}`);
  const [a, b] = cluster.processes as [typeof cluster.processes[0], typeof cluster.processes[0]];
  try {
    const stamp = Date.now();
    const customerJwt = await customerToken(a, `guest-${stamp}`);
    const writerJwt = await agentToken(a, `erin-${stamp}`, { name: 'Erin' });
    const colleagueJwt = await agentToken(b, `sam-${stamp}`, { name: 'Sam' });
    const supervisorJwt = await agentToken(b, `sue-${stamp}`, { name: 'Sue', role: 'supervisor' });
    const customer = await openSocket(b.url, customerJwt);
    const colleague = await openSocket(b.url, colleagueJwt);
    const supervisor = await openSocket(b.url, supervisorJwt);
    const conversationId = (await customer.next('welcome')).conversations[0]!.id;
    await Promise.all([colleague.next('welcome'), supervisor.next('welcome')]);
    const customerFrames: string[] = [];
    customer.socket.on('message', (data) => customerFrames.push(data.toString()));
    await postText(a, customerJwt, conversationId, 'Hello');

    const written = await call(a.url, 'POST', `/v1/conversations/${conversationId}/notes`, { jwt: writerJwt, body: { text: 'SECRET-NOTE across processes' } });
    assert.equal(written.status, 201, JSON.stringify(written.body));
    assert.deepEqual(await colleague.next('note'), { type: 'note', note: written.body });
    assert.deepEqual(await supervisor.next('note'), { type: 'note', note: written.body });
    const listed = await call(b.url, 'GET', `/v1/conversations/${conversationId}/notes`, { jwt: colleagueJwt });
    assert.deepEqual(listed.body, { notes: [written.body] });

    await postText(a, writerJwt, conversationId, 'A reply after the note');
    for (;;) {
      const frame = await customer.next('event');
      if (frame.event.type === 'message' && 'text' in frame.event.message && frame.event.message.text === 'A reply after the note') break;
    }
    assert.ok(customerFrames.every((raw) => !raw.includes('SECRET-NOTE') && JSON.parse(raw).type !== 'note'), customerFrames.join('\n'));
    for (const socket of [customer, colleague, supervisor]) socket.socket.close();
  } finally {
    await cluster.stop();
  }
});
