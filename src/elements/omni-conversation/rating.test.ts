/// <reference types="mocha" />
// Resolve and rate: the agent console's Resolve button resolves the open conversation; the
// visitor's chat then asks for a rating (keyboard-operable radios, optional comment), stores it
// as a `csat` event and thanks; an integration with CSAT off never asks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import type { ConversationList, CsatEvent, EventPage } from '../../core/protocol.js';
import '../../define.js';
import '../../define-agent.js';
import type { OmniChat } from '../omni-chat/omni-chat.js';
import type { OmniAgentConsole } from '../omni-agent-console/omni-agent-console.js';

const inner = (chat: OmniChat) => chat.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!;

/** A guest who wrote once, with the chat open. */
async function guestChat(integrationId = 'demo'): Promise<{ chat: OmniChat; jwt: string; id: string }> {
  const customerId = uniqueId('guest');
  const jwt = (await customerToken(customerId, { integrationId })).jwt;
  const id = (await api<ConversationList>(jwt, 'GET', '/v1/conversations')).conversations[0]!.id;
  await postText(jwt, id, 'My order is late');
  const chat = await fixture<OmniChat>(html`<omni-chat open server-url=${testServer().serverUrl} integration-id=${integrationId}
    .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
  await waitUntil(() => inner(chat).querySelector('[part~="own"]'), 'history', { timeout: 10000 });
  return { chat, jwt, id };
}

describe('resolve and rate', () => {
  it('resolves from the console; the visitor rates with the keyboard and is thanked', async () => {
    const { chat, jwt, id } = await guestChat();
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    const console = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 500px" .jwtProvider=${async () => agent} server-url=${testServer().serverUrl} conversation-id=${id}></omni-agent-console>`);
    const resolve = () => console.shadowRoot!.querySelector<HTMLButtonElement>('[part="resolve"]');
    await waitUntil(resolve, 'Resolve button', { timeout: 10000 });
    resolve()!.click();
    await waitUntil(() => console.shadowRoot!.querySelector('[part="resolved"]'), 'shown as resolved', { timeout: 10000 });

    await waitUntil(() => inner(chat).querySelector('[part="rating"] input[type="radio"]'), 'survey', { timeout: 10000 });
    const radios = [...inner(chat).querySelectorAll<HTMLInputElement>('[part="rating"] input[type="radio"]')];
    expect(radios).to.have.length(5);
    radios[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => radios[3]!.checked, '4 picked with arrow keys');
    inner(chat).querySelector<HTMLTextAreaElement>('[part="rating-comment"]')!.value = 'Quick <b>answer</b>';
    inner(chat).querySelector<HTMLButtonElement>('[part="rating-send"]')!.click();
    await waitUntil(() => inner(chat).querySelector('[part="rating"][role="status"]'), 'thanks', { timeout: 10000 });
    const events = (await api<EventPage>(jwt, 'GET', `/v1/conversations/${id}/events?after=0`)).events;
    const csat = events.find((event): event is CsatEvent => event.type === 'csat');
    expect(csat).to.include({ rating: 4, comment: 'Quick <b>answer</b>' });
  });

  it('never asks when the integration has CSAT off', async () => {
    const integrationId = uniqueId('nocsat').replace(/[^A-Za-z0-9_-]/g, '_');
    await api(testServer().apiKey, 'POST', '/v1/integrations', { id: integrationId, name: 'No survey', queue: 'support' });
    await api(testServer().apiKey, 'PUT', `/v1/integrations/${integrationId}/settings`, { csat: false });
    const { chat, id } = await guestChat(integrationId);
    await waitUntil(() => chat.shadowRoot!.querySelector('h2')!.textContent === 'No survey', 'settings known', { timeout: 10000 });
    await api((await agentToken(uniqueId('agent'))).jwt, 'POST', `/v1/conversations/${id}/resolve`, {});
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(inner(chat).querySelector('[part="rating"]')).to.equal(null);
  });
});
