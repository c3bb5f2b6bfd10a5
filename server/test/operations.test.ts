// Operating the server: /readyz follows the database and Redis, /metrics moves and is not public,
// no line per request at info, and SIGTERM drains every WebSocket with 1001 within the bound
// (a peer that ignores the close is cut), then exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { openSocket } from './harness.js';
import { startRedis } from './redis-server.js';
import { agentToken, call, customerToken, postText, startScaleOut } from './scale-out.js';
import { startServerProcess } from './server-process.js';

/** The value of one sample in a Prometheus text page (`name` with the label text as printed), or undefined. */
function sample(page: string, name: string, labels = ''): number | undefined {
  const line = page.split('\n').find((text) => text.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('/readyz names Redis when it is away and recovers with it; meanwhile posting works, and sockets are told to re-read heads', async () => {
  const redis = await startRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-readyz-'));
  // Two processes on one SQLite file: the guest's socket on one, the agent posting on the other.
  const server = await startServerProcess({ REDIS_URL: redis.url, DATA_DIR: dataDir });
  const other = await startServerProcess({ REDIS_URL: redis.url, DATA_DIR: dataDir });
  try {
    const ready = await call(server.url, 'GET', '/readyz');
    assert.deepEqual([ready.status, ready.body], [200, { status: 'ready', checks: { database: 'ok', redis: 'ok' } }]);
    const guestJwt = await customerToken(server, `guest-${Date.now()}`);
    const agentJwt = await agentToken(server, `agent-${Date.now()}`);
    const guest = await openSocket(server.url, guestJwt);
    const conversationId = (await guest.next('welcome')).conversations[0]!.id;
    await postText(server, guestJwt, conversationId, 'hello');

    await redis.stop();
    const down = await call(server.url, 'GET', '/readyz');
    assert.equal(down.status, 503);
    assert.deepEqual([down.body.status, down.body.failed, down.body.checks.database], ['unavailable', ['redis'], 'ok']);
    // Alive and serving: the database is the source of truth, the rate limit is skipped rather than failing.
    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
    const reply = await postText(other, agentJwt, conversationId, 'sent while Redis was away');

    await redis.restart();
    await until('readyz 200', async () => (await call(server.url, 'GET', '/readyz')).status === 200);
    // The bus lost that event: once Redis is back the socket gets the head, and the client fetches the gap by seq.
    let head = await guest.next('conversation', 10_000);
    // (The first one announced the conversation's creation, at seq 0.)
    while (head.conversation.lastSeq === 0) head = await guest.next('conversation', 10_000);
    assert.deepEqual(head.conversation, { id: conversationId, lastSeq: reply.seq });
    // And live delivery across processes works again.
    await until('B subscribed again', async () => (await call(other.url, 'GET', '/readyz')).status === 200);
    await postText(other, agentJwt, conversationId, 'Redis is back');
    for (;;) {
      const event = (await guest.next('event')).event;
      if (event.type === 'message' && event.seq === reply.seq + 1) break;
    }
    guest.socket.close();
  } finally {
    await server.stop();
    await other.stop();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('/metrics: sockets, messages, HTTP latency by route and bus latency across processes; loopback only, never through a proxy', async () => {
  const cluster = await startScaleOut(2);
  const [a, b] = cluster.processes as [typeof cluster.processes[0], typeof cluster.processes[0]];
  try {
    const metrics = async (server: typeof a) => {
      const response = await fetch(`${server.url}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      return response.text();
    };
    const before = await metrics(a);
    assert.equal(sample(before, 'omni_messages_appended_total'), 0);
    assert.equal(sample(before, 'omni_open_sockets', 'kind="events"'), 0);
    assert.ok((sample(before, 'omni_process_open_fds') ?? 0) > 0, 'process metrics are there');

    const guestJwt = await customerToken(a, `guest-${Date.now()}`);
    const agentJwt = await agentToken(b, `agent-${Date.now()}`);
    const guest = await openSocket(a.url, guestJwt);
    const agent = await openSocket(b.url, agentJwt);
    const conversationId = (await guest.next('welcome')).conversations[0]!.id;
    await agent.next('welcome');
    await postText(a, guestJwt, conversationId, 'one');
    await postText(a, guestJwt, conversationId, 'two');
    await agent.next('event');

    const afterA = await metrics(a);
    assert.equal(sample(afterA, 'omni_messages_appended_total'), 2);
    assert.equal(sample(afterA, 'omni_open_sockets', 'kind="events"'), 1);
    assert.equal(sample(afterA, 'omni_http_request_duration_seconds_count', 'method="POST",route="/v1/conversations/:id/messages",status="201"'), 2);
    const afterB = await metrics(b);
    assert.ok((sample(afterB, 'omni_bus_delivery_seconds_count') ?? 0) >= 2, 'B timed the deliveries it got from A');
    assert.equal(sample(afterB, 'omni_errors_total', 'source="http"'), undefined, 'no 5xx');

    // Through a proxy (even one on this machine) it is refused; so it is from elsewhere.
    const proxied = await call(a.url, 'GET', '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.deepEqual([proxied.status, proxied.body.error.code], [403, 'forbidden']);
    guest.socket.close();
    agent.socket.close();
  } finally {
    await cluster.stop();
  }
});

test('/metrics with OMNI_METRICS_TOKEN wants the bearer token; no request line is logged at info, and no token', async () => {
  const server = await startServerProcess({ OMNI_METRICS_TOKEN: 'scrape-secret', LOG_LEVEL: 'info' });
  try {
    assert.equal((await call(server.url, 'GET', '/metrics')).status, 403);
    assert.equal((await call(server.url, 'GET', '/metrics', { jwt: 'wrong-secret' })).status, 403);
    const scraped = await call<string>(server.url, 'GET', '/metrics', { jwt: 'scrape-secret' });
    assert.equal(scraped.status, 200);
    assert.match(scraped.body, /omni_messages_appended_total 0/);
    const guestJwt = await customerToken(server, `guest-${Date.now()}`);
    for (let index = 0; index < 5; index += 1) await call(server.url, 'GET', '/v1/conversations', { jwt: guestJwt });
    await call(server.url, 'GET', '/no-such-route');
    assert.doesNotMatch(server.output(), /incoming request|request completed/);
    assert.ok(!server.output().includes(guestJwt) && !server.output().includes('scrape-secret'), 'no credential in the logs');
  } finally {
    await server.stop();
  }
});

/** A WebSocket handshake on a raw TCP socket that then never answers anything (not even a close frame). */
async function deafClient(port: number): Promise<{ received: () => Buffer; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  let data = Buffer.alloc(0);
  socket.on('data', (chunk) => { data = Buffer.concat([data, chunk]); });
  socket.write(
    `GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await until('101', async () => data.includes('101 Switching Protocols'), 5000);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  return { received: () => data, closed };
}

test('SIGTERM: every WebSocket gets 1001, a peer ignoring the close is cut within the bound, new upgrades are refused, exit 0', async () => {
  const boundMs = 1500;
  const server = await startServerProcess({ OMNI_SHUTDOWN_TIMEOUT_MS: String(boundMs) });
  const guest = await openSocket(server.url, await customerToken(server, `guest-${Date.now()}`));
  await guest.next('welcome');
  const sip = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sip`, 'sip');
  await new Promise((resolve, reject) => sip.once('open', resolve).once('error', reject));
  const sipClosed = new Promise<number>((resolve) => sip.once('close', (code) => resolve(code)));
  const deaf = await deafClient(server.port);

  const signalledAt = Date.now();
  server.signal('SIGTERM');
  assert.equal((await guest.closed).code, 1001);
  assert.equal(await sipClosed, 1001);
  // While draining, a new socket is refused (a balancer sends it elsewhere).
  const late = new WebSocket(`${server.url.replace(/^http/, 'ws')}/v1/events`);
  const refused = await new Promise<number>((resolve) => {
    late.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    late.once('error', () => resolve(-1));
    late.once('open', () => resolve(101));
  });
  assert.equal(refused, 503, 'a late upgrade is refused');
  late.terminate();

  const cutAfter = (await deaf.closed) - signalledAt;
  // The deaf peer got the close frame (0x88, code 1001 = 0x03e9) and was cut at the bound, not at ws's 30 s.
  assert.ok(deaf.received().includes(Buffer.from([0x03, 0xe9])), 'a 1001 close frame was sent');
  assert.ok(cutAfter >= boundMs - 100 && cutAfter < boundMs + 2000, `cut after ${cutAfter} ms`);
  const exit = await server.exited;
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(Date.now() - signalledAt < boundMs + 3000, 'exited soon after the bound');
  await server.stop();
});
