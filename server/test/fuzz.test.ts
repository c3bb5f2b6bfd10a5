// A seeded fuzz of the whole server surface, on a real server: REST routes (the administration of
// agents, queues and integrations, presence and agent tokens included; mutated JSON bodies, headers,
// ids, query strings, raw request framing), uploads (random multipart, cut-off file
// headers of many formats), the events socket (random frames) and the SIP edge (mutated SIP from
// unauthenticated and authenticated sockets). No response may be a 5xx, no socket may close 1011,
// nothing may reach a call's sockets, descriptors return to their baseline and the data is intact.
// The seed is printed; FUZZ_SEED=<n> replays a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import WebSocket from 'ws';
import { Random, rawRequest, restRequest, type FuzzContext, type FuzzRequest } from './fuzz-inputs.js';
import { eventsFrame, sipMessage, uploadRequest } from './fuzz-protocols.js';
import { startTestServer, type TestServer } from './harness.js';
import { oneShot, rawExchange } from './raw-http.js';
import { arrivalsSince, digestAnswer, header, openSip, placeCall, registerAgent, sipRequest } from './sip-client.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const REST_CASES = 3000;
const UPLOAD_CASES = 400;
const EVENTS_SOCKETS = 250;
const SIP_SOCKETS = 25;
const SIP_MESSAGES_PER_SOCKET = 30;
const SIP_AUTHENTICATED_MESSAGES = 300;

const descriptors = (): number => readdirSync('/proc/self/fd').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `run` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      await run(items[index]!, index);
    }
  }));
}

/** A PNG of 1x1, to have a real attachment id. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function contextOf(t: TestServer): Promise<FuzzContext> {
  const customerJwt = await t.customer();
  const conversationId = (await t.request('GET', '/v1/conversations', { jwt: customerJwt })).body.conversations[0].id as string;
  const anchor = await t.request('POST', `/v1/conversations/${conversationId}/messages`, { jwt: customerJwt, body: { clientMessageId: 'anchor', type: 'text', text: 'written before the fuzz' } });
  assert.equal(anchor.status, 201);
  const form = new FormData();
  form.append('conversationId', conversationId);
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
  const attachment = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${customerJwt}` }, body: form });
  // Records for the administration routes to change (the fuzz's own: never the SIP agent or `demo`).
  const admin = { headers: { authorization: `Bearer ${t.apiKey}` } };
  assert.equal((await t.request('POST', '/v1/queues', { ...admin, body: { name: 'fzq' } })).status, 201);
  assert.equal((await t.request('POST', '/v1/integrations', { ...admin, body: { id: 'fz', name: 'Fuzz', queue: 'fzq' } })).status, 201);
  assert.equal((await t.request('PUT', '/v1/agents/fz-agent', { ...admin, body: { name: 'Fuzz', queues: ['fzq'] } })).status, 201);
  const issuer = t.issuer();
  return {
    customerJwt,
    conversationId,
    attachmentId: ((await attachment.json()) as { id: string }).id,
    agentJwt: await t.agent(),
    apiKey: t.apiKey,
    orphanJwt: (await issuer.issueCustomer({ integrationId: 'gone', customerId: 'x', verifiedCustomer: false }, 900)).jwt,
    expiredJwt: (await issuer.issueCustomer({ integrationId: 'demo', customerId: 'x', verifiedCustomer: false }, -60)).jwt,
  };
}

test(`fuzz: REST, uploads, events socket and SIP edge (seed ${SEED})`, { timeout: 180000 }, async (context) => {
  const started = Date.now();
  context.diagnostic(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  const random = new Random(SEED);
  const t = await startTestServer({
    demo: true,
    sipSecret: 'fuzz-secret',
    pushHosts: ['push.invalid'],
    // Limits set high on purpose: this test looks for crashes, not for 429s.
    rateLimitPerIp: 1e9,
    rateLimitPerToken: 1e9,
    maxSocketsPerIp: 1e6,
  });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  try {
    const fuzz = await contextOf(t);
    // A live call: an agent registered for the queue and a customer in a dialog with it.
    const agent = await registerAgent(t.url, fuzz.agentJwt);
    const callerCredentials = (await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() })).body as { username: string; password: string };
    const call = await placeCall(t.url, agent, callerCredentials);
    const insiderCredentials = (await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() })).body as { username: string; password: string };
    await sleep(200);
    const baseline = descriptors();

    // REST: requests through Node's client, and some as raw, mutated bytes below it.
    const rest: Array<{ request: FuzzRequest; raw?: string }> = Array.from({ length: REST_CASES }, () => {
      const request = restRequest(random, fuzz);
      return random.chance(0.12) ? { request, raw: rawRequest(random, request) } : { request };
    });
    await inParallel(rest, 16, async ({ request, raw }) => {
      if (raw !== undefined) {
        const answer = await rawExchange(t.server.port, Buffer.from(raw, 'latin1'), { timeoutMs: 1500 });
        count(answer.status ?? 0);
        if ((answer.status ?? 0) >= 500) failures.push(`raw ${JSON.stringify(raw.slice(0, 300))} -> ${answer.status}`);
        return;
      }
      const { status, text } = await oneShot(t.url, request.method, request.path, request.headers, request.body);
      count(status);
      if (status >= 500) failures.push(`${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${String(request.body ?? '').slice(0, 200)} -> ${status} ${text.slice(0, 200)}`);
    });

    // Uploads.
    const uploads = Array.from({ length: UPLOAD_CASES }, () => ({
      upload: uploadRequest(random, fuzz),
      authorization: random.pick([`Bearer ${fuzz.customerJwt}`, `Bearer ${fuzz.customerJwt}`, `Bearer ${fuzz.agentJwt}`, '']),
    }));
    await inParallel(uploads, 8, async ({ upload, authorization }) => {
      const headers = { 'content-type': upload.contentType, ...(authorization ? { authorization } : {}) };
      const { status, text } = await oneShot(t.url, 'POST', '/v1/attachments', headers, upload.body);
      count(status);
      if (status >= 500) failures.push(`upload ${upload.label} (${upload.contentType.slice(0, 80)}) -> ${status} ${text.slice(0, 200)}`);
    });

    // The events socket: random frames, then we hang up.
    const closes = new Map<number, number>();
    const sockets = Array.from({ length: EVENTS_SOCKETS }, () => Array.from({ length: 1 + random.int(6) }, () => eventsFrame(random, fuzz)));
    await inParallel(sockets, 20, async (frames, index) => {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${t.url.replace('http', 'ws')}/v1/events`);
        socket.on('open', () => {
          for (const frame of frames) socket.send(frame);
          setTimeout(() => socket.close(), 150);
        });
        socket.on('unexpected-response', (_request, response) => resolve(-(response.statusCode ?? 0)));
        socket.on('close', (closeCode) => resolve(closeCode));
        socket.on('error', () => undefined);
      });
      closes.set(code, (closes.get(code) ?? 0) + 1);
      if (code === 1011 || code <= -500) failures.push(`events socket #${index} closed ${code} after ${JSON.stringify(frames.map((frame) => String(frame).slice(0, 120)))}`);
    });

    // The SIP edge: nothing from these sockets may reach the call's two sockets.
    const target = { agentContact: agent.contact, callIds: [call.callId, `reg-${agent.contact.slice(4, 14)}`] };
    const untouched = arrivalsSince(agent.client, call.customer);
    const sipBatches = Array.from({ length: SIP_SOCKETS }, () => Array.from({ length: SIP_MESSAGES_PER_SOCKET }, () => sipMessage(random, target)));
    const sipCloses: number[] = [];
    await inParallel(sipBatches, 5, async (messages) => {
      const client = await openSip(t.url);
      for (const message of messages) client.send(message);
      await sleep(100);
      client.close();
      sipCloses.push(await client.closed);
    });
    // An authenticated socket (another customer: its REGISTER is refused, but it proved who it is) is no better off.
    const insider = await openSip(t.url);
    const registerFields = { method: 'REGISTER', uri: 'sip:omni.local', callId: 'insider', to: '<sip:support@omni.local>', contact: 'sip:in@in.invalid;transport=ws' };
    insider.send(sipRequest(registerFields));
    const challenge = await insider.next('SIP/2.0 401');
    insider.send(sipRequest({ ...registerFields, cseq: 2, extra: [digestAnswer(header(challenge, 'www-authenticate')!, insiderCredentials.username, insiderCredentials.password, 'REGISTER', 'sip:omni.local')] }));
    assert.match(await insider.next('SIP/2.0 403'), /^SIP\/2\.0 403/);
    for (let i = 0; i < SIP_AUTHENTICATED_MESSAGES; i += 1) insider.send(sipMessage(random, target));
    const leaked = await untouched(500);
    insider.close();
    sipCloses.push(await insider.closed);
    if (leaked.length > 0) failures.push(`SIP reached the call's sockets: ${JSON.stringify(leaked.map((text) => text.slice(0, 200)))}`);
    if (sipCloses.includes(1011)) failures.push('a SIP socket closed 1011');
    assert.equal(t.server.app.websocketServer.clients.size >= 2, true, 'the call\'s sockets are still open');

    // Afterwards: healthy, the data intact, the registration and the call still there, descriptors back.
    assert.equal((await oneShot(t.url, 'GET', '/healthz', {})).status, 200);
    const history = await oneShot(t.url, 'GET', `/v1/conversations/${fuzz.conversationId}/messages?before=2&limit=1`, { authorization: `Bearer ${fuzz.customerJwt}` });
    assert.equal(history.status, 200);
    const [first] = (JSON.parse(history.text) as { messages: Array<{ message: { clientMessageId: string; text?: string } }> }).messages;
    assert.deepEqual([first?.message.clientMessageId, first?.message.text], ['anchor', 'written before the fuzz'], 'the message written before the fuzz is intact');
    // The agent's registration still takes calls, and the call still routes.
    const another = await placeCall(t.url, agent, (await t.request('POST', '/v1/sip/credentials', { jwt: await t.customer() })).body, false);
    another.customer.close();
    call.customer.send(sipRequest({ method: 'BYE', uri: agent.contact, callId: call.callId, cseq: 3, from: call.from, to: call.to }));
    assert.match(await agent.client.next('BYE '), new RegExp(`Call-ID: ${call.callId}`), 'the call still routes');
    agent.client.close();
    call.customer.close();
    const connections = () => new Promise<number>((resolve) => t.server.app.server.getConnections((_error, open) => resolve(open)));
    let now = descriptors();
    let open = await connections();
    // Pooled keep-alive connections of the setup's fetch calls close within undici's 4 s.
    for (let waited = 0; (now > baseline + 5 || open > 2) && waited < 6000; waited += 100) {
      await sleep(100);
      [now, open] = [descriptors(), await connections()];
    }
    const cases = REST_CASES + UPLOAD_CASES + EVENTS_SOCKETS + SIP_SOCKETS * SIP_MESSAGES_PER_SOCKET + SIP_AUTHENTICATED_MESSAGES;
    const summary = `fuzz seed ${SEED}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; HTTP statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; events closes ${JSON.stringify(Object.fromEntries(closes))}; descriptors ${baseline} -> ${now}; server connections left ${open}`;
    context.diagnostic(summary);
    assert.deepEqual(failures, [], `seed ${SEED}`);
    assert.ok(now <= baseline + 5, `descriptors back near baseline (${baseline} -> ${now}), seed ${SEED}`);
    assert.ok(open <= 2, `no connection left behind (${open} open), seed ${SEED}`);
  } finally {
    await t.close();
  }
});
