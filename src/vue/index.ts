/**
 * `omni-widget/vue`: registers the guest elements and declares every omni element in Vue's
 * `GlobalComponents`, so vue-tsc checks `<omni-chat :jwtProvider>` bindings and `@omni-message`
 * handlers. Tell Vue's compiler the tags are custom elements with `isOmniElement`.
 */
import type { DefineComponent } from 'vue';
import '../define.js';
import type { OmniAgentConsole } from '../elements/omni-agent-console/omni-agent-console.js';
import type { OmniCallButton } from '../elements/omni-call-button/omni-call-button.js';
import type { OmniChat } from '../elements/omni-chat/omni-chat.js';
import type { OmniConversationList } from '../elements/omni-conversation-list/omni-conversation-list.js';
import type { OmniConversation } from '../elements/omni-conversation/omni-conversation.js';
import type { OmniEventMap } from '../elements/shared/events.js';
import type { OmniElementProps, OmniEventProps } from '../elements/shared/framework-types.js';

export type { OmniEventMap, OmniMessageDetail, OmniCallStateDetail } from '../elements/shared/events.js';

/** For `compilerOptions.isCustomElement` in the Vue plugin of Vite (or vue.config): true for `omni-*` tags. */
export const isOmniElement = (tag: string): boolean => tag.startsWith('omni-');

/** A Vue component type for one omni element: its properties and its `omni-*` listeners. */
export type OmniVueElement<E, N extends keyof OmniEventMap> = DefineComponent<OmniElementProps<E> & OmniEventProps<N>>;

declare module 'vue' {
  interface GlobalComponents {
    'omni-chat': OmniVueElement<OmniChat, 'omni-message' | 'omni-error' | 'omni-open-change'>;
    'omni-conversation': OmniVueElement<OmniConversation, 'omni-message' | 'omni-error'>;
    'omni-call-button': OmniVueElement<OmniCallButton, 'omni-call-state' | 'omni-error'>;
    'omni-conversation-list': OmniVueElement<OmniConversationList, 'omni-conversation-select'>;
    'omni-agent-console': OmniVueElement<OmniAgentConsole, 'omni-message' | 'omni-error' | 'omni-conversation-select' | 'omni-call-state'>;
  }
}
