// The public availability follows the presence of the queue's agents: `agentsAvailable` flips as an
// agent connects, goes Busy, comes back and is disabled; with `offlineWithoutAgents` the team counts
// as away (open: false) while nobody is Available, so the widget offers the leave-a-message form;
// without it only the flag changes. Nothing about the agents but that yes or no is public.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntegrationSettingsResponse } from '../../src/core/protocol.js';
import { openSocket, startTestServer, uid, type TestServer } from './harness.js';

describe('availability with agent presence', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => { await t.close(); });

  const admin = () => ({ authorization: `Bearer ${t.apiKey}` });
  const integration = async (queue: string, settings: Record<string, unknown>) => {
    const id = uid('shop');
    assert.equal((await t.request('POST', '/v1/integrations', { headers: admin(), body: { id, name: 'Shop', queue } })).status, 201);
    assert.equal((await t.request('PUT', `/v1/integrations/${id}/settings`, { headers: admin(), body: settings })).status, 200);
    return id;
  };
  const availability = async (id: string) => {
    const response = await t.request<IntegrationSettingsResponse>('GET', `/v1/integrations/${id}/settings`);
    assert.equal(response.status, 200);
    return { ...response.body.availability, etag: response.headers.get('etag'), raw: JSON.stringify(response.body) };
  };

  test('flips with the presence of the queue\'s agents, and with offlineWithoutAgents decides open', async () => {
    const queue = uid('q');
    const strict = await integration(queue, { offlineWithoutAgents: true });
    const lenient = await integration(queue, {});
    const agentId = uid('erin-agent');
    const jwt = await t.agent(agentId, [queue], { name: 'Erin Secretname' });

    // The agent exists but is Offline: nobody is available.
    const before = await availability(strict);
    assert.equal(before.agentsAvailable, false);
    assert.equal(before.open, false, 'away within (absent) business hours');
    assert.equal(before.nextOpen, undefined);
    assert.deepEqual([(await availability(lenient)).open, (await availability(lenient)).agentsAvailable], [true, false], 'only the flag without the setting');

    // Connecting makes the agent Available.
    const socket = await openSocket(t.url, jwt);
    await socket.next('welcome');
    assert.equal((await socket.next('presence')).presence.status, 'available');
    const available = await availability(strict);
    assert.deepEqual([available.open, available.agentsAvailable], [true, true]);
    assert.notEqual(available.etag, before.etag, 'a new ETag, so a revalidating widget gets the change');
    assert.ok(!available.raw.includes(agentId) && !available.raw.includes('Secretname'), 'no agent identity in the public settings');

    // Busy, On Break: not available; Available again: available.
    assert.equal((await t.request('PUT', '/v1/agents/me/presence', { jwt, body: { status: 'busy' } })).status, 200);
    assert.deepEqual([(await availability(strict)).open, (await availability(strict)).agentsAvailable], [false, false]);
    assert.equal((await t.request('PUT', '/v1/agents/me/presence', { jwt, body: { status: 'on-break', reason: 'Lunch' } })).status, 200);
    assert.equal((await availability(strict)).agentsAvailable, false);
    assert.equal((await t.request('PUT', '/v1/agents/me/presence', { jwt, body: { status: 'available' } })).status, 200);
    assert.deepEqual([(await availability(strict)).open, (await availability(strict)).agentsAvailable], [true, true]);

    // An agent of another queue does not count; disabling the only agent makes the team away.
    const other = await integration(uid('q'), { offlineWithoutAgents: true });
    assert.equal((await availability(other)).open, false);
    assert.equal((await t.request('PATCH', `/v1/agents/${agentId}`, { headers: admin(), body: { enabled: false } })).status, 200);
    assert.deepEqual([(await availability(strict)).open, (await availability(strict)).agentsAvailable], [false, false]);
    socket.socket.close();
  });

  test('outside business hours the team is away whatever the agents do, with the next opening', async () => {
    const queue = uid('q');
    const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(new Date().getUTCDay() + 3) % 7]!;
    const id = await integration(queue, { offlineWithoutAgents: true, businessHours: { timeZone: 'UTC', weekly: { [day]: [{ open: '10:00', close: '10:01' }] }, holidays: [] } });
    const socket = await openSocket(t.url, await t.agent(uid('agent'), [queue]));
    await socket.next('welcome');
    await socket.next('presence');
    const closed = await availability(id);
    assert.deepEqual([closed.open, closed.agentsAvailable, typeof closed.nextOpen], [false, true, 'string']);
    socket.socket.close();
  });
});
