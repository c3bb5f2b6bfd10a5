// SIP credentials, digest verification and the /sip endpoint's guards, on a real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { issueEphemeral, parseEphemeralUsername } from '../sip/credentials.js';
import { challenge, parseDigest, verifyDigest } from '../sip/digest.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer({ sipSecret: 'shared-with-kamailio' }); });
after(async () => { await t.close(); });

const md5 = (value: string) => createHash('md5').update(value).digest('hex');

function authorization(username: string, password: string, realm: string, nonce: string, method = 'INVITE', uri = 'sip:support@omni.local'): string {
  const ha1 = md5(`${username}:${realm}:${password}`);
  const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5(`${method}:${uri}`)}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="abc"`;
}

test('ephemeral credentials follow the autheph scheme and name their holder', () => {
  const participant = { id: 'customer:demo:guest-1', role: 'customer' as const };
  const { username, password, expiresAt } = issueEphemeral('s3cret', participant, 900);
  const [expiry, user] = username.split(':');
  assert.equal(Number(expiry) * 1000, expiresAt.getTime());
  assert.equal(password, createHmac('sha1', 's3cret').update(username).digest('base64'));
  assert.match(user!, /^c-[A-Za-z0-9_-]+$/);
  assert.deepEqual(parseEphemeralUsername(username)?.participant, participant);
  assert.equal(parseEphemeralUsername('123:x-abc'), undefined);
  assert.equal(parseEphemeralUsername(`123:a-${Buffer.from('customer:demo:x').toString('base64url')}`), undefined, 'role and id must agree');
});

test('digest: right answers pass; wrong, forged-nonce and expired ones do not', () => {
  const secret = 's3cret';
  const nonce = parseDigest(challenge(secret, 'omni.local'))!.nonce!;
  const good = issueEphemeral(secret, { id: 'agent:a', role: 'agent' }, 900);
  assert.equal(verifyDigest(secret, 'omni.local', 'INVITE', authorization(good.username, good.password, 'omni.local', nonce)).ok, true);
  assert.deepEqual(verifyDigest(secret, 'omni.local', 'INVITE', authorization(good.username, 'guess', 'omni.local', nonce)), { ok: false, reason: 'invalid' });
  assert.deepEqual(verifyDigest(secret, 'omni.local', 'INVITE', authorization(good.username, good.password, 'omni.local', 'made-up.nonce')), { ok: false, reason: 'stale' });
  assert.deepEqual(verifyDigest(secret, 'omni.local', 'INVITE', undefined), { ok: false, reason: 'missing' });
  const old = issueEphemeral(secret, { id: 'agent:a', role: 'agent' }, -10);
  assert.deepEqual(verifyDigest(secret, 'omni.local', 'INVITE', authorization(old.username, old.password, 'omni.local', nonce)), { ok: false, reason: 'expired' });
});

test('POST /v1/sip/credentials: guests get their queue, agents their AOR; a JWT is required', async () => {
  assert.equal((await t.request('POST', '/v1/sip/credentials')).status, 401);
  const guest = await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() });
  assert.equal(guest.status, 200);
  assert.equal(guest.body.destination, 'sip:support@omni.local');
  assert.equal(guest.body.wsUrl, `${t.url.replace('http', 'ws')}/sip`);
  assert.equal(guest.body.password, createHmac('sha1', 'shared-with-kamailio').update(guest.body.username).digest('base64'));
  const agent = await t.request('POST', '/v1/sip/credentials', { jwt: await t.agent() });
  assert.equal(agent.body.aor, 'sip:support@omni.local');
  assert.equal(agent.body.destination, undefined);
});

test('/sip wants the "sip" subprotocol and answers malformed SIP with 400', async () => {
  const plain = new WebSocket(`${t.url.replace('http', 'ws')}/sip`);
  const closed = await new Promise<number>((resolve) => plain.on('close', (code) => resolve(code)));
  assert.equal(closed, 1002);
  const sip = new WebSocket(`${t.url.replace('http', 'ws')}/sip`, 'sip');
  await new Promise((resolve) => sip.on('open', resolve));
  const reply = new Promise<string>((resolve) => sip.on('message', (data) => resolve(String(data))));
  sip.send('INVITE sip:support@omni.local SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:support@omni.local>\r\nCall-ID: 1\r\nCSeq: x INVITE\r\n\r\n');
  assert.match(await reply, /^SIP\/2\.0 400 Bad Request/);
  const unauthenticated = new Promise<string>((resolve) => sip.once('message', (data) => resolve(String(data))));
  sip.send('INVITE sip:support@omni.local SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK2\r\nMax-Forwards: 70\r\nFrom: <sip:a@omni.local>;tag=1\r\nTo: <sip:support@omni.local>\r\nCall-ID: 2\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n');
  assert.match(await unauthenticated, /^SIP\/2\.0 401[\s\S]*WWW-Authenticate: Digest realm="omni.local"/);
  sip.close();
});
