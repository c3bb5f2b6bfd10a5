/// <reference types="mocha" />
// A pasted image is not sent at once: a preview above the composer shows it with a caption field,
// Send and Cancel, focus in the caption; Enter sends it with the caption, Escape cancels the preview
// only (the chat around it stays open), Cancel works from the keyboard; a pasted non-image file is
// sent at once as before; no axe violations with the preview open, in both themes.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { api, customerToken, testServer, uniqueId } from '../../../test/browser/server.js';
import { loadAxe, violations } from '../../../test/browser/chat-forms.js';
import type { AttachmentMessage, ConversationList, EventPage } from '../../core/protocol.js';
import '../../define.js';
import type { OmniChat } from '../omni-chat/omni-chat.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

const filesOf = (...files: File[]) => {
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  return transfer;
};

async function openChat() {
  const customerId = uniqueId('guest');
  const chat = await fixture<OmniChat>(html`<omni-chat open server-url=${testServer().serverUrl} .jwtProvider=${() => customerToken(customerId)}></omni-chat>`);
  const conversation = () => chat.shadowRoot!.querySelector('omni-conversation')!;
  const root = () => conversation().shadowRoot!;
  const input = () => root().querySelector<HTMLTextAreaElement>('[part="input"]')!;
  await waitUntil(() => root() && !input().disabled, 'ready', { timeout: 10000 });
  const stored = async () => {
    const jwt = (await customerToken(customerId)).jwt;
    const id = (await api<ConversationList>(jwt, 'GET', '/v1/conversations')).conversations[0]?.id;
    if (!id) return [];
    return (await api<EventPage>(jwt, 'GET', `/v1/conversations/${id}/events?after=0`)).events
      .flatMap((e) => (e.type === 'message' && e.message.type === 'attachment' ? [e.message as AttachmentMessage] : []));
  };
  const paste = (...files: File[]) => input().dispatchEvent(new ClipboardEvent('paste', { clipboardData: filesOf(...files), cancelable: true, bubbles: true }));
  const preview = () => root().querySelector<HTMLElement>('[part="image-preview"]');
  return { chat, conversation, root, input, stored, paste, preview };
}

describe('pasted image preview', () => {
  before(loadAxe);

  it('shows the image with a caption field; Enter sends it with the caption; focus goes back to the text area', async () => {
    const { conversation, root, input, stored, paste, preview } = await openChat();
    paste(new File([PNG], 'screenshot.png', { type: 'image/png' }));
    await waitUntil(() => preview(), 'preview', { timeout: 10000 });
    expect(preview()!.getAttribute('role')).to.equal('dialog');
    expect(preview()!.getAttribute('aria-label')).to.equal('Image to send');
    const image = preview()!.querySelector('img')!;
    expect(image.getAttribute('alt')).to.equal('screenshot.png');
    expect(image.src).to.match(/^blob:/);
    const caption = root().querySelector<HTMLInputElement>('[part="caption"]')!;
    expect(caption.getAttribute('aria-label')).to.equal('Add a caption (optional)');
    await waitUntil(() => root().activeElement === caption, 'focus in the caption');
    expect(await violations(conversation()), 'preview, light').to.deep.equal([]);
    conversation().setAttribute('theme', 'dark');
    expect(await violations(conversation()), 'preview, dark').to.deep.equal([]);
    conversation().removeAttribute('theme');
    expect(await stored(), 'nothing sent before Send').to.deep.equal([]);

    await sendKeys({ type: 'My broken brake' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !preview(), 'preview closed', { timeout: 5000 });
    await waitUntil(() => root().activeElement === input(), 'focus back in the text area');
    await waitUntil(async () => (await stored()).length === 1, 'stored', { timeout: 10000 });
    const [message] = await stored();
    expect([message!.attachment.name, message!.caption]).to.deep.equal(['screenshot.png', 'My broken brake']);
  });

  it('Escape cancels the preview only; Cancel works from the keyboard; non-images are sent at once', async () => {
    const { chat, root, input, stored, paste, preview } = await openChat();
    paste(new File([PNG], 'first.png', { type: 'image/png' }));
    await waitUntil(() => preview(), 'preview', { timeout: 10000 });
    await waitUntil(() => root().activeElement?.getAttribute('part') === 'caption', 'focus in the caption');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !preview(), 'preview cancelled', { timeout: 5000 });
    expect(chat.open, 'the chat stays open').to.equal(true);
    await waitUntil(() => root().activeElement === input(), 'focus back in the text area');

    paste(new File([PNG], 'second.png', { type: 'image/png' }));
    await waitUntil(() => root().activeElement?.getAttribute('part') === 'caption', 'second preview, focus in the caption', { timeout: 10000 });
    await sendKeys({ press: 'Tab' });
    expect(root().activeElement?.getAttribute('part')).to.equal('preview-cancel');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !preview(), 'preview cancelled by its button', { timeout: 5000 });

    // A text file pasted is sent at once, as before; it is the only attachment stored.
    paste(new File(['notes'], 'notes.txt', { type: 'text/plain' }));
    await waitUntil(async () => (await stored()).length === 1, 'text file stored', { timeout: 10000 });
    expect(preview()).to.equal(null);
    paste(new File([PNG], 'third.png', { type: 'image/png' }));
    await waitUntil(() => root().querySelector('[part="preview-send"]'), 'third preview', { timeout: 10000 });
    root().querySelector<HTMLButtonElement>('[part="preview-send"]')!.click();
    await waitUntil(async () => (await stored()).length === 2, 'third stored', { timeout: 10000 });
    expect((await stored()).map((m) => m.attachment.name)).to.deep.equal(['notes.txt', 'third.png'], 'the cancelled images were never sent');
    expect((await stored())[1]!.caption).to.equal(undefined);
  });
});
