/** Renders the uploads in progress above the composer: name, progress, cancel; failed ones with the reason. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Upload } from '../../messaging/attachments.js';
import { strings } from '../shared/strings.js';

/** The upload list (nothing when empty). */
export function uploadList(uploads: Upload[], onCancel: (upload: Upload) => void): TemplateResult | typeof nothing {
  if (uploads.length === 0) return nothing;
  return html`<ul class="uploads" part="uploads" aria-label=${strings().attach}>
    ${uploads.map((upload) => html`<li part="upload" class=${upload.status}>
      <span class="upload-name">${upload.status === 'failed' ? strings().uploadFailed(upload.name) : upload.name}</span>
      ${upload.status === 'uploading'
        ? html`<progress max=${upload.size || 1} .value=${upload.loaded} aria-label=${strings().uploading(upload.name)}></progress>`
        : html`<span class="error">${upload.error?.message ?? ''}</span>`}
      <button part="cancel-upload" aria-label=${upload.status === 'uploading' ? strings().cancelUpload : strings().dismiss} @click=${() => onCancel(upload)}>×</button>
    </li>`)}
  </ul>`;
}
