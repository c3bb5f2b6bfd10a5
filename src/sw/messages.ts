/** What the widget's pages and its service worker say to each other (shared by both builds). */

/** Added to a page URL by a notification click: the widget opens its chat panel on load. */
export const OPEN_CHAT_HASH = '#omni-chat-open';

/** Worker -> page: open the chat panel (a notification of this page was clicked). */
export const OPEN_CHAT_MESSAGE = 'omni-open-chat';

/** Page -> waiting worker, sent at page load: take over if this page is the origin's only window. */
export const ACTIVATE_IF_ALONE_MESSAGE = 'omni-activate-if-alone';

/** Type of the push payloads the omni server sends (other pushes are left to the site's own worker code). */
export const PUSH_MESSAGE_TYPE = 'omni-message';

/** A push of the omni server, as `event.data.json()` gives it. */
export interface OmniPushPayload {
  type: typeof PUSH_MESSAGE_TYPE;
  conversationId: string;
  seq: number;
  /** Who wrote the message. */
  author: string;
  /** The message as plain text, truncated. */
  preview: string;
  /** The page the visitor subscribed from. */
  url?: string;
}
