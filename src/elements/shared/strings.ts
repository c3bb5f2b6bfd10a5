/** The text the elements show, in one place, so a site can translate it (`setStrings`). */

/** English defaults. */
const english = {
  chatTitle: 'Chat with us',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  you: 'You',
  agent: 'Support',
  customer: 'Customer',
  messages: 'Messages',
  messageInput: 'Write a message',
  placeholder: 'Write a message…',
  send: 'Send',
  pending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
  loadOlder: 'Load earlier messages',
  loading: 'Loading…',
  newMessages: 'New messages ↓',
  empty: 'No messages yet. Say hello!',
  unsupported: 'This message type is not supported here.',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Messages will be sent when you are back.',
  conversations: 'Conversations',
  noConversations: 'No conversations in the queue yet.',
  noSelection: 'Select a conversation.',
  guest: 'Guest',
  liveFrom: (name: string, text: string) => `${name}: ${text}`,
};

/** The strings' shape. */
export type OmniStrings = typeof english;

let current: OmniStrings = english;

/** The strings in use. */
export const strings = (): OmniStrings => current;

/** Overrides some or all strings (call before the elements render). */
export function setStrings(overrides: Partial<OmniStrings>): void {
  current = { ...current, ...overrides };
}
