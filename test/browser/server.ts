/// <reference types="mocha" />
/**
 * Helpers for browser tests that talk to the real reference server started by
 * web-test-runner.config.mjs: tokens through the API key, agent actions over HTTP, and
 * stopping/starting the server from inside a test.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { ConversationList, MessageEvent, SipCredentials, TokenResponse } from '../../src/core/protocol.js';

/** Where the test server runs and its API key (test pages only). */
export interface TestServer {
  serverUrl: string;
  apiKey: string;
}

// Each test is another visitor's browser. A guest's chat first shows the last identity this browser
// had (its cache, for an offline first paint) until the token names the new one, so a test that
// writes within that window would write to the previous test's visitor's conversation.
if (typeof beforeEach === 'function') beforeEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('omni:identity:')) localStorage.removeItem(key);
});

/** The running test server. */
export function testServer(): TestServer {
  const info = (window as unknown as { __OMNI_TEST__?: TestServer }).__OMNI_TEST__;
  if (!info) throw new Error('window.__OMNI_TEST__ is missing: run through web-test-runner.config.mjs');
  return info;
}

/** A unique id for this test run, so tests never share customers or agents. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 12)}`;
}

async function postWithApiKey(path: string, body: unknown, method = 'POST'): Promise<TokenResponse> {
  const { serverUrl, apiKey } = testServer();
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} -> ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenResponse;
}

/** A customer token for integration `demo` (or `options.integrationId`; a fresh guest unless customerId is given). */
export function customerToken(
  customerId = uniqueId('guest'),
  options: { displayName?: string; expiresInSeconds?: number; verifiedCustomer?: boolean; integrationId?: string } = {},
): Promise<TokenResponse> {
  return postWithApiKey('/v1/tokens', {
    integrationId: options.integrationId ?? 'demo',
    customerId,
    verifiedCustomer: options.verifiedCustomer ?? false,
    displayName: options.displayName ?? 'Test Guest',
    ...(options.expiresInSeconds ? { expiresInSeconds: options.expiresInSeconds } : {}),
  });
}

/** An agent token for queue `support` (a fresh agent unless agentId is given); the agent record is created or replaced first. */
export async function agentToken(agentId = uniqueId('agent'), displayName = 'Test Agent'): Promise<TokenResponse> {
  await postWithApiKey(`/v1/agents/${encodeURIComponent(agentId)}`, { name: displayName, queues: ['support'] }, 'PUT');
  return postWithApiKey('/v1/agent-tokens', { agentId });
}

/** Calls the API with a JWT and returns the parsed JSON (throws on a non-2xx status). */
export async function api<T>(jwt: string, method: string, path: string, body?: unknown): Promise<T> {
  const { serverUrl } = testServer();
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Makes a customer's conversation exist so that an agent can write first: a page view alone
 * creates no conversation, the customer's first write does, and an upload (never sent as a
 * message, so nothing shows) is such a write.
 */
export async function startConversation(customerJwt: string, conversationId: string): Promise<void> {
  const form = new FormData();
  form.append('conversationId', conversationId);
  form.append('file', new Blob(['start'], { type: 'text/plain' }), 'start.txt');
  const response = await fetch(`${testServer().serverUrl}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${customerJwt}` }, body: form });
  if (!response.ok) throw new Error(`upload -> ${response.status} ${await response.text()}`);
}

/** The customer's default conversation id, started (see `startConversation`). */
export async function defaultConversationId(customerJwt: string): Promise<string> {
  const list = await api<ConversationList>(customerJwt, 'GET', '/v1/conversations');
  const first = list.conversations[0];
  if (!first) throw new Error('customer has no default conversation');
  await startConversation(customerJwt, first.id);
  return first.id;
}

/** Posts a text message as the holder of `jwt` (an agent reply, or a customer send). */
export function postText(jwt: string, conversationId: string, text: string): Promise<MessageEvent> {
  return api<MessageEvent>(jwt, 'POST', `/v1/conversations/${conversationId}/messages`, {
    clientMessageId: uniqueId('cm').replace(/[^A-Za-z0-9_-]/g, '_'),
    type: 'text',
    text,
  });
}

/** Stops, starts or restarts the real server (same port, same data) from inside a test. */
export async function serverCommand(action: 'stop' | 'start' | 'restart'): Promise<void> {
  await executeServerCommand('omni-server', { action });
}

/** SIP credentials as `POST /v1/sip/credentials` returns them. */
export type TestSipCredentials = SipCredentials;

/** SIP credentials for the holder of `jwt`. */
export function sipCredentials(jwt: string): Promise<TestSipCredentials> {
  return api<TestSipCredentials>(jwt, 'POST', '/v1/sip/credentials');
}
