/// <reference types="mocha" />
// <omni-agent-console> in real Chromium against the real server: the queue lists a customer's
// conversation live, it opens from the keyboard, and a reply reaches the customer.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import type { EventPage } from '../../core/protocol.js';
import '../../define-agent.js';
import type { OmniAgentConsole } from './omni-agent-console.js';

describe('<omni-agent-console>', () => {
  it('lists a new customer conversation live, opens it from the keyboard, and replies', async () => {
    const agentId = uniqueId('agent');
    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console
      style="height: 500px"
      server-url=${testServer().serverUrl}
      .jwtProvider=${() => agentToken(agentId)}
    ></omni-agent-console>`);
    await waitUntil(() => console_.shadowRoot!.querySelector('omni-conversation-list'), 'rendered');
    const list = console_.shadowRoot!.querySelector('omni-conversation-list')!;
    const customerId = uniqueId('guest');
    const customer = (await customerToken(customerId, { displayName: 'Dana' })).jwt;
    const id = await defaultConversationId(customer);
    const unique = `My order ${uniqueId('o')} is late`;
    await postText(customer, id, unique);
    const option = () => list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
    await waitUntil(() => option()?.textContent?.includes(unique), 'listed live', { timeout: 10000 });
    expect(option()!.textContent).to.contain('Dana');
    expect(option()!.querySelector('[part="unread"]')!.textContent).to.equal('1');
    // The newest conversation is first: focus the list and open it with Enter.
    list.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.focus();
    expect(list.shadowRoot!.querySelector('[role="option"]')!.getAttribute('data-id')).to.equal(id);
    await sendKeys({ press: 'Enter' });
    const conversation = () => console_.shadowRoot!.querySelector('omni-conversation');
    await waitUntil(() => conversation()?.shadowRoot?.textContent?.includes(unique), 'opened', { timeout: 10000 });
    expect(option()!.getAttribute('aria-selected')).to.equal('true');
    const input = conversation()!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.focus();
    await sendKeys({ type: 'On its way today' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => {
      const page = await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`);
      return page.events.some((e) => e.type === 'message' && (e.message as { text?: string }).text === 'On its way today' && e.author.id === `agent:${agentId}`);
    }, 'reply stored', { timeout: 10000 });
    await waitUntil(() => !option()!.querySelector('[part="unread"]'), 'read by the agent', { timeout: 5000 });
  });

  it('sends every rich type from the keyboard with slash commands', async () => {
    const customer = (await customerToken(uniqueId('guest'))).jwt;
    const id = await defaultConversationId(customer);
    const agentId = uniqueId('agent');
    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 500px" server-url=${testServer().serverUrl}
      .jwtProvider=${() => agentToken(agentId)} conversation-id=${id}></omni-agent-console>`);
    const conversation = () => console_.shadowRoot!.querySelector('omni-conversation')!;
    await waitUntil(() => conversation()?.effectiveSession?.$participant.get(), 'agent online', { timeout: 10000 });
    const commands = [
      '/card Trailblazer 29 | Our best seller | https://example.com/bike.jpg | Buy=buy:29 | Details=https://example.com/29',
      '/carousel Small | for kids ; Medium ; Large | for tall riders',
      '/quick Which size? | Small | Medium=size:m',
      '/buttons What next? | Book a service=book | FAQ=https://example.com/faq',
    ];
    const input = conversation().shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    for (const command of commands) {
      input.value = command;
      conversation().shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    }
    await waitUntil(async () => (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events.filter((e) => e.type === 'message').length === 4, 'stored', { timeout: 10000 });
    const messages = (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
    expect(messages.map((m) => m.type)).to.deep.equal(['card', 'carousel', 'quick-replies', 'buttons']);
    expect(messages[0]).to.deep.include({ title: 'Trailblazer 29', text: 'Our best seller', imageUrl: 'https://example.com/bike.jpg' });
    expect((messages[0] as { buttons: unknown[] }).buttons).to.deep.equal([{ type: 'postback', title: 'Buy', payload: 'buy:29' }, { type: 'url', title: 'Details', url: 'https://example.com/29' }]);
    expect((messages[1] as { cards: Array<{ title: string }> }).cards.map((c) => c.title)).to.deep.equal(['Small', 'Medium', 'Large']);
    expect((messages[2] as { replies: unknown[] }).replies).to.deep.equal([{ title: 'Small' }, { title: 'Medium', payload: 'size:m' }]);
  });
});
