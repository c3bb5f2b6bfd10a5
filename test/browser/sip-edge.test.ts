/// <reference types="mocha" />
// The built-in SIP edge with plain sip.js (not the widget) in real Chromium with fake media:
// an agent registers its queue, a guest calls it, audio flows both ways, hold and hangup work;
// guests can't register or call anyone else; bad credentials and malformed SIP are refused.
import { expect, waitUntil } from '@open-wc/testing';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session } from 'sip.js';
import { audioFlows } from './rtp.js';
import { agentToken, customerToken, defaultConversationId, sipCredentials, uniqueId, type TestSipCredentials } from './server.js';

const agents: UserAgent[] = [];
afterEach(async () => {
  for (const ua of agents.splice(0)) await ua.stop().catch(() => undefined);
});

async function userAgent(credentials: TestSipCredentials, overrides: { password?: string } = {}): Promise<UserAgent> {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(credentials.aor)!,
    transportOptions: { server: credentials.wsUrl },
    authorizationUsername: credentials.username,
    authorizationPassword: overrides.password ?? credentials.password,
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: credentials.iceServers } },
    logLevel: 'error',
  });
  agents.push(ua);
  await ua.start();
  return ua;
}

const flowing = (session: Session) =>
  audioFlows(() => (session.sessionDescriptionHandler as unknown as { peerConnection: RTCPeerConnection }).peerConnection);

async function registeredAgent(): Promise<{ ua: UserAgent; invitations: Invitation[] }> {
  const credentials = await sipCredentials((await agentToken()).jwt);
  const ua = await userAgent(credentials);
  const invitations: Invitation[] = [];
  ua.delegate = { onInvite: (invitation) => invitations.push(invitation) };
  const registerer = new Registerer(ua);
  await registerer.register();
  await waitUntil(() => registerer.state === RegistererState.Registered, 'registered', { timeout: 5000 });
  return { ua, invitations };
}

/** Places a call and returns the final response status (or 200 when established). */
function call(ua: UserAgent, target: string): Promise<{ inviter: Inviter; status: number }> {
  const inviter = new Inviter(ua, UserAgent.makeURI(target)!, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  return new Promise((resolve) => {
    void inviter.invite({
      requestDelegate: {
        onAccept: () => resolve({ inviter, status: 200 }),
        onReject: (response) => resolve({ inviter, status: response.message.statusCode ?? 0 }),
      },
    });
  });
}

describe('built-in SIP edge with plain sip.js', () => {
  it('connects a guest to a registered agent with audio both ways, hold and hangup', async () => {
    const agent = await registeredAgent();
    const guestJwt = (await customerToken(uniqueId('guest'))).jwt;
    const conversationId = await defaultConversationId(guestJwt);
    const guestCredentials = await sipCredentials(guestJwt);
    expect(guestCredentials.destination).to.equal(`sip:support@${guestCredentials.domain}`);
    expect(guestCredentials.wsUrl).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/sip$/);
    const guest = await userAgent(guestCredentials);
    const placing = call(guest, guestCredentials.destination!);
    await waitUntil(() => agent.invitations.length === 1, 'the agent is rung', { timeout: 5000 });
    const invitation = agent.invitations[0]!;
    expect(invitation.request.getHeader('X-Omni-Conversation')).to.equal(conversationId, 'the edge stamps the verified conversation');
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    const { inviter, status } = await placing;
    expect(status).to.equal(200);
    await waitUntil(() => inviter.state === SessionState.Established, 'established');
    await flowing(inviter);
    await flowing(invitation);

    inviter.sessionDescriptionHandlerOptionsReInvite = { hold: true } as never;
    const held = await new Promise<number>((resolve) => {
      void inviter.invite({ requestDelegate: { onAccept: () => resolve(200), onReject: (r) => resolve(r.message.statusCode ?? 0) } });
    });
    expect(held).to.equal(200);
    const pc = (inviter.sessionDescriptionHandler as unknown as { peerConnection: RTCPeerConnection }).peerConnection;
    expect(pc.getTransceivers()[0]!.currentDirection).to.equal('sendonly');
    inviter.sessionDescriptionHandlerOptionsReInvite = { hold: false } as never;
    await new Promise<void>((resolve) => void inviter.invite({ requestDelegate: { onAccept: () => resolve() } }));
    expect(pc.getTransceivers()[0]!.currentDirection).to.equal('sendrecv');

    await inviter.bye();
    await waitUntil(() => invitation.state === SessionState.Terminated && inviter.state === SessionState.Terminated, 'both ended');
  });

  it('refuses guests that register, call someone else, or hold bad credentials', async () => {
    const guestCredentials = await sipCredentials((await customerToken(uniqueId('guest'))).jwt);
    const guest = await userAgent(guestCredentials);
    const outcome = await new Promise<number>((resolve) => {
      const registerer = new Registerer(guest);
      void registerer.register({ requestDelegate: { onReject: (response) => resolve(response.message.statusCode ?? 0) } });
    });
    expect(outcome).to.equal(403);
    expect((await call(guest, `sip:someone-else@${guestCredentials.domain}`)).status).to.equal(403);
    const impostor = await userAgent(guestCredentials, { password: 'wrong' });
    expect((await call(impostor, guestCredentials.destination!)).status).to.be.oneOf([401, 407]);
  });

  it('answers 480 when no agent is registered, and 400 to malformed SIP without going down', async () => {
    const credentials = await sipCredentials((await customerToken(uniqueId('guest'))).jwt);
    const socket = new WebSocket(credentials.wsUrl, 'sip');
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    const answer = new Promise<string>((resolve) => socket.addEventListener('message', (event) => resolve(String(event.data))));
    socket.send('OPTIONS sip:x@omni.local SIP/2.0\r\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@omni.local>\r\nCall-ID: c1\r\nCSeq: bogus\r\n\r\n');
    expect(await answer).to.match(/^SIP\/2\.0 400/);
    socket.close();
    // Still up: a real call attempt gets a real answer.
    const guest = await userAgent(credentials);
    const { status } = await call(guest, credentials.destination!);
    expect(status).to.equal(480);
  });
});
