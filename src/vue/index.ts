/**
 * `omni-widget/vue`: registers the guest elements and declares every omni element in Vue's
 * `GlobalComponents`, so vue-tsc checks `<omni-chat :jwtProvider>` bindings and `@omni-message`
 * handlers. Tell Vue's compiler the tags are custom elements with `isOmniElement`, and install
 * `OmniElements` (`app.use(OmniElements)`) so the tags are defined before the app mounts.
 */
import type { DefineComponent, HTMLAttributes, Plugin } from 'vue';
import type { OmniAgentConsole } from '../elements/omni-agent-console/omni-agent-console.js';
import { OmniCallButton } from '../elements/omni-call-button/omni-call-button.js';
import { OmniChat } from '../elements/omni-chat/omni-chat.js';
import type { OmniConversationList } from '../elements/omni-conversation-list/omni-conversation-list.js';
import type { OmniConversation } from '../elements/omni-conversation/omni-conversation.js';
import type { OmniSupervisorDashboard } from '../elements/omni-supervisor-dashboard/omni-supervisor-dashboard.js';
import { define } from '../elements/shared/define-element.js';
import type { OmniEventMap } from '../elements/shared/events.js';
import type { EventsOf } from '../elements/shared/element-events.js';
import type { OmniElementProps, OmniEventProps } from '../elements/shared/framework-types.js';

export type { OmniEventMap, OmniMessageDetail, OmniCallStateDetail, OmniOpenChangeDetail, OmniConversationSelectDetail } from '../elements/shared/events.js';
export type { JwtProvider } from '../core/session.js';
export type { OmniErrorInfo, TokenResponse } from '../core/protocol.js';

/** For `compilerOptions.isCustomElement` in the Vue plugin of Vite (or vue.config): true for `omni-*` tags. */
export const isOmniElement = (tag: string): boolean => tag.startsWith('omni-');

/** Registers the guest elements: `<omni-chat>` (with `<omni-conversation>` and `<omni-attachment>`) and `<omni-call-button>`. */
export function defineOmniElements(): void {
  define('omni-chat', OmniChat);
  define('omni-call-button', OmniCallButton);
}

/**
 * The Vue plugin: `app.use(OmniElements)` defines the guest elements before the app mounts, so
 * every binding reaches the element's property. A used export, so bundlers that honour the
 * package's `sideEffects` list cannot drop the registration.
 */
export const OmniElements: Plugin = { install: defineOmniElements };

// Importing the module registers too (no bundler, or a bundler that keeps the import).
defineOmniElements();

/** What a template may bind on an element: its writable data properties (no methods, getters or LitElement internals). */
export type OmniVueProps<E> = OmniElementProps<E>;

/**
 * A Vue component type for one omni element: its properties, its `omni-*` listeners, and every
 * attribute and DOM listener an HTML element takes (`id`, `aria-label`, `@click`…), so the
 * elements pass `strictTemplates`.
 */
export type OmniVueElement<E, N extends keyof OmniEventMap = never> = DefineComponent<
  OmniVueProps<E> & OmniEventProps<N> & Omit<HTMLAttributes, keyof OmniVueProps<E>>
>;

declare module 'vue' {
  interface GlobalComponents {
    'omni-chat': OmniVueElement<OmniChat, EventsOf<'omni-chat'>>;
    'omni-conversation': OmniVueElement<OmniConversation, EventsOf<'omni-conversation'>>;
    'omni-call-button': OmniVueElement<OmniCallButton, EventsOf<'omni-call-button'>>;
    'omni-conversation-list': OmniVueElement<OmniConversationList, EventsOf<'omni-conversation-list'>>;
    'omni-agent-console': OmniVueElement<OmniAgentConsole, EventsOf<'omni-agent-console'>>;
    'omni-supervisor-dashboard': OmniVueElement<OmniSupervisorDashboard, EventsOf<'omni-supervisor-dashboard'>>;
  }
}
