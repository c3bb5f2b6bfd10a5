/// <reference types="mocha" />
// <omni-supervisor-dashboard> in real Chromium against the real server: figures, agents and the
// waiting list of a queue from the analytics socket, a live update after a reply and a resolve
// (announced politely), no axe violations in light and dark, and a non-supervisor refused.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { api, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import type { OmniErrorInfo, TokenResponse } from '../../core/protocol.js';
import '../../define-agent.js';
import type { OmniSupervisorDashboard } from './omni-supervisor-dashboard.js';

/** A queue of its own with an integration, an agent and a supervisor (tokens minted on demand). */
async function queueSetup() {
  const { apiKey } = testServer();
  const queue = uniqueId('q').replace(/[^A-Za-z0-9_-]/g, '_');
  const integrationId = uniqueId('int').replace(/[^A-Za-z0-9_-]/g, '_');
  await api(apiKey, 'POST', '/v1/integrations', { id: integrationId, name: 'Bikes', queue });
  const token = async (agentId: string, name: string, role: 'agent' | 'supervisor') => {
    await api(apiKey, 'PUT', `/v1/agents/${agentId}`, { name, queues: [queue], role });
    return api<TokenResponse>(apiKey, 'POST', '/v1/agent-tokens', { agentId });
  };
  const agentId = uniqueId('alex');
  const supervisorId = uniqueId('sam');
  return {
    queue,
    integrationId,
    agent: () => token(agentId, 'Alex', 'agent'),
    supervisor: () => token(supervisorId, 'Sam', 'supervisor'),
  };
}

/** The figures table's value for the row labelled `label`. */
const figure = (dashboard: OmniSupervisorDashboard, label: string) =>
  [...dashboard.shadowRoot!.querySelectorAll('[part="figures"] tbody tr')].find((row) => row.querySelector('th')?.textContent === label)?.querySelector('td')?.textContent;

describe('<omni-supervisor-dashboard>', () => {
  before(loadAxe);

  it('shows a queue live from the server: figures, agents, the waiting list, an update, and no axe violations in light and dark', async () => {
    const setup = await queueSetup();
    const agent = (await setup.agent()).jwt;
    const customer = (await customerToken(uniqueId('guest'), { displayName: 'Dana', integrationId: setup.integrationId })).jwt;
    const id = await defaultConversationId(customer);
    await postText(customer, id, 'Where is my bike?');

    const dashboard = await fixture<OmniSupervisorDashboard>(html`<omni-supervisor-dashboard
      server-url=${testServer().serverUrl}
      theme="light"
      .jwtProvider=${setup.supervisor}
    ></omni-supervisor-dashboard>`);
    const root = dashboard.shadowRoot!;
    await waitUntil(() => figure(dashboard, 'Waiting now') === '1', 'figures from the snapshot', { timeout: 10000 });
    expect(root.querySelector('h2')!.textContent).to.equal(`Queue ${setup.queue}`);
    expect(root.querySelector('[part="waiting"] tbody th')!.textContent).to.equal('Dana');
    expect(root.querySelector('[part="waiting"] tbody td')!.textContent).to.match(/^\d+ s$/);
    const agents = [...root.querySelectorAll('[part="agents"] tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(agents).to.deep.equal(['Alex Offline 0 of 5', 'Sam Offline 0 of 5']);
    expect(root.querySelector('[part="chart"] svg')!.getAttribute('aria-label')).to.contain('Arrived: 1, Resolved: 0');
    expect(root.querySelector('[part="live"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(await violations(dashboard), 'light').to.deep.equal([]);

    await postText(agent, id, 'It ships today.');
    await waitUntil(() => figure(dashboard, 'Assigned') === '1' && figure(dashboard, 'Waiting now') === '0', 'the reply moved it', { timeout: 10000 });
    expect(root.querySelector('[part="waiting"]')).to.equal(null);
    expect(root.textContent).to.contain('Nobody is waiting.');
    expect(root.querySelector('[part="live"]')!.textContent).to.equal(`${setup.queue}: 0 conversations waiting`);
    await api(agent, 'POST', `/v1/conversations/${id}/resolve`, {});
    await waitUntil(() => figure(dashboard, 'Resolved today') === '1', 'the resolve arrived', { timeout: 10000 });
    expect(root.querySelector('[part="live"]')!.textContent).to.equal(`${setup.queue}: 1 resolved today`);
    expect(figure(dashboard, 'Answered within 60 s')).to.equal('100 % (1 of 1)');

    dashboard.theme = 'dark';
    await dashboard.updateComplete;
    expect(await violations(dashboard), 'dark').to.deep.equal([]);
  });

  it('tells an agent who is not a supervisor that it may not watch, and stops', async () => {
    const setup = await queueSetup();
    const dashboard = await fixture<OmniSupervisorDashboard>(html`<omni-supervisor-dashboard></omni-supervisor-dashboard>`);
    const refused = oneEvent(dashboard, 'omni-error');
    dashboard.serverUrl = testServer().serverUrl;
    dashboard.jwtProvider = setup.agent;
    expect(((await refused) as CustomEvent<OmniErrorInfo>).detail.code).to.equal('forbidden');
    await waitUntil(() => dashboard.shadowRoot!.querySelector('[part="status"]')?.textContent === 'Only supervisors can see queue figures.', 'refused', { timeout: 10000 });
  });
});
