/// <reference types="mocha" />
// Contrast of every text the visitor can see, in both themes (the `theme` attribute and the
// visitor's prefers-color-scheme), measured on the real rendered elements in every state: the
// conversation with every message type, attachments and uploads, the counter, the emoji picker,
// the pre-chat and leave-a-message forms, the rating survey, the unread badge, and the call bar
// (failed, ringing, in a call with the dialpad), plus the text colour chosen for brand colours from
// the server's settings. Each text must reach WCAG AA (4.5:1, 3:1 for large text).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { WritableAtom } from 'nanostores';
import { agentToken, api, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import { closedHours, integrationWith } from '../../../test/browser/chat-forms.js';
import { contrastLines, textContrast } from '../../../test/browser/contrast.js';
import { createSession, type OmniSession } from '../../core/session.js';
import type { IntegrationSettingsRequest } from '../../core/protocol.js';
import { AgentPhone } from '../../calling/agent-phone.js';
import { uploadsOf, type Upload } from '../../messaging/attachments.js';
import '../../define.js';
import type { OmniChat } from './omni-chat.js';
import type { OmniCallButton } from '../omni-call-button/omni-call-button.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const sessions: OmniSession[] = [];
const phones: AgentPhone[] = [];
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
  sessions.splice(0).forEach((s) => s.stop());
  await emulateMedia({ colorScheme: 'light' });
});

/** Collects the failures of every measured state, so one run lists them all. */
class Findings {
  readonly lines: string[] = [];
  readonly unknown: string[] = [];
  checked = 0;
  measure(element: Element, state: string): void {
    const report = textContrast(element);
    expect(report.checked, `${state}: texts measured`).to.be.above(0);
    this.checked += report.checked;
    this.lines.push(...contrastLines(report).map((line) => `${state}: ${line}`));
    this.unknown.push(...report.unknown.map((line) => `${state}: ${line}`));
  }
}

/** Asserts no failure, and logs what was measured (and what could not be). */
function report(findings: Findings): void {
  console.log(`contrast: ${findings.checked} texts and icons measured${findings.unknown.length ? `; on images (not measured): ${findings.unknown.join('; ')}` : ''}`);
  expect(findings.lines, findings.lines.join('\n')).to.deep.equal([]);
}

const inner = (chat: OmniChat) => chat.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!;

/** A guest's chat on a new integration with these settings, with its conversation started. */
async function chatWith(settings: IntegrationSettingsRequest, theme: 'light' | 'dark' | undefined, extra: { voice?: boolean; open?: boolean } = {}) {
  const integrationId = await integrationWith(settings);
  const customerId = uniqueId('guest');
  const jwt = (await customerToken(customerId, { integrationId })).jwt;
  const id = (await api<{ conversations: Array<{ id: string }> }>(jwt, 'GET', '/v1/conversations')).conversations[0]!.id;
  const chat = await fixture<OmniChat>(html`<omni-chat ?open=${extra.open ?? true} ?voice=${extra.voice} theme=${theme ?? ''} integration-id=${integrationId}
    server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
  if (!theme) chat.removeAttribute('theme');
  return { chat, id, jwt, integrationId };
}

/** Every message type from an agent, an own message and two attachments (an image and a file chip). */
async function fillConversation(id: string, customerJwt: string): Promise<void> {
  const agent = (await agentToken()).jwt;
  const post = (jwt: string, body: Record<string, unknown>) => api(jwt, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), ...body });
  await post(customerJwt, { type: 'text', text: 'My brakes squeak' });
  await post(agent, { type: 'text', text: 'Hi! **Welcome**, see [our FAQ](https://example.com/faq)\n- one\n`code`' });
  await post(agent, { type: 'card', title: 'Trailblazer 29', text: 'Best seller', buttons: [{ type: 'url', title: 'Details', url: 'https://example.com' }, { type: 'postback', title: 'Buy', payload: 'buy' }] });
  await post(agent, { type: 'carousel', cards: [{ title: 'A', text: 'First' }, { title: 'B', text: 'Second' }] });
  await post(agent, { type: 'buttons', text: 'What next?', buttons: [{ type: 'postback', title: 'Book a service', payload: 'book' }] });
  for (const [name, type, bytes] of [['pads.png', 'image/png', PNG], ['invoice.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]] as const) {
    const form = new FormData();
    form.append('conversationId', id);
    form.append('file', new Blob([bytes], { type }), name);
    const uploaded = await (await fetch(`${testServer().serverUrl}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form })).json();
    await post(agent, { type: 'attachment', attachmentId: uploaded.id, caption: name });
  }
  await post(agent, { type: 'quick-replies', text: 'Which size?', replies: [{ title: 'M' }, { title: 'L' }] });
}

/** The chat's conversation in every state: messages, uploads, the counter, then the emoji picker. */
async function measureConversation(findings: Findings, theme: 'light' | 'dark' | undefined, label: string): Promise<void> {
  const { chat, id, jwt } = await chatWith({ teamName: 'Pedal & Co.', greeting: 'Hi there!', emoji: true, avatarUrl: 'https://example.com/a.png' }, theme);
  await fillConversation(id, jwt);
  const root = () => inner(chat);
  await waitUntil(() => root().querySelector('[part="quick-reply"]') && root().querySelectorAll('omni-attachment').length === 2, 'every message shown', { timeout: 10000 });
  await waitUntil(() => [...root().querySelectorAll('omni-attachment')].every((a) => a.shadowRoot?.querySelector('img, a, button')), 'attachments rendered', { timeout: 10000 });
  const conversation = chat.shadowRoot!.querySelector('omni-conversation')!;
  (uploadsOf(conversation.effectiveSession!, id) as WritableAtom<Upload[]>).set([
    { key: 'u1', name: 'video.mp4', size: 1000, loaded: 400, status: 'uploading' },
    { key: 'u2', name: 'x.svg', size: 10, loaded: 0, status: 'failed', error: { code: 'unsupported-media-type', message: 'This kind of file is not accepted.' } },
  ]);
  const input = root().querySelector<HTMLTextAreaElement>('[part="input"]')!;
  input.value = 'x'.repeat(3990);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await conversation.updateComplete;
  await waitUntil(() => root().querySelector('[part="counter"]') && root().querySelector('[part="upload"]'), 'counter and uploads', { timeout: 5000 });
  findings.measure(chat, `${label} conversation`);
  input.value = '';
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  root().querySelector<HTMLButtonElement>('[part~="emoji"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => root().querySelector('[part="emoji-option"]'), 'emoji picker', { timeout: 10000 });
  findings.measure(chat, `${label} emoji picker`);
  await sendKeys({ press: 'Escape' });
  await api((await agentToken()).jwt, 'POST', `/v1/conversations/${id}/resolve`, {});
  await waitUntil(() => root().querySelector('[part="rating"] input'), 'rating survey', { timeout: 10000 });
  findings.measure(chat, `${label} rating survey`);
  chat.open = false;
  await waitUntil(() => !chat.shadowRoot!.querySelector<HTMLElement>('[part="badge"]')!.hidden || true, 'closed');
  await api((await agentToken()).jwt, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'text', text: 'Anything else?' });
  await waitUntil(() => !chat.shadowRoot!.querySelector<HTMLElement>('[part="badge"]')!.hidden, 'unread badge', { timeout: 10000 });
  findings.measure(chat, `${label} launcher with unread badge`);
}

/** The pre-chat form with its errors, and the leave-a-message form. */
async function measureForms(findings: Findings, theme: 'light' | 'dark'): Promise<void> {
  const preChat = await chatWith({ preChatForm: { enabled: true, fields: [
    { name: 'fullName', label: 'Your name', type: 'name', required: true },
    { name: 'topic', label: 'Topic', type: 'select', required: true, options: ['Orders', 'Repairs'] },
    { name: 'gdpr', label: 'I agree to the processing of my data', type: 'consent', required: true, link: 'https://example.com/privacy' },
  ] } }, theme);
  const form = () => preChat.chat.shadowRoot!.querySelector<HTMLFormElement>('[part="pre-chat"]');
  await waitUntil(form, 'pre-chat form', { timeout: 10000 });
  findings.measure(preChat.chat, `${theme} pre-chat form`);
  preChat.chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();
  await waitUntil(() => form()!.querySelector('[aria-invalid="true"]'), 'errors shown', { timeout: 5000 });
  findings.measure(preChat.chat, `${theme} pre-chat form with errors`);
  const leave = await chatWith({ businessHours: closedHours(), offlineMode: 'leave-message' }, theme);
  await waitUntil(() => leave.chat.shadowRoot!.querySelector('[part="leave-message"]'), 'leave-a-message form', { timeout: 10000 });
  findings.measure(leave.chat, `${theme} leave-a-message form`);
}

/** The call bar: failed (nobody serves the queue), ringing, and in a call with the dialpad open. */
async function measureCalls(findings: Findings, theme: 'light' | 'dark'): Promise<void> {
  const bar = (chat: OmniChat) => chat.shadowRoot!.querySelector<OmniCallButton>('omni-call-button[layout="bar"]')!.shadowRoot!;
  const call = (chat: OmniChat) => chat.shadowRoot!.querySelector<OmniCallButton>('header omni-call-button')!.shadowRoot!.querySelector<HTMLElement>('[part="call"]');
  const lonely = uniqueId('lonely').replace(/[^A-Za-z0-9_-]/g, '_');
  await api(testServer().apiKey, 'POST', '/v1/integrations', { id: lonely, name: 'Night shift', queue: `q_${lonely}` });
  const customerId = uniqueId('guest');
  const failing = await fixture<OmniChat>(html`<omni-chat open voice theme=${theme} integration-id=${lonely} server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId, { integrationId: lonely })}></omni-chat>`);
  await waitUntil(() => call(failing), 'call button', { timeout: 10000 });
  call(failing)!.click();
  await waitUntil(() => bar(failing).querySelector('[part="status"]')?.textContent?.includes('Call failed'), 'call failed', { timeout: 10000 });
  findings.measure(failing, `${theme} call failed`);
  failing.remove();

  const agentId = uniqueId('agent');
  const agentSession = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => agentToken(agentId) });
  sessions.push(agentSession);
  const phone = new AgentPhone(agentSession);
  phones.push(phone);
  await phone.start();
  const { chat } = await chatWith({}, theme, { voice: true });
  await waitUntil(() => call(chat), 'call button', { timeout: 10000 });
  findings.measure(chat, `${theme} header with the call button`);
  call(chat)!.click();
  await waitUntil(() => phone.$incoming.get().length && bar(chat).querySelector('[part="status"]')?.textContent?.includes('Ringing'), 'ringing', { timeout: 10000 });
  findings.measure(chat, `${theme} call ringing`);
  await phone.accept(phone.$incoming.get()[0]!.id);
  await waitUntil(() => bar(chat).querySelector('[part="status"]')?.textContent?.includes('In call'), 'in call', { timeout: 10000 });
  bar(chat).querySelector<HTMLElement>('[part="dialpad"]')!.click();
  await waitUntil(() => bar(chat).querySelector<HTMLElement>('.keypad:not([hidden])'), 'dialpad open');
  findings.measure(chat, `${theme} in a call, dialpad open`);
  bar(chat).querySelector<HTMLElement>('[part="hangup"]')!.click();
}

describe('text contrast (WCAG AA) of every rendered state', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`holds in the ${theme} theme: conversation, attachments, uploads, counter, emoji picker, survey, badge`, async () => {
      const findings = new Findings();
      await measureConversation(findings, theme, theme);
      report(findings);
    });

    it(`holds in the ${theme} theme: pre-chat and leave-a-message forms`, async () => {
      const findings = new Findings();
      await measureForms(findings, theme);
      report(findings);
    });

    it(`holds in the ${theme} theme: the call bar failed, ringing and in a call`, async () => {
      const findings = new Findings();
      await measureCalls(findings, theme);
      report(findings);
    });
  }

  it('holds with the visitor\'s dark colour scheme (no theme attribute)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const findings = new Findings();
    await measureConversation(findings, undefined, 'prefers-color-scheme: dark');
    report(findings);
  });

  it('holds for brand colours from the settings: the text colour chosen on each', async () => {
    const findings = new Findings();
    for (const accentColor of ['#ffd400', '#00a884', '#e91e63', '#1f5bd8', '#777777', '#000000', '#ffffff']) {
      const { chat, id, jwt } = await chatWith({ accentColor, teamName: 'Pedal & Co.' }, 'light');
      await api(jwt, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('m'), type: 'text', text: 'Hello there' });
      await waitUntil(() => chat.shadowRoot!.querySelector('#title')?.textContent === 'Pedal & Co.' && inner(chat).querySelector('[part~="own"]'), 'brand and own message', { timeout: 10000 });
      const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(accentColor.slice(i, i + 2), 16)).join(', ')})`;
      await waitUntil(() => getComputedStyle(chat.shadowRoot!.querySelector('header')!).backgroundColor === rgb, `${accentColor} applied`, { timeout: 5000 });
      findings.measure(chat, `accent ${accentColor}`);
      chat.remove();
    }
    report(findings);
  });
});
