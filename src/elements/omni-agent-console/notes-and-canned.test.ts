/// <reference types="mocha" />
// The console's `/` popup (canned responses of the queue and the slash commands) and internal
// notes, in real Chromium against the real server: keyboard only, axe-clean, and a note never
// reaches the customer while another agent's console shows it live.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { agentToken, api, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import type { CannedResponse, EventPage, NoteList } from '../../core/protocol.js';
import '../../define-agent.js';
import type { OmniAgentConsole } from './omni-agent-console.js';

/** A shortcut no other test run uses (lower case, as the server wants). */
const shortcut = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

/** A customer's started conversation in queue `support`. */
async function customerConversation(text = 'Where is my parcel?') {
  const customer = (await customerToken(uniqueId('guest'), { displayName: 'Nora' })).jwt;
  const id = await defaultConversationId(customer);
  await postText(customer, id, text);
  return { customer, id };
}

/** A console of a fresh agent of `support` with conversation `id` open, once its queue is known. */
async function consoleOf(id: string, agentId = uniqueId('agent')): Promise<OmniAgentConsole> {
  const console_ = await fixture<OmniAgentConsole>(html`<omni-agent-console style="height: 600px" server-url=${testServer().serverUrl}
    .jwtProvider=${() => agentToken(agentId, 'Erin')} conversation-id=${id}></omni-agent-console>`);
  await waitUntil(() => console_.shadowRoot!.querySelector('header [part="resolve"], header [part="resolved"]') && replyBox(console_), 'opened', { timeout: 10000 });
  await waitUntil(() => console_.shadowRoot!.querySelector('header')?.textContent?.includes('Nora'), 'conversation loaded', { timeout: 10000 });
  return console_;
}

const replyBox = (console_: OmniAgentConsole) =>
  console_.shadowRoot!.querySelector('omni-conversation')?.shadowRoot?.querySelector<HTMLTextAreaElement>('[part~="input"]') ?? null;
const options = (console_: OmniAgentConsole) => [...console_.shadowRoot!.querySelectorAll<HTMLElement>('.slash [role="option"]')];
const selectedOption = (console_: OmniAgentConsole) => options(console_).find((option) => option.getAttribute('aria-selected') === 'true');

describe('<omni-agent-console> canned responses and internal notes', () => {
  it('typing / lists the queue\'s canned responses, filters, inserts with arrows + Enter, closes with Escape', async () => {
    const { apiKey } = testServer();
    const greet = shortcut('greet');
    const refund = shortcut('refund');
    await api<CannedResponse>(apiKey, 'POST', '/v1/canned-responses', { queue: 'support', shortcut: greet, title: 'Greeting', text: 'Hello! Thanks for waiting.' });
    await api<CannedResponse>(apiKey, 'POST', '/v1/canned-responses', { queue: 'support', shortcut: `${greet}x`, title: 'Greeting, formal', text: 'Good day. How may I help?' });
    await api<CannedResponse>(apiKey, 'POST', '/v1/canned-responses', { queue: 'support', shortcut: refund, title: 'Refund policy', text: 'Refunds take 5 days.' });
    const { customer, id } = await customerConversation();
    const console_ = await consoleOf(id);
    const box = replyBox(console_)!;
    box.focus();

    await sendKeys({ type: `/${greet}` });
    await waitUntil(() => options(console_).length === 2, 'filtered to the two greetings', { timeout: 5000 });
    expect(options(console_).map((option) => option.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      `/${greet} Greeting Hello! Thanks for waiting.`,
      `/${greet}x Greeting, formal Good day. How may I help?`,
    ]);
    expect(selectedOption(console_)).to.equal(options(console_)[0]);
    expect(box.getAttribute('aria-autocomplete')).to.equal('list');
    const reflecting = box as HTMLTextAreaElement & { ariaActiveDescendantElement?: Element | null; ariaControlsElements?: Element[] | null };
    if ('ariaActiveDescendantElement' in reflecting) {
      expect(reflecting.ariaActiveDescendantElement).to.equal(options(console_)[0]);
      expect(reflecting.ariaControlsElements).to.deep.equal([console_.shadowRoot!.querySelector('.slash [role="listbox"]')]);
    }
    expect(console_.shadowRoot!.querySelector('.slash [role="status"]')!.textContent).to.contain('2 suggestions');
    expect(document.activeElement).to.equal(console_, 'the focus stays in the reply box');

    await loadAxe();
    expect(await violations(console_.shadowRoot!.querySelector('main')!)).to.deep.equal([]);

    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => selectedOption(console_) === options(console_)[1], 'second highlighted');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => selectedOption(console_) === options(console_)[0], 'wraps around');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => selectedOption(console_) === options(console_)[1], 'and back');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => box.value === 'Good day. How may I help?', 'inserted, not sent');
    expect(options(console_)).to.have.length(0);
    expect(box.hasAttribute('aria-autocomplete')).to.equal(false);
    // Enter again sends the inserted text as the agent's reply.
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events
      .some((event) => event.type === 'message' && (event.message as { text?: string }).text === 'Good day. How may I help?'), 'sent', { timeout: 10000 });

    // A title match, then Escape closes and leaves the text.
    await sendKeys({ type: '/refund' });
    await waitUntil(() => options(console_).some((option) => option.textContent!.includes('Refund policy')), 'matched by shortcut prefix');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => options(console_).length === 0, 'closed');
    expect(box.value).to.equal('/refund');
    // Commands share the popup: /ca lists /card and /carousel and inserts the command.
    box.value = '';
    await sendKeys({ type: '/ca' });
    await waitUntil(() => options(console_).length === 2, 'two commands');
    expect(options(console_).map((option) => option.querySelector('.slash-shortcut')!.textContent)).to.deep.equal(['/card', '/carousel']);
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => box.value === '/card ', 'the command is inserted to complete');
  });

  it('writes an internal note from the toggle and from /note; shown as a note, live in another console, never to the customer', async () => {
    const { customer, id } = await customerConversation('Hi, I was charged twice');
    const writer = await consoleOf(id);
    const colleague = await consoleOf(id);
    const toggle = writer.shadowRoot!.querySelector<HTMLButtonElement>('[part="note-toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    const noteInput = () => writer.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="note-input"]');
    await waitUntil(() => noteInput() && writer.shadowRoot!.activeElement === noteInput(), 'the note form has the focus');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const composer = writer.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!.querySelector('[part="composer"]')!;
    expect(getComputedStyle(composer).display).to.equal('none', 'the reply box makes way for the note form');

    const secret = `Refund approved <b>${uniqueId('n')}</b>`;
    await sendKeys({ type: secret });
    await sendKeys({ press: 'Enter' });
    const noteIn = (console_: OmniAgentConsole) => [...console_.shadowRoot!.querySelectorAll<HTMLElement>('[part="note"]')].find((note) => note.textContent!.includes(secret));
    await waitUntil(() => noteIn(writer), 'shown to its writer', { timeout: 10000 });
    await waitUntil(() => noteIn(colleague), 'live in the other console', { timeout: 10000 });
    for (const console_ of [writer, colleague]) {
      const note = noteIn(console_)!;
      expect(note.querySelector('.note-label')!.textContent).to.equal('Internal note — only agents see this');
      expect(note.querySelector('.note-text')!.textContent).to.equal(secret, 'text, not markup');
      expect(note.querySelector('b')).to.equal(null);
      expect(note.textContent).to.contain('Erin');
    }
    // (The live frame may arrive before the POST's answer, which clears the input.)
    await waitUntil(() => noteInput()!.value === '', 'the note input cleared once stored', { timeout: 5000 });
    await loadAxe();
    expect(await violations(writer.shadowRoot!.querySelector('main')!)).to.deep.equal([]);

    // Escape goes back to replying, with the focus in the reply box.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !noteInput(), 'note form closed');
    expect(getComputedStyle(composer).display).not.to.equal('none');
    await waitUntil(() => writer.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!.activeElement === replyBox(writer), 'reply box focused');

    // /note from the popup opens the note form too.
    await sendKeys({ type: '/no' });
    await waitUntil(() => options(writer)[0]?.textContent?.includes('/note'), '/note offered');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => noteInput() && writer.shadowRoot!.activeElement === noteInput(), '/note opened the note form');
    expect(replyBox(writer)!.value).to.equal('');
    await sendKeys({ type: 'Second note' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await api<NoteList>(await agentJwt(), 'GET', `/v1/conversations/${id}/notes`)).notes.length === 2, 'stored', { timeout: 10000 });

    // The customer's history and events hold neither note.
    const events = await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`);
    expect(JSON.stringify(events)).not.to.contain('Refund approved');
    expect(JSON.stringify(events)).not.to.contain('Second note');
  });
});

/** A token of another agent of `support`, to read notes over HTTP. */
async function agentJwt(): Promise<string> {
  return (await agentToken(uniqueId('reader'))).jwt;
}
