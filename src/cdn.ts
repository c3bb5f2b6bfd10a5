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
import { sendFile, cancelUpload, uploadsOf, attachmentUrl } from './messaging/attachments.js';
import { markRead, READ_DEBOUNCE_MS } from './messaging/read.js';
import { typingOf, notifyTyping, stopTyping, TYPING_TIMEOUT_MS } from './messaging/typing.js';
import { OmniChat } from './elements/omni-chat/omni-chat.js';
import { defineCallButton, defineCallButtonWhenUsed } from './elements/omni-call-button/define-call-button.js';
import { define } from './elements/shared/define-element.js';
import { setStrings } from './elements/shared/strings.js';

// The chat (and the conversation it renders) at once; a call button's code only where one is used.
define('omni-chat', OmniChat);
defineCallButtonWhenUsed();

/** Loads the calling chunk (sip.js and the in-call controls) ahead of a call; the call button with it. */
const loadCalling = () => defineCallButton().then(() => import('./elements/omni-call-button/omni-call-button.js')).then((module) => module.loadCalling());

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
