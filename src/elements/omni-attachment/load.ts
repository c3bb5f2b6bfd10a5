/** Loads and registers `<omni-attachment>` on first use: pages whose chats never show a file don't download the viewer. */
import { defineLazily } from '../shared/define-element.js';

/** Defines `<omni-attachment>` (once); elements rendered before that upgrade and keep their properties. */
export const loadAttachmentElement = (): Promise<void> => defineLazily('omni-attachment', () => import('./omni-attachment.js').then((module) => module.OmniAttachment));
