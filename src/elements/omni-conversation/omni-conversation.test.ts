/// <reference types="mocha" />
// <omni-conversation> in real Chromium against the real server: failed sends and Retry, loading
// older history without moving what is on screen, and not yanking a reader who scrolled up.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agentToken, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import '../../define.js';
import type { OmniConversation } from './omni-conversation.js';

const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function mount(conversationId?: string, customerId = uniqueId('guest')) {
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(session);
  await session.start();
  const element = await fixture<OmniConversation>(html`<omni-conversation
    style="height: 300px; display: flex"
    .session=${session}
    conversation-id=${conversationId ?? ''}
  ></omni-conversation>`);
  if (!conversationId) element.removeAttribute('conversation-id');
  return element;
}
const root = (el: OmniConversation) => el.shadowRoot!;
const items = (el: OmniConversation) => [...root(el).querySelectorAll<HTMLElement>('[part~="message"]')];

describe('<omni-conversation>', () => {
  it('marks a refused send as failed, with a Retry button', async () => {
    // A conversation this customer may not see: the server answers 404.
    const el = await mount('conv_00000000-0000-0000-0000-000000000000');
    const input = root(el).querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = 'will not go through';
    root(el).querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await waitUntil(() => root(el).querySelector('[part="retry"]'), 'retry offered', { timeout: 10000 });
    expect(items(el)[0]!.classList.contains('failed')).to.equal(true);
    expect(items(el)[0]!.textContent).to.contain('Not sent');
    expect(items(el)[0]!.textContent).to.contain('No such conversation');
    root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => items(el)[0]!.classList.contains('pending') || items(el)[0]!.classList.contains('failed'), 'retried');
  });

  it('loads older messages on demand and keeps the visible ones in place', async () => {
    const customerId = uniqueId('guest');
    const id = await defaultConversationId((await customerToken(customerId)).jwt);
    const agent = (await agentToken()).jwt;
    for (let i = 1; i <= 40; i += 1) await postText(agent, id, `history ${i}`);
    const el = await mount(id, customerId);
    await waitUntil(() => items(el).length === 30, 'newest page', { timeout: 10000 });
    const list = root(el).querySelector<HTMLElement>('[part="messages"]')!;
    list.scrollTop = 0;
    await el.updateComplete;
    const anchor = items(el)[0]!;
    expect(anchor.textContent).to.contain('history 11');
    const before = anchor.getBoundingClientRect().top;
    root(el).querySelector<HTMLButtonElement>('[part="load-older"]')!.click();
    await waitUntil(() => items(el).length === 40, 'older page', { timeout: 10000 });
    await el.updateComplete;
    expect(Math.abs(anchor.getBoundingClientRect().top - before)).to.be.below(2);
    expect(root(el).querySelector('[part="load-older"]')).to.equal(null, 'no more history');
  });

  it('does not yank a reader who scrolled up; offers a jump to new messages', async () => {
    const customerId = uniqueId('guest');
    const id = await defaultConversationId((await customerToken(customerId)).jwt);
    const agent = (await agentToken()).jwt;
    for (let i = 1; i <= 20; i += 1) await postText(agent, id, `line ${i}`);
    const el = await mount(id, customerId);
    await waitUntil(() => items(el).length === 20, 'loaded', { timeout: 10000 });
    const list = root(el).querySelector<HTMLElement>('[part="messages"]')!;
    await waitUntil(() => list.scrollHeight - list.scrollTop - list.clientHeight < 5, 'pinned to the bottom');
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await postText(agent, id, 'while reading old ones');
    await waitUntil(() => items(el).length === 21, 'arrived', { timeout: 10000 });
    await el.updateComplete;
    expect(list.scrollTop).to.equal(0);
    const jump = await waitUntil(() => root(el).querySelector<HTMLButtonElement>('[part="jump"]'), 'jump offered').then(() => root(el).querySelector<HTMLButtonElement>('[part="jump"]')!);
    jump.click();
    await el.updateComplete;
    expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.below(5);
  });
});
