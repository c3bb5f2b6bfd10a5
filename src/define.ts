/** Registers the guest elements: `<omni-chat>`, `<omni-conversation>`, `<omni-call-button>` (safe to load twice). */
import { OmniChat } from './elements/omni-chat/omni-chat.js';
import type { OmniAttachment } from './elements/omni-attachment/omni-attachment.js';
import { OmniCallButton } from './elements/omni-call-button/omni-call-button.js';
import { OmniConversation } from './elements/omni-conversation/omni-conversation.js';
import { define } from './elements/shared/define-element.js';
export type { OmniEventMap, OmniMessageDetail, OmniCallStateDetail, OmniOpenChangeDetail, OmniConversationSelectDetail } from './elements/shared/events.js';
export type { OmniErrorInfo } from './core/protocol.js';

export { define };

define('omni-conversation', OmniConversation);
define('omni-call-button', OmniCallButton);
define('omni-chat', OmniChat);

declare global {
  interface HTMLElementTagNameMap {
    'omni-chat': OmniChat;
    'omni-conversation': OmniConversation;
    'omni-call-button': OmniCallButton;
    'omni-attachment': OmniAttachment;
  }
}
