/**
 * Script-tag entry (dist-cdn/omni-widget.js): registers the guest elements and exposes the
 * public API as `window.OmniWidget` (calling through `OmniWidget.loadCalling()`, a lazy chunk),
 * for pages that embed the widget without a bundler. Nothing agent-only is in it, and the call
 * button's code loads only where one is used (`<omni-chat voice>` or an `<omni-call-button>`).
 */
import * as core from './core/index.js';
// Not through the messaging barrel: it re-exports the agent's slash commands, and rollup would pull
// them into this file (a manual chunk takes its modules' static dependencies along).
import { conversationsOf, loadConversations, defaultConversationId } from './messaging/conversations.js';
import { timelineOf, loadOlder, onLiveMessage, HISTORY_PAGE } from './messaging/timeline.js';
import { sendText, sendAttachment, sendRich, retrySend, outboxEntries } from './messaging/outbox.js';
import { uploadsOf } from './messaging/upload-store.js';
import { markRead, READ_DEBOUNCE_MS } from './messaging/read.js';
import { typingOf, notifyTyping, stopTyping, TYPING_TIMEOUT_MS } from './messaging/typing.js';
import { OmniChat } from './elements/omni-chat/omni-chat.js';
import { defineCallButton, defineCallButtonWhenUsed } from './elements/omni-call-button/define-call-button.js';
import { loadUploads } from './elements/omni-conversation/upload-controller.js';
import { define } from './elements/shared/define-element.js';
import { setStrings } from './elements/shared/strings.js';

// The chat (and the conversation it renders) at once; a call button's code only where one is used.
define('omni-chat', OmniChat);
defineCallButtonWhenUsed();

/** Loads the calling chunk (sip.js and the in-call controls) ahead of a call; the call button with it. */
const loadCalling = () => defineCallButton().then(() => import('./elements/omni-call-button/omni-call-button.js')).then((module) => module.loadCalling());

/** Uploads a file and sends it as an attachment message; the key comes at once, the upload is listed once its code has loaded. */
const sendFile: typeof import('./messaging/attachments.js').sendFile = (session, conversationId, file, caption) => {
  const key = crypto.randomUUID();
  loadUploads().then((chunk) => chunk.uploadFile(session, conversationId, key, file, caption), (error: unknown) => session.reportError(error));
  return key;
};

/** Cancels an upload (or dismisses a failed one). */
const cancelUpload: typeof import('./messaging/attachments.js').cancelUpload = (...args) => void loadUploads().then((chunk) => chunk.cancelUpload(...args));

/** A blob URL of an attachment's bytes (loads the attachment viewer's chunk, which fetches them). */
const attachmentUrl: typeof import('./messaging/attachment-url.js').attachmentUrl = (session, attachmentId) =>
  import('./elements/omni-attachment/omni-attachment.js').then((chunk) => chunk.attachmentUrl(session, attachmentId));

/** The guest part of `omni-widget/messaging` (the agent's slash commands live in the agent bundle). */
const messaging = {
  conversationsOf, loadConversations, defaultConversationId, timelineOf, loadOlder, onLiveMessage, HISTORY_PAGE,
  sendText, sendAttachment, sendRich, retrySend, outboxEntries, sendFile, cancelUpload, uploadsOf, attachmentUrl,
  markRead, READ_DEBOUNCE_MS, typingOf, notifyTyping, stopTyping, TYPING_TIMEOUT_MS,
};

/** What `window.OmniWidget` holds. */
export const OmniWidget = { ...core, ...messaging, loadCalling, setStrings, version: '0.1.0' };

/** `window.OmniWidget` with what the agent bundle adds. */
export type OmniWidgetApi = typeof OmniWidget & { parseAgentCommand?: typeof import('./messaging/agent-commands.js').parseAgentCommand };

declare global {
  interface Window {
    /** The omni-widget API, when loaded from the script-tag bundle. */
    OmniWidget: OmniWidgetApi;
  }
}

window.OmniWidget = OmniWidget;
