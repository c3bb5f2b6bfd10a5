// Web Push against a real server: agent replies to customers without a live events socket reach a
// fake push service (an HTTPS server on 127.0.0.1 standing in for the browser vendor's) signed with
// the server's VAPID key and encrypted for the browser (aes128gcm, decrypted here with keys made
// like a browser's); subscriptions the service reports gone are deleted; bad bodies get 400.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';

/** One request the fake push service received. */
interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let t: TestServer;
let pushService: https.Server;
let pushOrigin: string;
let certDir: string;
const received: PushRequest[] = [];

before(async () => {
  // The push service speaks HTTPS (web-push sends nothing else): a self-signed certificate the test trusts.
  certDir = mkdtempSync(join(tmpdir(), 'omni-push-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  https.globalAgent.options.ca = [...rootCertificates, cert];
  pushService = https.createServer({ cert, key: readFileSync(join(certDir, 'key.pem')) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      // Like a real service: 201 Created; `gone-` endpoints were unsubscribed; `broken-` ones fail.
      response.writeHead(path.includes('/gone-') ? 410 : path.includes('/broken-') ? 500 : 201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  const address = pushService.address();
  pushOrigin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The fake push service is on 127.0.0.1: allow it as the deployment would allow the real ones.
  t = await startTestServer({ pushHosts: ['127.0.0.1'] });
});

after(async () => {
  await t.close();
  await new Promise((resolve) => pushService.close(resolve));
  rmSync(certDir, { recursive: true, force: true });
});

/** A browser's side of a subscription: its P-256 key pair and auth secret, and the endpoint it was given. */
interface Browser {
  ecdh: ECDH;
  auth: Buffer;
  endpoint: string;
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

function browser(name: string): Browser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const endpoint = `${pushOrigin}/push/${name}-${randomBytes(6).toString('hex')}`;
  return { ecdh, auth, endpoint, json: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } } };
}

/** RFC 8291 on the receiving side: the single aes128gcm record of a push, decrypted with the browser's keys. */
function decrypt(body: Buffer, receiver: Browser): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const senderKey = body.subarray(21, 21 + body[20]!);
  const record = body.subarray(21 + body[20]!);
  assert.equal(senderKey.length, 65, 'the header carries the sender\'s P-256 public key');
  assert.ok(record.length <= recordSize, 'one record');
  const info = (label: string) => Buffer.from(`Content-Encoding: ${label}\0`);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', receiver.ecdh.computeSecret(senderKey), receiver.auth, keyInfo, 32));
  const key = Buffer.from(hkdfSync('sha256', ikm, salt, info('aes128gcm'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, info('nonce'), 12));
  const decipher = createDecipheriv('aes-128-gcm', key, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (padded[end] === 0) end -= 1;
  assert.equal(padded[end], 2, 'the last record ends with the 0x02 delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>`: ES256 by the server's key, for this push service, not expired. */
function assertVapid(authorization: string | undefined, publicKey: string, audience: string): Record<string, unknown> {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  assert.ok(match, `a VAPID Authorization header, got ${authorization}`);
  const [, jwt, key] = match;
  assert.equal(key, publicKey, 'k is the server\'s VAPID public key');
  const [header, claims, signature] = jwt!.split('.') as [string, string, string];
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { typ: 'JWT', alg: 'ES256' });
  const point = Buffer.from(publicKey, 'base64url');
  const verifier = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  assert.ok(
    verify('sha256', Buffer.from(`${header}.${claims}`), { key: verifier, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
    'the JWT is signed with the VAPID private key',
  );
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>;
  assert.equal(payload.aud, audience, 'aud is the push service origin');
  const now = Date.now() / 1000;
  assert.ok(typeof payload.exp === 'number' && payload.exp > now && payload.exp <= now + 24 * 3600, 'exp is in the future, within 24 h');
  return payload;
}

/** Waits for the push service's requests to `endpoint` to number `count`. */
async function pushesTo(endpoint: string, count = 1, timeoutMs = 5000): Promise<PushRequest[]> {
  const path = new URL(endpoint).pathname;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = received.filter((request) => request.path === path);
    if (mine.length >= count) return mine;
    if (Date.now() > deadline) throw new Error(`${mine.length} push(es) to ${path} within ${timeoutMs} ms, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The customer's conversation, started with a first message (a page view alone creates none, and agents see none). */
async function startedConversation(jwt: string): Promise<string> {
  const conversationId = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  const hello = await t.request('POST', `/v1/conversations/${conversationId}/messages`, { jwt, body: { clientMessageId: uid('hello'), type: 'text', text: 'Hello' } });
  assert.equal(hello.status, 201);
  return conversationId;
}

/** A customer with a subscribed browser, and its conversation. */
async function subscribedCustomer(name: string, pageUrl?: string) {
  const jwt = await t.customer(uid(name), name);
  const conversationId = await startedConversation(jwt);
  const device = browser(name);
  const saved = await t.request('POST', '/v1/push/subscriptions', { jwt, body: { ...device.json, ...(pageUrl ? { pageUrl } : {}) } });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  return { jwt, conversationId, device };
}

let agentJwt: string;
async function agentSays(conversationId: string, text: string): Promise<void> {
  agentJwt ??= await t.agent('erin', ['support']);
  const sent = await t.request('POST', `/v1/conversations/${conversationId}/messages`, {
    jwt: agentJwt, body: { clientMessageId: uid('m'), type: 'text', text },
  });
  assert.equal(sent.status, 201);
}

test('an agent reply reaches a customer who has left: VAPID-signed and encrypted for the browser', async () => {
  const { publicKey } = (await t.request('GET', '/v1/push/vapid-public-key')).body as { publicKey: string };
  assert.equal(Buffer.from(publicKey, 'base64url').length, 65, 'an uncompressed P-256 point');
  assert.equal(publicKey, JSON.parse(readFileSync(join(t.dataDir, 'secrets.json'), 'utf8')).vapidPublicKey, 'kept with the secrets');

  const ann = await subscribedCustomer('ann', 'https://shop.example/support');
  const long = `**Hi Ann**, your [bike](https://shop.example/bikes/1) is ready. ${'We trued the wheels and bled the brakes. '.repeat(5)}`;
  await agentSays(ann.conversationId, long);
  const [push] = await pushesTo(ann.device.endpoint);

  assert.equal(push!.headers['content-encoding'], 'aes128gcm');
  assert.equal(push!.headers.ttl, '86400');
  assert.equal(push!.headers.urgency, 'high');
  const claims = assertVapid(push!.headers.authorization as string, publicKey, pushOrigin);
  assert.equal(claims.sub, 'mailto:push@omni.local');
  assert.ok(!push!.body.includes(Buffer.from('Hi Ann')), 'the payload is not readable on the wire');

  const payload = JSON.parse(decrypt(push!.body, ann.device));
  const events = (await t.request('GET', `/v1/conversations/${ann.conversationId}/events?after=0`, { jwt: ann.jwt })).body.events;
  assert.deepEqual(payload, {
    type: 'omni-message',
    conversationId: ann.conversationId,
    seq: events.at(-1).seq,
    author: 'Erin',
    preview: payload.preview,
    url: 'https://shop.example/support',
  });
  assert.ok(payload.preview.startsWith('Hi Ann, your bike is ready. We trued the wheels'), payload.preview);
  assert.ok(Array.from(payload.preview as string).length <= 120, 'truncated to 120 characters');
  assert.ok(payload.preview.endsWith('…'));
});

test('only customers without a live events socket get pushes, and never of their own messages', async () => {
  const bob = await subscribedCustomer('bob');
  const carol = await subscribedCustomer('carol');
  const socket = await openSocket(t.url, bob.jwt);
  await socket.next('welcome');

  await agentSays(bob.conversationId, 'Bob is online: the socket brings this one');
  assert.equal((await socket.next('event')).event.type, 'participant.joined');
  assert.equal((await socket.next('event')).event.type, 'message');
  await t.request('POST', `/v1/conversations/${bob.conversationId}/messages`, {
    jwt: bob.jwt, body: { clientMessageId: uid('m'), type: 'text', text: 'my own message' },
  });
  // Carol has no socket: her push arriving shows the deliveries ran; Bob's endpoint stayed quiet.
  await agentSays(carol.conversationId, 'Carol is away');
  await pushesTo(carol.device.endpoint);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(received.filter((request) => request.path === new URL(bob.device.endpoint).pathname).length, 0);

  // Bob leaves: the next reply comes by push.
  socket.socket.close();
  await socket.closed;
  await new Promise((resolve) => setTimeout(resolve, 100));
  await agentSays(bob.conversationId, 'Bob left');
  const [push] = await pushesTo(bob.device.endpoint);
  assert.equal(JSON.parse(decrypt(push!.body, bob.device)).preview, 'Bob left');
});

test('a subscription the push service reports gone (410) is deleted; a failing one is kept', async () => {
  const jwt = await t.customer(uid('dan'), 'Dan');
  const conversationId = await startedConversation(jwt);
  const gone = browser('gone-dan');
  const broken = browser('broken-dan');
  for (const device of [gone, broken]) assert.equal((await t.request('POST', '/v1/push/subscriptions', { jwt, body: device.json })).status, 201);

  await agentSays(conversationId, 'first');
  await pushesTo(gone.endpoint);
  await pushesTo(broken.endpoint);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await agentSays(conversationId, 'second');
  await pushesTo(broken.endpoint, 2);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal((await pushesTo(gone.endpoint)).length, 1, 'no push to a gone subscription');
  assert.equal((await t.request('DELETE', '/v1/push/subscriptions', { jwt, body: { endpoint: gone.endpoint } })).status, 404, 'already deleted');
  assert.equal((await t.request('DELETE', '/v1/push/subscriptions', { jwt, body: { endpoint: broken.endpoint } })).status, 204, 'a 500 is not a reason to drop it');
});

test('subscription bodies are validated, only customers subscribe, and each deletes only its own', async () => {
  const jwt = await t.customer(uid('eve'), 'Eve');
  const device = browser('eve');
  const bad: Array<[string, unknown]> = [
    ['no keys', { endpoint: device.endpoint }],
    ['an http endpoint', { ...device.json, endpoint: 'http://push.example/abc' }],
    ['not a URL', { ...device.json, endpoint: 'push service' }],
    ['a short auth secret', { ...device.json, keys: { ...device.json.keys, auth: randomBytes(8).toString('base64url') } }],
    ['a p256dh that is no P-256 point', { ...device.json, keys: { ...device.json.keys, p256dh: Buffer.alloc(65, 7).toString('base64url') } }],
    ['an unknown property', { ...device.json, tracking: true }],
    ['a javascript: page', { ...device.json, pageUrl: 'javascript:alert(1)' }],
    ['not an object', [device.json]],
    ['an endpoint on a host that is no push service (the server would POST to it)', { ...device.json, endpoint: 'https://10.0.0.1/internal-admin' }],
    ['an endpoint on localhost', { ...device.json, endpoint: 'https://localhost:8080/v1/tokens' }],
  ];
  for (const [what, body] of bad) {
    const response = await t.request('POST', '/v1/push/subscriptions', { jwt, body });
    assert.equal(response.status, 400, `${what}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error.code, 'invalid-request');
  }
  assert.equal((await t.request('POST', '/v1/push/subscriptions', { body: device.json })).status, 401);
  assert.equal((await t.request('POST', '/v1/push/subscriptions', { jwt: await t.agent(), body: device.json })).status, 403);

  assert.equal((await t.request('POST', '/v1/push/subscriptions', { jwt, body: device.json })).status, 201);
  const mallory = await t.customer(uid('mallory'), 'Mallory');
  assert.equal((await t.request('DELETE', '/v1/push/subscriptions', { jwt: mallory, body: { endpoint: device.endpoint } })).status, 404);
  assert.equal((await t.request('DELETE', '/v1/push/subscriptions', { jwt, body: { endpoint: device.endpoint } })).status, 204);
});

test('a customer keeps at most 10 subscribed browsers (the newest)', async () => {
  const jwt = await t.customer(uid('fay'), 'Fay');
  const conversationId = await startedConversation(jwt);
  const devices = Array.from({ length: 11 }, (_, index) => browser(`fay${index}`));
  for (const device of devices) assert.equal((await t.request('POST', '/v1/push/subscriptions', { jwt, body: device.json })).status, 201);
  await agentSays(conversationId, 'to every browser');
  for (const device of devices.slice(1)) await pushesTo(device.endpoint);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(received.filter((request) => request.path === new URL(devices[0]!.endpoint).pathname).length, 0, 'the oldest was dropped');
});
