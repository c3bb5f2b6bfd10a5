/** Registers the guest elements: `<omni-chat>` and `<omni-conversation>` (safe to load twice). */
import { OmniChat } from './elements/omni-chat/omni-chat.js';
import { OmniConversation } from './elements/omni-conversation/omni-conversation.js';

/** Defines a tag unless something already did. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('omni-conversation', OmniConversation);
define('omni-chat', OmniChat);

declare global {
  interface HTMLElementTagNameMap {
    'omni-chat': OmniChat;
    'omni-conversation': OmniConversation;
  }
}
