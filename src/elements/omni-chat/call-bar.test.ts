/// <reference types="mocha" />
// The chat's call, in real Chromium against the real server's SIP edge (real sip.js): a call bar
// below the header that leaves the title on one line, a dialpad that pops over the conversation
// instead of pushing it away, focus that goes to Hang up and back to the call button, Escape that
// closes the dialpad before the chat, the launcher then the header's buttons in Tab order, and axe-core with
// zero violations in every call state of both themes.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import { integrationWith, loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { createSession, type OmniSession } from '../../core/session.js';
import { AgentPhone } from '../../calling/agent-phone.js';
import '../../define.js';
import type { OmniChat } from './omni-chat.js';
import type { OmniCallButton } from '../omni-call-button/omni-call-button.js';

const sessions: OmniSession[] = [];
const phones: AgentPhone[] = [];
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
  sessions.splice(0).forEach((s) => s.stop());
});

/** An agent who is registered and answers (at once, or when `answer` is called). */
async function agentPhone(answerAtOnce = true): Promise<{ answer: () => Promise<void>; ringing: () => boolean }> {
  const agentId = uniqueId('agent');
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => agentToken(agentId) });
  sessions.push(session);
  const phone = new AgentPhone(session);
  phones.push(phone);
  await phone.start();
  if (answerAtOnce) phone.$incoming.listen((incoming) => incoming.forEach((pending) => void phone.accept(pending.id)));
  return {
    ringing: () => phone.$incoming.get().length > 0,
    answer: async () => {
      for (const pending of phone.$incoming.get()) await phone.accept(pending.id);
    },
  };
}

/** A guest's open chat with voice; on `integrationId`'s queue (default: the demo's, which the test agents serve), its conversation started. */
async function voiceChat(theme: 'light' | 'dark' = 'light', integrationId = 'demo'): Promise<OmniChat> {
  const customerId = uniqueId('guest');
  await defaultConversationId((await customerToken(customerId, { integrationId })).jwt);
  const chat = await fixture<OmniChat>(html`<omni-chat open voice theme=${theme} integration-id=${integrationId} server-url=${testServer().serverUrl}
    .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
  await waitUntil(() => headerButton(chat)?.shadowRoot?.querySelector('[part="call"]'), 'call button', { timeout: 10000 });
  return chat;
}

const headerButton = (chat: OmniChat) => chat.shadowRoot!.querySelector<OmniCallButton>('header omni-call-button');
const bar = (chat: OmniChat) => chat.shadowRoot!.querySelector<OmniCallButton>('omni-call-button[layout="bar"]')!;
const barPart = (chat: OmniChat, name: string) => bar(chat).shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const status = (chat: OmniChat) => barPart(chat, 'status')?.textContent ?? '';

/** The element that has focus, through every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<omni-chat voice>: the call bar', () => {
  before(loadAxe);

  it('shows the call in a bar below the header, moves focus with the call, and keeps the dialpad over the conversation', async () => {
    await agentPhone();
    const chat = await voiceChat('light', await integrationWith({ teamName: 'Pedal & Co. workshop' }));
    const title = chat.shadowRoot!.querySelector('h2')!;
    const oneLine = () => title.getBoundingClientRect().height < parseFloat(getComputedStyle(title).fontSize) * 2;
    expect(oneLine(), 'the title on one line before the call').to.equal(true);
    headerButton(chat)!.shadowRoot!.querySelector<HTMLElement>('[part="call"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status(chat).includes('In call'), 'in call', { timeout: 10000 });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'hangup', 'focus on Hang up', { timeout: 5000 });
    expect(oneLine(), 'the title still on one line in the call').to.equal(true);
    const header = chat.shadowRoot!.querySelector('header')!.getBoundingClientRect();
    const strip = barPart(chat, 'bar')!.getBoundingClientRect();
    expect(strip.top).to.be.at.least(header.bottom - 0.5, 'the bar is below the header');
    expect(strip.width).to.be.closeTo(header.width, 1, 'full width');
    expect(headerButton(chat)!.shadowRoot!.querySelector('[part="call"]'), 'no second call button during the call').to.equal(null);

    const conversation = chat.shadowRoot!.querySelector('omni-conversation')!;
    const before = conversation.getBoundingClientRect();
    barPart(chat, 'dialpad')!.focus();
    await sendKeys({ press: 'Enter' });
    await bar(chat).updateComplete;
    const keypad = bar(chat).shadowRoot!.querySelector<HTMLElement>('.keypad')!;
    expect(keypad.hidden).to.equal(false);
    const after = conversation.getBoundingClientRect();
    expect([after.top, after.height]).to.deep.equal([before.top, before.height], 'the conversation keeps its place and size');
    expect(keypad.getBoundingClientRect().top).to.be.at.least(strip.bottom - 0.5, 'the dialpad pops over the conversation');
    expect(after.height).to.be.above(300, 'most of the panel is still conversation');

    bar(chat).shadowRoot!.querySelector<HTMLElement>('[part="key"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await bar(chat).updateComplete;
    expect(keypad.hidden, 'Escape closes the dialpad').to.equal(true);
    expect(chat.open, 'and not the chat').to.equal(true);
    expect(deepActive()?.getAttribute('part')).to.equal('dialpad', 'focus back on the dialpad toggle');

    barPart(chat, 'hangup')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !barPart(chat, 'bar'), 'the bar goes when the call ends', { timeout: 5000 });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'call', 'focus back on the call button', { timeout: 5000 });
    expect(deepActive()!.getRootNode()).to.equal(headerButton(chat)!.shadowRoot);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !chat.open, 'Escape still closes the chat');
  });

  it('goes launcher, then the header buttons (call, transcript, close), then the conversation and the composer with Tab', async () => {
    const chat = await voiceChat();
    const start = document.createElement('button');
    start.textContent = 'before';
    chat.before(start);
    try {
      await waitUntil(() => chat.shadowRoot!.querySelector('[part="transcript"]'), 'transcript button', { timeout: 10000 });
      start.focus();
      const order: string[] = [];
      for (let i = 0; i < 12 && !order.includes('input'); i += 1) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive();
        order.push(active?.getAttribute('part') ?? active?.localName ?? '');
      }
      expect(order.slice(0, 4)).to.deep.equal(['launcher', 'call', 'transcript', 'close']);
      expect(order).to.include('input');
    } finally {
      start.remove();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations while ringing, in a call and after a failed call (${theme})`, async () => {
      // Failed: an integration whose queue no agent serves.
      const lonely = uniqueId('lonely').replace(/[^A-Za-z0-9_-]/g, '_');
      await api(testServer().apiKey, 'POST', '/v1/integrations', { id: lonely, name: 'Night shift', queue: `q_${lonely}` });
      const failing = await voiceChat(theme, lonely);
      headerButton(failing)!.shadowRoot!.querySelector<HTMLElement>('[part="call"]')!.click();
      await waitUntil(() => status(failing).includes('Call failed'), 'failed: nobody serves the queue', { timeout: 10000 });
      expect(status(failing)).to.contain('No agent is available');
      expect(await violations(failing), 'failed').to.deep.equal([]);
      failing.remove();

      const agent = await agentPhone(false);
      const chat = await voiceChat(theme);
      headerButton(chat)!.shadowRoot!.querySelector<HTMLElement>('[part="call"]')!.click();
      await waitUntil(() => agent.ringing() && status(chat).includes('Ringing'), 'ringing', { timeout: 10000 });
      expect(await violations(chat), 'ringing').to.deep.equal([]);
      await agent.answer();
      await waitUntil(() => status(chat).includes('In call'), 'in call', { timeout: 10000 });
      barPart(chat, 'dialpad')!.click();
      await bar(chat).updateComplete;
      expect(await violations(chat), 'in a call, dialpad open').to.deep.equal([]);
      barPart(chat, 'hangup')!.click();
      await waitUntil(() => !barPart(chat, 'bar'), 'ended', { timeout: 5000 });
    });
  }
});
