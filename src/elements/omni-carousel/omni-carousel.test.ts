/// <reference types="mocha" />
// A carousel message in <omni-conversation>: previous/next buttons that page by one card, say so at
// the ends (aria-disabled, focus stays on them), work with the keyboard (Tab, Enter, Space) and are
// labelled in the page's language; right to left they swap sides and "next" scrolls leftwards;
// cards that fit need no buttons; no axe violations.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { createSession, type OmniSession } from '../../core/session.js';
import '../../define.js';
import type { OmniConversation } from '../omni-conversation/omni-conversation.js';

const sessions: OmniSession[] = [];

/** Resolves once the row's (smooth) scrolling has come to rest. */
async function settled(track: HTMLElement): Promise<void> {
  let last = Number.NaN;
  while (!(Math.abs(track.scrollLeft - last) < 1)) {
    last = track.scrollLeft;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

/** A guest's conversation (in a wrapper with `dir`/`lang`) showing a carousel of `count` cards from an agent. */
async function carouselOf(count: number, dir = 'ltr', lang = 'en') {
  const customerId = uniqueId('guest');
  const customer = (await customerToken(customerId)).jwt;
  const id = await defaultConversationId(customer);
  const agent = (await agentToken()).jwt;
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(session);
  await session.start();
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${dir} lang=${lang}>
    <omni-conversation style="height: 500px; width: 360px; display: flex" .session=${session} conversation-id=${id}></omni-conversation></div>`);
  const el = wrapper.querySelector<OmniConversation>('omni-conversation')!;
  await api(agent, 'POST', `/v1/conversations/${id}/messages`, {
    clientMessageId: uniqueId('m'), type: 'carousel',
    cards: Array.from({ length: count }, (_, i) => ({ title: `Bike ${i + 1}`, text: 'A fine bike', buttons: [{ type: 'postback', title: 'Pick', payload: `bike:${i + 1}` }] })),
  });
  const carousel = await waitUntil(() => el.shadowRoot!.querySelector<HTMLElement>('[part="carousel"]')?.shadowRoot?.querySelector('[part="track"]'), 'carousel', { timeout: 10000 })
    .then(() => el.shadowRoot!.querySelector<HTMLElement>('[part="carousel"]')!);
  const part = (name: string) => carousel.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;
  return { el, carousel, track: part('track'), previous: part('previous'), next: part('next') };
}

describe('<omni-carousel>', () => {
  before(loadAxe);

  it('pages with previous/next buttons from the keyboard, disabled at the ends, with no axe violations', async () => {
    const { el, carousel, track, previous, next } = await carouselOf(5);
    await waitUntil(() => !next.hidden, 'buttons shown when the cards overflow');
    expect([previous.getAttribute('aria-label'), next.getAttribute('aria-label')]).to.deep.equal(['Previous card', 'Next card']);
    expect([previous.getAttribute('aria-disabled'), next.getAttribute('aria-disabled')]).to.deep.equal(['true', 'false'], 'at the start');
    expect(getComputedStyle(track).scrollSnapType).to.contain('x');
    expect(await violations(el), 'carousel at the start').to.deep.equal([]);

    // Keyboard: Tab from Previous's place reaches the row, its cards' buttons, then Next.
    next.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => track.scrollLeft > 0, 'Enter on Next scrolls forwards');
    await waitUntil(() => previous.getAttribute('aria-disabled') === 'false', 'Previous enabled once scrolled');
    await settled(track);
    const step = track.scrollLeft;
    for (let i = 0; i < 8 && next.getAttribute('aria-disabled') !== 'true'; i++) {
      const before = track.scrollLeft;
      await sendKeys({ press: 'Space' });
      await waitUntil(() => track.scrollLeft > before, 'Space on Next scrolls on');
      await settled(track);
    }
    expect(next.getAttribute('aria-disabled')).to.equal('true', 'disabled at the end');
    expect(track.scrollLeft).to.be.closeTo(track.scrollWidth - track.clientWidth, 2);
    expect(carousel.shadowRoot!.activeElement, 'focus stays on Next at the end').to.equal(next);
    const end = track.scrollLeft;
    await sendKeys({ press: 'Enter' });
    expect(track.scrollLeft, 'Next does nothing at the end').to.equal(end);
    expect(await violations(el), 'carousel at the end').to.deep.equal([]);

    previous.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => track.scrollLeft < end, 'Previous scrolls back');
    expect(step).to.be.greaterThan(150, 'a page is about one card');
  });

  it('needs no buttons when the cards fit', async () => {
    const { previous, next, track } = await carouselOf(1);
    await waitUntil(() => track.scrollWidth > 0, 'laid out');
    expect([previous.hidden, next.hidden]).to.deep.equal([true, true]);
  });

  it('right to left: buttons on mirrored sides, Next scrolls leftwards, labels in the language', async () => {
    const { el, track, previous, next } = await carouselOf(5, 'rtl', 'he');
    await waitUntil(() => !next.hidden && next.getAttribute('aria-label') === 'הכרטיס הבא', 'Hebrew labels', { timeout: 10000 });
    expect(previous.getAttribute('aria-label')).to.equal('הכרטיס הקודם');
    const [p, n, t] = [previous, next, track].map((node) => node.getBoundingClientRect());
    expect(p!.left).to.be.greaterThan(n!.left, 'Previous on the right, Next on the left');
    expect(n!.left - t!.left).to.be.lessThan(40);
    next.click();
    await waitUntil(() => track.scrollLeft < 0, 'Next scrolls leftwards (negative scrollLeft)');
    await waitUntil(() => previous.getAttribute('aria-disabled') === 'false', 'Previous enabled');
    // Arrow keys follow what they point at: ArrowRight goes back towards the start on the right.
    const before = track.scrollLeft;
    track.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => track.scrollLeft > before, 'ArrowRight scrolls back rightwards');
    expect(await violations(el), 'rtl carousel').to.deep.equal([]);
  });
});
