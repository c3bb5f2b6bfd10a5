/// <reference types="mocha" />
// The emoji picker in a guest's <omni-chat> against the real server (its data from GET /v1/emoji):
// opened from the keyboard, searched by name and keyword, arrowed through, Enter inserts at the
// caret; Escape closes only the picker and gives the focus back; off when the settings say so; axe
// finds nothing in light and dark; the data is fetched once.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { conversationOf, integrationWith, loadAxe, violations } from '../../../test/browser/chat-forms.js';
import { customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import '../../define.js';
import type { OmniChat } from '../omni-chat/omni-chat.js';

const inner = (chat: OmniChat) => conversationOf(chat).shadowRoot!;
const emojiFetches = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/v1/emoji')).length;

afterEach(() => {
  // Each test is another visitor's browser (see rough-edges.test.ts).
  for (const key of Object.keys(localStorage)) if (key.startsWith('omni:identity:')) localStorage.removeItem(key);
});

/** An open guest chat on a new integration with these settings, ready to write. */
async function openChat(settings: { emoji?: boolean; teamName: string }, theme?: 'dark'): Promise<OmniChat> {
  const integrationId = await integrationWith(settings);
  const customerId = uniqueId('guest');
  const chat = await fixture<OmniChat>(html`<omni-chat open theme=${theme ?? 'light'} server-url=${testServer().serverUrl} integration-id=${integrationId}
    .jwtProvider=${() => customerToken(customerId, { integrationId })}></omni-chat>`);
  await waitUntil(() => chat.shadowRoot!.querySelector('#title')?.textContent === settings.teamName, 'settings read', { timeout: 10000 });
  await waitUntil(() => conversationOf(chat).effectiveConversationId && !inner(chat).querySelector('textarea')!.disabled, 'ready', { timeout: 10000 });
  return chat;
}

/** Opens the picker from the keyboard and waits for its emoji. */
async function openPicker(chat: OmniChat): Promise<HTMLButtonElement> {
  const root = inner(chat);
  await waitUntil(() => root.querySelector('[part~="emoji"]'), 'emoji button');
  root.querySelector<HTMLButtonElement>('[part~="emoji"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => root.activeElement?.matches('[part="emoji-search"]'), 'the search box has the focus', { timeout: 5000 });
  await waitUntil(() => root.querySelector('[part="emoji-option"]'), 'emoji shown', { timeout: 10000 });
  return root.querySelector<HTMLButtonElement>('[part~="emoji"]')!;
}

describe('emoji picker', () => {
  before(loadAxe);

  it('opens from the keyboard, searches, arrows to an emoji, and Enter inserts it at the caret', async () => {
    const chat = await openChat({ teamName: 'Emoji on' });
    const root = inner(chat);
    const input = root.querySelector('textarea')!;
    input.focus();
    await sendKeys({ type: 'Hello world' });
    input.setSelectionRange(6, 6);
    const button = root.querySelector<HTMLButtonElement>('[part~="emoji"]')!;
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await openPicker(chat);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-controls')).to.equal('emoji-picker');
    expect(root.querySelector('[part="emoji-picker"]')!.getAttribute('role')).to.equal('dialog');

    // Tab order: search box, the selected category tab, the grid (one stop each).
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement!.getAttribute('role')).to.equal('tab');
    expect(root.activeElement!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => root.activeElement?.id === 'emoji-tab-1' && root.activeElement.getAttribute('aria-selected') === 'true', 'next category');
    expect(root.querySelector('[part="emoji-grid"]')!.getAttribute('aria-label')).to.equal('people & body');
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement!.getAttribute('role')).to.equal('gridcell');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => root.activeElement?.getAttribute('data-index') === '8', 'a row down');
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Shift+Tab' });
    expect(root.activeElement!.matches('[part="emoji-search"]')).to.equal(true);

    // By keyword: "launch" is not in the rocket's name.
    await sendKeys({ type: 'launch' });
    await waitUntil(() => root.querySelector('[part="emoji-grid"]')?.getAttribute('aria-label') === 'Search results', 'results');
    expect([...root.querySelectorAll('[part="emoji-option"]')].map((cell) => cell.textContent)).to.deep.equal(['🚀']);
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'heart' });
    await waitUntil(() => root.querySelectorAll('[part="emoji-option"]').length > 2, 'hearts');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => root.activeElement?.getAttribute('data-index') === '1', 'the second result');
    const chosen = root.activeElement!.textContent!;
    expect(root.activeElement!.getAttribute('aria-label')).to.match(/heart/);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !root.querySelector('[part="emoji-picker"]'), 'closed');
    expect(input.value).to.equal(`Hello ${chosen}world`);
    expect(root.activeElement).to.equal(input);
    expect(input.selectionStart).to.equal(6 + chosen.length, 'the caret after the emoji');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(root.querySelector<HTMLButtonElement>('[part="send"]')!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('closes on Escape (only the picker, not the chat) and gives the focus back to the button', async () => {
    const chat = await openChat({ teamName: 'Escape' });
    const root = inner(chat);
    const button = await openPicker(chat);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !root.querySelector('[part="emoji-picker"]'), 'closed');
    expect(chat.open).to.equal(true, 'the chat stays open');
    expect(root.activeElement).to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    // From the grid too; the data came once for the whole page.
    const fetched = emojiFetches();
    await openPicker(chat);
    expect(emojiFetches()).to.equal(fetched, 'kept in memory');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement!.getAttribute('role')).to.equal('gridcell');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !root.querySelector('[part="emoji-picker"]'), 'closed again');
    expect(chat.open).to.equal(true);
    expect(root.activeElement).to.equal(button);
    // Escape once more (the picker closed) closes the chat as before.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !chat.open, 'the chat closes');
  });

  it('has no emoji button when the settings turn emoji off', async () => {
    const chat = await openChat({ teamName: 'No emoji', emoji: false });
    await conversationOf(chat).updateComplete;
    expect(inner(chat).querySelector('[part~="emoji"]')).to.equal(null);
    expect(inner(chat).querySelector('[part="attach"]')).to.not.equal(null);
  });

  for (const theme of [undefined, 'dark'] as const) {
    it(`has no axe violations open, in a category, searching and with nothing found (${theme ?? 'light'})`, async () => {
      const chat = await openChat({ teamName: `Axe ${theme ?? 'light'}` }, theme);
      const root = inner(chat);
      await openPicker(chat);
      expect(await violations(chat), 'open').to.deep.equal([]);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'End' });
      await waitUntil(() => root.querySelector('[part="emoji-grid"]')?.getAttribute('aria-label') === 'flags', 'last category');
      await sendKeys({ press: 'Tab' });
      expect(await violations(chat), 'a category, a cell focused').to.deep.equal([]);
      root.querySelector<HTMLInputElement>('[part="emoji-search"]')!.focus();
      await sendKeys({ type: 'smile' });
      await waitUntil(() => root.querySelector('[part="emoji-grid"]')?.getAttribute('aria-label') === 'Search results', 'results');
      expect(await violations(chat), 'search results').to.deep.equal([]);
      await sendKeys({ type: 'qqqzzz' });
      await waitUntil(() => root.querySelector('.emoji-none'), 'nothing found');
      expect(await violations(chat), 'nothing found').to.deep.equal([]);
    });
  }
});
