// HTTP against hostile clients: refused WebSocket upgrades give their descriptor back (a real
// server process, counted in /proc/<pid>/fd), slow-loris headers and bodies are cut, credentials
// hidden in percent-encoded query keys are refused, and malformed uploads get a 4xx, never a 5xx.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { resolveConfig } from '../config.js';
import { hasCredentialInQuery } from '../auth/caller.js';
import { openSocket, startTestServer, type TestServer } from './harness.js';
import { oneShot, rawExchange, upgradeRequest } from './raw-http.js';
import { startServerProcess } from './server-process.js';

let t: TestServer;
before(async () => { t = await startTestServer({ requestTimeoutMs: 1000 }); });
after(async () => { await t.close(); });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('1,100 refused upgrades (?token=x and friends) give every descriptor back; /healthz still answers', { timeout: 60000 }, async () => {
  const server = await startServerProcess();
  try {
    assert.equal((await oneShot(server.url, 'GET', '/healthz', {})).status, 200);
    await sleep(100);
    const baseline = server.descriptors();
    const refused = [
      upgradeRequest('/v1/events?token=x'),
      upgradeRequest('/v1/events?%74oken=x'),
      upgradeRequest('/sip?access_token=x', ['Sec-WebSocket-Protocol: sip']),
      upgradeRequest('/no-such-socket'),
      upgradeRequest('/v1/events', ['Sec-WebSocket-Version: 99']),
      // Refused by fastify's router before any hook runs (a bad escape, an over-long parameter).
      upgradeRequest('/v1/conversations/%zz'),
      upgradeRequest(`/v1/conversations/${'x'.repeat(200)}`),
      // Node never hands an upgrade's body to the server: a POST upgrade must not wait for one.
      upgradeRequest('/v1/tokens', ['Content-Type: application/json', 'Content-Length: 10']).replace(/^GET/, 'POST') + '{"a',
    ];
    let answered = 0;
    let closedByServer = 0;
    for (let batch = 0; batch < 22; batch += 1) {
      const results = await Promise.all(Array.from({ length: 50 }, (_, index) => rawExchange(server.port, refused[(batch * 50 + index) % refused.length]!, { timeoutMs: 3000 })));
      answered += results.filter((result) => result.status !== undefined && result.status >= 400 && result.status < 500).length;
      closedByServer += results.filter((result) => result.serverClosed).length;
    }
    assert.equal(answered, 1100, 'every refused upgrade got a 4xx');
    assert.equal(closedByServer, 1100, 'and the server closed every one of them');
    let descriptors = server.descriptors();
    for (let waited = 0; descriptors > baseline + 5 && waited < 3000; waited += 100) {
      await sleep(100);
      descriptors = server.descriptors();
    }
    assert.ok(descriptors <= baseline + 5, `descriptors back near baseline: ${descriptors} (baseline ${baseline})`);
    assert.equal((await oneShot(server.url, 'GET', '/healthz', {})).status, 200);
  } finally {
    await server.stop();
  }
});

test('URLs the router refuses get the usual JSON error', async () => {
  const badEscape = await t.request('GET', '/v1/conversations/%zz');
  assert.equal(badEscape.status, 400);
  assert.equal(badEscape.body.error.code, 'invalid-request');
  const tooLong = await t.request('GET', `/v1/conversations/${'x'.repeat(200)}`);
  assert.equal(tooLong.status, 414);
  assert.equal(tooLong.body.error.code, 'invalid-request');
});

test('timeouts default to 30 s and reach the HTTP server', async () => {
  const config = resolveConfig({});
  assert.equal(config.requestTimeoutMs, 30000);
  assert.equal(t.server.app.server.requestTimeout, 1000);
  assert.ok(t.server.app.server.headersTimeout <= 1000);
});

test('a body that never completes is cut with 408 within the request timeout, even when it trickles', async () => {
  // With the API key: an unauthenticated request is refused (401) before its body is read at all.
  const head = `POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"integrationId":`;
  const stalled = await rawExchange(t.server.port, head, { timeoutMs: 6000 });
  assert.ok(stalled.serverClosed, 'the server closed a stalled body');
  assert.equal(stalled.status, 408);
  assert.ok(stalled.ms < 3000, `cut after ${stalled.ms} ms`);
  const trickling = await rawExchange(t.server.port, head, { trickle: Array.from({ length: 40 }, (): string => ' '), everyMs: 100, timeoutMs: 6000 });
  assert.ok(trickling.serverClosed && trickling.ms < 3000, `a slow-loris body is cut too (after ${trickling.ms} ms)`);
  const headers = await rawExchange(t.server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', { trickle: Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`), everyMs: 100, timeoutMs: 6000 });
  assert.ok(headers.serverClosed && headers.ms < 3000, `slow headers are cut too (after ${headers.ms} ms)`);
});

test('WebSockets outlive the request timeout', async () => {
  const socket = await openSocket(t.url, await t.customer());
  await socket.next('welcome');
  await sleep(2200);
  socket.send({ type: 'ping', id: 'later' });
  assert.deepEqual(await socket.next('pong'), { type: 'pong', id: 'later' });
  socket.socket.close();
});

test('credential names in the query string are refused however they are encoded', async () => {
  for (const query of ['%74oken=x', 'a=1&%74oken=x', '%2574oken=x', 'ToKeN=x', 'access-token=x', 'acc%65ss_token=x', '%6a%77%74=x', 'token[]=x', '+token=x', '%74oken%3Dx', 'x=1;token=x']) {
    assert.equal(hasCredentialInQuery(`/v1/conversations?${query}`), true, query);
    const response = await t.request('GET', `/v1/conversations?${query}`);
    assert.equal(response.status, 400, query);
    assert.equal(response.body.error.code, 'invalid-request');
  }
  for (const query of ['a=token', 'tokens=1', 'limit=5', '%zz=1', 'token']) assert.equal(hasCredentialInQuery(`/v1/x?${query}`), false, query);
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events?%74oken=x`);
  const refused = await new Promise<number>((resolve) => ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
  assert.equal(refused, 400);
});

/** POSTs a raw multipart body with `contentType` to /v1/attachments. */
async function rawUpload(jwt: string, contentType: string, body: Buffer | string) {
  return oneShot(t.url, 'POST', '/v1/attachments', { authorization: `Bearer ${jwt}`, 'content-type': contentType }, body);
}

test('malformed multipart bodies and truncated file headers get a 4xx, never a 5xx', async () => {
  const jwt = await t.customer();
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  const field = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="conversationId"\r\n\r\n${id}\r\n`;
  const long = 'b'.repeat(5000);
  const cases: Array<[string, string, string | Buffer]> = [
    ['no boundary', 'multipart/form-data', `${field('x')}--x--\r\n`],
    ['empty boundary', 'multipart/form-data; boundary=', 'garbage'],
    ['5,000-character boundary', `multipart/form-data; boundary=${long}`, `${field(long)}--${long}--\r\n`],
    ['cut off in a header', 'multipart/form-data; boundary=x', `${field('x')}--x\r\nContent-Disposition: form-da`],
    ['no closing delimiter', 'multipart/form-data; boundary=x', `${field('x')}--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG`],
  ];
  for (const [name, contentType, body] of cases) {
    const { status } = await rawUpload(jwt, contentType, body);
    assert.ok(status >= 400 && status < 500, `${name}: ${status}`);
  }
  const truncated: Record<string, number[]> = {
    'TIFF (II)': [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01],
    'TIFF (MM)': [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x05],
    'EBML (WebM/Matroska)': [0x1a, 0x45, 0xdf, 0xa3, 0x93, 0x42, 0x82, 0x88],
    'EBML, longer': [0x1a, 0x45, 0xdf, 0xa3, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1f, 0x42, 0x86, 0x81],
  };
  for (const [name, bytes] of Object.entries(truncated)) {
    const form = new FormData();
    form.append('conversationId', id);
    form.append('file', new Blob([Buffer.from(bytes)], { type: 'application/octet-stream' }), 'cut.bin');
    const response = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    assert.equal(response.status, 415, name);
  }
});
