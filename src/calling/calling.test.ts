/// <reference types="mocha" />
// The calling module through the built-in edge, in real Chromium with fake media: a guest's
// call rings the agent's phone with the conversation, audio flows both ways, hold, DTMF,
// hangup, recovery after a killed socket, refusal when nobody answers, and the preflight.
import { expect, waitUntil } from '@open-wc/testing';
import { audioFlows as audioFlowsOn } from '../../test/browser/rtp.js';
import { agentToken, customerToken, defaultConversationId, serverCommand, testServer, uniqueId } from '../../test/browser/server.js';
import { createSession, type OmniSession } from '../core/session.js';
import { AgentPhone } from './agent-phone.js';
import { Call } from './call.js';
import type { CallStateName } from './call-state.js';
import { preflight } from './preflight.js';

const sessions: OmniSession[] = [];
const phones: AgentPhone[] = [];
const calls: Call[] = [];
afterEach(async () => {
  for (const call of calls.splice(0)) await call.hangup().catch(() => undefined);
  for (const phone of phones.splice(0)) await phone.stop();
  sessions.splice(0).forEach((s) => s.stop());
});

function guestSession(customerId = uniqueId('guest')): OmniSession {
  const s = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(s);
  return s;
}

async function readyPhone(): Promise<AgentPhone> {
  const agentId = uniqueId('agent');
  const s = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => agentToken(agentId) });
  sessions.push(s);
  const phone = new AgentPhone(s);
  phones.push(phone);
  await phone.start();
  expect(phone.$state.get()).to.equal('ready');
  return phone;
}

function states(call: Call): CallStateName[] {
  const seen: CallStateName[] = [call.$state.get().name];
  call.$state.listen((state) => seen.push(state.name));
  return seen;
}

const audioFlows = (call: Call) => audioFlowsOn(() => call.peerConnection()!);

const inState = (call: Call, name: CallStateName, timeout = 10000) =>
  waitUntil(() => call.$state.get().name === name, `call ${name} (is ${call.$state.get().name})`, { timeout });

async function connectedCall(): Promise<{ guest: Call; agent: Call; guestStates: CallStateName[]; conversationId: string; phone: AgentPhone }> {
  const phone = await readyPhone();
  const customerId = uniqueId('guest');
  const conversationId = await defaultConversationId((await customerToken(customerId)).jwt);
  const guest = await Call.place(guestSession(customerId));
  calls.push(guest);
  const guestStates = states(guest);
  await waitUntil(() => phone.$incoming.get().length === 1, 'the agent phone rings', { timeout: 10000 });
  const pending = phone.$incoming.get()[0]!;
  expect(pending.conversationId).to.equal(conversationId);
  await inState(guest, 'ringing');
  const agent = (await phone.accept(pending.id))!;
  calls.push(agent);
  await inState(guest, 'active');
  await inState(agent, 'active');
  return { guest, agent, guestStates, conversationId, phone };
}

describe('calling (widget module)', () => {
  it('ends in error "no-agent-available" when no agent is registered', async () => {
    const call = await Call.place(guestSession());
    calls.push(call);
    await inState(call, 'error');
    expect(call.$state.get()).to.include({ reason: 'no-agent-available' });
    expect(call.$state.get().message).to.match(/No agent is available/);
  });

  it('calls a queue by its name (destination "support") and by SIP URI, and refuses anything else', async () => {
    const phone = await readyPhone();
    for (const destination of ['support', 'sip:support@omni.local']) {
      const call = await Call.place(guestSession(), { destination });
      calls.push(call);
      await waitUntil(() => phone.$incoming.get().length === 1, `the agent phone rings for ${destination}`, { timeout: 10000 });
      await inState(call, 'ringing');
      await call.hangup();
      await waitUntil(() => phone.$incoming.get().length === 0, 'the ringing stops', { timeout: 10000 });
    }
    const refused = await Call.place(guestSession(), { destination: 'support desk <script>' });
    calls.push(refused);
    await inState(refused, 'error');
    expect(refused.$state.get()).to.include({ reason: 'invalid-destination' });
  });

  it('connects guest and agent: audio both ways, hold and back, DTMF, hangup on both sides', async () => {
    const { guest, agent, guestStates } = await connectedCall();
    await audioFlows(guest);
    await audioFlows(agent);
    await waitUntil(() => (guest.$quality.get()?.bytesSent ?? 0) > 0, 'quality sampled', { timeout: 6000 });
    expect(guest.$quality.get()!.mos).to.be.within(1, 4.5);
    expect(guest.$quality.get()!.warnings).to.not.include('high-loss');
    await waitUntil(() => guest.$inputLevel.get() > 0, 'the level meter moves with the fake microphone', { timeout: 5000 });
    expect(guest.$activeSince.get()).to.be.a('number');
    await guest.setHeld(true);
    expect(guest.$state.get().name).to.equal('held');
    expect(guest.peerConnection()!.getTransceivers()[0]!.currentDirection).to.equal('sendonly');
    await guest.setHeld(false);
    expect(guest.$state.get().name).to.equal('active');
    guest.setMuted(true);
    expect(guest.peerConnection()!.getSenders()[0]!.track!.enabled).to.equal(false);
    guest.setMuted(false);
    const tones: string[] = [];
    const sender = guest.peerConnection()!.getSenders()[0]!;
    sender.dtmf!.addEventListener('tonechange', (event) => tones.push((event as RTCDTMFToneChangeEvent).tone));
    await guest.sendDtmf('12#');
    await waitUntil(() => tones.join('').startsWith('12#'), 'RFC 4733 tones sent', { timeout: 5000 });
    await agent.hangup();
    await inState(guest, 'ended');
    expect(guest.$state.get().reason).to.equal('remote-hangup');
    expect(agent.$state.get()).to.include({ name: 'ended', reason: 'local-hangup' });
    expect(guestStates).to.deep.equal(['connecting', 'ringing', 'active', 'held', 'active', 'ended']);
  });

  it('recovers a call whose socket was killed: reconnecting, then active with audio again', async () => {
    const { guest, agent } = await connectedCall();
    await audioFlows(guest);
    const seen = states(guest);
    guest.sipLine!.dropSocketForTest();
    await waitUntil(() => seen.includes('reconnecting'), 'reconnecting', { timeout: 5000 });
    await inState(guest, 'active', 25000);
    await audioFlows(guest);
    await audioFlows(agent);
    expect(seen).to.deep.equal(['active', 'reconnecting', 'active']);
  });

  it('ends as dropped (network-lost) when the socket cannot come back within the bound', async () => {
    const phone = await readyPhone();
    const guest = await Call.place(guestSession(), { recoveryBoundMs: 1500 });
    calls.push(guest);
    await waitUntil(() => phone.$incoming.get().length === 1, 'rings', { timeout: 10000 });
    await phone.accept(phone.$incoming.get()[0]!.id);
    await inState(guest, 'active');
    const seen = states(guest);
    await serverCommand('stop');
    try {
      await inState(guest, 'dropped', 10000);
    } finally {
      await serverCommand('start');
    }
    expect(guest.$state.get()).to.include({ name: 'dropped', reason: 'network-lost' });
    expect(seen).to.deep.equal(['active', 'reconnecting', 'dropped']);
  });

  it('the agent phone re-registers on its own after a server restart, and rings again', async function () {
    this.timeout(60000);
    const phone = await readyPhone();
    const seen: string[] = [];
    phone.$state.listen((state) => seen.push(state));
    await serverCommand('restart');
    await waitUntil(() => seen.includes('registering') && phone.$state.get() === 'ready', `re-registered (states: ${seen.join(', ')})`, { timeout: 30000 });
    const call = await Call.place(guestSession());
    calls.push(call);
    await waitUntil(() => phone.$incoming.get().length === 1, 'the phone rings after the restart', { timeout: 10000 });
    await inState(call, 'ringing');
  });

  it('passes the preflight: microphone, signalling and ICE', async () => {
    const result = await preflight(guestSession());
    expect(result.microphone.ok, result.microphone.error).to.equal(true);
    expect(result.signalling.ok, result.signalling.error).to.equal(true);
    expect(result.ice.ok, result.ice.error).to.equal(true);
    expect(result.ok).to.equal(true);
  });
});
