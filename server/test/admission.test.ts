// Admission control: under overload the server answers 503 with Retry-After at once rather than
// queueing, keeps answering /healthz, and recovers when the load is gone. Overload is forced
// deterministically: a limit of one request in flight, held by a request whose body has not all
// arrived; and an event loop kept busy (synchronous stretches in this process, where the server
// runs) far beyond its limit. One long task alone does not count as overload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { startTestServer, type TestServer } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `request` until `done(status)` holds (at most `boundMs`); returns the last response. */
async function until(t: TestServer, path: string, done: (status: number) => boolean, boundMs = 5000) {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const response = await t.request('GET', path);
    if (done(response.status) || Date.now() > deadline) return response;
    await sleep(10);
  }
}

test('a request beyond the in-flight limit gets 503 with Retry-After; /healthz still answers; the server recovers', async () => {
  const t = await startTestServer({ maxInFlight: 1, overloadRetryAfterSeconds: 7 });
  let held: Socket | undefined;
  try {
    // One request in flight: a token request whose body is only half sent.
    const body = JSON.stringify({ integrationId: 'demo', customerId: 'held', verifiedCustomer: false });
    held = connect(t.server.port, '127.0.0.1');
    await once(held, 'connect');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      held!.on('data', (chunk) => (text += chunk.toString('latin1')));
      held!.on('end', () => resolve(text));
      held!.on('close', () => resolve(text));
    });
    held.write(
      `POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.apiKey}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );

    const refused = await until(t, '/v1/integrations/demo/settings', (status) => status === 503);
    assert.equal(refused.status, 503, 'a second request is refused while one is in flight');
    assert.equal(refused.headers.get('retry-after'), '7');
    assert.equal(refused.body.error.code, 'server-error');
    assert.match(refused.body.error.message, /overloaded/);
    // Probes are answered whatever the load.
    assert.equal((await t.request('GET', '/healthz')).status, 200);
    assert.equal((await t.request('GET', '/readyz')).status, 200);
    // Still refused: nothing was queued behind the held request.
    assert.equal((await t.request('GET', '/v1/integrations/demo/settings')).status, 503);

    // The held request completes normally, and then the server takes work again.
    held.write(body.slice(10));
    assert.match(await answer, /^HTTP\/1\.1 201 /);
    const recovered = await until(t, '/v1/integrations/demo/settings', (status) => status !== 503);
    assert.equal(recovered.status, 200, 'served again once the in-flight request is done');
  } finally {
    held?.destroy();
    await t.close();
  }
});

test('a client that goes away frees its in-flight slot', async () => {
  const t = await startTestServer({ maxInFlight: 1 });
  try {
    const held = connect(t.server.port, '127.0.0.1');
    await once(held, 'connect');
    held.write(`POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.apiKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a"`);
    assert.equal((await until(t, '/v1/integrations/demo/settings', (status) => status === 503)).status, 503);
    held.destroy();
    assert.equal((await until(t, '/v1/integrations/demo/settings', (status) => status !== 503)).status, 200);
  } finally {
    await t.close();
  }
});

/** Blocks this process's event loop for `ms` at once. */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

test('while the event loop lags beyond its limit, requests get 503 with Retry-After; /healthz still answers; then it recovers', async () => {
  const t = await startTestServer({ maxEventLoopDelayMs: 100 });
  try {
    assert.equal((await t.request('GET', '/v1/integrations/demo/settings')).status, 200);
    // One long task (400 ms) is not overload: the next window's requests are served.
    block(400);
    await sleep(600);
    assert.equal((await t.request('GET', '/v1/integrations/demo/settings')).status, 200, 'a single long task sheds nothing');
    // Sustained lag: 250 ms busy stretches with only a moment's break in between, for 3 s (as a CPU-bound flood would).
    let busy = true;
    const flood = (async () => {
      for (const end = Date.now() + 3000; busy && Date.now() < end; ) {
        block(250);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const refused = await until(t, '/v1/integrations/demo/settings', (status) => status === 503, 3000);
    const health = await t.request('GET', '/healthz');
    busy = false;
    await flood;
    assert.equal(refused.status, 503, 'refused while the loop lags');
    assert.equal(refused.headers.get('retry-after'), '2');
    assert.equal(health.status, 200, '/healthz answers while the loop lags');
    assert.equal((await until(t, '/v1/integrations/demo/settings', (status) => status !== 503)).status, 200, 'served again once the loop keeps up');
  } finally {
    await t.close();
  }
});
