/** The `omni-*` events of the elements: typed details, one global event map, one way to fire them. */
import type { OmniErrorInfo } from '../../core/protocol.js';
import type { TimelineItem } from '../../messaging/timeline.js';

/** Detail of `omni-message`: a message that arrived live from someone else. */
export interface OmniMessageDetail {
  conversationId: string;
  item: TimelineItem;
}

/** Detail of `omni-call-state`: the call's state name, with a stable reason and a readable message when it ended abnormally. */
export interface OmniCallStateDetail {
  state: string;
  reason?: string;
  message?: string;
}

/** Detail of `omni-open-change`. */
export interface OmniOpenChangeDetail {
  open: boolean;
}

/** Detail of `omni-conversation-select`. */
export interface OmniConversationSelectDetail {
  conversationId: string;
}

/** Detail of `omni-transfer-request`: the agent asked to transfer the open conversation (Alt+T in the console). */
export interface OmniTransferRequestDetail {
  conversationId: string;
}

/** Every event the elements fire, by name. */
export interface OmniEventMap {
  'omni-message': CustomEvent<OmniMessageDetail>;
  'omni-error': CustomEvent<OmniErrorInfo>;
  'omni-open-change': CustomEvent<OmniOpenChangeDetail>;
  'omni-conversation-select': CustomEvent<OmniConversationSelectDetail>;
  'omni-call-state': CustomEvent<OmniCallStateDetail>;
  'omni-transfer-request': CustomEvent<OmniTransferRequestDetail>;
}

declare global {
  interface HTMLElementEventMap extends OmniEventMap {}
}

/** Fires an `omni-*` event that bubbles out of shadow roots. */
export function emit<K extends keyof OmniEventMap>(
  target: EventTarget,
  name: K,
  detail: OmniEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
