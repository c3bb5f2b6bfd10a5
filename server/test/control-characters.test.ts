// Control characters (U+0000-U+001F, U+007F) are refused by the contract's schemas in display names,
// contact names, team and integration names, emails and URLs: PostgreSQL can't store U+0000, and
// both engines must agree on what a name is. Message text keeps its line breaks and tabs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u001f', '\u007f', '\n', '\t', '\r'];
const apiKey = () => ({ authorization: `Bearer ${t.apiKey}` });

/** Asserts the request is refused as `invalid-request` for every control character spliced into `make`. */
async function refusesControls(label: string, send: (value: (base: string) => string) => Promise<{ status: number; body: any }>) {
  for (const control of CONTROLS) {
    const response = await send((base) => `${base.slice(0, 3)}${control}${base.slice(3)}`);
    assert.equal(response.status, 400, `${label} with U+${control.charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error.code, 'invalid-request');
  }
  const clean = await send((base) => base);
  assert.ok(clean.status < 300, `${label} without control characters: ${clean.status} ${JSON.stringify(clean.body)}`);
}

describe('control characters', () => {
  test('display names in customer and agent tokens', async () => {
    await refusesControls('customer displayName', (v) =>
      t.request('POST', '/v1/tokens', { headers: apiKey(), body: { integrationId: 'demo', customerId: uid('c'), verifiedCustomer: false, displayName: v('Zoë Müller') } }),
    );
    await refusesControls('agent name', (v) =>
      t.request('PUT', `/v1/agents/${uid('a')}`, { headers: apiKey(), body: { name: v('Erin 🦊'), queues: ['support'] } }),
    );
  });

  test("contact names and emails, and a left message's name and email", async () => {
    const conversationOf = async () => {
      const jwt = await t.customer();
      const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
      return { jwt, id };
    };
    await refusesControls('contact name', async (v) => {
      const { jwt, id } = await conversationOf();
      return t.request('POST', `/v1/conversations/${id}/contact`, { jwt, body: { name: v('Zoë Müller') } });
    });
    await refusesControls('contact email', async (v) => {
      const { jwt, id } = await conversationOf();
      return t.request('POST', `/v1/conversations/${id}/contact`, { jwt, body: { email: v('zoe@example.com') } });
    });
    const { jwt, id } = await conversationOf();
    const leave = (name: string, email = 'zoe@example.com') =>
      t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('m'), type: 'leave-message', text: 'Call me\n\tplease', email, name } });
    await refusesControls('leave-message name', (v) => leave(v('Zoë Müller')));
    await refusesControls('leave-message email', (v) => leave('Zoë', v('zoe@example.com')));
  });

  test('integration and team names', async () => {
    await refusesControls('integration name', (v) =>
      t.request('POST', '/v1/integrations', { headers: apiKey(), body: { id: uid('shop'), name: v('Shop team'), queue: 'sales' } }),
    );
    await refusesControls('teamName', (v) => t.request('PUT', '/v1/integrations/demo/settings', { headers: apiKey(), body: { teamName: v('Shop team') } }));
  });

  test('URLs: card images, buttons, avatars, consent links, push endpoints and pages', async () => {
    const agent = await t.agent();
    const customer = await t.customer();
    const id = (await t.request('GET', '/v1/conversations', { jwt: customer })).body.conversations[0].id as string;
    await t.request('POST', `/v1/conversations/${id}/messages`, { jwt: customer, body: { clientMessageId: uid('m'), type: 'text', text: 'hi' } });
    const send = (body: Record<string, unknown>) =>
      t.request('POST', `/v1/conversations/${id}/messages`, { jwt: agent, body: { clientMessageId: uid('m'), ...body } });
    await refusesControls('card imageUrl', (v) => send({ type: 'card', title: 'Card', imageUrl: v('https://example.com/i.png') }));
    await refusesControls('button url', (v) => send({ type: 'buttons', text: 'Go', buttons: [{ type: 'url', title: 'Open', url: v('https://example.com/a') }] }));
    await refusesControls('avatarUrl', (v) => t.request('PUT', '/v1/integrations/demo/settings', { headers: apiKey(), body: { avatarUrl: v('https://example.com/a.png') } }));
    await refusesControls('consent link', (v) =>
      t.request('PUT', '/v1/integrations/demo/settings', {
        headers: apiKey(),
        body: { preChatForm: { enabled: true, fields: [{ name: 'ok', label: 'I agree', type: 'consent', link: v('https://example.com/privacy') }] } },
      }),
    );
    await t.request('PUT', '/v1/integrations/demo/settings', { headers: apiKey(), body: {} });
    const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
    for (const field of ['endpoint', 'pageUrl'] as const) {
      for (const control of CONTROLS) {
        const body = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', pageUrl: 'https://shop.example/', keys };
        body[field] = `${body[field].slice(0, 10)}${control}${body[field].slice(10)}`;
        const response = await t.request('POST', '/v1/push/subscriptions', { jwt: customer, body });
        assert.equal(response.status, 400, `${field} with U+${control.charCodeAt(0).toString(16)}`);
        assert.equal(response.body.error.code, 'invalid-request');
      }
    }
  });

  test('message text keeps line breaks and tabs', async () => {
    const jwt = await t.customer();
    const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
    const response = await t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('m'), type: 'text', text: 'one\ntwo\tthree' } });
    assert.equal(response.status, 201);
    assert.equal(response.body.message.text, 'one\ntwo\tthree');
  });
});
