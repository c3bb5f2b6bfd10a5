/// <reference types="mocha" />
// The session against the real server in real Chromium: providers, single-flight refresh,
// in-place re-auth, dead-socket detection, reconnects after a server restart.
import { expect, waitUntil } from '@open-wc/testing';
import { customerToken, serverCommand, testServer, uniqueId } from '../../test/browser/server.js';
import { createSession, type OmniSession } from './session.js';
import type { OmniErrorInfo, TokenResponse } from './protocol.js';

const sessions: OmniSession[] = [];
function session(options: Partial<Parameters<typeof createSession>[0]> = {}): OmniSession {
  const created = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(), ...options });
  sessions.push(created);
  return created;
}
const online = (s: OmniSession) => waitUntil(() => s.$connection.get() === 'online', 'session online', { timeout: 10000 });

afterEach(() => {
  sessions.splice(0).forEach((s) => s.stop());
});

describe('OmniSession', () => {
  it('connects with a function provider and with an object provider, and learns who it is', async () => {
    const id = uniqueId('guest');
    const a = session({ jwtProvider: () => customerToken(id) });
    await a.start();
    await online(a);
    expect(a.$participant.get()).to.deep.equal({ id: `customer:demo:${id}`, role: 'customer', displayName: 'Test Guest' });
    const b = session({ jwtProvider: { fetchJwt: async () => (await customerToken(id)).jwt } });
    await b.start();
    await online(b);
    expect(b.$participant.get()?.id).to.equal(`customer:demo:${id}`);
  });

  it('never calls the provider twice at once', async () => {
    let calls = 0;
    const s = session({ jwtProvider: async () => { calls += 1; await new Promise((r) => setTimeout(r, 100)); return customerToken(); } });
    const results = await Promise.all([s.tokens.refresh(), s.tokens.refresh(), s.tokens.get(), s.tokens.get()]);
    expect(calls).to.equal(1);
    expect(new Set(results.map((r) => (typeof r === 'string' ? r : r.jwt))).size).to.equal(1);
  });

  it('refreshes ahead of expiry and re-authenticates the open socket in place', async () => {
    const id = uniqueId('guest');
    let calls = 0;
    // The real token lives 15 minutes; the provider claims 4 s, so the refresh comes after ~3 s.
    const s = session({ jwtProvider: async (): Promise<TokenResponse> => {
      calls += 1;
      const token = await customerToken(id);
      return { jwt: token.jwt, expiresAt: new Date(Date.now() + 4000).toISOString() };
    } });
    const errors: OmniErrorInfo[] = [];
    s.onError((e) => errors.push(e));
    await s.start();
    await online(s);
    await waitUntil(() => calls >= 2, 'refreshed', { timeout: 6000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.socket.connectCount).to.equal(1, 'same socket, re-authenticated in place');
    expect(s.$connection.get()).to.equal('online');
    expect(errors).to.deep.equal([]);
  });

  it('fetches a fresh token on tab return or network return when the held one has lapsed', async () => {
    let calls = 0;
    const id = uniqueId('guest');
    const s = session({ jwtProvider: async () => { calls += 1; return customerToken(id); } });
    await s.start();
    await online(s);
    expect(calls).to.equal(1);
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).to.equal(1, 'a valid token is kept');
    s.tokens.invalidate();
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => calls === 2, 'refreshed on tab return');
    await s.tokens.get();
    s.tokens.invalidate();
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => calls === 3, 'refreshed when the network came back');
    expect(s.socket.connectCount).to.equal(1, 'the open socket was re-authenticated, not replaced');
  });

  it('detects a socket that went silent without closing, and reconnects', async () => {
    const s = session({ pingIntervalMs: 200, pongTimeoutMs: 300 });
    await s.start();
    await online(s);
    s.socket.simulateOneWayLoss();
    await waitUntil(() => s.socket.connectCount === 2 && s.$connection.get() === 'online', 'reconnected', { timeout: 8000 });
  });

  it('reconnects by itself after the server restarts', async () => {
    const s = session();
    const states: string[] = [];
    s.$connection.listen((state) => states.push(state));
    await s.start();
    await online(s);
    await serverCommand('restart');
    await waitUntil(() => s.socket.connectCount >= 2 && s.$connection.get() === 'online', 'back online', { timeout: 15000 });
    expect(states).to.include('reconnecting');
  });

  it('reports a failing provider as token-provider-failed', async () => {
    const s = session({ jwtProvider: async () => { throw new Error('site backend down'); } });
    const errors: OmniErrorInfo[] = [];
    s.onError((e) => errors.push(e));
    await s.start();
    await waitUntil(() => errors.length > 0, 'error reported');
    expect(errors[0]!.code).to.equal('token-provider-failed');
    expect(errors[0]!.message).to.contain('site backend down');
    expect(s.$connection.get()).to.not.equal('online');
  });
});
