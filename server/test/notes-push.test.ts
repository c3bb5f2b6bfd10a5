// Internal notes and Web Push: a customer who left (a push subscription, no live socket) gets a
// push for an agent's reply but never for a note. The push service is a fake HTTPS server on
// 127.0.0.1, as in push.test.ts; the agent's replies around the note prove deliveries ran.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
let pushService: https.Server;
let pushOrigin: string;
let certDir: string;
/** Paths the fake push service was sent to, in arrival order. */
const received: string[] = [];

before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'omni-note-push-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  https.globalAgent.options.ca = [...rootCertificates, cert];
  pushService = https.createServer({ cert, key: readFileSync(join(certDir, 'key.pem')) }, (request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(request.url ?? '');
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  const address = pushService.address();
  pushOrigin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  t = await startTestServer({ pushHosts: ['127.0.0.1'] });
});

after(async () => {
  await t.close();
  await new Promise((resolve) => pushService.close(resolve));
  rmSync(certDir, { recursive: true, force: true });
});

/** Waits until the push service got `count` requests for `path`; returns how many it got. */
async function pushesTo(path: string, count: number, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = received.filter((one) => one === path).length;
    if (got >= count) return got;
    if (Date.now() > deadline) throw new Error(`${got} push(es) to ${path} within ${timeoutMs} ms, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a customer with a push subscription and no live socket gets pushes for replies, none for notes', async () => {
  const customer = await t.customer(uid('ann'), 'Ann');
  const id = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0].id as string;
  const say = (jwt: string, text: string) => t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('m'), type: 'text', text } });
  assert.equal((await say(customer, 'Hello')).status, 201);
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const path = `/push/ann-${randomBytes(6).toString('hex')}`;
  const subscription = {
    endpoint: `${pushOrigin}${path}`,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
  assert.equal((await t.request('POST', '/v1/push/subscriptions', { jwt: customer, body: subscription })).status, 201);
  const agent = await t.agent(uid('erin'), ['support'], { name: 'Erin' });

  assert.equal((await say(agent, 'First reply')).status, 201);
  assert.equal(await pushesTo(path, 1), 1, 'a reply is pushed: the customer can be reached');
  for (let index = 0; index < 3; index += 1) {
    assert.equal((await t.request('POST', `/v1/conversations/${id}/notes`, { jwt: agent, body: { text: `note ${index}` } })).status, 201);
  }
  assert.equal((await say(agent, 'Second reply')).status, 201);
  await pushesTo(path, 2);
  // A push for a note would have been started before the second reply's; a little more time for a slow one.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(received.filter((one) => one === path).length, 2, 'exactly the two replies, no note');
});
