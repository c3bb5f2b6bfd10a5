/// <reference types="mocha" />
// <omni-chat> in real Chromium against the real server: sending with the keyboard, live replies
// and their announcement, the unread badge, focus handling, and text-only rendering.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, defaultConversationId, postText, startConversation, testServer, uniqueId } from '../../../test/browser/server.js';
import type { EventPage } from '../../core/protocol.js';
import '../../define.js';
import type { OmniChat } from './omni-chat.js';

const shadow = (chat: OmniChat) => chat.shadowRoot!;
const conversationOf = (chat: OmniChat) => shadow(chat).querySelector('omni-conversation')!;
const inner = (chat: OmniChat) => conversationOf(chat).shadowRoot!;
const messageTexts = (chat: OmniChat) => [...inner(chat).querySelectorAll<HTMLElement>('[part~="message"]:not([part~="greeting"]) .bubble')].map((el) => el.innerText);

async function mountChat(customerId = uniqueId('guest')): Promise<{ chat: OmniChat; customerId: string; conversationId: () => string }> {
  const chat = await fixture<OmniChat>(html`<omni-chat server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
  await waitUntil(() => conversationOf(chat).effectiveConversationId, 'conversation known', { timeout: 10000 });
  await startConversation((await customerToken(customerId)).jwt, conversationOf(chat).effectiveConversationId!);
  return { chat, customerId, conversationId: () => conversationOf(chat).effectiveConversationId! };
}

async function openWithKeyboard(chat: OmniChat): Promise<void> {
  shadow(chat).querySelector<HTMLButtonElement>('[part="launcher"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => chat.open && inner(chat).activeElement?.getAttribute('part') === 'input', 'open with the input focused');
}

describe('<omni-chat>', () => {
  it('sends on Enter, breaks lines on Shift+Enter, and shows the message as sent', async () => {
    const { chat, customerId, conversationId } = await mountChat();
    await openWithKeyboard(chat);
    await sendKeys({ type: 'Hello' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    expect(messageTexts(chat)).to.deep.equal([], 'Shift+Enter did not send');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inner(chat).querySelector('[part~="message"].sent'), 'sent', { timeout: 10000 });
    expect(messageTexts(chat)).to.deep.equal(['Hello\nsecond line']);
    expect(inner(chat).querySelector<HTMLTextAreaElement>('[part="input"]')!.value).to.equal('');
    expect(inner(chat).querySelector('[part~="message"] .status')!.textContent).to.contain('Sent');
    const page = await api<EventPage>((await customerToken(customerId)).jwt, 'GET', `/v1/conversations/${conversationId()}/events?after=0`);
    // Messages only (routing adds its `queued` and `assigned` events around them).
    expect(page.events.flatMap((e) => (e.type === 'message' ? [(e.message as { text?: string }).text] : []))).to.deep.equal(['Hello\nsecond line']);
  });

  it('shows replies live, announces only new ones, and renders markup as text', async () => {
    const customerId = uniqueId('guest');
    const agent = (await agentToken()).jwt;
    await postText(agent, await defaultConversationId((await customerToken(customerId)).jwt), 'Earlier answer');
    const { chat, conversationId } = await mountChat(customerId);
    chat.open = true;
    await waitUntil(() => messageTexts(chat).includes('Earlier answer'), 'history shown');
    const live = inner(chat).querySelector('.visually-hidden[role="status"]')!;
    expect(live.textContent!.trim()).to.equal('', 'history on open is not announced');
    const arrived = oneEvent(chat, 'omni-message');
    await postText(agent, conversationId(), 'New <b>bold</b> <img src=x onerror=alert(1)> reply');
    const event = await arrived;
    expect((event.detail.item.message as { text?: string }).text).to.contain('New <b>bold</b>');
    await waitUntil(() => live.textContent!.includes('New <b>bold</b>'), 'announced');
    expect(messageTexts(chat)).to.include('New <b>bold</b> <img src=x onerror=alert(1)> reply');
    expect(inner(chat).querySelector('b, img')).to.equal(null, 'user markup made no element');
  });

  it('counts unread replies on the badge while closed and clears them when opened', async () => {
    const { chat, customerId, conversationId } = await mountChat();
    const badge = shadow(chat).querySelector<HTMLElement>('[part="badge"]')!;
    expect(badge.hidden).to.equal(true);
    const agent = (await agentToken()).jwt;
    await postText(agent, conversationId(), 'one');
    await postText(agent, conversationId(), 'two');
    await waitUntil(() => badge.textContent!.trim() === '2' && !badge.hidden, 'badge shows 2', { timeout: 10000 });
    expect(shadow(chat).querySelector('[part="launcher"]')!.getAttribute('aria-label')).to.contain('2 unread messages');
    chat.open = true;
    await waitUntil(() => badge.hidden, 'badge cleared', { timeout: 10000 });
    await waitUntil(async () => {
      const list = await api<{ conversations: Array<{ readSeq: number }> }>((await customerToken(customerId)).jwt, 'GET', '/v1/conversations');
      return list.conversations[0]!.readSeq === 3;
    }, 'read horizon reached the server', { timeout: 5000 });
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const { chat } = await mountChat();
    const changes: boolean[] = [];
    chat.addEventListener('omni-open-change', (event) => changes.push(event.detail.open));
    await openWithKeyboard(chat);
    expect(shadow(chat).querySelector('[part="panel"]')!.hasAttribute('hidden')).to.equal(false);
    expect(shadow(chat).querySelector('[part="launcher"]')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !chat.open && shadow(chat).activeElement?.getAttribute('part') === 'launcher', 'closed, launcher focused');
    expect(changes).to.deep.equal([true, false]);
  });

  it('uses an input of at least 16px so phones do not zoom', async () => {
    const { chat } = await mountChat();
    chat.open = true;
    await chat.updateComplete;
    const input = inner(chat).querySelector<HTMLTextAreaElement>('[part="input"]')!;
    expect(parseFloat(getComputedStyle(input).fontSize)).to.be.at.least(16);
  });

  it('flashes the title and shows a notification for messages that arrive while the page is hidden', async () => {
    const shown: Array<{ title: string; body?: string }> = [];
    const RealNotification = window.Notification;
    // The browser's notification UI can't be observed headless: record what would be shown.
    class RecordingNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) { shown.push({ title, ...(options?.body ? { body: options.body } : {}) }); }
      close(): void {}
    }
    (window as unknown as { Notification: unknown }).Notification = RecordingNotification;
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    const title = document.title;
    try {
      const customerId = uniqueId('guest');
      const chat = await fixture<OmniChat>(html`<omni-chat notify server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
      await waitUntil(() => conversationOf(chat).effectiveConversationId, 'ready', { timeout: 10000 });
      await startConversation((await customerToken(customerId)).jwt, conversationOf(chat).effectiveConversationId!);
      hidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
      await postText((await agentToken(uniqueId('agent'), 'Sam')).jwt, conversationOf(chat).effectiveConversationId!, 'Your bike is ready');
      await waitUntil(() => document.title.startsWith('(1) New message'), 'title flashes', { timeout: 10000 });
      expect(shown).to.deep.equal([{ title: 'Sam', body: 'Your bike is ready' }]);
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      expect(document.title).to.equal(title, 'restored once seen');
    } finally {
      Object.defineProperty(document, 'visibilityState', visibility);
      delete (document as unknown as { visibilityState?: unknown }).visibilityState;
      (window as unknown as { Notification: unknown }).Notification = RealNotification;
    }
  });

  it('themes the whole widget dark with theme="dark"', async () => {
    const { chat } = await mountChat();
    chat.open = true;
    chat.setAttribute('theme', 'dark');
    await chat.updateComplete;
    await conversationOf(chat).updateComplete;
    const panel = getComputedStyle(shadow(chat).querySelector('[part="panel"]')!).backgroundColor;
    expect(panel).to.equal('rgb(23, 26, 33)');
    expect(getComputedStyle(conversationOf(chat)).backgroundColor).to.equal('rgb(23, 26, 33)', 'the conversation inside follows');
  });
});
