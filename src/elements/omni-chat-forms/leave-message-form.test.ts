/// <reference types="mocha" />
// The leave-a-message form: outside business hours with the offline mode `leave-message` it stands
// in for the conversation; email and message are checked in the browser, sent with the keyboard
// alone, stored in the conversation as a `leave-message` message the agent sees, and confirmed to
// the visitor; with the offline mode `chat`, or within hours, there is no form; within hours it is
// offered while no agent of the queue is Available when the settings ask (`offlineWithoutAgents`);
// no axe violations.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import type { ConversationList, EventPage, LeaveMessage, MessageEvent } from '../../core/protocol.js';
import { closedHours, conversationOf, focusedIn, guestChat, integrationWith, loadAxe, panelOf, violations } from '../../../test/browser/chat-forms.js';

const form = (root: ShadowRoot) => root.querySelector<HTMLFormElement>('[part="leave-message"]');
const control = (root: ShadowRoot, name: string) => form(root)!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

describe('leave-a-message form', () => {
  before(loadAxe);

  it('outside business hours: refuses a bad email, is sent with the keyboard, stored in the conversation and confirmed', async () => {
    const integrationId = await integrationWith({ businessHours: closedHours(), offlineMode: 'leave-message' });
    const customerId = uniqueId('guest');
    const chat = await guestChat(integrationId, customerId);
    const root = panelOf(chat);
    await waitUntil(() => form(root), 'form', { timeout: 10000 });
    expect(conversationOf(chat).hidden).to.equal(true);
    expect(root.querySelector('[part="availability"]')!.textContent).to.contain("We're back");
    await waitUntil(() => focusedIn(chat) === control(root, 'email'), 'focus in the email field');
    expect(await violations(chat), 'leave-a-message form').to.deep.equal([]);

    await sendKeys({ type: 'ann@@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => control(root, 'email').getAttribute('aria-invalid') === 'true', 'email refused');
    expect(control(root, 'message').getAttribute('aria-invalid')).to.equal('true');
    expect(root.getElementById(control(root, 'email').getAttribute('aria-describedby')!)!.textContent).to.contain('name@example.com');
    expect(root.getElementById(control(root, 'message').getAttribute('aria-describedby')!)!.textContent).to.equal('Please fill in this field.');
    expect(await violations(chat), 'with errors').to.deep.equal([]);
    chat.theme = 'dark';
    await chat.updateComplete;
    expect(await violations(chat), 'with errors, dark theme').to.deep.equal([]);
    chat.theme = undefined;

    await waitUntil(() => focusedIn(chat) === control(root, 'email'), 'focus back on the email');
    control(root, 'email').select();
    await sendKeys({ type: 'ann@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Please call me back about order <b>A-17</b>' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(chat)).to.equal(root.querySelector('[part="leave-message-submit"]'));
    await sendKeys({ press: 'Enter' });

    const thanks = () => root.querySelector('[part="leave-message-thanks"]');
    await waitUntil(thanks, 'confirmed', { timeout: 10000 });
    expect(thanks()!.getAttribute('role')).to.equal('status');
    expect(thanks()!.textContent).to.contain('ann@example.com');
    await waitUntil(() => focusedIn(chat) === thanks(), 'focus on the confirmation');
    // The conversation shows again, with the message left in it.
    const bubble = () => conversationOf(chat).shadowRoot!.querySelector('[data-type="leave-message"] .bubble');
    await waitUntil(bubble, 'the message in the conversation', { timeout: 10000 });
    expect(conversationOf(chat).hidden).to.equal(false);
    expect(bubble()!.textContent).to.contain('Please call me back about order <b>A-17</b>');
    expect(bubble()!.querySelector('b')).to.equal(null, 'as text');
    expect(await violations(chat), 'confirmation').to.deep.equal([]);

    const jwt = (await customerToken(customerId, { integrationId })).jwt;
    const id = (await api<ConversationList>(jwt, 'GET', '/v1/conversations')).conversations[0]!.id;
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    const events = (await api<EventPage>(agent, 'GET', `/v1/conversations/${id}/events?after=0`)).events;
    const left = events.filter((event): event is MessageEvent => event.type === 'message').map((event) => event.message);
    expect(left).to.have.length(1);
    expect(left[0]).to.include({ type: 'leave-message', text: 'Please call me back about order <b>A-17</b>', email: 'ann@example.com' } satisfies Partial<LeaveMessage>);

    // A reload while still closed shows the conversation with the message, not the form again.
    chat.remove();
    const again = await guestChat(integrationId, customerId);
    await waitUntil(() => conversationOf(again).shadowRoot!.querySelector('[data-type="leave-message"]'), 'history', { timeout: 10000 });
    expect(form(panelOf(again))).to.equal(null);
  });

  it('is not offered within business hours, nor outside them with the offline mode "chat"', async () => {
    for (const settings of [{ offlineMode: 'leave-message' as const }, { businessHours: closedHours(), offlineMode: 'chat' as const }]) {
      const integrationId = await integrationWith(settings);
      const chat = await guestChat(integrationId, uniqueId('guest'));
      const input = () => conversationOf(chat).shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
      await waitUntil(() => panelOf(chat).querySelector('[part="availability"]') && !input().disabled, 'ready', { timeout: 10000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(form(panelOf(chat)), JSON.stringify(settings)).to.equal(null);
      expect(conversationOf(chat).hidden).to.equal(false);
      chat.remove();
    }
  });

  it('within business hours with offlineWithoutAgents: offered while no agent of the queue is Available, not once one is', async () => {
    const { apiKey } = testServer();
    const queue = uniqueId('q').replace(/[^A-Za-z0-9_-]/g, '_');
    const integrationId = uniqueId('noagents').replace(/[^A-Za-z0-9_-]/g, '_');
    await api(apiKey, 'POST', '/v1/integrations', { id: integrationId, name: 'Pedal & Co.', queue });
    await api(apiKey, 'PUT', `/v1/integrations/${integrationId}/settings`, { offlineWithoutAgents: true });
    const agentId = uniqueId('agent');
    await api(apiKey, 'PUT', `/v1/agents/${agentId}`, { name: 'Erin', queues: [queue] });

    // The queue's only agent is Offline: the leave-a-message form, and the availability line says so.
    const away = await guestChat(integrationId, uniqueId('guest'));
    await waitUntil(() => form(panelOf(away)), 'form while nobody is available', { timeout: 10000 });
    expect(conversationOf(away).hidden).to.equal(true);
    expect(panelOf(away).querySelector('[part="availability"]')!.textContent).to.contain("We're away right now");
    expect(await violations(away), 'no agent available').to.deep.equal([]);
    away.remove();

    // The agent becomes Available: a visitor's next page load chats.
    const { jwt } = await api<{ jwt: string }>(apiKey, 'POST', '/v1/agent-tokens', { agentId });
    await api(jwt, 'PUT', '/v1/agents/me/presence', { status: 'available' });
    const open = await guestChat(integrationId, uniqueId('guest'));
    const input = () => conversationOf(open).shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    await waitUntil(() => panelOf(open).querySelector('[part="availability"]')?.textContent?.includes('We usually reply') && !form(panelOf(open)) && !input().disabled,
      'chat once an agent is available', { timeout: 10000 });
    expect(conversationOf(open).hidden).to.equal(false);
    open.remove();
  });

  it('comes before the pre-chat form outside business hours, with the email given there filled in', async () => {
    const integrationId = await integrationWith({
      businessHours: closedHours(),
      preChatForm: { enabled: true, fields: [{ name: 'email', label: 'Email', type: 'email', required: true }] },
    });
    const customerId = uniqueId('guest');
    const jwt = (await customerToken(customerId, { integrationId })).jwt;
    const id = (await api<ConversationList>(jwt, 'GET', '/v1/conversations')).conversations[0]!.id;
    await api(jwt, 'POST', `/v1/conversations/${id}/contact`, { email: 'bo@example.com' });
    const chat = await guestChat(integrationId, customerId);
    const root = panelOf(chat);
    await waitUntil(() => form(root), 'leave-a-message form', { timeout: 10000 });
    expect(root.querySelector('[part="pre-chat"]')).to.equal(null);
    await waitUntil(() => control(root, 'email').value === 'bo@example.com', 'email filled in', { timeout: 10000 });
  });
});
