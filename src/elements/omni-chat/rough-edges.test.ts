/// <reference types="mocha" />
// The rough edges a visitor (or agent) notices at once, each fixed: no silent cut of a long
// paste, Send that looks disabled when it can't send, a wrong token-url that says the chat is
// unavailable, a launcher that turns into a close icon, Sent/Read only under the newest own
// message, small bubbles for short replies, Escape in the image viewer closing only the viewer,
// and list previews without markup.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, postText, startConversation, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import type { OmniErrorInfo } from '../../core/protocol.js';
import '../../define.js';
import '../../define-agent.js';
import type { OmniChat } from './omni-chat.js';
import type { OmniConversationList } from '../omni-conversation-list/omni-conversation-list.js';

const shadow = (chat: OmniChat) => chat.shadowRoot!;
const conversationOf = (chat: OmniChat) => shadow(chat).querySelector('omni-conversation')!;
const inner = (chat: OmniChat) => conversationOf(chat).shadowRoot!;
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function openChat(): Promise<{ chat: OmniChat; customerId: string; id: string }> {
  const customerId = uniqueId('guest');
  const chat = await fixture<OmniChat>(html`<omni-chat open server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
  await waitUntil(() => conversationOf(chat).effectiveConversationId && !inner(chat).querySelector<HTMLTextAreaElement>('textarea')!.disabled, 'ready', { timeout: 10000 });
  return { chat, customerId, id: conversationOf(chat).effectiveConversationId! };
}

const type = async (chat: OmniChat, value: string) => {
  const input = inner(chat).querySelector<HTMLTextAreaElement>('textarea')!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await conversationOf(chat).updateComplete;
  return input;
};
const send = (chat: OmniChat) => inner(chat).querySelector<HTMLButtonElement>('[part="send"]')!;

describe('rough edges', () => {
  it('never cuts a long paste: a counter near the limit, the text kept, Send refused until it fits', async () => {
    const { chat } = await openChat();
    await type(chat, '   ');
    expect(send(chat).getAttribute('aria-disabled')).to.equal('true', 'blank: Send looks disabled');
    await type(chat, 'Hello');
    expect(send(chat).getAttribute('aria-disabled')).to.equal('false');
    expect(inner(chat).querySelector('[part="counter"]')).to.equal(null, 'no counter far from the limit');
    const input = await type(chat, 'x'.repeat(4100));
    expect(input.value.length).to.equal(4100, 'nothing cut');
    expect(inner(chat).querySelector('[part="counter"]')!.textContent).to.contain('100 characters too many');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('counter');
    expect(send(chat).getAttribute('aria-disabled')).to.equal('true');
    send(chat).click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inner(chat).querySelectorAll('[part~="own"]')).to.have.length(0, 'refused, not sent');
    expect(input.value.length).to.equal(4100, 'and still there to shorten');
    await type(chat, 'y'.repeat(3990));
    expect(inner(chat).querySelector('[part="counter"]')!.textContent).to.contain('10 characters left');
    send(chat).click();
    await waitUntil(() => inner(chat).querySelector('[part~="own"]'), 'sent once it fits', { timeout: 10000 });
    expect(input.value).to.equal('');
  });

  it('says the chat is unavailable when the token-url fails, and tells the developer why', async () => {
    const chat = document.createElement('omni-chat') as OmniChat;
    chat.serverUrl = testServer().serverUrl;
    chat.tokenUrl = `${testServer().serverUrl}/no-such-token-route`;
    chat.open = true;
    const error = oneEvent(chat, 'omni-error') as Promise<CustomEvent<OmniErrorInfo>>;
    document.body.append(chat);
    try {
      expect((await error).detail.code).to.equal('token-provider-failed');
      const notice = shadow(chat).querySelector<HTMLElement>('[part="connection"]')!;
      await waitUntil(() => !notice.hidden && notice.textContent!.includes('unavailable'), 'unavailable notice', { timeout: 10000 });
      expect(notice.textContent).not.to.contain('Reconnecting');
    } finally {
      chat.remove();
    }
  });

  it('turns the launcher into a close icon while the panel is open', async () => {
    const { chat } = await openChat();
    expect(shadow(chat).querySelector('[part="launcher-close-icon"]')).not.to.equal(null);
    chat.open = false;
    await chat.updateComplete;
    expect(shadow(chat).querySelector('[part="launcher-close-icon"]')).to.equal(null);
    expect(shadow(chat).querySelector('slot[name="launcher-icon"]')).not.to.equal(null);
  });

  it('says Sent or Read under the newest own message only, and keeps short replies small', async () => {
    const { chat, id } = await openChat();
    for (const text of ['one', 'two', 'three']) {
      await type(chat, text);
      send(chat).click();
    }
    await waitUntil(() => inner(chat).querySelectorAll('[part~="own"].sent').length === 3, 'all sent', { timeout: 10000 });
    await waitUntil(() => inner(chat).querySelectorAll('[part="status"]').length === 1, 'one status', { timeout: 10000 });
    const own = [...inner(chat).querySelectorAll('[part~="own"]')];
    expect(own.at(-1)!.querySelector('[part="status"]')!.textContent).to.contain('Sent');
    await postText((await agentToken(uniqueId('agent'))).jwt, id, 'Hi');
    const reply = () => [...inner(chat).querySelectorAll('[part~="other"]')].find((message) => message.textContent!.includes('Hi') && !message.matches('[part~="greeting"]'));
    await waitUntil(reply, 'reply', { timeout: 10000 });
    const row = reply()!.parentElement!.getBoundingClientRect().width;
    const bubble = reply()!.querySelector('.bubble')!.getBoundingClientRect().width;
    expect(bubble).to.be.below(row / 3, 'a one-word reply makes a small bubble');
  });

  it('closes only the image viewer on Escape, not the chat', async () => {
    const { chat } = await openChat();
    const picker = inner(chat).querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([PNG], 'bike.png', { type: 'image/png' }));
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => inner(chat).querySelector('omni-attachment')?.shadowRoot?.querySelector('[part="thumbnail"]'), 'thumbnail', { timeout: 10000 });
    const attachment = inner(chat).querySelector('omni-attachment')!.shadowRoot!;
    attachment.querySelector<HTMLButtonElement>('[part="thumbnail"]')!.click();
    const dialog = attachment.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'viewer closed');
    expect(chat.open).to.equal(true, 'the chat stays open');
  });

  it('previews the last message in the agent list as plain text, without its markup', async () => {
    const customerId = uniqueId('guest');
    const customer = (await customerToken(customerId)).jwt;
    const { conversations } = await api<{ conversations: Array<{ id: string }> }>(customer, 'GET', '/v1/conversations');
    const id = conversations[0]!.id;
    await startConversation(customer, id);
    await postText(customer, id, `**Where** is _my_ [order](https://shop.example/${customerId})?`);
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: async () => agent });
    sessions.push(session);
    await session.start();
    const list = await fixture<OmniConversationList>(html`<omni-conversation-list .session=${session}></omni-conversation-list>`);
    const item = () => list.shadowRoot!.querySelector(`[data-id="${id}"] .preview`);
    await waitUntil(() => item()?.textContent === 'Where is my order?', 'plain preview', { timeout: 10000 });
  });
});
