// The same click-to-call flow as call.e2e, but the widget and the agent console talk SIP to a
// real Kamailio (deploy/kamailio/kamailio.cfg, autheph with the server's secret) started here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { hasKamailio, startKamailio } from '../sip/kamailio.mjs';
import { serverProcess } from './server-process.mjs';
import { clickToCall, conversationBesideCall, guestWrites, openDemo } from './call-flow.mjs';

let kamailio;
let server;
let browser;
before(async () => {
  assert.ok(hasKamailio(), 'Kamailio is required (.ci/run installs it): apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules');
  const secret = randomBytes(24).toString('base64url');
  kamailio = await startKamailio({ secret, domain: 'omni.local' });
  server = await serverProcess({ env: { OMNI_SIP_SECRET: secret, OMNI_SIP_WS_URL: kamailio.wsUrl, OMNI_SIP_DOMAIN: 'omni.local' } });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
});
after(async () => {
  await browser?.close();
  await server?.dispose();
  await kamailio?.stop();
});

/** Sends one SIP request over a fresh WebSocket, answering a digest challenge once; resolves the final status. */
async function sipRequest({ wsUrl, method, ruri, to, username, password, domain = 'omni.local' }) {
  const { default: WebSocket } = await import('ws');
  const { createHash } = await import('node:crypto');
  const md5 = (value) => createHash('md5').update(value).digest('hex');
  const socket = new WebSocket(wsUrl, 'sip');
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  const callId = randomBytes(8).toString('hex');
  const request = (cseq, authorization) => [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/WS ${randomBytes(4).toString('hex')}.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
    'Max-Forwards: 70',
    `From: <sip:test@${domain}>;tag=${randomBytes(4).toString('hex')}`,
    `To: <${to}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    `Contact: <sip:test@${randomBytes(4).toString('hex')}.invalid;transport=ws>`,
    ...(authorization ? [authorization] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const next = () => new Promise((resolve) => socket.once('message', (data) => resolve(String(data))));
  let authorization;
  try {
    for (let cseq = 1; ; cseq += 1) {
      const reply = next();
      socket.send(request(cseq, authorization));
      let text = await reply;
      while (/^SIP\/2\.0 1\d\d/.test(text)) text = await next();
      const status = Number(text.slice(8, 11));
      const challenge = /^(WWW|Proxy)-Authenticate: (.*)$/im.exec(text);
      if ((status !== 401 && status !== 407) || authorization || !challenge) return status;
      const nonce = /nonce="([^"]+)"/.exec(challenge[2])[1];
      const realm = /realm="([^"]+)"/.exec(challenge[2])[1];
      const cnonce = randomBytes(4).toString('hex');
      const ha1 = md5(`${username}:${realm}:${password}`);
      const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${md5(`${method}:${ruri}`)}`);
      authorization = `${challenge[1] === 'WWW' ? 'Authorization' : 'Proxy-Authorization'}: Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${ruri}", response="${response}", qop=auth, nc=00000001, cnonce="${cnonce}", algorithm=MD5`;
    }
  } finally {
    socket.close();
  }
}

test('Kamailio refuses guests that register or call anyone but the queue, and bad passwords', async () => {
  const guestJwt = (await (await fetch(`${server.url}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ integrationId: 'demo', customerId: 'kamailio-guest', verifiedCustomer: false }),
  })).json()).jwt;
  const credentials = await (await fetch(`${server.url}/v1/sip/credentials`, { method: 'POST', headers: { authorization: `Bearer ${guestJwt}` } })).json();
  assert.equal(credentials.wsUrl, kamailio.wsUrl);
  const base = { wsUrl: kamailio.wsUrl, username: credentials.username, password: credentials.password };
  assert.equal(await sipRequest({ ...base, method: 'REGISTER', ruri: 'sip:omni.local', to: 'sip:support@omni.local' }), 403);
  assert.equal(await sipRequest({ ...base, method: 'INVITE', ruri: 'sip:someone-else@omni.local', to: 'sip:someone-else@omni.local' }), 403);
  assert.ok([401, 407].includes(await sipRequest({ ...base, password: 'wrong', method: 'INVITE', ruri: 'sip:support@omni.local', to: 'sip:support@omni.local' })));
  assert.equal(await sipRequest({ ...base, method: 'INVITE', ruri: 'sip:support@omni.local', to: 'sip:support@omni.local' }), 480, 'the queue is allowed; nobody is registered yet');
});

test('a guest calls from the demo page and the agent answers, through Kamailio', async () => {
  const { agent, guest, problems } = await openDemo(browser, server.url);
  await guestWrites(guest, 'About my order, calling now');
  try {
    await clickToCall(guest, agent);
  } catch (error) {
    throw new Error(`${error.message}\n--- kamailio ---\n${kamailio.output().slice(-3000)}`);
  }
  // Through Kamailio the widget itself names the conversation; the console opens it beside the call.
  await conversationBesideCall(agent, 'About my order, calling now');
  assert.deepEqual(problems, []);
});
