/** `omni-widget/messaging`: conversation stores and their actions. */
export { conversationsOf, loadConversations, defaultConversationId } from './conversations.js';
export { timelineOf, loadOlder, onLiveMessage, HISTORY_PAGE } from './timeline.js';
export type { Timeline, TimelineItem, DeliveryStatus } from './timeline.js';
export { sendText, sendAttachment, sendRich, retrySend, outboxEntries } from './outbox.js';
export { parseAgentCommand, type RichBody } from './agent-commands.js';
export { sendFile, cancelUpload, uploadsOf, attachmentUrl, type Upload } from './attachments.js';
export type { OutboxEntry } from './outbox.js';
export { markRead, READ_DEBOUNCE_MS } from './read.js';
export { typingOf, notifyTyping, stopTyping, TYPING_TIMEOUT_MS } from './typing.js';
