/// <reference types="mocha" />
// Languages: `lang` on the element, else `<html lang>`, else navigator.languages picks the strings
// (a lazy chunk, in use before the chat renders) and the date formats; switching `lang` switches
// them; a site's setStrings still wins; Arabic reads right to left (launcher and own bubbles on the
// left, the launcher icon mirrored) with no axe violations. The language is one per page, so the
// tests run in order and put it back.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { agentToken, customerToken, defaultConversationId, postText, testServer, uniqueId } from '../../../test/browser/server.js';
import '../../define.js';
import { $language } from '../shared/language.js';
import { setStrings } from '../shared/strings.js';
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
    const script = Object.assign(document.createElement('script'), { src: '/node_modules/axe-core/axe.min.js' });
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
}

async function violations(element: Element): Promise<string[]> {
  const result = await window.axe!.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

const launcher = (chat: OmniChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
const label = (chat: OmniChat) => launcher(chat).getAttribute('aria-label');

/** Makes `navigator.languages` say these tags until `restore()`. */
function visitorLanguages(tags: string[]): () => void {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => tags });
  return () => delete (navigator as unknown as Record<string, unknown>)['languages'];
}

/** A customer's chat with one message of theirs and one from an agent, open. */
async function chatWithMessages(lang: string): Promise<{ chat: OmniChat; root: ShadowRoot }> {
  const customerId = uniqueId('guest');
  const jwt = (await customerToken(customerId)).jwt;
  const id = await defaultConversationId(jwt);
  await postText(jwt, id, 'Hello, my order is late');
  await postText((await agentToken()).jwt, id, 'Let me check that for you');
  const chat = await fixture<OmniChat>(html`<omni-chat open lang=${lang} server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
  const root = chat.shadowRoot!.querySelector('omni-conversation')!.shadowRoot!;
  await waitUntil(() => root.querySelector('[part~="own"]') && root.textContent!.includes('Let me check that for you'), 'messages shown', { timeout: 10000 });
  return { chat, root };
}

describe('languages', () => {
  before(loadAxe);
  afterEach(() => {
    fixtureCleanup();
    document.documentElement.removeAttribute('lang');
  });

  it('renders in the `lang` language from the first frame (no English before the chunk)', async () => {
    const chat = document.createElement('omni-chat') as OmniChat;
    chat.setAttribute('lang', 'de');
    const seen: string[] = [];
    document.body.append(chat);
    new MutationObserver(() => seen.push(chat.shadowRoot!.querySelector('[part="launcher"]')?.getAttribute('aria-label') ?? '')).observe(chat.shadowRoot!, { subtree: true, childList: true, attributes: true });
    try {
      await chat.updateComplete;
      expect(label(chat)).to.equal('Chat öffnen');
      expect(seen.filter(Boolean)).to.not.include('Open chat');
      expect($language.get()).to.equal('de');
    } finally {
      chat.remove();
    }
  });

  it('takes `lang` over <html lang> over navigator.languages', async () => {
    const restore = visitorLanguages(['pl-PL', 'en']);
    try {
      const chat = await fixture<OmniChat>(html`<omni-chat></omni-chat>`);
      await waitUntil(() => label(chat) === 'Otwórz czat', 'Polish from navigator.languages', { timeout: 5000 });
      document.documentElement.lang = 'es-MX';
      await waitUntil(() => label(chat) === 'Abrir el chat', 'Spanish from <html lang>', { timeout: 5000 });
      chat.setAttribute('lang', 'pt');
      await waitUntil(() => label(chat) === 'Abrir o chat', 'Brazilian Portuguese from lang="pt"', { timeout: 5000 });
      expect($language.get()).to.equal('pt');
      chat.setAttribute('lang', 'en-GB');
      await waitUntil(() => label(chat) === 'Open chat', 'English, built in', { timeout: 5000 });
      chat.removeAttribute('lang');
      await waitUntil(() => label(chat) === 'Abrir el chat', 'back to <html lang>', { timeout: 5000 });
    } finally {
      restore();
    }
  });

  it('switches the whole conversation and its time formats when `lang` changes at runtime', async () => {
    const { chat, root } = await chatWithMessages('en-US');
    const time = () => root.querySelector('[part~="own"] time')!;
    const when = new Date(time().getAttribute('datetime')!);
    expect(time().textContent).to.equal(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(when));
    expect(root.querySelector('[part="send"]')!.textContent).to.equal('Send');

    chat.lang = 'ja';
    await waitUntil(() => root.querySelector('[part="send"]')!.textContent === '送信', 'Japanese composer', { timeout: 5000 });
    expect(time().textContent).to.equal(new Intl.DateTimeFormat('ja', { hour: 'numeric', minute: '2-digit' }).format(when));
    expect(chat.shadowRoot!.querySelector('[part="close"]')!.getAttribute('aria-label')).to.equal('チャットを閉じる');

    chat.lang = 'de-AT';
    await waitUntil(() => root.querySelector('[part="send"]')!.textContent === 'Senden', 'German composer', { timeout: 5000 });
    expect(time().textContent).to.equal(new Intl.DateTimeFormat('de-AT', { hour: 'numeric', minute: '2-digit' }).format(when));
    expect(time().getAttribute('title')).to.equal(new Intl.DateTimeFormat('de-AT', { dateStyle: 'medium', timeStyle: 'short' }).format(when));
  });

  it('reads Arabic right to left: launcher and own bubbles on the left, mirrored icon, no axe violations', async () => {
    const { chat, root } = await chatWithMessages('ar');
    expect(getComputedStyle(chat).direction).to.equal('rtl');
    expect(chat.dir).to.equal('rtl');
    expect(label(chat)).to.equal('إغلاق المحادثة');
    const page = document.documentElement.clientWidth;
    const launcherBox = launcher(chat).getBoundingClientRect();
    expect(launcherBox.left, 'launcher in the bottom-left corner').to.be.below(page / 2);
    const own = root.querySelector('[part~="own"]')!.getBoundingClientRect();
    const other = [...root.querySelectorAll('[part~="other"]')].at(-1)!.getBoundingClientRect();
    const list = root.querySelector('[part="messages"]')!.getBoundingClientRect();
    expect(own.left - list.left, 'own bubble at the left edge').to.be.below(list.right - own.right);
    expect(list.right - other.right, 'other bubble at the right edge').to.be.below(other.left - list.left);
    expect(getComputedStyle(launcher(chat).querySelector('svg')!).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(await violations(chat), 'Arabic, open, with messages').to.deep.equal([]);

    chat.lang = 'en';
    await waitUntil(() => chat.dir === 'ltr', 'back to left to right', { timeout: 5000 });
    await chat.updateComplete;
    expect(launcher(chat).getBoundingClientRect().left, 'launcher back in the bottom-right corner').to.be.above(page / 2);
  });

  it('reads Hebrew right to left too, and keeps `position="bottom-left"` mirrored', async () => {
    const chat = await fixture<OmniChat>(html`<omni-chat lang="he" position="bottom-left"></omni-chat>`);
    await waitUntil(() => label(chat) === 'פתיחת הצ׳אט', 'Hebrew', { timeout: 5000 });
    expect(getComputedStyle(chat).direction).to.equal('rtl');
    expect(launcher(chat).getBoundingClientRect().left).to.be.above(document.documentElement.clientWidth / 2);
  });

  // Last: a site's overrides stay for the rest of the page.
  it("keeps a site's setStrings over the language's strings", async () => {
    setStrings({ openChat: 'Frag uns!' });
    const chat = await fixture<OmniChat>(html`<omni-chat lang="de"></omni-chat>`);
    await waitUntil(() => $language.get() === 'de', 'German', { timeout: 5000 });
    expect(label(chat)).to.equal('Frag uns!');
    expect(chat.shadowRoot!.querySelector('[part="close"]')!.getAttribute('aria-label')).to.equal('Chat schließen');
  });
});
