/// <reference types="mocha" />
// Rich messages in <omni-conversation> in real Chromium against the real server: markdown as
// text-only markup, cards, a keyboard-scrollable carousel, quick replies and postback buttons
// that send their reply, url buttons that open safely, a fallback for unknown types, receipts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import type { EventPage, MessageEvent } from '../../core/protocol.js';
import { addStored } from '../../messaging/timeline.js';
import '../../define.js';
import type { OmniConversation } from './omni-conversation.js';

const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function setup() {
  const customerId = uniqueId('guest');
  const customer = (await customerToken(customerId)).jwt;
  const id = await defaultConversationId(customer);
  const agent = (await agentToken()).jwt;
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(session);
  await session.start();
  const el = await fixture<OmniConversation>(html`<omni-conversation style="height: 500px; width: 360px; display: flex" .session=${session} conversation-id=${id}></omni-conversation>`);
  const post = (body: Record<string, unknown>) => api<MessageEvent>(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), ...body });
  const root = el.shadowRoot!;
  const last = () => [...root.querySelectorAll<HTMLElement>('[part~="message"]')].at(-1)!;
  const events = async () => (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events;
  return { el, root, id, session, post, last, events, agent };
}

describe('rich messages', () => {
  it('renders the markdown subset as markup built from text, and nothing else', async () => {
    const { root, post, last } = await setup();
    await post({ type: 'text', text: '**Bold** and *it* and `code`\n- one\n- two\n[site](https://example.com) [bad](javascript:alert(1)) <b>raw</b>' });
    await waitUntil(() => root.querySelector('[part~="message"] strong'), 'rendered', { timeout: 10000 });
    const message = last();
    expect(message.querySelector('strong')!.textContent).to.equal('Bold');
    expect(message.querySelector('em')!.textContent).to.equal('it');
    expect(message.querySelector('code')!.textContent).to.equal('code');
    expect(message.querySelectorAll('li')).to.have.length(2);
    const links = [...message.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/']);
    expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(links[0]!.getAttribute('target')).to.equal('_blank');
    expect(message.textContent).to.contain('[bad](javascript:alert(1))');
    expect(message.querySelector('b')).to.equal(null);
    expect(message.textContent).to.contain('<b>raw</b>');
  });

  it('shows cards and a carousel that scrolls with the arrow keys', async () => {
    const { root, post, last } = await setup();
    await post({ type: 'card', title: 'Trailblazer 29', text: 'Our best seller', imageUrl: `${testServer().serverUrl}/healthz`, imageAlt: 'The bike', buttons: [{ type: 'url', title: 'Details', url: 'https://example.com/b' }] });
    await waitUntil(() => root.querySelector('[part="card"]'), 'card', { timeout: 10000 });
    const card = last().querySelector('[part="card"]')!;
    expect(card.getAttribute('role')).to.equal('group');
    expect(card.querySelector('img')!.getAttribute('alt')).to.equal('The bike');
    const link = card.querySelector<HTMLAnchorElement>('a[part="action"]')!;
    expect([link.href, link.rel, link.target]).to.deep.equal(['https://example.com/b', 'noopener noreferrer', '_blank']);
    await post({ type: 'carousel', cards: Array.from({ length: 5 }, (_, i) => ({ title: `Bike ${i + 1}`, text: 'A fine bike' })) });
    await waitUntil(() => root.querySelector('[part="carousel"]'), 'carousel', { timeout: 10000 });
    const carousel = root.querySelector<HTMLElement>('[part="carousel"]')!;
    expect(carousel.getAttribute('aria-roledescription')).to.equal('Carousel');
    const slides = carousel.querySelectorAll('[part="card"]');
    expect(slides[1]!.getAttribute('aria-label')).to.equal('2 of 5');
    // The row and its previous/next buttons are <omni-carousel>'s (a lazy chunk; omni-carousel.test.ts).
    await waitUntil(() => carousel.shadowRoot?.querySelector('[part="track"]'), 'carousel element', { timeout: 10000 });
    const track = carousel.shadowRoot!.querySelector<HTMLElement>('[part="track"]')!;
    track.focus();
    track.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await waitUntil(() => track.scrollLeft > 0, 'scrolled by keyboard');
  });

  it('sends a quick reply with its payload, then hides the chips; postback buttons send too', async () => {
    const { root, post, events } = await setup();
    const question = await post({ type: 'quick-replies', text: 'Which size?', replies: [{ title: 'Medium', payload: 'size:m' }, { title: 'Large', payload: 'size:l' }] });
    await waitUntil(() => root.querySelector('[part="quick-reply"]'), 'chips', { timeout: 10000 });
    expect(root.querySelector('[part="quick-replies"]')!.getAttribute('aria-label')).to.equal('Suggested replies');
    root.querySelectorAll<HTMLButtonElement>('[part="quick-reply"]')[1]!.click();
    await waitUntil(() => !root.querySelector('[part="quick-reply"]'), 'chips gone once answered', { timeout: 10000 });
    await waitUntil(async () => (await events()).some((e) => e.type === 'message' && e.message.type === 'text' && e.message.payload === 'size:l'), 'reply stored');
    const reply = (await events()).find((e) => e.type === 'message' && e.message.type === 'text' && e.message.payload === 'size:l')!;
    expect(reply.type === 'message' && reply.message.type === 'text' && [reply.message.text, reply.message.replyTo]).to.deep.equal(['Large', question.message.id]);

    await post({ type: 'buttons', text: 'What next?', buttons: [{ type: 'postback', title: 'Book a service', payload: 'book' }] });
    await waitUntil(() => root.querySelector('button[part="action"]'), 'button', { timeout: 10000 });
    root.querySelector<HTMLButtonElement>('button[part="action"]')!.click();
    await waitUntil(async () => (await events()).some((e) => e.type === 'message' && e.message.type === 'text' && e.message.payload === 'book'), 'postback stored');
  });

  it('renders a readable fallback for a message type from a newer server', async () => {
    const { root, session, id } = await setup();
    await waitUntil(() => session.$participant.get(), 'welcomed');
    addStored(session, {
      conversationId: id, seq: 999, createdAt: new Date().toISOString(), author: { id: 'agent:x', role: 'agent', displayName: 'Bot' }, type: 'message',
      message: { id: 'msg_future', clientMessageId: 'f', type: 'hologram', beam: { intensity: 9 } } as never,
    }, false);
    await waitUntil(() => root.querySelector('[data-type="hologram"]'), 'fallback', { timeout: 5000 });
    expect(root.querySelector('[data-type="hologram"]')!.textContent).to.contain('not supported');
  });

  it('marks own messages as read when the agent has read them', async () => {
    const { root, el, id, agent } = await setup();
    const input = root.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = 'Did you see this?';
    root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await waitUntil(() => root.querySelector('[part~="own"].sent'), 'sent', { timeout: 10000 });
    expect(root.querySelector('[part~="own"] [part="status"]')!.textContent).to.contain('Sent');
    const page = await api<EventPage>(agent, 'GET', `/v1/conversations/${id}/events?after=0`);
    await api(agent, 'POST', `/v1/conversations/${id}/read`, { seq: page.lastSeq });
    await waitUntil(() => root.querySelector('[part~="own"] [part="status"]')!.textContent!.includes('Read'), 'read receipt', { timeout: 10000 });
    void el;
  });
});

describe('typing', () => {
  it('shows the other side typing, and sends own typing (throttled) to them', async () => {
    const { root, id, agent } = await setup();
    // The agent's own socket, to type and to watch the guest type.
    const { serverUrl } = testServer();
    const socket = new WebSocket(`${serverUrl.replace('http', 'ws')}/v1/events`);
    const frames: Array<{ type: string; active?: boolean; participant?: { role: string } }> = [];
    socket.addEventListener('message', (event) => frames.push(JSON.parse(String(event.data))));
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    socket.send(JSON.stringify({ type: 'auth', jwt: agent }));
    await waitUntil(() => frames.some((frame) => frame.type === 'welcome'), 'agent socket welcomed');
    socket.send(JSON.stringify({ type: 'typing', conversationId: id, active: true }));
    const indicator = root.querySelector('[part="typing"]')!;
    await waitUntil(() => indicator.textContent!.includes('is typing'), 'agent typing shown', { timeout: 5000 });
    socket.send(JSON.stringify({ type: 'typing', conversationId: id, active: false }));
    await waitUntil(() => indicator.textContent!.trim() === '', 'cleared when they stop', { timeout: 5000 });

    const input = root.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.focus();
    for (const text of ['H', 'He', 'Hel', 'Hell', 'Hello']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    await waitUntil(() => frames.some((frame) => frame.type === 'typing' && frame.active === true && frame.participant?.role === 'customer'), 'guest typing relayed');
    expect(frames.filter((frame) => frame.type === 'typing' && frame.active === true && frame.participant?.role === 'customer')).to.have.length(1, 'five keystrokes, one frame');
    root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    await waitUntil(() => frames.some((frame) => frame.type === 'typing' && frame.active === false && frame.participant?.role === 'customer'), 'stopped on send');
    socket.close();
  });
});
