// The SIP edge against hostile sockets, on a real server: nothing from an unauthenticated socket
// reaches another socket, routing state changes only after authentication, a contact stays its
// owner's, in-dialog requests come from the dialog's sides only, and a silent socket is closed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CloseCode } from '../../src/core/protocol.js';
import { startTestServer, type TestServer } from './harness.js';
import { arrivalsSince, digestAnswer, header, openSip, placeCall as placeSipCall, registerAgent, sipRequest, sipResponse, type RegisteredAgent, type SipTestClient } from './sip-client.js';

let t: TestServer;
before(async () => { t = await startTestServer({ sipSecret: 'hostile-sip-secret' }); });
after(async () => { await t.close(); });

const QUEUE_URI = 'sip:support@omni.local';
const hex = () => randomBytes(4).toString('hex');

/** Asserts that nothing reaches `clients` from here on (checked after `ms`). */
function watch(...clients: SipTestClient[]): (ms?: number) => Promise<void> {
  const arrivals = arrivalsSince(...clients);
  return async (ms = 300) => assert.deepEqual(await arrivals(ms), [], 'nothing may reach these sockets');
}

async function placeCall(agent: RegisteredAgent, answer = true) {
  const credentials = (await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() })).body as { username: string; password: string };
  return { ...(await placeSipCall(t.url, agent, credentials, answer)), credentials };
}

test('an unauthenticated socket cannot put an in-dialog BYE into an agent socket: it is challenged instead', async () => {
  const agent = await registerAgent(t.url, await t.agent());
  const call = await placeCall(agent);
  const attacker = await openSip(t.url);
  const untouched = watch(agent.client, call.customer);
  attacker.send(sipRequest({ method: 'BYE', uri: agent.contact, callId: call.callId, cseq: 9, from: call.from, to: call.to }));
  assert.match(await attacker.next('SIP/2.0'), /^SIP\/2\.0 401/);
  attacker.send(sipRequest({ method: 'INFO', uri: call.contact, callId: call.callId, cseq: 9, from: call.to, to: call.from }));
  assert.match(await attacker.next('SIP/2.0'), /^SIP\/2\.0 401/);
  attacker.send(sipRequest({ method: 'ACK', uri: agent.contact, callId: call.callId, cseq: 2, from: call.from, to: call.to }));
  await untouched();

  // The dialog still works for its own sides.
  call.customer.send(sipRequest({ method: 'BYE', uri: agent.contact, callId: call.callId, cseq: 3, from: call.from, to: call.to }));
  const bye = await agent.client.next('BYE ');
  agent.client.send(sipResponse(bye, 200, 'OK'));
  assert.match(await call.customer.next('SIP/2.0 200'), /CSeq: 3 BYE/);
  for (const client of [attacker, call.customer, agent.client]) client.close();
});

test('an OPTIONS carrying an agent\'s Contact re-points nothing, authenticated or not', async () => {
  const agent = await registerAgent(t.url, await t.agent());
  const call = await placeCall(agent);
  const stranger = await openSip(t.url);
  const untouched = watch(agent.client, call.customer);
  stranger.send(sipRequest({ method: 'OPTIONS', uri: 'sip:omni.local', callId: `o-${hex()}`, contact: agent.contact }));
  assert.match(await stranger.next('SIP/2.0'), /^SIP\/2\.0 200/, 'a keep-alive OPTIONS is still answered');
  stranger.send(sipRequest({ method: 'OPTIONS', uri: 'sip:omni.local', callId: `o-${hex()}`, contact: call.contact }));
  await stranger.next('SIP/2.0 200');

  // Another customer, authenticated (its REGISTER is refused, but it proved who it is), tries the same.
  const other = (await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() })).body as { username: string; password: string };
  const insider = await openSip(t.url);
  insider.send(sipRequest({ method: 'REGISTER', uri: 'sip:omni.local', callId: `r-${hex()}`, to: `<${QUEUE_URI}>`, contact: agent.contact }));
  const challenge = await insider.next('SIP/2.0 401');
  const authorization = digestAnswer(header(challenge, 'www-authenticate')!, other.username, other.password, 'REGISTER', 'sip:omni.local');
  insider.send(sipRequest({ method: 'REGISTER', uri: 'sip:omni.local', callId: `r-${hex()}`, cseq: 2, to: `<${QUEUE_URI}>`, contact: agent.contact, extra: [authorization] }));
  assert.match(await insider.next('SIP/2.0'), /^SIP\/2\.0 403/);
  insider.send(sipRequest({ method: 'OPTIONS', uri: 'sip:omni.local', callId: `o-${hex()}`, contact: agent.contact }));
  await insider.next('SIP/2.0 200');
  insider.send(sipRequest({ method: 'BYE', uri: agent.contact, callId: call.callId, cseq: 7, from: call.from, to: call.to }));
  assert.match(await insider.next('SIP/2.0'), /^SIP\/2\.0 481/, 'not a side of this dialog');
  await untouched(0);
  const nothingMore = watch(stranger, insider);

  // In-dialog requests still reach the real agent, and only it.
  call.customer.send(sipRequest({ method: 'INFO', uri: agent.contact, callId: call.callId, cseq: 3, from: call.from, to: call.to }));
  const info = await agent.client.next('INFO ');
  agent.client.send(sipResponse(info, 200, 'OK'));
  await call.customer.next('SIP/2.0 200');
  await nothingMore(100);
  for (const client of [stranger, insider, call.customer, agent.client]) client.close();
});

test('only the caller may CANCEL its INVITE, and only the called socket may answer it', async () => {
  const agent = await registerAgent(t.url, await t.agent());
  const call = await placeCall(agent, false);
  const attacker = await openSip(t.url);
  const untouched = watch(agent.client, call.customer);
  attacker.send(sipRequest({ method: 'CANCEL', uri: QUEUE_URI, callId: call.callId, cseq: 2, from: call.from, branch: call.branch }));
  assert.match(await attacker.next('SIP/2.0'), /^SIP\/2\.0 481/);
  // A forged answer carrying the edge's branch, from a socket the INVITE was not sent to.
  attacker.send(sipResponse(call.invite, 200, 'OK', [`Contact: <sip:evil@evil.invalid;transport=ws>`]));
  await untouched();
  call.customer.send(sipRequest({ method: 'CANCEL', uri: QUEUE_URI, callId: call.callId, cseq: 2, from: call.from, branch: call.branch }));
  assert.match(await call.customer.next((text) => /^CSeq: 2 CANCEL$/m.test(text)), /^SIP\/2\.0 200/);
  assert.match(await agent.client.next('CANCEL '), new RegExp(`Call-ID: ${call.callId}`));
  for (const client of [attacker, call.customer, agent.client]) client.close();
});

test('a caller back on a new socket is challenged, then its re-INVITE reaches the agent (call recovery)', async () => {
  const agent = await registerAgent(t.url, await t.agent());
  const call = await placeCall(agent);
  call.customer.close();
  await call.customer.closed;
  const back = await openSip(t.url);
  const reinvite = { method: 'INVITE', uri: agent.contact, callId: call.callId, cseq: 3, from: call.from, to: call.to, contact: call.contact };
  back.send(sipRequest(reinvite));
  const untouched = watch(agent.client);
  const challenge = await back.next('SIP/2.0 401');
  await untouched(100);
  const authorization = digestAnswer(header(challenge, 'www-authenticate')!, call.credentials.username, call.credentials.password, 'INVITE', agent.contact);
  back.send(sipRequest({ ...reinvite, cseq: 4, extra: [authorization] }));
  const forwarded = await agent.client.next('INVITE ');
  assert.match(forwarded, /CSeq: 4 INVITE/);
  agent.client.send(sipResponse(forwarded, 200, 'OK', [`Contact: <${agent.contact}>`]));
  assert.match(await back.next('SIP/2.0 200'), /CSeq: 4 INVITE/);
  // The agent's own in-dialog requests now reach the caller's new socket.
  agent.client.send(sipRequest({ method: 'BYE', uri: call.contact, callId: call.callId, cseq: 1, from: call.to, to: call.from }));
  assert.match(await back.next('BYE '), new RegExp(`Call-ID: ${call.callId}`));
  back.close();
  agent.client.close();
});

test('a SIP socket that never authenticates is closed after sipAuthTimeoutMs; a registered one stays', async () => {
  const own = await startTestServer({ sipAuthTimeoutMs: 400 });
  try {
    const silent = await openSip(own.url);
    silent.send(sipRequest({ method: 'OPTIONS', uri: 'sip:omni.local', callId: `o-${hex()}` }));
    assert.equal(await silent.closed, CloseCode.authTimeout);
    const agent = await registerAgent(own.url, await own.agent());
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(agent.client.socket.readyState, agent.client.socket.OPEN);
    agent.client.close();
  } finally {
    await own.close();
  }
});
