/**
 * The upload part of a conversation, a lazy chunk loaded with the first file picked, dragged in or
 * pasted: the list of uploads above the composer (name, progress, cancel; failed ones with the
 * reason), the drop overlay, their styles and strings, and the upload code files are handed to.
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

/** A conversation's upload part: sends files, shows the drop overlay while files are dragged over it, renders its upload list. */
export class UploadPart {
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

  /** Uploads files to the conversation shown now; each is then sent as an attachment message. */
  send(files: File[]): void {
    const session = this.host.effectiveSession;
    const id = this.host.effectiveConversationId;
    if (session && id) for (const file of files) void uploadFile(session, id, crypto.randomUUID(), file);
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
    return html`${this.dropping ? html`<div class="drop" part="drop">${text.dropFiles}</div>` : nothing}${uploads.length
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
