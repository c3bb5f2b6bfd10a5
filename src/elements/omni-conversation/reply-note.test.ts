/// <reference types="mocha" />
// In the agent console a customer's answer to a button or quick reply is not a bare word: the line
// above it names what was pressed and the question it answered ("answered: Medium (to: Which
// size?)"), for a carousel card the card's title; a plain message has no such line; the guest's own
// view of its answer shows none either.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import type { MessageEvent } from '../../core/protocol.js';
import '../../define.js';
import '../../define-agent.js';
import type { OmniAgentConsole } from '../omni-agent-console/omni-agent-console.js';

describe('reply note (agent console)', () => {
  it("names the button or quick reply a customer's reply answered, and the question", async () => {
    const customer = (await customerToken(uniqueId('guest'))).jwt;
    const id = await defaultConversationId(customer);
    const agentId = uniqueId('agent');
    const agent = (await agentToken(agentId)).jwt;
    const post = (jwt: string, body: Record<string, unknown>) => api<MessageEvent>(jwt, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), ...body });
    const question = await post(agent, { type: 'quick-replies', text: 'Which size?', replies: [{ title: 'Small' }, { title: 'Medium', payload: 'size:m' }] });
    await post(customer, { type: 'text', text: 'Medium', payload: 'size:m', replyTo: question.message.id });
    const cards = await post(agent, { type: 'carousel', cards: [{ title: 'Trailblazer', buttons: [{ type: 'postback', title: 'Buy', payload: 'buy:1' }] }, { title: 'Roadster', buttons: [{ type: 'postback', title: 'Buy', payload: 'buy:2' }] }] });
    await post(customer, { type: 'text', text: 'Buy', payload: 'buy:2', replyTo: cards.message.id });
    await post(customer, { type: 'text', text: 'Thanks!' });

    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 600px" server-url=${testServer().serverUrl}
      .jwtProvider=${() => agentToken(agentId)} conversation-id=${id}></omni-agent-console>`);
    const root = () => console_.shadowRoot!.querySelector('omni-conversation')?.shadowRoot;
    const messages = () => [...(root()?.querySelectorAll<HTMLElement>('[part~="message"]') ?? [])];
    await waitUntil(() => messages().length === 5, 'five messages', { timeout: 10000 });
    const notes = messages().map((message) => message.querySelector('[part="answered"]')?.textContent?.trim() ?? null);
    expect(notes).to.deep.equal([null, 'answered: Medium (to: Which size?)', null, 'answered: Buy (to: Roadster)', null]);
    // The word itself is still the message's text.
    expect(messages()[1]!.querySelector('.bubble')!.textContent).to.equal('Medium');
  });

  it('is not shown in the guest chat', async () => {
    const customerId = uniqueId('guest');
    const customer = (await customerToken(customerId)).jwt;
    const id = await defaultConversationId(customer);
    const agent = (await agentToken()).jwt;
    const question = await api<MessageEvent>(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'buttons', text: 'What next?', buttons: [{ type: 'postback', title: 'Book', payload: 'book' }] });
    await api(customer, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'text', text: 'Book', payload: 'book', replyTo: question.message.id });
    const chat = await fixture(html`<omni-chat open server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
    const root = () => chat.shadowRoot!.querySelector('omni-conversation')?.shadowRoot;
    await waitUntil(() => (root()?.querySelectorAll('[part~="message"]').length ?? 0) >= 2, 'messages', { timeout: 10000 });
    expect(root()!.querySelector('[part="answered"]')).to.equal(null);
  });
});
