/// <reference types="mocha" />
// Routing in real Chromium against the real server: the console's Transfer dialog (keyboard only,
// axe-clean, modal, Escape closes and focus returns to its button; a transfer to another agent
// with an internal note), and a waiting visitor's place in the queue, then who answers (in the header).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { conversationOf, guestChat, loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { agentToken, api, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import type { EventPage, NoteList, TokenResponse } from '../../core/protocol.js';
import '../../define-agent.js';
import type { OmniAgentConsole } from './omni-agent-console.js';

const shadow = (console_: OmniAgentConsole) => console_.shadowRoot!;

describe('<omni-agent-console> routing', () => {
  it('transfers with the keyboard: modal, axe-clean, Escape returns focus, and the note reaches the next agent only', async function () {
    this.timeout(90000);
    const customer = (await customerToken(uniqueId('guest'), { displayName: 'Nora' })).jwt;
    const id = await defaultConversationId(customer);
    await postText(customer, id, 'I need help with a refund');
    // Bea is Busy: not routed to, but a transfer may go to her.
    const beaId = uniqueId('bea');
    const bea = (await agentToken(beaId, 'Bea')).jwt;
    await api(bea, 'PUT', '/v1/agents/me/presence', { status: 'busy' });
    const agentId = uniqueId('agent');
    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 600px" server-url=${testServer().serverUrl}
      .jwtProvider=${() => agentToken(agentId, 'Erin')} conversation-id=${id}></omni-agent-console>`);
    const button = () => shadow(console_).querySelector<HTMLButtonElement>('[part="transfer-button"]');
    await waitUntil(() => button(), 'the Transfer button', { timeout: 10000 });
    const dialog = () => shadow(console_).querySelector<HTMLDialogElement>('dialog.transfer')!;
    const select = () => dialog().querySelector<HTMLSelectElement>('select')!;

    // Opened from the keyboard; Escape closes it and focus returns to the button.
    button()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog().open && !select().disabled && shadow(console_).activeElement === select(), 'open, targets loaded, focused', { timeout: 10000 });
    await loadAxe();
    expect(await violations(dialog())).to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog().open, 'closed');
    expect(shadow(console_).activeElement).to.equal(button());

    // Alt+T opens it too; choose Bea by typing, write a note, Tab to Transfer and press Enter.
    await sendKeys({ press: 'Alt+t' });
    await waitUntil(() => dialog().open && !select().disabled && shadow(console_).activeElement === select(), 'open again', { timeout: 10000 });
    expect([...select().options].some((option) => option.value === `agent:${beaId}`)).to.equal(true);
    expect([...select().options].some((option) => option.value === 'queue:support')).to.equal(true);
    await sendKeys({ type: 'Bea' });
    expect(select().value).to.equal(`agent:${beaId}`);
    await sendKeys({ press: 'Tab' });
    expect(shadow(console_).activeElement).to.equal(dialog().querySelector('textarea'));
    await sendKeys({ type: 'Refund approved, please confirm' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(console_).activeElement).to.equal(dialog().querySelector('[part="transfer-submit"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog().open, 'closed after the transfer', { timeout: 10000 });
    const events = await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0&limit=200`);
    const last = events.events.filter((event) => event.type === 'assigned').at(-1);
    expect(last && last.type === 'assigned' && [last.assignee.id, last.by?.id]).to.deep.equal([`agent:${beaId}`, `agent:${agentId}`]);
    expect(JSON.stringify(events)).not.to.contain('Refund approved');
    const notes = await api<NoteList>(bea, 'GET', `/v1/conversations/${id}/notes`);
    expect(notes.notes.map((note) => note.text)).to.include('Refund approved, please confirm');
  });

  it('tells a waiting visitor their place in the queue, then who joined', async function () {
    this.timeout(90000);
    const { apiKey } = testServer();
    const queue = uniqueId('q').replace(/[^A-Za-z0-9_-]/g, '_');
    const integrationId = uniqueId('routing').replace(/[^A-Za-z0-9_-]/g, '_');
    await api(apiKey, 'POST', '/v1/integrations', { id: integrationId, name: 'Pedal & Co.', queue });
    const first = (await customerToken(uniqueId('guest'), { integrationId })).jwt;
    const firstId = await defaultConversationId(first);
    await postText(first, firstId, 'first in line');
    const secondCustomer = uniqueId('guest');
    const second = (await customerToken(secondCustomer, { integrationId })).jwt;
    const secondId = await defaultConversationId(second);
    await postText(second, secondId, 'second in line');

    const chat = await guestChat(integrationId, secondCustomer);
    const line = () => conversationOf(chat).shadowRoot?.querySelector('[part="typing"]')?.textContent?.trim() ?? '';
    await waitUntil(() => line() === "You're number 2 in the queue", `position 2 (saw "${line()}")`, { timeout: 10000 });

    // Alex (Busy, so the router leaves them to him) takes the first, then the second conversation.
    await api(apiKey, 'PUT', '/v1/agents/alex-routing-test', { name: 'Alex', queues: [queue] });
    const alex = (await api<TokenResponse>(apiKey, 'POST', '/v1/agent-tokens', { agentId: 'alex-routing-test' })).jwt;
    await api(alex, 'PUT', '/v1/agents/me/presence', { status: 'busy' });
    await api(alex, 'POST', `/v1/conversations/${firstId}/take`, {});
    await waitUntil(() => line() === "You're number 1 in the queue", `position 1 (saw "${line()}")`, { timeout: 10000 });
    await api(alex, 'POST', `/v1/conversations/${secondId}/take`, {});
    // The header names who answers now, and the queue line is gone.
    const agent = () => chat.shadowRoot?.querySelector('[part="agent"]')?.textContent?.trim() ?? '';
    await waitUntil(() => agent() === 'Alex joined', `the header names Alex (saw "${agent()}")`, { timeout: 10000 });
    expect(line()).to.equal('');
    expect(chat.shadowRoot!.querySelector('[part="availability"]')).to.equal(null, 'the agent line takes the availability line\'s place');
  });
});
