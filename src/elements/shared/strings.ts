/**
 * The text the elements show, so a site can translate it (`setStrings`). The guest chat's strings
 * live here; those of lazy parts (calling UI, agent console, image viewer, survey, forms, uploads) travel with
 * their own code, read through `stringsWith`, and take the same overrides.
 */
import type { callDefaults } from '../omni-call-button/call-strings.js';
import type { agentDefaults } from '../omni-agent-console/agent-strings.js';
import type { dashboardDefaults } from '../omni-supervisor-dashboard/dashboard-strings.js';
import type { attachmentDefaults } from '../omni-attachment/attachment-strings.js';
import type { ratingDefaults } from '../omni-conversation/rating-form.js';
import type { uploadDefaults } from '../omni-conversation/uploads.js';
import type { emojiButtonDefaults } from '../omni-conversation/emoji-button.js';
import type { emojiPickerDefaults } from '../omni-emoji-picker/emoji-picker.js';
import type { formDefaults } from '../omni-chat-forms/form-strings.js';
import type { carouselDefaults } from '../omni-carousel/carousel-strings.js';
import type { replyNoteDefaults } from '../omni-conversation/reply-note.js';
import type { ErrorCode, OmniErrorInfo } from '../../core/protocol.js';

/** English defaults of the chat. */
const english = {
  chatTitle: 'Chat with us',
  replyFast: 'We usually reply in a few minutes',
  backAt: (when: string) => `We're back ${when}`,
  away: "We're away right now",
  openChat: 'Open chat',
  closeChat: 'Close chat',
  transcript: 'Download the conversation',
  unread: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  you: 'You',
  agent: 'Support',
  customer: 'Customer',
  messages: 'Messages',
  messageInput: 'Write a message',
  placeholder: 'Write a message…',
  send: 'Send',
  charactersLeft: (count: number) => (count === 1 ? '1 character left' : `${count} characters left`),
  tooLong: (count: number) => (count === 1 ? '1 character too many' : `${count} characters too many`),
  pending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
  loadOlder: 'Load earlier messages',
  loading: 'Loading…',
  newMessages: 'New messages ↓',
  empty: 'No messages yet. Say hello!',
  unsupported: 'This message type is not supported here.',
  read: 'Read',
  newMessageTitle: 'New message',
  attach: 'Attach a file',
  carousel: 'Carousel',
  slide: 'slide',
  slideOf: (index: number, count: number) => `${index} of ${count}`,
  suggestedReplies: 'Suggested replies',
  typing: (name: string) => `${name} is typing…`,
  queuePosition: (position: number) => `You're number ${position} in the queue`,
  joined: (name: string) => `${name} joined`,
  reconnecting: 'Reconnecting…',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  offline: 'You are offline. Messages will be sent when you are back.',
  guest: 'Guest',
  liveFrom: (name: string, text: string) => `${name}: ${text}`,
  /** Errors shown to the visitor by code; English shows the error's own message. */
  errors: {} as Partial<Record<ErrorCode, string>>,
};

/** Every string a site can override: the chat's, the calling UI's and the agent console's. */
export type OmniStrings = typeof english & typeof callDefaults & typeof agentDefaults & typeof attachmentDefaults & typeof ratingDefaults & typeof uploadDefaults & typeof formDefaults &
  typeof emojiButtonDefaults & typeof emojiPickerDefaults & typeof carouselDefaults & typeof replyNoteDefaults &
  // The supervisor dashboard's: optional until the shipped languages have them (English is the fallback).
  Partial<typeof dashboardDefaults>;

let overrides: Partial<OmniStrings> = {};
/** The language's strings (a locale chunk's), under the site's overrides; empty for English. */
let locale: Partial<OmniStrings> = {};
let current = english;
let version = 0;

/** The chat's strings in use. */
export const strings = (): typeof english => current;

/** Overrides some or all strings (call before the elements render); they win over every language's. */
export function setStrings(changes: Partial<OmniStrings>): void {
  overrides = { ...overrides, ...changes };
  setLocaleStrings(locale);
}

/** Puts a language's strings in use (`{}`: English). */
export function setLocaleStrings(table: Partial<OmniStrings>): void {
  locale = table;
  current = { ...english, ...locale, ...overrides };
  version += 1;
}

/** What the visitor reads for an error: its code's text in the language in use, else its message. */
export const errorText = (error: OmniErrorInfo): string => current.errors[error.code] ?? error.message;

/** Strings whose defaults are kept elsewhere (a lazy chunk's), under the site's overrides. */
export function stringsWith<T extends object>(defaults: T): () => T {
  let seen = -1;
  let value = defaults;
  return () => {
    if (seen !== version) {
      value = { ...defaults, ...locale, ...overrides };
      seen = version;
    }
    return value;
  };
}
