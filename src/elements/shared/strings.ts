/** The text the elements show, in one place, so a site can translate it (`setStrings`). */

/** English defaults. */
const english = {
  chatTitle: 'Chat with us',
  replyFast: 'We usually reply in a few minutes',
  backAt: (when: string) => `We're back ${when}`,
  away: "We're away right now",
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
  close: 'Close',
  attach: 'Attach a file',
  cancelUpload: 'Cancel upload',
  dismiss: 'Dismiss',
  uploading: (name: string) => `Uploading ${name}`,
  uploadFailed: (name: string) => `${name} was not sent`,
  dropFiles: 'Drop files to send them',
  openImage: (name: string) => `Open image ${name}`,
  attachmentUnavailable: (name: string) => `${name} could not be loaded`,
  carousel: 'Carousel',
  slide: 'slide',
  slideOf: (index: number, count: number) => `${index} of ${count}`,
  suggestedReplies: 'Suggested replies',
  typing: (name: string) => `${name} is typing…`,
  reconnecting: 'Reconnecting…',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  offline: 'You are offline. Messages will be sent when you are back.',
  conversations: 'Conversations',
  noConversations: 'No conversations in the queue yet.',
  noSelection: 'Select a conversation.',
  guest: 'Guest',
  liveFrom: (name: string, text: string) => `${name}: ${text}`,
  call: 'Call us',
  hangup: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  hold: 'Hold',
  resume: 'Resume',
  dialpad: 'Dialpad',
  micLevel: 'Microphone level',
  answer: 'Answer',
  decline: 'Decline',
  incomingCall: (name: string) => `Incoming call from ${name}`,
  phoneStates: { offline: 'Phone off', registering: 'Phone connecting…', ready: 'Phone ready', error: 'Phone unavailable' } as Record<string, string>,
  callStates: {
    idle: 'Ready to call',
    connecting: 'Connecting…',
    ringing: 'Ringing…',
    active: 'In call',
    held: 'On hold',
    reconnecting: 'Reconnecting…',
  unavailable: 'Chat is unavailable right now. Please try again later.',
    ended: 'Call ended',
    dropped: 'Call dropped',
    error: 'Call failed',
  } as Record<string, string>,
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
