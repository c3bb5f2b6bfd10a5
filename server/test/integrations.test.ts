// Integrations against a real server and SQLite: created and listed with the API key, their public
// widget settings (defaults, cache headers, ETag/304, CORS), replaced with the API key and validated.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntegrationSettings } from '../../src/core/protocol.js';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const auth = () => ({ authorization: `Bearer ${t.apiKey}` });
const put = (id: string, body: unknown, headers = auth()) => t.request('PUT', `/v1/integrations/${id}/settings`, { body, headers });

describe('integrations', () => {
  test('are created and listed with the API key only; an id is taken once', async () => {
    const id = uid('shop');
    const body = { id, name: 'Shop', queue: 'sales' };
    assert.equal((await t.request('POST', '/v1/integrations', { body })).status, 401);
    assert.equal((await t.request('POST', '/v1/integrations', { body, headers: { authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await t.request('GET', '/v1/integrations')).status, 401);
    const created = await t.request('POST', '/v1/integrations', { body, headers: auth() });
    assert.equal(created.status, 201);
    assert.deepEqual({ ...created.body, createdAt: undefined }, { id, name: 'Shop', queue: 'sales', channels: { messaging: true, voice: true }, enabled: true, createdAt: undefined });
    const again = await t.request('POST', '/v1/integrations', { body: { ...body, name: 'Other' }, headers: auth() });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'conflict');
    const list = await t.request('GET', '/v1/integrations', { headers: auth() });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.integrations.map((i: any) => i.id).filter((i: string) => i === id || i === 'demo').sort(), ['demo', id].sort());
    assert.equal(list.body.integrations.find((i: any) => i.id === id).name, 'Shop');
  });

  test('bad bodies are refused with 400', async () => {
    for (const body of [
      { id: 'has space', name: 'x', queue: 'q' },
      { id: 'a'.repeat(65), name: 'x', queue: 'q' },
      { id: uid('x'), name: '', queue: 'q' },
      { id: uid('x'), name: '   ', queue: 'q' },
      { id: uid('x'), name: 'x', queue: 'bad queue' },
      { id: uid('x'), name: 'x' },
      { id: uid('x'), name: 'x', queue: 'q', channels: { messaging: true } },
      { id: uid('x'), name: 'x', queue: 'q', secret: 1 },
    ]) {
      const response = await t.request('POST', '/v1/integrations', { body, headers: auth() });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.code, 'invalid-request');
    }
  });

  test("a new integration's customers get tokens and conversations routed to its queue", async () => {
    const id = uid('shop');
    await t.request('POST', '/v1/integrations', { body: { id, name: 'Shop', queue: 'sales', channels: { messaging: true, voice: false } }, headers: auth() });
    const token = await t.request('POST', '/v1/tokens', { body: { integrationId: id, customerId: 'c1', verifiedCustomer: false }, headers: auth() });
    assert.equal(token.status, 201);
    const list = await t.request('GET', '/v1/conversations', { jwt: token.body.jwt });
    assert.equal(list.body.conversations[0].queue, 'sales');
    assert.equal(list.body.conversations[0].integrationId, id);
  });
});

describe('widget settings', () => {
  test('an integration with nothing saved answers full defaults, publicly, cacheable and CORS-open', async () => {
    const response = await t.request('GET', '/v1/integrations/demo/settings', { headers: { origin: 'https://shop.example' } });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      integrationId: 'demo',
      settings: {
        teamName: 'Demo', greeting: 'Hi! How can we help?', accentColor: '#1f5bd8', avatarUrl: null, businessHours: null,
        preChatForm: { enabled: false, fields: [] }, offlineMode: 'leave-message', offlineWithoutAgents: false,
        csat: true, transcript: true, attachments: true, voice: true, emoji: true,
      },
      availability: { open: true, agentsAvailable: false },
      // The text colour on the accent, computed once here (white on this blue).
      accentText: '#fff',
    });
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    const etag = response.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
    const unchanged = await t.request('GET', '/v1/integrations/demo/settings', { headers: { 'if-none-match': etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.body, undefined);
    assert.equal(unchanged.headers.get('etag'), etag);
    assert.equal((await t.request('GET', '/v1/integrations/demo/settings', { headers: { 'if-none-match': `W/${etag}` } })).status, 304);
    assert.equal((await t.request('GET', '/v1/integrations/demo/settings', { headers: { 'if-none-match': '"other"' } })).status, 200);
    assert.equal((await t.request('GET', '/v1/integrations/nope/settings')).status, 404);
    assert.equal((await t.request('GET', '/v1/integrations/bad%20id/settings')).status, 400);
  });

  test('PUT needs the API key, replaces the settings (missing fields take defaults) and changes the ETag', async () => {
    const id = uid('shop');
    await t.request('POST', '/v1/integrations', { body: { id, name: 'Bikes & Co', queue: 'bikes' }, headers: auth() });
    const before = await t.request('GET', `/v1/integrations/${id}/settings`);
    assert.equal(before.body.settings.teamName, 'Bikes & Co');
    const settings: Partial<IntegrationSettings> = {
      greeting: 'Hey there',
      accentColor: '#AA3300',
      avatarUrl: '/img/team.png',
      businessHours: { timeZone: 'europe/berlin', weekly: { mon: [{ open: '13:00', close: '17:00' }, { open: '09:00', close: '12:00' }] }, holidays: ['2026-12-25'] },
      preChatForm: {
        enabled: true,
        fields: [
          { name: 'name', label: 'Your name', type: 'name', required: true },
          { name: 'topic', label: 'Topic', type: 'select', required: false, options: ['Sales', 'Repairs'] },
          { name: 'gdpr', label: 'I accept the privacy policy', type: 'consent', required: true, link: 'https://shop.example/privacy' },
        ],
      },
      offlineMode: 'hide',
      csat: false,
    };
    assert.equal((await put(id, settings, { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await put(id, { accentColor: 'red' }, { authorization: 'Bearer wrong' })).status, 401, 'auth before validation');
    const saved = await put(id, settings);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.settings.teamName, 'Bikes & Co');
    assert.equal(saved.body.accentText, '#fff', 'white reads best on this dark orange');
    assert.equal((await put(id, { accentColor: '#ffd400' })).body.accentText, '#000', 'black on yellow');
    assert.equal((await put(id, settings)).status, 200);
    assert.equal(saved.body.settings.businessHours.timeZone, 'Europe/Berlin', 'the canonical zone name');
    assert.deepEqual(saved.body.settings.businessHours.weekly.mon.map((i: any) => i.open), ['09:00', '13:00'], 'intervals sorted');
    assert.equal(saved.body.settings.transcript, true, 'a missing field takes its default');
    assert.equal(saved.body.settings.preChatForm.fields[0].required, true);
    assert.equal(typeof saved.body.availability.open, 'boolean');
    const after = await t.request('GET', `/v1/integrations/${id}/settings`);
    assert.deepEqual(after.body, saved.body);
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
    assert.equal((await t.request('GET', `/v1/integrations/${id}/settings`, { headers: { 'if-none-match': before.headers.get('etag')! } })).status, 200);
    assert.equal((await put(uid('nope'), {})).status, 404);
    const reset = await put(id, {});
    assert.equal(reset.body.settings.businessHours, null);
    assert.deepEqual(reset.body.availability, { open: true, agentsAvailable: false }, 'no agent in its queue: open all the same without offlineWithoutAgents');
  });

  test('every bad setting is refused with a clear 400 and changes nothing', async () => {
    const id = uid('shop');
    await t.request('POST', '/v1/integrations', { body: { id, name: 'Shop', queue: 'q' }, headers: auth() });
    const hours = (extra: object) => ({ businessHours: { timeZone: 'UTC', weekly: {}, ...extra } });
    const field = (extra: object) => ({ preChatForm: { enabled: true, fields: [{ name: 'f', label: 'F', type: 'text', ...extra }] } });
    const cases: Array<[string, object]> = [
      ['unknown setting', { theme: 'dark' }],
      ['accent not #rrggbb', { accentColor: 'red' }],
      ['short accent', { accentColor: '#fff' }],
      ['javascript: avatar', { avatarUrl: 'javascript:alert(1)' }],
      ['JavaScript: avatar', { avatarUrl: 'JaVaScRiPt:alert(1)' }],
      ['data: avatar', { avatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }],
      ['http avatar', { avatarUrl: 'http://example.com/a.png' }],
      ['protocol-relative avatar', { avatarUrl: '//evil.example/a.png' }],
      ['avatar with a quote', { avatarUrl: '/a.png" onerror="x' }],
      ['empty team name', { teamName: '' }],
      ['long greeting', { greeting: 'x'.repeat(501) }],
      ['unknown time zone', hours({ timeZone: 'Mars/Olympus' })],
      ['time zone with spaces', hours({ timeZone: 'Europe/ Berlin' })],
      ['bad weekday', hours({ weekly: { monday: [] } })],
      ['bad time', hours({ weekly: { mon: [{ open: '9:00', close: '17:00' }] } })],
      ['25:00', hours({ weekly: { mon: [{ open: '09:00', close: '25:00' }] } })],
      ['closes before it opens', hours({ weekly: { tue: [{ open: '17:00', close: '09:00' }] } })],
      ['overlap', hours({ weekly: { wed: [{ open: '09:00', close: '13:00' }, { open: '12:00', close: '18:00' }] } })],
      ['bad holiday', hours({ weekly: {}, holidays: ['2026-02-30'] })],
      ['holiday format', hours({ weekly: {}, holidays: ['25.12.2026'] })],
      ['no weekly', { businessHours: { timeZone: 'UTC' } }],
      ['bad offline mode', { offlineMode: 'ignore' }],
      ['csat not boolean', { csat: 'yes' }],
      ['form with no fields', { preChatForm: { enabled: true, fields: [] } }],
      ['unknown field type', field({ type: 'date' })],
      ['select without options', field({ type: 'select' })],
      ['options on text', field({ options: ['a'] })],
      ['consent with http link', field({ type: 'consent', link: 'http://example.com' })],
      ['link on text', field({ link: 'https://example.com' })],
      ['bad field name', field({ name: '1st' })],
      ['duplicate names', { preChatForm: { enabled: true, fields: [{ name: 'a', label: 'A', type: 'text' }, { name: 'a', label: 'B', type: 'text' }] } }],
      ['two email fields', { preChatForm: { enabled: true, fields: [{ name: 'a', label: 'A', type: 'email' }, { name: 'b', label: 'B', type: 'email' }] } }],
    ];
    for (const [what, body] of cases) {
      const response = await put(id, body);
      assert.equal(response.status, 400, `${what}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.code, 'invalid-request', what);
      assert.match(response.body.error.message, /^Invalid /, what);
    }
    const raw = await t.request('PUT', `/v1/integrations/${id}/settings`, { raw: '{"greeting":', headers: auth() });
    assert.equal(raw.status, 400);
    const unchanged = await t.request('GET', `/v1/integrations/${id}/settings`);
    assert.equal(unchanged.body.settings.accentColor, '#1f5bd8');
    assert.equal(unchanged.body.settings.businessHours, null);
  });

  test('settings survive a restart', async () => {
    const id = uid('shop');
    await t.request('POST', '/v1/integrations', { body: { id, name: 'Shop', queue: 'q' }, headers: auth() });
    await put(id, { greeting: 'Moin!' });
    await t.restart();
    assert.equal((await t.request('GET', `/v1/integrations/${id}/settings`)).body.settings.greeting, 'Moin!');
  });
});
