/** `<omni-attachment>`: one attachment in a message, rendered by kind (its API is documented on the class). */
import { LitElement, css, html, nothing } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { AttachmentInfo } from '../../core/protocol.js';
import { attachmentUrl } from '../../messaging/attachment-url.js';
import { attachmentStrings } from './attachment-strings.js';
import { $language, followLanguage } from '../shared/language.js';
import { themeStyles } from '../shared/theme.styles.js';

// The script-tag API's `OmniWidget.attachmentUrl` loads this chunk for it.
export { attachmentUrl };

/** Human size in the language in use: 12 kB, 3.4 MB (`Intl.NumberFormat` units). */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [Math.round(bytes / 1024), 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat($language.get() || undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * One attachment in a message: an image thumbnail that opens large (in a modal `<dialog>`),
 * an audio or video player, or a download link. The bytes are fetched with the session's token
 * into a blob URL; nothing about the file is trusted beyond what the server checked.
 *
 * @tagname omni-attachment
 * @summary An attachment, rendered by kind.
 * @csspart thumbnail - the button around an image thumbnail
 * @csspart viewer - the dialog showing an image large
 * @csspart download - the download link of a file
 */
export class OmniAttachment extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host { display: block; max-width: 100%; }
      .thumbnail { padding: 0; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface-alt); overflow: hidden; display: block; }
      .thumbnail img { display: block; max-width: 220px; max-height: 220px; object-fit: cover; }
      audio, video { max-width: 100%; }
      video { max-height: 240px; }
      .download { display: inline-flex; gap: 6px; padding: 8px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); color: var(--_text); text-decoration: none; overflow-wrap: anywhere; }
      .placeholder { color: var(--_muted); font-size: 0.9em; }
      dialog { border: 0; padding: 0; border-radius: var(--_radius); max-width: 95vw; max-height: 95vh; background: var(--_surface); }
      dialog::backdrop { background: rgb(0 0 0 / 0.7); }
      dialog img { display: block; max-width: 95vw; max-height: 85vh; }
      .viewer-bar { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 6px 10px; color: var(--_text); }
      .viewer-bar button { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 2px 12px; }
    `,
  ];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    session: { attribute: false },
    attachment: { attribute: false },
    url: { state: true },
    failed: { state: true },
  };

  /** The session whose token fetches the bytes. */
  session: OmniSession | undefined;
  /** The attachment (from the message). */
  attachment: AttachmentInfo | undefined;

  private url: string | undefined;
  private failed = false;
  private get viewer(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }
  private loadedFor: string | undefined;

  protected override willUpdate(): void {
    const id = this.attachment?.id;
    if (!this.session || !id || id === this.loadedFor) return;
    this.loadedFor = id;
    this.url = undefined;
    this.failed = false;
    attachmentUrl(this.session, id).then(
      (url) => { if (this.loadedFor === id) this.url = url; },
      () => { if (this.loadedFor === id) this.failed = true; },
    );
  }

  /** Escape closes the viewer only (the dialog does that itself), not the chat around it. */
  private readonly onViewerKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') event.stopPropagation();
  };

  protected override render() {
    const attachment = this.attachment;
    if (!attachment) return nothing;
    const label = `${attachment.name} (${formatSize(attachment.size)})`;
    if (this.failed) return html`<span class="placeholder">${attachmentStrings().attachmentUnavailable(attachment.name)}</span>`;
    if (!this.url) return html`<span class="placeholder" aria-busy="true">${label}</span>`;
    switch (attachment.kind) {
      case 'image':
        return html`
          <button class="thumbnail" part="thumbnail" aria-label=${attachmentStrings().openImage(attachment.name)} @click=${() => this.viewer.showModal()}>
            <img src=${this.url} alt=${attachment.name} />
          </button>
          <dialog part="viewer" aria-label=${attachment.name} @keydown=${this.onViewerKeyDown}>
            <div class="viewer-bar"><span>${attachment.name}</span><button @click=${() => this.viewer.close()}>${attachmentStrings().close}</button></div>
            <img src=${this.url} alt=${attachment.name} />
          </dialog>
        `;
      case 'audio':
        return html`<audio controls preload="metadata" src=${this.url} aria-label=${label}></audio>`;
      case 'video':
        return html`<video controls preload="metadata" src=${this.url} aria-label=${label}></video>`;
      default:
        return html`<a class="download" part="download" href=${this.url} download=${attachment.name}>⬇ ${label}</a>`;
    }
  }
}
