/** Which `omni-*` events each element fires: one list for the framework wrappers' props (React, Vue), checked against custom-elements.json by test/manifest. */
import type { OmniEventMap } from './events.js';

/** The events of each public element, by tag. */
export const elementEvents = {
  'omni-chat': ['omni-open-change', 'omni-message', 'omni-call-state', 'omni-error'],
  'omni-conversation': ['omni-message'],
  'omni-call-button': ['omni-call-state', 'omni-error'],
  'omni-conversation-list': ['omni-conversation-select'],
  'omni-agent-console': ['omni-conversation-select', 'omni-message', 'omni-transfer-request', 'omni-call-state', 'omni-error'],
  'omni-supervisor-dashboard': ['omni-error'],
} as const satisfies Record<string, readonly (keyof OmniEventMap)[]>;

/** The event names of one element, as a type. */
export type EventsOf<Tag extends keyof typeof elementEvents> = (typeof elementEvents)[Tag][number];
