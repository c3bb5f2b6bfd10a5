/// <reference types="mocha" />
// The console for a working day, in real Chromium against the real server: keyboard shortcuts (and
// that single keys never fire inside text fields), the help dialog, the customer panel showing the
// page a real guest session reported, one alert per assignment across two consoles of one agent,
// and axe on the panel and the help dialog in light and dark.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { agentToken, api, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import type { Conversation, EventPage, TokenResponse } from '../../core/protocol.js';
import { createSession, type OmniSession } from '../../core/session.js';
import '../../define-agent.js';
import type { OmniConversationList } from '../omni-conversation-list/omni-conversation-list.js';
import type { OmniAgentConsole } from './omni-agent-console.js';

/** A console of `agentId` (fresh unless given), with `conversationId` open when given. */
async function consoleOf(agentId = uniqueId('agent'), conversationId?: string, name = 'Erin Agent'): Promise<OmniAgentConsole> {
  const element = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 600px" server-url=${testServer().serverUrl}
    .jwtProvider=${() => agentToken(agentId, name)} conversation-id=${conversationId ?? ''}></omni-agent-console>`);
  if (!conversationId) element.conversationId = undefined;
  await waitUntil(() => element.shadowRoot!.querySelector('omni-conversation-list'), 'rendered');
  return element;
}

/** Calls the API with the test server's API key (integrations, agents, agent tokens). */
async function withApiKey(method: string, path: string, body: unknown): Promise<unknown> {
  const { serverUrl, apiKey } = testServer();
  const response = await fetch(`${serverUrl}${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
  return response.json();
}

/** A console with a given token source and nothing open. */
async function consoleWith(jwtProvider: () => Promise<TokenResponse>): Promise<OmniAgentConsole> {
  const element = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 600px" server-url=${testServer().serverUrl} .jwtProvider=${jwtProvider}></omni-agent-console>`);
  await waitUntil(() => element.shadowRoot!.querySelector('omni-conversation-list'), 'rendered');
  return element;
}

const listOf = (console_: OmniAgentConsole) => console_.shadowRoot!.querySelector<OmniConversationList>('omni-conversation-list')!;

/** A customer with a conversation holding one message; returns its id. */
async function customerWithMessage(displayName: string): Promise<{ jwt: string; id: string }> {
  const jwt = (await customerToken(uniqueId('guest'), { displayName })).jwt;
  const id = await defaultConversationId(jwt);
  await postText(jwt, id, `Hello from ${displayName}`);
  return { jwt, id };
}

describe('<omni-agent-console> for a working day', () => {
  it('moves through the list, resolves, transfers, searches and shows help from the keyboard; single keys never fire in text fields', async () => {
    const first = await customerWithMessage('Ursula Older');
    const second = await customerWithMessage('Nadia Newer');
    const console_ = await consoleOf();
    const list = listOf(console_);
    await waitUntil(() => list.visible.some((c) => c.id === first.id) && list.visible.some((c) => c.id === second.id), 'both listed', { timeout: 10000 });
    // Start from the newest (second); the next one down is whatever the list shows after it.
    console_.conversationId = second.id;
    list.selected = second.id;
    await console_.updateComplete;
    const after = () => list.visible[list.visible.findIndex((c) => c.id === second.id) + 1]!.id;
    const expected = after();

    list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${second.id}"]`)!.focus();
    await sendKeys({ press: 'j' });
    await waitUntil(() => console_.conversationId === expected, 'j: next');
    await sendKeys({ press: 'k' });
    await waitUntil(() => console_.conversationId === second.id, 'k: previous');
    await sendKeys({ press: 'Alt+ArrowDown' });
    await waitUntil(() => console_.conversationId === expected, 'Alt+ArrowDown: next');
    await sendKeys({ press: 'Alt+ArrowUp' });
    await waitUntil(() => console_.conversationId === second.id, 'Alt+ArrowUp: previous');

    // In the reply box, j, k, / and ? are typing, not commands.
    const conversation = () => console_.shadowRoot!.querySelector('omni-conversation')!;
    await waitUntil(() => conversation()?.shadowRoot?.querySelector('[part="input"]'), 'composer');
    const input = conversation().shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.focus();
    await sendKeys({ type: 'jk?' });
    expect(input.value).to.equal('jk?');
    expect(console_.conversationId).to.equal(second.id);
    expect(console_.shadowRoot!.querySelector<HTMLDialogElement>('dialog.shortcuts')!.open).to.equal(false);
    input.value = '';
    input.dispatchEvent(new Event('input'));

    // The search field too takes j and k as text.
    list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${second.id}"]`)!.focus();
    await sendKeys({ press: '/' });
    const search = list.shadowRoot!.querySelector<HTMLInputElement>('[part="search"]')!;
    expect(list.shadowRoot!.activeElement).to.equal(search);
    await sendKeys({ type: 'Nadia jk' });
    expect(search.value).to.equal('Nadia jk');
    expect(console_.conversationId).to.equal(second.id);
    search.value = 'Nadia';
    search.dispatchEvent(new Event('input'));
    await list.updateComplete;
    expect(list.visible.map((c) => c.id)).to.include(second.id).and.not.include(first.id);
    search.value = '';
    search.dispatchEvent(new Event('input'));

    // ? opens the help; Escape closes it.
    list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${second.id}"]`)!.focus();
    await sendKeys({ press: 'Shift+Slash' });
    const dialog = console_.shadowRoot!.querySelector<HTMLDialogElement>('dialog.shortcuts')!;
    await waitUntil(() => dialog.open, 'help open');
    expect(dialog.textContent).to.contain('Alt+R').and.contain('Next conversation');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'help closed');

    // Alt+T asks for a transfer; Alt+R resolves (also from inside the reply box).
    list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${second.id}"]`)!.focus();
    const transferred = oneEvent(console_, 'omni-transfer-request');
    await sendKeys({ press: 'Alt+KeyT' });
    const transfer = await transferred;
    expect(transfer.detail).to.deep.equal({ conversationId: second.id });
    input.focus();
    await sendKeys({ press: 'Alt+KeyR' });
    await waitUntil(async () => (await api<Conversation>(second.jwt, 'GET', `/v1/conversations/${second.id}`)).state === 'resolved', 'resolved', { timeout: 10000 });
    expect(input.value).to.equal('');
  });

  it('shows the customer panel with the page, title, time zone and presence a real guest session reported', async () => {
    const customerId = uniqueId('guest');
    const token = (await customerToken(customerId, { displayName: 'Pat Visitor' })).jwt;
    const id = await defaultConversationId(token);
    await postText(token, id, 'Where is my parcel?');
    const previousTitle = document.title;
    document.title = `Parcel tracking ${customerId}`;
    const guest = createSession({ serverUrl: testServer().serverUrl, jwtProvider: async () => token, cache: false, shareConnection: false });
    try {
      await guest.start();
      // The server holds the report before the console opens: the panel loads it once, then follows
      // live frames (a console still connecting when the report lands would miss it; see the note).
      const watcher = (await agentToken(uniqueId('agent'))).jwt;
      const stored = async () => ((await api<{ page?: { title: string } }>(watcher, 'GET', `/v1/conversations/${id}/visitor`)).page?.title ?? '').includes(customerId);
      await waitUntil(stored, 'the page report stored', { timeout: 20000 });
      const console_ = await consoleOf(uniqueId('agent'), id);
      const part = (name: string) => console_.shadowRoot!.querySelector(`[part="${name}"]`);
      await waitUntil(() => part('customer-page')?.textContent?.includes(`Parcel tracking ${customerId}`), 'page shown', { timeout: 15000 });
      expect(part('customer-page')!.textContent).to.contain(location.href.slice(0, 60));
      expect(part('customer-name')!.textContent).to.equal('Pat Visitor');
      expect(part('customer-online')!.textContent).to.equal('Online');
      expect(part('customer-verified')!.textContent).to.equal('Guest');
      expect(part('customer-id')!.textContent).to.equal(customerId);
      expect(part('customer-integration')!.textContent).to.equal('demo');
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      expect(part('customer-time')!.textContent).to.contain(`(${zone})`);
      const link = part('customer-page')!.querySelector('a')!;
      expect([link.getAttribute('rel'), link.getAttribute('target')]).to.deep.equal(['noopener noreferrer', '_blank']);
      // A new title reaches the panel live; the visitor leaving shows them offline.
      document.title = `Checkout ${customerId}`;
      await waitUntil(() => part('customer-page')?.textContent?.includes(`Checkout ${customerId}`), 'new title shown', { timeout: 15000 });
      guest.stop();
      await waitUntil(() => part('customer-online')?.textContent === 'Offline', 'offline shown', { timeout: 10000 });
    } finally {
      guest.stop();
      document.title = previousTitle;
    }
  });

  it('alerts once per assignment to this agent, with two consoles of the agent open', async () => {
    // A queue of its own: no other test's agent can be routed this conversation.
    const queue = uniqueId('q').replace(/[^a-z0-9-]/gi, '');
    const integrationId = uniqueId('int').replace(/[^a-z0-9-]/gi, '');
    await withApiKey('POST', '/v1/integrations', { id: integrationId, name: 'Alerts', queue });
    const agentId = uniqueId('agent');
    await withApiKey('PUT', `/v1/agents/${agentId}`, { name: 'Erin Agent', queues: [queue] });
    const agentJwt = async () => (await withApiKey('POST', '/v1/agent-tokens', { agentId })) as { jwt: string; expiresAt: string };
    const consoles = [await consoleWith(agentJwt), await consoleWith(agentJwt)];
    // Each console's own record of the assigned events its session delivered (the alert listens to the same signal).
    const seen = [0, 0];
    consoles.forEach((c, index) => {
      const session = (c as unknown as { session: OmniSession }).session;
      session.onSignal((signal) => {
        if (signal.type === 'event' && signal.event.type === 'assigned' && signal.event.assignee.id === `agent:${agentId}`) seen[index]! += 1;
      });
    });
    const customer = (await customerToken(uniqueId('guest'), { displayName: 'Quinn Waiting', integrationId })).jwt;
    const id = await defaultConversationId(customer);
    await postText(customer, id, 'Anyone there?');
    const mine = (c: OmniAgentConsole) => listOf(c).sorted.find((x) => x.id === id)?.assignee?.id === `agent:${agentId}`;
    // Routing gives it to the only Available agent of the queue; if it has not within a moment, the agent takes it.
    await waitUntil(() => consoles.every(mine), 'routed', { timeout: 4000 }).catch(async () => {
      await api((await agentJwt()).jwt, 'POST', `/v1/conversations/${id}/take`, {});
      await waitUntil(() => consoles.every(mine), 'assigned in both consoles', { timeout: 10000 });
    });
    const assignments = (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events.filter(
      (e) => e.type === 'assigned' && e.assignee.id === `agent:${agentId}`,
    ).length;
    expect(assignments).to.equal(1);
    // Both sessions delivered the assignment; only one console alerted.
    await waitUntil(() => seen[0] === 1 && seen[1] === 1, 'both consoles got the assigned event', { timeout: 10000 });
    expect(consoles[0]!.assignmentAlert.count + consoles[1]!.assignmentAlert.count).to.equal(1);
    // Both consoles saw the event (their lists say so); only one alerted. The "mine" filter has it.
    const list = listOf(consoles[1]!);
    list.filter = 'mine';
    await list.updateComplete;
    expect(list.visible.map((c) => c.id)).to.deep.equal([id]);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the customer panel and the shortcuts dialog (${theme})`, async () => {
      await loadAxe();
      const { id } = await customerWithMessage('Axe Tester');
      const console_ = await consoleOf(uniqueId('agent'), id);
      console_.theme = theme;
      await waitUntil(() => console_.shadowRoot!.querySelector('[part="customer-integration"]'), 'panel');
      await waitUntil(() => console_.shadowRoot!.querySelector('[part="customer-online"]'), 'visitor loaded', { timeout: 10000 });
      expect(await violations(console_.shadowRoot!.querySelector('[part="customer-panel"]')!)).to.deep.equal([]);
      expect(await violations(console_.shadowRoot!.querySelector('[part="toolbar"]')!)).to.deep.equal([]);
      console_.shadowRoot!.querySelector<HTMLButtonElement>('[part="shortcuts-button"]')!.click();
      const dialog = console_.shadowRoot!.querySelector<HTMLDialogElement>('dialog.shortcuts')!;
      await waitUntil(() => dialog.open, 'help open');
      expect(await violations(dialog)).to.deep.equal([]);
      dialog.querySelector<HTMLButtonElement>('[part="shortcuts-close"]')!.click();
      await waitUntil(() => !dialog.open, 'closed by its button');
    });
  }
});
