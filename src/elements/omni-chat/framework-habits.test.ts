/// <reference types="mocha" />
// What frameworks do to custom elements, in real Chromium against the real server: a jwtProvider
// that is a new function on every render, properties set before the tag is defined, a function
// written into an attribute, an element left with no token source, and a bad call destination.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import type { OmniSession } from '../../core/session.js';
import { setDefaultSession } from '../../core/session.js';
import '../../define.js';
import type { OmniCallButton } from '../omni-call-button/omni-call-button.js';
import { OmniChat } from './omni-chat.js';

const sessionOf = (chat: OmniChat) => (chat as unknown as { session: OmniSession | undefined }).session;
let lateTags = 0;

/** A tag nobody has defined yet, to define later (as `import('omni-widget/define')` in an effect does). */
function undefinedTag(): string {
  lateTags += 1;
  return `omni-chat-late-${lateTags}`;
}

describe('framework habits', () => {
  it('keeps one session and socket when jwtProvider is a new function on every render', async () => {
    const customerId = uniqueId('guest');
    const calls: number[] = [];
    const provider = (n: number) => () => {
      calls.push(n);
      return customerToken(customerId);
    };
    const sockets: string[] = [];
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(String(url));
      }
    };
    try {
      const chat = await fixture<OmniChat>(html`<omni-chat server-url=${testServer().serverUrl} .jwtProvider=${provider(0)}></omni-chat>`);
      await waitUntil(() => sessionOf(chat)?.$connection.get() === 'online', 'online', { timeout: 10000 });
      const session = sessionOf(chat)!;
      for (let render = 1; render <= 5; render += 1) {
        chat.jwtProvider = provider(render);
        await chat.updateComplete;
      }
      expect(sessionOf(chat)).to.equal(session, 'the same session');
      expect(session.$connection.get()).to.equal('online');
      expect(sockets.filter((url) => url.endsWith('/v1/events'))).to.have.length(1);
      expect(calls).to.deep.equal([0], 'no new token fetch for a new function');
      await session.tokens.refresh();
      expect(calls).to.deep.equal([0, 5], 'the next refresh asks the newest provider');
    } finally {
      window.WebSocket = NativeWebSocket;
    }
  });

  it('picks up properties set before the element is defined, and connects', async () => {
    const tag = undefinedTag();
    const customerId = uniqueId('guest');
    const element = document.createElement(tag) as OmniChat;
    element.serverUrl = testServer().serverUrl;
    element.jwtProvider = () => customerToken(customerId);
    element.open = true;
    document.body.append(element);
    try {
      customElements.define(tag, class extends OmniChat {});
      await waitUntil(() => sessionOf(element)?.$participant.get(), 'connected after upgrade', { timeout: 10000 });
      expect(sessionOf(element)!.$participant.get()!.id).to.contain(customerId);
      expect(element.shadowRoot!.querySelector('[part="panel"]')!.hasAttribute('hidden')).to.equal(false, 'open was kept');
    } finally {
      element.remove();
    }
  });

  it('reports a function written into the jwtprovider attribute instead of failing silently', async () => {
    const tag = undefinedTag();
    const element = document.createElement(tag);
    element.setAttribute('server-url', testServer().serverUrl);
    // What React 19 / Vue do for an unknown element: the property becomes an attribute (its source text).
    element.setAttribute('jwtprovider', String(() => fetch('/token')));
    document.body.append(element);
    try {
      const reported = oneEvent(element, 'omni-error');
      customElements.define(tag, class extends OmniChat {});
      const { detail } = await reported;
      expect(detail.code).to.equal('invalid-attribute');
      expect(detail.message).to.match(/jwtProvider.*property/);
    } finally {
      element.remove();
    }
  });

  it('reports an element left without any token source', async () => {
    setDefaultSession(undefined);
    const chat = await fixture<OmniChat>(html`<omni-chat server-url=${testServer().serverUrl}></omni-chat>`);
    const { detail } = await oneEvent(chat, 'omni-error');
    expect(detail.code).to.equal('not-configured');
    expect(detail.message).to.match(/token-url.*jwtProvider/);
  });

  it('lets the host page restyle the inner conversation and call button through omni-chat::part()', async () => {
    const style = document.createElement('style');
    style.textContent = 'omni-chat::part(input) { caret-color: rgb(1, 2, 3); } omni-chat::part(call-call) { outline-color: rgb(4, 5, 6); }';
    document.head.append(style);
    try {
      const chat = await fixture<OmniChat>(html`<omni-chat voice server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(uniqueId('guest'))}></omni-chat>`);
      const conversation = chat.shadowRoot!.querySelector('omni-conversation')!;
      await conversation.updateComplete;
      const input = conversation.shadowRoot!.querySelector('[part="input"]')!;
      expect(getComputedStyle(input).caretColor).to.equal('rgb(1, 2, 3)');
      const callButton = chat.shadowRoot!.querySelector('omni-call-button')!;
      await callButton.updateComplete;
      expect(getComputedStyle(callButton.shadowRoot!.querySelector('[part="call"]')!).outlineColor).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });

  it('a call button placed before the chat follows the session the chat sets as the page default', async () => {
    setDefaultSession(undefined);
    const page = await fixture<HTMLElement>(html`<div>
      <omni-call-button></omni-call-button>
      <omni-chat server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(uniqueId('guest'))}></omni-chat>
    </div>`);
    const button = page.querySelector('omni-call-button')!;
    const chat = page.querySelector('omni-chat')!;
    await waitUntil(() => sessionOf(chat), 'the chat has its session');
    const attached = () => (button as unknown as { attachedTo: OmniSession | undefined }).attachedTo;
    await waitUntil(() => attached() === sessionOf(chat), 'the button follows the default session');
  });

  it('refuses a destination that is neither a queue nor a SIP URI, before any network work', async () => {
    const before = performance.getEntriesByType('resource').length;
    const button = await fixture<OmniCallButton>(html`<omni-call-button destination="support desk; DROP"></omni-call-button>`);
    const chat = await fixture<OmniChat>(html`<omni-chat server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(uniqueId('guest'))}></omni-chat>`);
    button.session = sessionOf(chat);
    await button.updateComplete;
    const reported = oneEvent(button, 'omni-error');
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part="call"]')!.click();
    const { detail } = await reported;
    expect(detail.code).to.equal('invalid-destination');
    const fetched = performance.getEntriesByType('resource').slice(before).map((entry) => entry.name);
    expect(fetched.filter((url) => /sip\/credentials|calling|sip\.js/.test(url))).to.deep.equal([]);
  });
});
