/**
 * The upload part of a conversation, a lazy chunk loaded with the first file picked, dragged in or
 * pasted: the list of uploads above the composer (name, progress, cancel; failed ones with the
 * reason), the drop overlay, the preview of pasted images (with a caption field, Send and Cancel),
 * their styles and strings, and the upload code files are handed to.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { cancelUpload, uploadFile } from '../../messaging/attachments.js';
import type { Upload } from '../../messaging/upload-store.js';
import { errorText, strings, stringsWith } from '../shared/strings.js';
import type { UploadsHost } from './upload-controller.js';

export { uploadFile, cancelUpload } from '../../messaging/attachments.js';

/** The upload list's English strings (sites override them with `setStrings`). */
export const uploadDefaults = {
  cancelUpload: 'Cancel upload',
  dismiss: 'Dismiss',
  uploading: (name: string) => `Uploading ${name}`,
  uploadFailed: (name: string) => `${name} was not sent`,
  dropFiles: 'Drop files to send them',
  imagePreview: 'Image to send',
  imageCaption: 'Add a caption (optional)',
  sendImage: 'Send image',
  cancelImage: 'Cancel',
};
const uploadStrings = stringsWith(uploadDefaults);

/** The upload list's and drop overlay's styles, adopted by the conversation's shadow root with the chunk. */
const uploadStyles = css`
  .uploads {
    list-style: none;
    margin: 0;
    padding: 4px var(--_space);
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.85em;
  }
  .uploads li {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .upload-name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .uploads .failed .upload-name,
  .uploads .error {
    color: var(--_danger);
  }
  .uploads button {
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: 999px;
    width: 28px;
    height: 28px;
  }
  .preview {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    padding: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .preview img {
    max-height: 96px;
    max-width: 45%;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_border);
    object-fit: contain;
  }
  .preview input {
    flex: 1 1 12em;
    min-width: 0;
    font: inherit;
    font-size: max(16px, 1em);
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
    color: var(--_text);
  }
  .preview button {
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    border-radius: calc(var(--_radius) / 1.5);
    padding: 8px 12px;
    font: inherit;
  }
  .preview .preview-send {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .drop {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(31 91 216 / 0.12);
    border: 2px dashed var(--_accent);
    color: var(--_text);
    font-weight: 600;
    pointer-events: none;
  }
`;

/** An image waiting in the preview, with the URL its thumbnail shows. */
interface Previewed {
  file: File;
  url: string;
}

/** A conversation's upload part: sends files, previews pasted images, shows the drop overlay while files are dragged over it, renders its upload list. */
export class UploadPart {
  /** Pasted images waiting for Send or Cancel. */
  private previewed: Previewed[] = [];

  constructor(
    private readonly host: UploadsHost,
    /** Files are being dragged over the conversation. */
    private dropping: boolean,
  ) {
    const root = host.renderRoot;
    const sheet = uploadStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    for (const type of ['dragover', 'dragleave', 'drop']) host.addEventListener(type, this);
  }

  /** Uploads files to the conversation shown now; each is then sent as an attachment message. With `preview`, images wait in the preview first. */
  send(files: File[], preview?: boolean): void {
    const images = preview ? files.filter((file) => file.type.startsWith('image/')) : [];
    if (images.length) {
      this.previewed.push(...images.map((file) => ({ file, url: URL.createObjectURL(file) })));
      this.host.requestUpdate();
      // Focus goes to the caption, so a keyboard user can write it and press Enter.
      void this.host.updateComplete.then(() => (this.host.renderRoot as ParentNode).querySelector<HTMLInputElement>('.preview input')?.focus());
    }
    const session = this.host.effectiveSession;
    const id = this.host.effectiveConversationId;
    if (session && id) for (const file of files) if (!images.includes(file)) void uploadFile(session, id, crypto.randomUUID(), file);
  }

  /** Sends the previewed images (the caption with the first) or drops them; focus goes back to the text area. */
  private closePreview(send: boolean): void {
    const root = this.host.renderRoot as ParentNode;
    const caption = root.querySelector<HTMLInputElement>('.preview input')?.value.trim();
    const session = this.host.effectiveSession;
    const id = this.host.effectiveConversationId;
    this.previewed.forEach(({ file, url }, index) => {
      URL.revokeObjectURL(url);
      if (send && session && id) void uploadFile(session, id, crypto.randomUUID(), file, index === 0 && caption ? caption : undefined);
    });
    this.previewed = [];
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => root.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  }

  /** Enter in the caption sends; Escape cancels the preview only (not the chat around it). */
  private readonly onPreviewKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      this.closePreview(false);
    } else if (event.key === 'Enter' && !event.isComposing && (event.target as HTMLElement).localName === 'input') {
      event.preventDefault();
      this.closePreview(true);
    }
  };

  /** The preview of pasted images: thumbnails, the caption field, Cancel and Send (a non-modal dialog above the composer). */
  private renderPreview(): TemplateResult | typeof nothing {
    if (!this.previewed.length) return nothing;
    const text = uploadStrings();
    return html`<div class="preview" part="image-preview" role="dialog" aria-label=${text.imagePreview} @keydown=${this.onPreviewKey}>
      ${this.previewed.map(({ file, url }) => html`<img src=${url} alt=${file.name} />`)}
      <input part="caption" type="text" maxlength="2000" aria-label=${text.imageCaption} placeholder=${text.imageCaption} />
      <button part="preview-cancel" type="button" @click=${() => this.closePreview(false)}>${text.cancelImage}</button>
      <button part="preview-send" class="preview-send" type="button" @click=${() => this.closePreview(true)}>${text.sendImage}</button>
    </div>`;
  }

  /** Drag and drop anywhere on the conversation: the overlay while files are over it, then they are sent. */
  handleEvent(event: DragEvent): void {
    const transfer = event.dataTransfer;
    const over = event.type === 'dragover' && !!transfer?.types.includes('Files');
    const dropped = event.type === 'drop' && !!transfer?.files.length;
    if (over || dropped) event.preventDefault();
    if (dropped) this.host.sendFiles(transfer!.files);
    if (over !== this.dropping) {
      this.dropping = over;
      this.host.requestUpdate();
    }
  }

  /** The drop overlay while files are dragged over, and the upload list (nothing when empty). */
  render(uploads: Upload[]): TemplateResult | typeof nothing {
    const session = this.host.effectiveSession;
    const conversationId = this.host.effectiveConversationId;
    if (!session || !conversationId) return nothing;
    const text = uploadStrings();
    return html`${this.dropping ? html`<div class="drop" part="drop">${text.dropFiles}</div>` : nothing}${this.renderPreview()}${uploads.length
      ? html`<ul class="uploads" part="uploads" aria-label=${strings().attach}>
          ${uploads.map((upload) => html`<li part="upload" class=${upload.status}>
            <span class="upload-name">${upload.status === 'failed' ? text.uploadFailed(upload.name) : upload.name}</span>
            ${upload.status === 'uploading'
              ? html`<progress max=${upload.size || 1} .value=${upload.loaded} aria-label=${text.uploading(upload.name)}></progress>`
              : html`<span class="error">${upload.error ? errorText(upload.error) : ''}</span>`}
            <button part="cancel-upload" aria-label=${upload.status === 'uploading' ? text.cancelUpload : text.dismiss}
              @click=${() => cancelUpload(session, conversationId, upload.key)}>×</button>
          </li>`)}
        </ul>`
      : nothing}`;
  }
}
