/// <reference types="mocha" />
// axe-core on <omni-chat> in every state — closed, open and empty, open with each message type,
// a failed message, reconnecting — must report zero WCAG 2.1 A/AA violations.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { agentToken, api, customerToken, defaultConversationId, serverCommand, testServer, uniqueId } from '../../../test/browser/server.js';
import type { WritableAtom } from 'nanostores';
import { uploadsOf, type Upload } from '../../messaging/attachments.js';
import '../../define-agent.js';
import type { OmniChat } from './omni-chat.js';

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }
declare global {
  interface Window {
    axe?: { run(context: Element, options: unknown): Promise<AxeResult> };
  }
}

async function loadAxe(): Promise<void> {
  if (window.axe) return;
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
}

async function violations(element: Element): Promise<string[]> {
  const result = await window.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

describe('accessibility (axe-core)', () => {
  before(loadAxe);

  it('has no violations closed, open, with every message type, failed, and reconnecting', async () => {
    const customerId = uniqueId('guest');
    const id = await defaultConversationId((await customerToken(customerId)).jwt);
    const chat = await fixture<OmniChat>(html`<omni-chat server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
    const conversation = () => chat.shadowRoot!.querySelector('omni-conversation')!;
    await waitUntil(() => conversation().effectiveConversationId === id, 'ready', { timeout: 10000 });
    expect(await violations(chat), 'closed').to.deep.equal([]);

    chat.open = true;
    await chat.updateComplete;
    expect(await violations(chat), 'open, empty').to.deep.equal([]);

    const agent = (await agentToken()).jwt;
    const post = (body: Record<string, unknown>) => api(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), ...body });
    await post({ type: 'text', text: 'Hi! **Welcome**, see [our FAQ](https://example.com/faq)\n- one\n- two\n`code`' });
    await post({ type: 'card', title: 'Trailblazer 29', text: 'Best seller', buttons: [{ type: 'url', title: 'Details', url: 'https://example.com' }, { type: 'postback', title: 'Buy', payload: 'buy' }] });
    await post({ type: 'carousel', cards: [{ title: 'A', text: 'First' }, { title: 'B', text: 'Second' }, { title: 'C' }] });
    await post({ type: 'buttons', text: 'What next?', buttons: [{ type: 'postback', title: 'Book a service', payload: 'book' }] });
    await post({ type: 'quick-replies', text: 'Which size?', replies: [{ title: 'M' }, { title: 'L' }] });
    const root = conversation().shadowRoot!;
    await waitUntil(() => root.querySelector('[part="quick-reply"]'), 'all types shown', { timeout: 10000 });
    expect(await violations(chat), 'every message type').to.deep.equal([]);

    // Attachments: one received (image), one upload in progress and one refused.
    const form = new FormData();
    form.append('conversationId', id);
    form.append('file', new Blob([Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))], { type: 'image/png' }), 'pads.png');
    const uploaded = await (await fetch(`${testServer().serverUrl}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form })).json();
    await post({ type: 'attachment', attachmentId: uploaded.id, caption: 'The pads' });
    await waitUntil(() => root.querySelector('omni-attachment')?.shadowRoot?.querySelector('img'), 'thumbnail', { timeout: 10000 });
    const session = conversation().effectiveSession!;
    // The upload list's states, set directly: an upload's progress is too quick on loopback to catch.
    (uploadsOf(session, id) as WritableAtom<Upload[]>).set([
      { key: 'u1', name: 'video.mp4', size: 1000, loaded: 400, status: 'uploading' },
      { key: 'u2', name: 'x.svg', size: 10, loaded: 0, status: 'failed', error: { code: 'unsupported-media-type', message: 'This kind of file is not accepted.' } },
    ]);
    await conversation().updateComplete;
    expect(root.querySelector('[part="upload"] progress')).to.not.equal(null);
    expect(await violations(chat), 'attachments, upload in progress and failed').to.deep.equal([]);
    (uploadsOf(session, id) as WritableAtom<Upload[]>).set([]);

    await serverCommand('stop');
    try {
      const input = root.querySelector<HTMLTextAreaElement>('[part="input"]')!;
      input.value = 'pending while offline';
      root.querySelector<HTMLButtonElement>('[part="send"]')!.click();
      await waitUntil(() => chat.shadowRoot!.querySelector('[part="connection"]:not([hidden])'), 'reconnecting notice', { timeout: 10000 });
      expect(await violations(chat), 'reconnecting with a pending message').to.deep.equal([]);
    } finally {
      await serverCommand('start');
    }
  });

  it('has no violations in the agent console with a conversation open, and on the call button', async () => {
    const customer = (await customerToken(uniqueId('guest'), { displayName: 'Dana' })).jwt;
    const id = await defaultConversationId(customer);
    await api(customer, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'text', text: 'Hello there' });
    const agentId = uniqueId('agent');
    const console_ = await fixture(html`<omni-agent-console style="height: 500px" server-url=${testServer().serverUrl} .jwtProvider=${() => agentToken(agentId)} conversation-id=${id}></omni-agent-console>`);
    await waitUntil(() => console_.shadowRoot!.querySelector('omni-conversation')?.shadowRoot?.textContent?.includes('Hello there'), 'opened', { timeout: 10000 });
    expect(await violations(console_), 'agent console').to.deep.equal([]);
    const button = await fixture(html`<omni-call-button></omni-call-button>`);
    expect(await violations(button), 'call button').to.deep.equal([]);
  });

  it('has no violations with the settings from the server (brand colour, greeting, availability), on a phone, and in the rating survey', async () => {
    const integrationId = uniqueId('a11y').replace(/[^A-Za-z0-9_-]/g, '_');
    await api(testServer().apiKey, 'POST', '/v1/integrations', { id: integrationId, name: 'Pedal & Co.', queue: 'support' });
    await api(testServer().apiKey, 'PUT', `/v1/integrations/${integrationId}/settings`, { accentColor: '#ffd400', greeting: 'Hi there!', avatarUrl: 'https://example.com/a.png' });
    const customerId = uniqueId('guest');
    const jwt = (await customerToken(customerId, { integrationId })).jwt;
    const id = (await api<{ conversations: Array<{ id: string }> }>(jwt, 'GET', '/v1/conversations')).conversations[0]!.id;
    await api(jwt, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'text', text: 'Hello' });
    await setViewport({ width: 375, height: 667 });
    try {
      const chat = await fixture<OmniChat>(html`<omni-chat open integration-id=${integrationId} server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
      const root = () => chat.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!;
      await waitUntil(() => root().querySelector('[part~="greeting"]') && chat.shadowRoot!.querySelector('[part="availability"]'), 'settings shown', { timeout: 10000 });
      expect(await violations(chat), 'brand colour, greeting, phone').to.deep.equal([]);
      await api((await agentToken()).jwt, 'POST', `/v1/conversations/${id}/resolve`, {});
      await waitUntil(() => root().querySelector('[part="rating"] input'), 'survey', { timeout: 10000 });
      expect(await violations(chat), 'rating survey').to.deep.equal([]);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
