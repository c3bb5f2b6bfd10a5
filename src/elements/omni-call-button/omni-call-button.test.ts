/// <reference types="mocha" />
// <omni-call-button> in real Chromium against the real server's SIP edge: keyboard-operable
// call, status and controls, omni-call-state events, and a clear error when nobody answers.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import { AgentPhone } from '../../calling/agent-phone.js';
import '../../define.js';
import type { OmniCallButton } from './omni-call-button.js';

const sessions: OmniSession[] = [];
const phones: AgentPhone[] = [];
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
  sessions.splice(0).forEach((s) => s.stop());
});

function session(jwtProvider: () => Promise<{ jwt: string; expiresAt: string }>): OmniSession {
  const created = createSession({ serverUrl: testServer().serverUrl, jwtProvider });
  sessions.push(created);
  return created;
}

const part = (el: OmniCallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

describe('<omni-call-button>', () => {
  it('says why when no agent is available', async () => {
    const guestId = uniqueId('guest');
    const el = await fixture<OmniCallButton>(html`<omni-call-button .session=${session(() => customerToken(guestId))}></omni-call-button>`);
    const events: string[] = [];
    el.addEventListener('omni-call-state', (event) => events.push(event.detail.state));
    part(el, 'call')!.click();
    await waitUntil(() => part(el, 'status')?.textContent?.includes('Call failed'), 'failed', { timeout: 10000 });
    expect(part(el, 'status')!.textContent).to.contain('No agent is available');
    expect(events).to.deep.equal(['connecting', 'error']);
    expect(part(el, 'call'), 'can try again').to.not.equal(null);
  });

  it('calls by keyboard, shows controls, mutes, holds and hangs up', async () => {
    const agentId = uniqueId('agent');
    const phone = new AgentPhone(session(() => agentToken(agentId)));
    phones.push(phone);
    await phone.start();
    phone.$incoming.listen((incoming) => incoming.forEach((pending) => void phone.accept(pending.id)));
    const guestId = uniqueId('guest');
    const el = await fixture<OmniCallButton>(html`<omni-call-button .session=${session(() => customerToken(guestId))}></omni-call-button>`);
    const events: string[] = [];
    el.addEventListener('omni-call-state', (event) => events.push(event.detail.state));
    part(el, 'call')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'status')?.textContent?.includes('In call'), 'in call', { timeout: 10000 });
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'hangup'), 'focus on Hang up once the call starts');
    const mute = part(el, 'mute')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    mute.click();
    await waitUntil(() => mute.getAttribute('aria-pressed') === 'true', 'muted');
    expect(el.currentCall!.peerConnection()!.getSenders()[0]!.track!.enabled).to.equal(false);
    part(el, 'hold')!.click();
    await waitUntil(() => part(el, 'status')?.textContent?.includes('On hold'), 'held', { timeout: 5000 });
    part(el, 'hold')!.click();
    await waitUntil(() => part(el, 'status')?.textContent?.includes('In call'), 'resumed', { timeout: 5000 });
    part(el, 'dialpad')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part="key"]')).to.have.length(12);
    part(el, 'key')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'dialpad'), 'Escape closes the dialpad, focus on its toggle');
    expect(el.shadowRoot!.querySelector<HTMLElement>('.keypad')!.hidden).to.equal(true);
    part(el, 'hangup')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'status')?.textContent?.includes('Call ended'), 'ended', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'call'), 'focus back on the call button');
    expect(events).to.deep.equal(['connecting', 'ringing', 'active', 'held', 'active', 'ended']);
  });

  it('shows one call on every button of the session and never starts a second', async () => {
    const agentId = uniqueId('agent');
    const phone = new AgentPhone(session(() => agentToken(agentId)));
    phones.push(phone);
    await phone.start();
    let rung = 0;
    phone.$incoming.listen((incoming) => incoming.forEach((pending) => { rung += 1; void phone.accept(pending.id); }));
    const guest = session(() => customerToken(uniqueId('guest')));
    const wrapper = await fixture<HTMLElement>(html`<div>
      <omni-call-button .session=${guest}></omni-call-button>
      <omni-call-button .session=${guest}></omni-call-button>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll<OmniCallButton>('omni-call-button')];
    part(first!, 'call')!.click();
    await waitUntil(() => part(first!, 'status')?.textContent?.includes('In call'), 'first in call', { timeout: 10000 });
    await waitUntil(() => part(second!, 'status')?.textContent?.includes('In call'), 'second shows the same call', { timeout: 5000 });
    expect(second!.currentCall).to.equal(first!.currentCall);
    await second!.start();
    expect(rung).to.equal(1, 'no second call');
    part(second!, 'hangup')!.click();
    await waitUntil(() => part(first!, 'status')?.textContent?.includes('Call ended'), 'ended on both', { timeout: 5000 });
  });
});
