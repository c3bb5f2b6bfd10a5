/// <reference types="mocha" />
// Long conversations in <omni-conversation>, in real Chromium against the real server: it opens at
// the newest message, pages older history in as the reader scrolls up without moving what is on
// screen, virtualizes past VIRTUALIZE_AFTER messages (far fewer message elements than loaded ones),
// offers a jump back to the newest message, and live messages never yank a reader who scrolled up.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { agentToken, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import { timelineOf } from '../../messaging/timeline.js';
import '../../define.js';
import { VIRTUALIZE_AFTER } from './message-list.js';
import type { OmniConversation } from './omni-conversation.js';

/** More than VIRTUALIZE_AFTER, so the list virtualizes once all of it is loaded. */
const SEEDED = VIRTUALIZE_AFTER + 100;
const NEWEST = 'the newest seeded message';

const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

/** Text of seeded message `n`: a unique tag and 0 to 3 extra lines, so rows differ in height. */
const seededText = (n: number) => [`history ${String(n).padStart(4, '0')} ·`, ...Array.from({ length: n % 4 }, (_, line) => `line ${line + 1} of message ${n}`)].join('\n');

/** A new customer's conversation with SEEDED agent messages (posted 25 at a time), then NEWEST. */
async function longConversation() {
  const customerId = uniqueId('guest');
  const conversationId = await defaultConversationId((await customerToken(customerId)).jwt);
  const agent = (await agentToken()).jwt;
  for (let start = 1; start <= SEEDED; start += 25) {
    await Promise.all(Array.from({ length: Math.min(25, SEEDED + 1 - start) }, (_, i) => postText(agent, conversationId, seededText(start + i))));
  }
  await postText(agent, conversationId, NEWEST);
  return { customerId, conversationId, agent };
}

async function openSession(customerId: string): Promise<OmniSession> {
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(session);
  await session.start();
  return session;
}

function mount(session: OmniSession, conversationId: string) {
  return fixture<OmniConversation>(html`<omni-conversation style="height: 320px; width: 360px; display: flex" .session=${session} conversation-id=${conversationId}></omni-conversation>`);
}

const scroller = (el: OmniConversation) => el.shadowRoot!.querySelector<HTMLElement>('[part="messages"]')!;
const messages = (el: OmniConversation) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
const loaded = (el: OmniConversation) => timelineOf(el.effectiveSession!, el.effectiveConversationId!).get();
const frames = (count = 3) => new Promise<void>((resolve) => {
  const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
  next(count);
});

/** The message element whose text includes `text`, if it is entirely inside the visible list. */
function onScreen(el: OmniConversation, text: string): HTMLElement | undefined {
  const list = scroller(el).getBoundingClientRect();
  return messages(el).find((message) => {
    const box = message.getBoundingClientRect();
    return message.textContent!.includes(text) && box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
  });
}

/** The first message (partly) visible in the list: its key and its top relative to the list. */
function firstVisible(el: OmniConversation): { key: string; top: number } {
  const list = scroller(el).getBoundingClientRect();
  const message = messages(el).find((candidate) => candidate.getBoundingClientRect().bottom > list.top + 1)!;
  return { key: message.dataset.key!, top: message.getBoundingClientRect().top - list.top };
}

/** WCAG 2.1 A/AA violations axe-core finds in `element` (axe loaded from node_modules, as in the a11y tests). */
async function violations(element: Element): Promise<string[]> {
  const page = window as unknown as { axe?: { run(context: Element, options: unknown): Promise<{ violations: Array<{ id: string; help: string }> }> } };
  if (!page.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: '/node_modules/axe-core/axe.min.js', onload: () => resolve(), onerror: () => reject(new Error('axe-core did not load')) });
      document.head.append(script);
    });
  }
  const result = await page.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

const topOf = (el: OmniConversation, key: string) => {
  const message = el.shadowRoot!.querySelector<HTMLElement>(`[part~="message"][data-key="${key}"]`);
  return message ? message.getBoundingClientRect().top - scroller(el).getBoundingClientRect().top : undefined;
};

/**
 * Scrolls up into the top screen of the list, which loads the page before; returns the message that
 * was first on screen (measured in the frame that dispatched the scroll, before any answer) and
 * where it is once the page is in.
 */
async function scrollUpOnePage(el: OmniConversation) {
  const list = scroller(el);
  const count = loaded(el).items.length;
  list.scrollTop = list.clientHeight * 1.5;
  await frames(5);
  list.scrollTop = list.clientHeight * 0.5;
  const before = await new Promise<{ key: string; top: number }>((resolve) => requestAnimationFrame(() => resolve(firstVisible(el))));
  await waitUntil(() => loaded(el).items.length > count, `an older page after ${count}`, { timeout: 10000 });
  await el.updateComplete;
  if (loaded(el).items.length > VIRTUALIZE_AFTER) await waitUntil(() => list.classList.contains('virtual'), 'virtualized', { timeout: 10000 });
  await frames(5);
  return { before, after: topOf(el, before.key) };
}

describe('long histories', () => {
  // The virtualizer re-measures rows inside ResizeObserver callbacks; Chromium then reports the
  // benign "ResizeObserver loop completed with undelivered notifications" to window.onerror.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('opens at the newest message, loads older pages on scroll in place, and virtualizes past VIRTUALIZE_AFTER messages', async function () {
    this.timeout(90000);
    const { customerId, conversationId } = await longConversation();
    const session = await openSession(customerId);
    const el = await mount(session, conversationId);
    await waitUntil(() => onScreen(el, NEWEST), 'opens at the newest message', { timeout: 10000 });
    expect(loaded(el).items.length).to.be.below(SEEDED, 'only the newest page is loaded');

    while (loaded(el).hasMore) {
      const { before, after } = await scrollUpOnePage(el);
      expect(after, `${before.key} is still on screen`).to.not.equal(undefined);
      expect(Math.abs(after! - before.top), `${before.key} stays in place (${loaded(el).items.length} loaded)`).to.be.below(3);
    }

    const total = loaded(el).items.length;
    expect(total).to.equal(SEEDED + 1);
    const list = scroller(el);
    expect(list.classList.contains('virtual'), 'virtualized').to.equal(true);
    expect(list.getAttribute('role')).to.equal('log');
    const inDom = messages(el).length;
    expect(inDom, `${inDom} message elements for ${total} loaded messages`).to.be.below(Math.min(80, total / 5));
    expect(await violations(el), 'axe on the virtualized list').to.deep.equal([]);

    // The top of the history: the oldest message is reachable and nothing more to load.
    // (Scrolling to 0 lands where the estimated heights above were; keep going up like a reader would.)
    await waitUntil(async () => {
      list.scrollTop = 0;
      await frames(2);
      return list.scrollTop === 0;
    }, 'scrolled to the top', { timeout: 10000 });
    const oldest = loaded(el).items[0]!.key;
    await waitUntil(() => topOf(el, oldest) !== undefined && topOf(el, oldest)! >= 0, 'the oldest message on screen', { timeout: 10000 });
    expect(el.shadowRoot!.querySelector('[part="load-older"]')).to.equal(null, 'no more history');

    // A second view of the same long timeline opens virtualized, at the newest message.
    const again = await mount(session, conversationId);
    await waitUntil(() => onScreen(again, NEWEST), 'the second view opens at the newest message', { timeout: 10000 });
    expect(scroller(again).classList.contains('virtual')).to.equal(true);
    expect(messages(again).length).to.be.below(Math.min(80, total / 5));
  });

  it('offers a jump back when scrolled up, keeps the reader in place when messages arrive, and follows again after the jump', async function () {
    this.timeout(90000);
    const { customerId, conversationId, agent } = await longConversation();
    const session = await openSession(customerId);
    const el = await mount(session, conversationId);
    await waitUntil(() => onScreen(el, NEWEST), 'opens at the newest message', { timeout: 10000 });
    while (loaded(el).hasMore) await scrollUpOnePage(el);
    const list = scroller(el);
    expect(list.classList.contains('virtual')).to.equal(true);
    const jump = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="jump"]');

    // Back to the newest by the jump, then up a few screens by scrolling.
    await waitUntil(jump, 'jump offered far from the newest message');
    jump()!.click();
    await waitUntil(() => onScreen(el, NEWEST) && !jump(), 'back at the newest message', { timeout: 10000 });
    await frames(5);
    list.scrollTop -= list.clientHeight * 4;
    await waitUntil(jump, 'jump offered when scrolled up', { timeout: 5000 });
    await frames(5);
    const reading = firstVisible(el);

    // A live message while reading older ones: nothing moves; the jump stays.
    const count = loaded(el).items.length;
    await postText(agent, conversationId, 'live while reading');
    await waitUntil(() => loaded(el).items.length === count + 1, 'arrived', { timeout: 10000 });
    await el.updateComplete;
    await frames(5);
    expect(Math.abs(topOf(el, reading.key)! - reading.top), 'the reader was not moved').to.be.below(2);
    expect(onScreen(el, 'live while reading')).to.equal(undefined);
    expect(jump()).to.not.equal(null);

    // The jump brings the newest message into view and the list follows new ones again.
    jump()!.click();
    await waitUntil(() => onScreen(el, 'live while reading') && !jump(), 'jumped to the newest message', { timeout: 10000 });
    await postText(agent, conversationId, 'live while following');
    await waitUntil(() => onScreen(el, 'live while following'), 'followed the next message', { timeout: 10000 });
  });
});
