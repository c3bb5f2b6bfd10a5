/**
 * Script-tag entry (dist-cdn/omni-widget.js): registers the guest elements and exposes the
 * public API as `window.OmniWidget` (calling through `OmniWidget.loadCalling()`, a lazy chunk),
 * for pages that embed the widget without a bundler. Nothing agent-only is in it.
 */
import './define.js';
import * as core from './core/index.js';
import {
  conversationsOf, loadConversations, defaultConversationId, timelineOf, loadOlder, onLiveMessage, HISTORY_PAGE,
  sendText, sendAttachment, sendRich, retrySend, outboxEntries, sendFile, cancelUpload, uploadsOf, attachmentUrl,
  markRead, READ_DEBOUNCE_MS, typingOf, notifyTyping, stopTyping, TYPING_TIMEOUT_MS,
} from './messaging/index.js';
import { loadCalling } from './elements/omni-call-button/omni-call-button.js';
import { setStrings } from './elements/shared/strings.js';

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
