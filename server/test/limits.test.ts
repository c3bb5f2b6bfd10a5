// Limits on a real server, each set explicitly: requests per IP address and per token (429 with
// Retry-After; the API key and /healthz exempt), concurrent WebSockets per address, and the demo's
// agent token handed to loopback only unless the server opts in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { optionsFromEnv, resolveConfig } from '../config.js';
import { startTestServer } from './harness.js';

test('defaults are generous and read from the environment', () => {
  const defaults = resolveConfig({});
  assert.deepEqual(
    [defaults.rateLimitPerIp, defaults.rateLimitPerToken, defaults.rateLimitWindowMs, defaults.maxSocketsPerIp, defaults.demoOpenAgent, defaults.requestTimeoutMs],
    [6000, 1200, 60000, 100, false, 30000],
  );
  const fromEnv = optionsFromEnv({
    OMNI_RATE_LIMIT_PER_IP: '50', OMNI_RATE_LIMIT_PER_TOKEN: '7', OMNI_MAX_SOCKETS_PER_IP: '3', OMNI_REQUEST_TIMEOUT_MS: '5000',
    OMNI_IDLE_TIMEOUT_MS: '9000', OMNI_DEMO_OPEN_AGENT: '1', OMNI_TRUST_PROXY: '10.0.0.0/8, 192.168.0.1',
  });
  assert.deepEqual(fromEnv, {
    rateLimitPerIp: 50, rateLimitPerToken: 7, maxSocketsPerIp: 3, requestTimeoutMs: 5000, idleTimeoutMs: 9000, demoOpenAgent: true, trustProxy: ['10.0.0.0/8', '192.168.0.1'],
  });
  assert.throws(() => optionsFromEnv({ OMNI_RATE_LIMIT_PER_IP: 'lots' }), /OMNI_RATE_LIMIT_PER_IP/);
});

test('requests per token: the sixth of five is 429 rate-limited with Retry-After; another token is unaffected', async () => {
  const t = await startTestServer({ rateLimitPerToken: 5, rateLimitPerIp: 1000 });
  try {
    const ann = await t.customer();
    for (let i = 0; i < 5; i += 1) assert.equal((await t.request('GET', '/v1/conversations', { jwt: ann })).status, 200);
    const limited = await t.request('GET', '/v1/conversations', { jwt: ann });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await t.request('GET', '/v1/conversations', { jwt: await t.customer() })).status, 200);
  } finally {
    await t.close();
  }
});

test('requests per address: unauthenticated traffic is cut at the limit; the API key and /healthz are not', async () => {
  const t = await startTestServer({ rateLimitPerIp: 10, rateLimitWindowMs: 60000 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await t.request('GET', '/v1/integrations/demo/settings')).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.deepEqual(statuses.slice(10), [429, 429]);
    assert.equal((await t.request('GET', '/v1/push/vapid-public-key')).status, 429, 'every route of the address');
    assert.equal((await t.request('POST', '/v1/tokens', { headers: { authorization: 'Bearer wrong-key' }, body: {} })).status, 429, 'a wrong API key counts');
    assert.ok(await t.customer(), 'the site backend (API key) still mints tokens');
    assert.equal((await t.request('GET', '/healthz')).status, 200);
  } finally {
    await t.close();
  }
});

test('requests per address: the window resets', async () => {
  const t = await startTestServer({ rateLimitPerIp: 2, rateLimitWindowMs: 500 });
  try {
    for (let i = 0; i < 2; i += 1) assert.equal((await t.request('GET', '/v1/push/vapid-public-key')).status, 200);
    assert.equal((await t.request('GET', '/v1/push/vapid-public-key')).status, 429);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await t.request('GET', '/v1/push/vapid-public-key')).status, 200);
  } finally {
    await t.close();
  }
});

/** Opens a WebSocket; resolves with it once open, or with the HTTP status that refused it. */
function tryOpen(url: string, protocol?: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

test('concurrent WebSockets per address are capped (events and SIP together); closing one makes room', async () => {
  const t = await startTestServer({ maxSocketsPerIp: 3 });
  try {
    const base = t.url.replace('http', 'ws');
    const open = [await tryOpen(`${base}/v1/events`), await tryOpen(`${base}/v1/events`), await tryOpen(`${base}/sip`, 'sip')];
    assert.ok(open.every((socket) => socket instanceof WebSocket));
    assert.equal(await tryOpen(`${base}/v1/events`), 429);
    assert.equal(await tryOpen(`${base}/sip`, 'sip'), 429);
    const first = open[0] as WebSocket;
    first.close();
    await new Promise((resolve) => first.once('close', resolve));
    let again: WebSocket | number = 0;
    for (let tries = 0; !(again instanceof WebSocket) && tries < 20; tries += 1) {
      again = await tryOpen(`${base}/v1/events`);
      if (!(again instanceof WebSocket)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(again instanceof WebSocket, 'a slot is free again');
    for (const socket of [...open.slice(1), again]) (socket as WebSocket).close();
    assert.equal((await t.request('GET', '/healthz')).status, 200, 'plain HTTP is not counted');
  } finally {
    await t.close();
  }
});

test('POST /demo/agent-token answers loopback only, unless demoOpenAgent', async () => {
  const closed = await startTestServer({ demo: true });
  const open = await startTestServer({ demo: true, demoOpenAgent: true });
  try {
    const local = await closed.request('POST', '/demo/agent-token');
    assert.equal(local.status, 200, 'the demo console on 127.0.0.1 keeps working');
    assert.ok(local.body.jwt);
    for (const remoteAddress of ['203.0.113.9', '::ffff:198.51.100.7', '2001:db8::1', '10.0.0.127']) {
      const stranger = await closed.server.app.inject({ method: 'POST', url: '/demo/agent-token', remoteAddress });
      assert.equal(stranger.statusCode, 403, remoteAddress);
      assert.equal(stranger.json().error.code, 'forbidden');
    }
    for (const remoteAddress of ['::1', '127.0.0.2', '::ffff:127.0.0.1']) {
      assert.equal((await closed.server.app.inject({ method: 'POST', url: '/demo/agent-token', remoteAddress })).statusCode, 200, remoteAddress);
    }
    assert.equal((await open.server.app.inject({ method: 'POST', url: '/demo/agent-token', remoteAddress: '203.0.113.9' })).statusCode, 200);
    assert.equal((await closed.server.app.inject({ method: 'POST', url: '/demo/guest-token', remoteAddress: '203.0.113.9' })).statusCode, 200, 'guests are not affected');
  } finally {
    await closed.close();
    await open.close();
  }
});
