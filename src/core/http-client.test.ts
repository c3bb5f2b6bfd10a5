/// <reference types="mocha" />
// The widget's one HTTP client against the real server: JSON commands, public reads, file
// downloads and uploads with progress all carry the token in a header, and all of them answer a
// 401 by fetching a fresh token and trying once more (a second 401 is the caller's error).
import { expect } from '@open-wc/testing';
import { customerToken, defaultConversationId, testServer, uniqueId } from '../../test/browser/server.js';
import { OmniError } from './errors.js';
import { upload } from './http-upload.js';
import { createSession, type OmniSession } from './session.js';
import type { AttachmentInfo, ConversationList, TokenResponse } from './protocol.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

/** A token the server refuses (401): a real one with its signature changed. */
const forged = (token: TokenResponse): TokenResponse => ({ ...token, jwt: `${token.jwt.slice(0, -2)}${token.jwt.endsWith('AA') ? 'BB' : 'AA'}` });

/** A session (not started: no socket) whose provider hands out a refused token for the first `refused` calls. */
async function setup(refused: number) {
  const customerId = uniqueId('guest');
  const conversationId = await defaultConversationId((await customerToken(customerId)).jwt);
  const calls = { count: 0 };
  const session = createSession({
    serverUrl: testServer().serverUrl,
    jwtProvider: async () => {
      calls.count += 1;
      const token = await customerToken(customerId);
      return calls.count <= refused ? forged(token) : token;
    },
  });
  sessions.push(session);
  return { session, calls, conversationId };
}

const formOf = (conversationId: string) => {
  const form = new FormData();
  form.append('conversationId', conversationId);
  form.append('file', new File([PNG], 'dot.png', { type: 'image/png' }), 'dot.png');
  return form;
};

describe('HTTP client', () => {
  it('retries a JSON request once with a fresh token after a 401', async () => {
    const { session, calls, conversationId } = await setup(1);
    const list = await session.http.request<ConversationList>('GET', '/v1/conversations');
    expect(list.conversations.map((c) => c.id)).to.include(conversationId);
    expect(calls.count).to.equal(2);
  });

  it('gives up after a second 401 with the server\'s error', async () => {
    const { session, calls } = await setup(2);
    const error = await session.http.request('GET', '/v1/conversations').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmniError);
    expect((error as OmniError).status).to.equal(401);
    expect((error as OmniError).info.code).to.equal('unauthorized');
    expect(calls.count).to.equal(2);
  });

  it('uploads with progress, and retries the upload once with a fresh token after a 401', async () => {
    const { session, calls, conversationId } = await setup(1);
    const started: XMLHttpRequest[] = [];
    const progress: number[] = [];
    const info = await upload<AttachmentInfo>(session.http, '/v1/attachments', formOf(conversationId), {
      started: (request) => started.push(request),
      progress: (loaded) => progress.push(loaded),
    });
    expect(info).to.include({ name: 'dot.png', kind: 'image', contentType: 'image/png', size: PNG.length });
    expect(calls.count).to.equal(2);
    expect(started.map((request) => request.status)).to.deep.equal([401, 201]);
    expect(progress.length).to.be.greaterThan(0);

    // The stored file downloads through the same client (the token in a header, the bytes as a Response).
    const response = await session.http.request<Response>('GET', `/v1/attachments/${info.id}`, undefined, { raw: true });
    expect([...new Uint8Array(await response.arrayBuffer())]).to.deep.equal([...PNG]);
  });

  it('an upload refused by the server rejects with its error code; cancelling one rejects as an AbortError', async () => {
    const { session, conversationId } = await setup(0);
    const form = new FormData();
    form.append('conversationId', conversationId);
    form.append('file', new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3])], 'a.exe', { type: 'application/octet-stream' }), 'a.exe');
    const refused = await upload(session.http, '/v1/attachments', form, { started: () => undefined, progress: () => undefined }).catch((e: unknown) => e);
    expect((refused as OmniError).info).to.include({ code: 'unsupported-media-type' });
    expect((refused as OmniError).status).to.equal(415);

    const cancelled = await upload(session.http, '/v1/attachments', formOf(conversationId), {
      started: (request) => queueMicrotask(() => request.abort()),
      progress: () => undefined,
    }).catch((e: unknown) => e);
    expect((cancelled as DOMException).name).to.equal('AbortError');
  });

  it('reads public routes without asking for a token', async () => {
    const { session, calls } = await setup(0);
    const settings = await session.http.request<{ integrationId: string }>('GET', '/v1/integrations/demo/settings', undefined, { anonymous: true, cache: 'no-cache' });
    expect(settings.integrationId).to.equal('demo');
    const emoji = await session.http.request<{ locale: string; groups: unknown[] }>('GET', '/v1/emoji?locale=de', undefined, { anonymous: true });
    expect(emoji.locale).to.equal('de');
    expect(emoji.groups.length).to.be.greaterThan(5);
    expect(calls.count).to.equal(0);
  });
});
