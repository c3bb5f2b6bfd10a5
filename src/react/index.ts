/**
 * `omni-widget/react`: React components for the elements, made with @lit/react. Properties are
 * typed from the element classes (`<OmniChat jwtProvider={42} />` does not compile) and every
 * `omni-*` event has a prop named by @lit/react's convention (`omni-message` -> `onOmniMessage`).
 * Importing this module registers the elements it wraps.
 */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { define } from '../elements/shared/define-element.js';
import { OmniAgentConsole as OmniAgentConsoleElement } from '../elements/omni-agent-console/omni-agent-console.js';
import { OmniCallButton as OmniCallButtonElement } from '../elements/omni-call-button/omni-call-button.js';
import { OmniChat as OmniChatElement } from '../elements/omni-chat/omni-chat.js';
import { OmniConversationList as OmniConversationListElement } from '../elements/omni-conversation-list/omni-conversation-list.js';
import { OmniConversation as OmniConversationElement } from '../elements/omni-conversation/omni-conversation.js';
import { OmniSupervisorDashboard as OmniSupervisorDashboardElement } from '../elements/omni-supervisor-dashboard/omni-supervisor-dashboard.js';
import type { OmniEventMap } from '../elements/shared/events.js';
import { elementEvents, type EventsOf } from '../elements/shared/element-events.js';
import { eventPropName, type OmniElementProps, type OmniEventProps } from '../elements/shared/framework-types.js';

export type { OmniElementProps, OmniEventProps } from '../elements/shared/framework-types.js';
export type { OmniCallStateDetail, OmniConversationSelectDetail, OmniEventMap, OmniMessageDetail, OmniOpenChangeDetail } from '../elements/shared/events.js';
export type { JwtProvider } from '../core/session.js';
export type { Message, OmniErrorInfo, TokenResponse } from '../core/protocol.js';
export type { TimelineItem } from '../messaging/timeline.js';

/** A React component wrapping one omni element; `ref` gives the element. */
export type OmniReactComponent<E extends HTMLElement, N extends keyof OmniEventMap> = React.ForwardRefExoticComponent<
  Omit<React.HTMLAttributes<E>, keyof OmniElementProps<E> | keyof OmniEventProps<N>> & OmniElementProps<E> & OmniEventProps<N> & React.RefAttributes<E>
>;

function wrap<E extends HTMLElement, T extends keyof typeof elementEvents>(tagName: T, elementClass: new () => E, displayName: string): OmniReactComponent<E, EventsOf<T>> {
  const events: readonly string[] = elementEvents[tagName];
  define(tagName, elementClass);
  return createComponent({ react: React, tagName, elementClass, events: Object.fromEntries(events.map((name) => [eventPropName(name), name])), displayName }) as unknown as OmniReactComponent<E, EventsOf<T>>;
}

/** `<omni-chat>`: launcher + panel for a site's visitors. */
export const OmniChat = /* @__PURE__ */ wrap('omni-chat', OmniChatElement, 'OmniChat');
/** `<omni-conversation>`: one conversation's messages and composer. */
export const OmniConversation = /* @__PURE__ */ wrap('omni-conversation', OmniConversationElement, 'OmniConversation');
/** `<omni-call-button>`: click-to-call with in-call controls. */
export const OmniCallButton = /* @__PURE__ */ wrap('omni-call-button', OmniCallButtonElement, 'OmniCallButton');
/** `<omni-conversation-list>`: the agent's conversations. */
export const OmniConversationList = /* @__PURE__ */ wrap('omni-conversation-list', OmniConversationListElement, 'OmniConversationList');
/** `<omni-agent-console>`: the agent's list, conversation and phone. */
export const OmniAgentConsole = /* @__PURE__ */ wrap('omni-agent-console', OmniAgentConsoleElement, 'OmniAgentConsole');
/** `<omni-supervisor-dashboard>`: a supervisor's live queue figures. */
export const OmniSupervisorDashboard = /* @__PURE__ */ wrap('omni-supervisor-dashboard', OmniSupervisorDashboardElement, 'OmniSupervisorDashboard');
