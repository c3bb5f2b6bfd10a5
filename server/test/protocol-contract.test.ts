// The one protocol contract (src/core/contract/): the generated client types are current, the widget's
// code imports no schema, socket frames are checked by the contract's schemas, and what a real server
// answers on each route and pushes on the socket is what the contract says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CloseCode,
  ErrorResponse,
  GENERATED_TYPES_PATH,
  Routes,
  ServerFrame,
  generatedProtocolTypes,
  type RouteKey,
} from '../../src/core/contract/index.js';
import { compileSchema } from '../http/validation.js';
import { parseClientFrame } from '../ws/client-frames.js';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the contract and the generated types', () => {
  test('src/core/protocol.generated.ts is what the contract generates (run npm run protocol:types after a change)', () => {
    const current = readFileSync(join(root, GENERATED_TYPES_PATH), 'utf8');
    assert.ok(current === generatedProtocolTypes(), `${GENERATED_TYPES_PATH} is stale: npm run build -w server && npm run protocol:types`);
  });

  test("the widget's code imports no schema: only the generated types and the contract's plain constants", () => {
    const offenders = sources(join(root, 'src'))
      .filter((path) => !relative(root, path).startsWith('src/core/contract/') && !path.endsWith('.test.ts'))
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        return /from ['"]@sinclair\/typebox/.test(text) || /from ['"][^'"]*contract\/(?!constants\.js)[^'"]*['"]/.test(text);
      });
    assert.deepEqual(offenders, []);
    const constants = readFileSync(join(root, 'src/core/contract/constants.ts'), 'utf8');
    assert.doesNotMatch(constants, /^import /m, 'constants.ts stays free of imports (the browser loads it)');
    assert.doesNotMatch(readFileSync(join(root, GENERATED_TYPES_PATH), 'utf8'), /^import /m);
  });
});

describe('events-socket frames are checked by the contract', () => {
  const parse = (frame: unknown, isBinary = false) =>
    parseClientFrame(Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame)), isBinary);

  test('valid frames pass (unknown properties are ignored, as a newer client may send more)', () => {
    assert.deepEqual(parse({ type: 'auth', jwt: 'a.b.c' }), { type: 'auth', jwt: 'a.b.c' });
    assert.deepEqual(parse({ type: 'ping', id: '7' }), { type: 'ping', id: '7' });
    assert.deepEqual(parse({ type: 'pong' }), { type: 'pong' });
    const typing = { type: 'typing', conversationId: `conv_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, active: true, extra: 1 };
    assert.equal((parse(typing) as { type: string }).type, 'typing');
  });

  test('malformed frames yield a message naming what is wrong', () => {
    const cases: Array<[unknown, RegExp, boolean?]> = [
      ['{"type":"ping"}', /JSON text/, true],
      ['x'.repeat(16 * 1024 + 1), /too large/],
      ['{not json', /JSON text/],
      [[1, 2], /JSON object/],
      [{ jwt: 'x' }, /Invalid frame: must have required property 'type'/],
      [{ type: 7 }, /Invalid frame\/type/],
      [{ type: 'ping', id: 'x'.repeat(65) }, /Invalid frame\/id/],
      [{ type: 'ping', id: 5 }, /Invalid frame\/id/],
      [{ type: 'subscribe' }, /Unknown frame type "subscribe"/],
      [{ type: '__proto__' }, /Unknown frame type/],
      [{ type: 'auth' }, /Invalid auth frame: must have required property 'jwt'/],
      [{ type: 'auth', jwt: '' }, /Invalid auth frame\/jwt/],
      [{ type: 'auth', jwt: 'x'.repeat(8193) }, /Invalid auth frame\/jwt/],
      [{ type: 'typing', conversationId: 'conv_x', active: true }, /Invalid typing frame\/conversationId/],
      [{ type: 'typing', conversationId: `conv_${'a'.repeat(36)}`, active: 'yes' }, /Invalid typing frame\/active/],
    ];
    for (const [frame, message, isBinary] of cases) {
      const result = parse(frame, isBinary);
      assert.equal(typeof result, 'string', JSON.stringify(frame).slice(0, 80));
      assert.match(result as string, message);
    }
  });
});

describe('a real server answers what the contract says', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => { await t.close(); });

  const apiKey = () => ({ authorization: `Bearer ${t.apiKey}` });
  const errorShape = compileSchema(ErrorResponse);

  /** Calls a route of the table and checks the response against its schema. */
  async function call(key: RouteKey, path: string, options: { jwt?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<any> {
    const method = key.slice(0, key.indexOf(' '));
    const response = await t.request(method, path, options);
    assert.ok(response.status < 300, `${key}: ${response.status} ${JSON.stringify(response.body)}`);
    const check = compileSchema(Routes[key].response);
    assert.ok(check(response.body), `${key} answered outside the contract: ${JSON.stringify(check.errors)} in ${JSON.stringify(response.body)}`);
    return response.body;
  }

  test('tokens, conversations, every message type, pages, lifecycle', async () => {
    const guest = await call('POST /v1/tokens', '/v1/tokens', {
      headers: apiKey(),
      body: { integrationId: 'demo', customerId: uid('guest'), verifiedCustomer: false, displayName: 'Zoë 🦊' },
    });
    const agentId = uid('agent');
    await call('PUT /v1/agents/:id', `/v1/agents/${agentId}`, { headers: apiKey(), body: { name: 'Erin', queues: ['support', 'sales'] } });
    const agent = await call('POST /v1/agent-tokens', '/v1/agent-tokens', { headers: apiKey(), body: { agentId, queues: ['support'] } });
    const list = await call('GET /v1/conversations', '/v1/conversations', { jwt: guest.jwt });
    const id = list.conversations[0].id as string;
    const base = `/v1/conversations/${id}`;
    const send = (jwt: string, body: Record<string, unknown>) =>
      call('POST /v1/conversations/:id/messages', `${base}/messages`, { jwt, body: { clientMessageId: uid('m'), ...body } });
    const first = await send(guest.jwt, { type: 'text', text: 'Hi\nthere' });
    await send(guest.jwt, { type: 'leave-message', text: 'Call me', email: 'zoe@example.com', name: 'Zoë' });
    await send(agent.jwt, { type: 'text', text: 'Yes?', replyTo: first.message.id });
    const button = { type: 'url', title: 'Open', url: 'https://example.com/a' };
    await send(agent.jwt, { type: 'card', title: 'Card', text: 't', imageUrl: 'https://example.com/i.png', imageAlt: 'i', buttons: [button] });
    await send(agent.jwt, { type: 'carousel', cards: [{ title: 'One' }, { title: 'Two', buttons: [{ type: 'postback', title: 'P', payload: 'p' }] }] });
    await send(agent.jwt, { type: 'quick-replies', text: 'Pick', replies: [{ title: 'A', payload: 'a' }, { title: 'B' }] });
    await send(agent.jwt, { type: 'buttons', text: 'Go', buttons: [button] });
    // (Past the routing `queued` event and the guest's own message, which its horizon already covers.)
    await call('POST /v1/conversations/:id/read', `${base}/read`, { jwt: guest.jwt, body: { seq: 5 } });
    await call('POST /v1/conversations/:id/contact', `${base}/contact`, { jwt: guest.jwt, body: { name: 'Zoë', email: 'zoe@example.com' } });
    await call('POST /v1/conversations/:id/resolve', `${base}/resolve`, { jwt: agent.jwt });
    await call('POST /v1/conversations/:id/csat', `${base}/csat`, { jwt: guest.jwt, body: { rating: 5, comment: 'Great' } });
    await call('GET /v1/conversations/:id', base, { jwt: guest.jwt });
    await call('GET /v1/conversations/:id', base, { jwt: agent.jwt });
    await call('GET /v1/conversations', '/v1/conversations', { jwt: agent.jwt });
    const events = await call('GET /v1/conversations/:id/events', `${base}/events?after=0`, { jwt: agent.jwt });
    assert.deepEqual(
      [...new Set(events.events.map((event: { type: string }) => event.type))].sort(),
      ['contact', 'csat', 'message', 'participant.joined', 'queued', 'read', 'resolved'],
    );
    await call('GET /v1/conversations/:id/messages', `${base}/messages?limit=3`, { jwt: guest.jwt });
  });

  test('integrations, settings, SIP credentials, push key', async () => {
    const id = uid('shop');
    await call('POST /v1/integrations', '/v1/integrations', { headers: apiKey(), body: { id, name: 'Shop', queue: 'sales' } });
    await call('GET /v1/integrations', '/v1/integrations', { headers: apiKey() });
    await call('GET /v1/integrations/:id/settings', `/v1/integrations/${id}/settings`);
    const form = { enabled: true, fields: [{ name: 'name', label: 'Name', type: 'name' }, { name: 'topic', label: 'Topic', type: 'select', options: ['a', 'b'] }] };
    const hours = { timeZone: 'Europe/Berlin', weekly: { mon: [{ open: '09:00', close: '17:00' }] } };
    const saved = await call('PUT /v1/integrations/:id/settings', `/v1/integrations/${id}/settings`, {
      headers: apiKey(),
      body: { teamName: 'Shop team', avatarUrl: '/avatar.png', businessHours: hours, preChatForm: form },
    });
    assert.deepEqual(saved.settings.businessHours.holidays, [], 'defaults inside a nullable object still apply');
    assert.equal(saved.settings.preChatForm.fields[0].required, false);
    const guest = await t.customer();
    await call('POST /v1/sip/credentials', '/v1/sip/credentials', { jwt: guest });
    await call('GET /v1/push/vapid-public-key', '/v1/push/vapid-public-key');
  });

  test('agents, queues, integrations admin and presence (with its frame)', async () => {
    const id = uid('agent');
    await call('POST /v1/agents', '/v1/agents', { headers: apiKey(), body: { id, name: 'Sam', queues: ['support'], role: 'supervisor', avatarUrl: 'https://example.com/s.png' } });
    await call('PUT /v1/agents/:id', `/v1/agents/${id}`, { headers: apiKey(), body: { name: 'Sam', queues: ['support'], role: 'supervisor' } });
    await call('PATCH /v1/agents/:id', `/v1/agents/${id}`, { headers: apiKey(), body: { maxConversations: 3 } });
    await call('GET /v1/agents/:id', `/v1/agents/${id}`, { headers: apiKey() });
    await call('GET /v1/agents', '/v1/agents', { headers: apiKey() });
    const queue = uid('q');
    await call('POST /v1/queues', '/v1/queues', { headers: apiKey(), body: { name: queue } });
    await call('PATCH /v1/queues/:name', `/v1/queues/${queue}`, { headers: apiKey(), body: { routing: 'least-busy' } });
    await call('GET /v1/queues', '/v1/queues', { headers: apiKey() });
    const integration = uid('int');
    await call('POST /v1/integrations', '/v1/integrations', { headers: apiKey(), body: { id: integration, name: 'X', queue } });
    await call('PATCH /v1/integrations/:id', `/v1/integrations/${integration}`, { headers: apiKey(), body: { enabled: false } });
    const jwt = (await call('POST /v1/agent-tokens', '/v1/agent-tokens', { headers: apiKey(), body: { agentId: id } })).jwt;
    const frame = compileSchema(ServerFrame);
    const socket = await openSocket(t.url, jwt);
    await socket.next('welcome');
    assert.ok(frame(await socket.next('presence')), JSON.stringify(frame.errors));
    await call('PUT /v1/agents/me/presence', '/v1/agents/me/presence', { jwt, body: { status: 'on-break', reason: 'Lunch' } });
    await call('GET /v1/agents/me/presence', '/v1/agents/me/presence', { jwt });
    let change = await socket.next('presence');
    // A supervisor's snapshot names the other agents of its queues first.
    while (change.agent.id !== `agent:${id}` || change.presence.status !== 'on-break') change = await socket.next('presence');
    assert.ok(frame(change), JSON.stringify(frame.errors));
    assert.deepEqual([change.presence.status, change.presence.reason], ['on-break', 'Lunch']);
    socket.socket.close();
  });

  test('errors have the contract shape on every layer (schema, domain, unknown route)', async () => {
    const jwt = await t.customer();
    for (const [method, path, body] of [
      ['POST', '/v1/conversations/conv_nope/read', { seq: 1 }],
      ['POST', '/v1/tokens', { integrationId: 'demo' }],
      ['GET', `/v1/conversations/conv_${'0'.repeat(36)}`, undefined],
      ['GET', '/v1/nowhere', undefined],
    ] as const) {
      const response = await t.request(method, path, { jwt, ...(body ? { body } : {}) });
      assert.ok(response.status >= 400);
      assert.ok(errorShape(response.body), `${method} ${path}: ${JSON.stringify(response.body)}`);
    }
  });

  test('socket frames the server sends are ServerFrames; bad client frames get error frames, then close 4004', async () => {
    const frame = compileSchema(ServerFrame);
    const jwt = await t.customer();
    const socket = await openSocket(t.url, jwt);
    const conversation = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0];
    const welcome = await socket.next('welcome');
    assert.ok(frame(welcome), JSON.stringify(frame.errors));
    socket.send({ type: 'ping', id: 'p1' });
    assert.ok(frame(await socket.next('pong')));
    await t.request('POST', `/v1/conversations/${conversation.id}/messages`, { jwt, body: { clientMessageId: uid('m'), type: 'text', text: 'hello' } });
    const event = await socket.next('event');
    assert.ok(frame(event), JSON.stringify(frame.errors));
    for (let i = 0; i < 5; i += 1) {
      socket.send({ type: 'typing', conversationId: 'conv_bad', active: true });
      const error = await socket.next('error');
      assert.ok(frame(error));
      assert.equal(error.error.code, 'invalid-request');
    }
    assert.equal((await socket.closed).code, CloseCode.badFrames);
  });
});
