/// <reference types="mocha" />
// Attachments in <omni-conversation> against the real server: pick, drop and paste a file, see
// the upload, an image thumbnail that opens large, cancel a big upload, and a refused type.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { agentToken, api, customerToken, defaultConversationId, testServer, uniqueId } from '../../../test/browser/server.js';
import { createSession, type OmniSession } from '../../core/session.js';
import type { AttachmentMessage, EventPage } from '../../core/protocol.js';
import '../../define.js';
import type { OmniConversation } from './omni-conversation.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const sessions: OmniSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function setup() {
  const customerId = uniqueId('guest');
  const customer = (await customerToken(customerId)).jwt;
  const id = await defaultConversationId(customer);
  const session = createSession({ serverUrl: testServer().serverUrl, jwtProvider: () => customerToken(customerId) });
  sessions.push(session);
  await session.start();
  const el = await fixture<OmniConversation>(html`<omni-conversation style="height: 500px; width: 360px; display: flex" .session=${session} conversation-id=${id}></omni-conversation>`);
  await waitUntil(() => session.$participant.get(), 'welcomed', { timeout: 10000 });
  const stored = async () => (await api<EventPage>(customer, 'GET', `/v1/conversations/${id}/events?after=0`)).events
    .flatMap((e) => (e.type === 'message' && e.message.type === 'attachment' ? [e.message as AttachmentMessage] : []));
  return { el, root: el.shadowRoot!, id, stored };
}

const filesOf = (...files: File[]) => {
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  return transfer;
};

describe('attachments', () => {
  it('sends a picked image; it shows as a thumbnail that opens large; the agent gets the same bytes', async () => {
    const { root, stored } = await setup();
    const picker = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    picker.files = filesOf(new File([PNG], 'bike.png', { type: 'image/png' })).files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelector('omni-attachment')?.shadowRoot?.querySelector('img'), 'thumbnail', { timeout: 10000 });
    const attachment = root.querySelector('omni-attachment')!.shadowRoot!;
    const img = attachment.querySelector<HTMLImageElement>('img')!;
    expect(img.src).to.match(/^blob:/);
    await waitUntil(() => img.complete && img.naturalWidth === 1, 'image decoded');
    attachment.querySelector<HTMLButtonElement>('[part="thumbnail"]')!.click();
    expect(attachment.querySelector<HTMLDialogElement>('dialog')!.open).to.equal(true);
    attachment.querySelector<HTMLDialogElement>('dialog')!.close();
    await waitUntil(() => root.querySelector('[part~="own"].sent'), 'sent', { timeout: 10000 });
    const [message] = await stored();
    expect(message!.attachment).to.include({ name: 'bike.png', kind: 'image', contentType: 'image/png', size: PNG.length });
    const agent = (await agentToken()).jwt;
    const response = await fetch(`${testServer().serverUrl}/v1/attachments/${message!.attachment.id}`, { headers: { authorization: `Bearer ${agent}` } });
    expect([...new Uint8Array(await response.arrayBuffer())]).to.deep.equal([...PNG]);
  });

  it('sends dropped and pasted files', async () => {
    const { el, root, stored } = await setup();
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: filesOf(new File(['a'], 'a.txt', { type: 'text/plain' })), cancelable: true }));
    await el.updateComplete;
    expect(root.querySelector('[part="drop"]')).to.not.equal(null);
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: filesOf(new File(['dropped notes'], 'notes.txt', { type: 'text/plain' })), cancelable: true }));
    const input = root.querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: filesOf(new File([PNG], 'pasted.png', { type: 'image/png' })), cancelable: true, bubbles: true }));
    // A pasted image waits in its preview (image-preview.test.ts) until it is sent.
    await waitUntil(() => root.querySelector('[part="preview-send"]'), 'preview', { timeout: 10000 });
    root.querySelector<HTMLButtonElement>('[part="preview-send"]')!.click();
    await waitUntil(async () => (await stored()).length === 2, 'both stored', { timeout: 10000 });
    expect((await stored()).map((m) => m.attachment.name).sort()).to.deep.equal(['notes.txt', 'pasted.png']);
    const notes = () => [...root.querySelectorAll('omni-attachment')].find((element) => element.attachment?.name === 'notes.txt');
    await waitUntil(() => notes()?.shadowRoot?.querySelector('[part="download"]'), 'download link', { timeout: 5000 });
    const link = notes()!.shadowRoot!.querySelector<HTMLAnchorElement>('[part="download"]')!;
    expect(link.download).to.equal('notes.txt');
    expect(root.querySelector('[part="drop"]')).to.equal(null);
  });

  it('shows upload progress and cancels; a refused type says why and can be dismissed', async () => {
    const { el, root, stored } = await setup();
    const picker = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    picker.files = filesOf(new File([new Uint8Array(9 * 1024 * 1024).fill(65)], 'big.txt', { type: 'text/plain' })).files;
    picker.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(root.querySelector('[part="upload"] progress')).to.not.equal(null, 'progress shown at once');
    root.querySelector<HTMLButtonElement>('[part="cancel-upload"]')!.click();
    await waitUntil(() => !root.querySelector('[part="upload"]'), 'cancelled');
    picker.files = filesOf(new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'x.svg', { type: 'image/svg+xml' })).files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelector('[part="upload"].failed'), 'refused', { timeout: 10000 });
    expect(root.querySelector('[part="upload"]')!.textContent).to.contain('x.svg was not sent').and.to.contain('image/svg+xml');
    root.querySelector<HTMLButtonElement>('[part="cancel-upload"]')!.click();
    await waitUntil(() => !root.querySelector('[part="upload"]'), 'dismissed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored()).to.deep.equal([]);
  });
});
