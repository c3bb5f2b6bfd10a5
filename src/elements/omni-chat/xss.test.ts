/// <reference types="mocha" />
// The XSS corpus (test/browser/xss-corpus.ts, 57 payloads) in every field of every message type,
// and in display names, sent through the real server to an open <omni-chat>: nothing executes,
// no markup or handler appears, links stay http(s), and no message breaks out of the panel.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import { XSS_PAYLOADS } from '../../../test/browser/xss-corpus.js';
import '../../define.js';
import type { OmniChat } from './omni-chat.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** Every element under `root`, through shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    out.push(element);
    if (element.shadowRoot) out.push(...allElements(element.shadowRoot));
  }
  return out;
}

describe('XSS corpus', () => {
  it('renders every payload in every field as inert text inside the panel', async function () {
    this.timeout(90000); // ~350 messages through the real server
    expect(XSS_PAYLOADS.length).to.be.at.least(50);
    const customerId = uniqueId('guest');
    const hostile = XSS_PAYLOADS[1]!.slice(0, 80);
    const customer = (await customerToken(customerId, { displayName: hostile })).jwt;
    const id = await defaultConversationId(customer);
    const agent = (await agentToken(uniqueId('agent'), XSS_PAYLOADS[2]!.slice(0, 80))).jwt;
    const chat = await fixture<OmniChat>(html`<omni-chat open server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId, { displayName: hostile })}></omni-chat>`);
    const conversation = () => chat.shadowRoot!.querySelector('omni-conversation')!;
    await waitUntil(() => conversation().effectiveConversationId === id, 'open', { timeout: 10000 });
    const bodyChildren = document.body.children.length;

    let sent = 0;
    const post = async (body: Record<string, unknown>) => {
      try {
        await api(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('x'), ...body });
        sent += 1;
      } catch {
        // Refused by the server's validation (e.g. javascript: URLs): also safe.
      }
    };
    for (const payload of XSS_PAYLOADS) {
      const short = payload.slice(0, 80);
      await post({ type: 'text', text: payload.slice(0, 4000) });
      await post({
        type: 'card', title: payload.slice(0, 200), text: payload.slice(0, 2000), imageAlt: payload.slice(0, 300),
        buttons: [{ type: 'postback', title: short, payload: payload.slice(0, 1000) }, { type: 'url', title: short, url: payload.slice(0, 2000) }],
      });
      await post({ type: 'card', title: payload.slice(0, 200), buttons: [{ type: 'postback', title: short, payload: payload.slice(0, 1000) }] });
      await post({ type: 'carousel', cards: [{ title: payload.slice(0, 200), text: payload.slice(0, 2000) }, { title: short }] });
      await post({ type: 'quick-replies', text: payload.slice(0, 2000), replies: [{ title: short, payload: payload.slice(0, 1000) }] });
      await post({ type: 'buttons', text: payload.slice(0, 2000), buttons: [{ type: 'postback', title: short, payload: payload.slice(0, 1000) }] });
    }
    // File names with markup: uploaded, then sent as attachment messages (names come back from the server).
    for (const name of XSS_PAYLOADS.filter((payload) => /\.(png|pdf|exe)|<img|<svg/.test(payload)).slice(0, 8)) {
      const form = new FormData();
      form.append('conversationId', id);
      form.append('file', new Blob(['plain notes'], { type: 'text/plain' }), name.slice(0, 200));
      const uploaded = await (await fetch(`${testServer().serverUrl}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form })).json();
      await post({ type: 'attachment', attachmentId: uploaded.id, caption: name.slice(0, 2000) });
    }
    // Also a guest message: the guest's own text and name go through the same rendering.
    await api(customer, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: uniqueId('g'), type: 'text', text: XSS_PAYLOADS[0] });
    sent += 1;
    expect(sent).to.be.greaterThan(XSS_PAYLOADS.length * 4);
    const root = conversation().shadowRoot!;
    await waitUntil(() => root.querySelectorAll('[part~="message"]').length >= sent, `all ${sent} rendered`, { timeout: 30000, interval: 200 });
    await waitUntil(() => [...root.querySelectorAll('omni-attachment')].every((element) => element.shadowRoot?.querySelector('[part="download"]')), 'attachments loaded', { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(window.__xss, 'no payload executed').to.equal(undefined);
    expect(document.body.children.length).to.equal(bodyChildren, 'nothing was added to the host page');
    const elements = allElements(chat.shadowRoot!);
    const forbidden = elements.filter((element) => ['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'math', 'template', 'video', 'audio', 'details', 'x'].includes(element.localName));
    expect(forbidden.map((element) => element.localName)).to.deep.equal([]);
    expect(elements.filter((element) => element.localName === 'form')).to.have.length(1, 'only our composer');
    expect(elements.filter((element) => element.localName === 'input').map((element) => element.getAttribute('type'))).to.deep.equal(['file'], 'only our file picker');
    expect(elements.filter((element) => element.localName === 'img')).to.have.length(0, 'no image without an http(s) URL from the server');
    const svgs = elements.filter((element) => element.localName === 'svg');
    expect(svgs.length).to.equal(4, 'only our icons: launcher, transcript, attach and emoji');
    expect(svgs.every((svg) => svg.classList.contains('icon') && svg.getAttribute('aria-hidden') === 'true')).to.equal(true);
    const handlers = elements.flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.localName}[${attribute.name}]`));
    expect(handlers).to.deep.equal([]);
    const hrefs = elements.filter((element) => element.localName === 'a').map((element) => element.getAttribute('href') ?? '');
    expect(hrefs.filter((href) => !/^(https?:|mailto:|tel:|blob:)/.test(href))).to.deep.equal([]);
    expect(root.querySelectorAll('omni-attachment').length).to.be.at.least(5, 'hostile file names rendered as download links');
    const panel = chat.shadowRoot!.querySelector('[part="panel"]')!.getBoundingClientRect();
    const list = root.querySelector('[part="messages"]')!.getBoundingClientRect();
    expect(list.width).to.be.at.most(panel.width + 1);
    const outside = [...root.querySelectorAll<HTMLElement>('[part~="message"]')].filter((message) => {
      const box = message.getBoundingClientRect();
      return box.left < list.left - 1 || box.right > list.right + 1;
    });
    expect(outside.length, 'messages stay inside the panel').to.equal(0);
    expect(root.textContent).to.contain('<script>window.__xss=1</script>');
  });
});
