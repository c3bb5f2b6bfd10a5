/** Loads and registers `<omni-attachment>` on first use: pages whose chats never show a file don't download the viewer. */
import { define } from '../shared/define-element.js';

let loading: Promise<void> | undefined;

/** Defines `<omni-attachment>` (once); elements rendered before that upgrade and keep their properties. */
export function loadAttachmentElement(): Promise<void> {
  loading ??= import('./omni-attachment.js').then(({ OmniAttachment }) => define('omni-attachment', OmniAttachment));
  return loading;
}
