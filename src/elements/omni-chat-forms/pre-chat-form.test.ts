/// <reference types="mocha" />
// The pre-chat form: shown (instead of the conversation) only when the integration's settings
// configure one; checked in the browser (required fields, email and phone formats) with errors tied
// to their fields; operable with the keyboard alone; its name and email reach the agent as the
// customer's name and contact; not shown again after a reload; no axe violations in any state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { agentToken, api, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import type { ConversationList, PreChatField } from '../../core/protocol.js';
import '../../define-agent.js';
import type { OmniAgentConsole } from '../omni-agent-console/omni-agent-console.js';
import { conversationOf, focusedIn, guestChat, integrationWith, loadAxe, panelOf, violations } from '../../../test/browser/chat-forms.js';

const FIELDS: PreChatField[] = [
  { name: 'fullName', label: 'Your name', type: 'name', required: true },
  { name: 'mail', label: 'Email', type: 'email', required: true },
  { name: 'tel', label: 'Phone', type: 'phone', required: false },
  { name: 'topic', label: 'Topic', type: 'select', required: true, options: ['Orders', 'Repairs'] },
  { name: 'order', label: 'Order number', type: 'text', required: false },
  { name: 'gdpr', label: 'I agree to the processing of my data', type: 'consent', required: true, link: 'https://example.com/privacy' },
];

const form = (root: ShadowRoot) => root.querySelector<HTMLFormElement>('[part="pre-chat"]');
const control = (root: ShadowRoot, name: string) => form(root)!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

/** The customer's conversation as the server has it (contact included once given). */
async function customerHead(customerId: string, integrationId: string) {
  const jwt = (await customerToken(customerId, { integrationId })).jwt;
  return (await api<ConversationList>(jwt, 'GET', '/v1/conversations')).conversations[0]!;
}

describe('pre-chat form', () => {
  before(loadAxe);

  it('is not shown when the settings configure none', async () => {
    const integrationId = await integrationWith({ teamName: 'No form' });
    const chat = await guestChat(integrationId, uniqueId('guest'));
    const input = () => conversationOf(chat).shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    await waitUntil(() => panelOf(chat).querySelector('h2')!.textContent === 'No form' && !input().disabled, 'ready', { timeout: 10000 });
    expect(form(panelOf(chat))).to.equal(null);
    expect(conversationOf(chat).hidden).to.equal(false);
  });

  it('stands in for the conversation, refuses missing and malformed answers with errors tied to the fields, and sends nothing', async () => {
    const integrationId = await integrationWith({ preChatForm: { enabled: true, fields: FIELDS } });
    const customerId = uniqueId('guest');
    const chat = await guestChat(integrationId, customerId);
    const root = panelOf(chat);
    await waitUntil(() => form(root), 'form', { timeout: 10000 });
    expect(conversationOf(chat).hidden, 'the conversation waits behind the form').to.equal(true);
    expect([...form(root)!.querySelectorAll('label')].map((label) => label.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(
      ['Your name *', 'Email *', 'Phone', 'Topic *', 'Order number', 'I agree to the processing of my data *'],
    );
    expect(form(root)!.querySelector<HTMLAnchorElement>('a')!.href).to.equal('https://example.com/privacy');
    await waitUntil(() => focusedIn(chat) === control(root, 'fullName'), 'focus in the first field');
    expect(await violations(chat), 'empty form').to.deep.equal([]);

    root.querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();
    await waitUntil(() => control(root, 'fullName').getAttribute('aria-invalid') === 'true', 'errors shown');
    const invalid = [...form(root)!.querySelectorAll('[aria-invalid="true"]')].map((element) => element.getAttribute('name'));
    expect(invalid).to.deep.equal(['fullName', 'mail', 'topic', 'gdpr']);
    for (const name of invalid) {
      const error = root.getElementById(control(root, name!).getAttribute('aria-describedby')!);
      expect(error?.textContent, `${name}'s error`).to.match(/Please/);
    }
    expect(root.querySelector('[part="pre-chat"] [role="status"]')!.textContent).to.equal('4 fields need your attention.');
    await waitUntil(() => focusedIn(chat) === control(root, 'fullName'), 'focus on the first invalid field');
    expect(await violations(chat), 'form with errors').to.deep.equal([]);
    chat.theme = 'dark';
    await chat.updateComplete;
    expect(await violations(chat), 'form with errors, dark theme').to.deep.equal([]);
    chat.theme = undefined;

    control(root, 'fullName').value = 'Ann Lee';
    control(root, 'fullName').dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => control(root, 'fullName').getAttribute('aria-invalid') === 'false', 'a fixed field loses its error');
    control(root, 'mail').value = 'ann@example';
    control(root, 'tel').value = 'call me';
    root.querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();
    await waitUntil(() => control(root, 'tel').getAttribute('aria-invalid') === 'true', 'phone format');
    expect(root.getElementById(control(root, 'mail').getAttribute('aria-describedby')!)!.textContent).to.contain('name@example.com');
    expect(root.getElementById(control(root, 'tel').getAttribute('aria-describedby')!)!.textContent).to.contain('phone number');
    await waitUntil(() => focusedIn(chat) === control(root, 'mail'), 'focus on the first invalid field');
    expect((await customerHead(customerId, integrationId)).contact, 'nothing sent').to.equal(undefined);
  });

  it('is filled and sent with the keyboard alone; the agent sees the name and email; a reload does not ask again', async () => {
    const integrationId = await integrationWith({ preChatForm: { enabled: true, fields: FIELDS } });
    const customerId = uniqueId('guest');
    const chat = await guestChat(integrationId, customerId, false);
    const root = panelOf(chat);
    await waitUntil(() => root.querySelector('h2')!.textContent === 'Pedal & Co.', 'settings known', { timeout: 10000 });
    root.querySelector<HTMLButtonElement>('[part="launcher"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => form(root) && focusedIn(chat) === control(root, 'fullName'), 'opened on the form, focus in the first field', { timeout: 10000 });
    await sendKeys({ type: 'Ann <b>Lee</b>' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ann@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '+49 30 1234-56' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(chat)).to.equal(control(root, 'topic'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => control(root, 'topic').value === 'Repairs', 'picked with arrow keys');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'A-17' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(chat)).to.equal(control(root, 'gdpr'));
    await sendKeys({ press: 'Space' });
    expect(control(root, 'gdpr').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(chat)?.tagName, 'the consent link').to.equal('A');
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(chat)).to.equal(root.querySelector('[part="pre-chat-submit"]'));
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => !form(root) && !conversationOf(chat).hidden, 'the conversation takes the form\'s place', { timeout: 10000 });
    const input = conversationOf(chat).shadowRoot!.querySelector('[part="input"]');
    await waitUntil(() => conversationOf(chat).shadowRoot!.activeElement === input, 'focus in the composer');
    expect(await violations(chat), 'after the form').to.deep.equal([]);

    // The agent: the form's name (as text), never an id or the token's name, and the contact.
    const head = await customerHead(customerId, integrationId);
    expect(head.contact).to.deep.equal({ name: 'Ann <b>Lee</b>', email: 'ann@example.com', phone: '+49 30 1234-56', answers: { topic: 'Repairs', order: 'A-17', gdpr: true } });
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    const seen = (await api<ConversationList>(agent, 'GET', '/v1/conversations')).conversations.find((c) => c.id === head.id);
    expect(seen?.customer.displayName).to.equal('Ann <b>Lee</b>');
    expect(seen?.contact?.email).to.equal('ann@example.com');
    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 500px" .jwtProvider=${async () => agent} server-url=${testServer().serverUrl} conversation-id=${head.id}></omni-agent-console>`);
    const header = () => console_.shadowRoot!.querySelector('[part="header"]');
    await waitUntil(() => header()?.textContent?.includes('Ann <b>Lee</b>'), 'the console names the customer', { timeout: 10000 });
    expect(header()!.querySelector('b')).to.equal(null, 'the name is text');
    expect(header()!.textContent).not.to.contain(customerId);
    console_.remove();

    // A reload: the server's conversation head says the contact is given.
    chat.remove();
    const again = await guestChat(integrationId, customerId);
    const againInput = () => conversationOf(again).shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    await waitUntil(() => !againInput().disabled, 'ready', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(form(panelOf(again))).to.equal(null);
    expect(conversationOf(again).hidden).to.equal(false);
  });

  it('shows the agent the name at once when the form starts the conversation (live contact event)', async () => {
    const integrationId = await integrationWith({ preChatForm: { enabled: true, fields: [{ name: 'n', label: 'Name', type: 'name', required: true }] } });
    const customerId = uniqueId('guest');
    const agent = (await agentToken(uniqueId('agent'))).jwt;
    const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 500px" .jwtProvider=${async () => agent} server-url=${testServer().serverUrl}></omni-agent-console>`);
    const list = () => console_.shadowRoot!.querySelector('omni-conversation-list')?.shadowRoot;
    await waitUntil(() => list(), 'console ready', { timeout: 10000 });
    const chat = await guestChat(integrationId, customerId);
    const root = panelOf(chat);
    await waitUntil(() => form(root), 'form', { timeout: 10000 });
    control(root, 'n').value = 'Bo Zhang';
    root.querySelector<HTMLButtonElement>('[part="pre-chat-submit"]')!.click();
    await waitUntil(() => list()?.textContent?.includes('Bo Zhang'), 'listed under the form\'s name', { timeout: 10000 });
  });
});
