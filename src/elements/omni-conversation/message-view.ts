/**
 * Renders one timeline item: sender, time, the body by type (text with the markdown subset,
 * card, carousel, quick replies, buttons, or a readable fallback for types this version does
 * not know), and for own messages the delivery state (sending, sent, read, not sent + Retry).
 * Everything that came from a message is interpolated as text; URLs only if http(s).
 */
import { loadAttachmentElement } from '../omni-attachment/load.js';
import { loadCarouselElement } from '../omni-carousel/load.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { CardContent, MessageButton } from '../../core/protocol.js';
import type { OmniSession } from '../../core/session.js';
import type { TimelineItem } from '../../messaging/timeline.js';
import { dateFormat } from '../shared/language.js';
import { errorText, strings } from '../shared/strings.js';
import { markdownToPlain, renderMarkdown, safeUrl } from './markdown.js';

const timeFormat = dateFormat({ hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = dateFormat({ dateStyle: 'medium', timeStyle: 'short' });

/** What a message can ask its conversation to do. */
export interface MessageActions {
  retry(item: TimelineItem): void;
  /** A quick reply or postback button was pressed. */
  reply(item: TimelineItem, reply: { title: string; payload?: string }): void;
}

/** Context a message needs to render. */
export interface MessageContext {
  /** Whether this is the newest message (quick replies show only then). */
  isLast: boolean;
  /** The other side's read horizon (own messages up to it show as read). */
  readUpTo: number;
  /** Whether an own sent message says Sent/Read (only the newest does; pending and failed always say so). */
  showStatus: boolean;
  /** The session (attachments fetch their bytes with its token). */
  session: OmniSession | undefined;
  /** The conversation's items (a reply note looks up the message a reply answers). */
  items?: TimelineItem[];
}

/** What the agent bundle adds above a message (`reply-note.ts`: which button or question a customer's reply answered). */
let messageNote: ((item: TimelineItem, context: MessageContext) => unknown) | undefined;

/** Sets what is shown above every message's body (the agent console does, for replies to buttons and quick replies). */
export const setMessageNote = (note: typeof messageNote): void => {
  messageNote = note;
};

/** The name shown for an item's author. */
export function authorName(item: TimelineItem): string {
  if (item.own) return strings().you;
  return item.author.displayName ?? (item.author.role === 'agent' ? strings().agent : strings().customer);
}

/** Plain text of a message, for previews and screen-reader announcements. */
export function messageText(item: Pick<TimelineItem, 'message'>): string {
  const message = item.message as { type: string; text?: string; title?: string; cards?: CardContent[]; attachment?: { name: string }; caption?: string };
  if (typeof message.text === 'string') return message.type === 'text' ? markdownToPlain(message.text) : message.text;
  if (message.attachment) return message.caption ? `${message.attachment.name}: ${message.caption}` : message.attachment.name;
  if (typeof message.title === 'string') return message.title;
  if (Array.isArray(message.cards)) return message.cards.map((card) => card.title).join(', ');
  return strings().unsupported;
}

function buttonView(item: TimelineItem, button: MessageButton, actions: MessageActions): TemplateResult {
  if (button.type === 'url') {
    const href = safeUrl(button.url);
    return href
      ? html`<a part="action" class="action" href=${href} target="_blank" rel="noopener noreferrer">${button.title}</a>`
      : html`<span class="action disabled">${button.title}</span>`;
  }
  return html`<button part="action" class="action" @click=${() => actions.reply(item, { title: button.title, payload: button.payload })}>${button.title}</button>`;
}

function cardView(item: TimelineItem, card: CardContent, actions: MessageActions, label?: string): TemplateResult {
  const image = card.imageUrl ? safeUrl(card.imageUrl) : undefined;
  return html`
    <div class="card" part="card" role="group" aria-roledescription=${label ? strings().slide : nothing} aria-label=${label ?? card.title}>
      ${image && /^https?:/.test(image) ? html`<img part="card-image" src=${image} alt=${card.imageAlt ?? ''} loading="lazy" />` : nothing}
      <div class="card-body">
        <strong class="card-title">${card.title}</strong>
        ${card.text ? html`<p class="card-text">${card.text}</p>` : nothing}
      </div>
      ${card.buttons?.length ? html`<div class="actions">${card.buttons.map((button) => buttonView(item, button, actions))}</div>` : nothing}
    </div>
  `;
}

function bodyView(item: TimelineItem, actions: MessageActions, context: MessageContext): TemplateResult {
  const message = item.message;
  switch (message.type) {
    case 'text':
      return html`<div class="bubble" dir="auto">${renderMarkdown(message.text)}</div>`;
    case 'card':
      return cardView(item, message, actions);
    case 'carousel':
      // Previous/next buttons and keyboard paging come with <omni-carousel>, a lazy chunk.
      void loadCarouselElement();
      return html`<omni-carousel part="carousel" role="region" aria-roledescription=${strings().carousel} aria-label=${strings().carousel}
        exportparts="previous:carousel-previous,next:carousel-next">
        ${message.cards.map((card, index) => cardView(item, card, actions, strings().slideOf(index + 1, message.cards.length)))}
      </omni-carousel>`;
    case 'quick-replies':
      return html`<div class="bubble" dir="auto">${renderMarkdown(message.text)}</div>
        ${context.isLast && !item.own
          ? html`<div class="chips" part="quick-replies" role="group" aria-label=${strings().suggestedReplies}>
              ${message.replies.map((reply) => html`<button part="quick-reply" class="chip" @click=${() => actions.reply(item, reply.payload ? { title: reply.title, payload: reply.payload } : { title: reply.title })}>${reply.title}</button>`)}
            </div>`
          : nothing}`;
    case 'buttons':
      return html`<div class="bubble" dir="auto">${renderMarkdown(message.text)}</div>
        <div class="actions">${message.buttons.map((button) => buttonView(item, button, actions))}</div>`;
    case 'leave-message':
      return html`<div class="bubble" dir="auto">${message.text}<br />${message.email}</div>`;
    case 'attachment':
      void loadAttachmentElement();
      return html`<omni-attachment .session=${context.session} .attachment=${message.attachment}></omni-attachment>
        ${message.caption ? html`<div class="bubble" dir="auto">${message.caption}</div>` : nothing}`;
    default:
      return html`<div class="bubble unsupported">${strings().unsupported}</div>`;
  }
}

/** One message. */
export function messageView(item: TimelineItem, actions: MessageActions, context: MessageContext): TemplateResult {
  const date = new Date(item.createdAt);
  const read = item.own && item.status === 'sent' && item.seq !== undefined && item.seq <= context.readUpTo;
  const status = item.own ? (read ? strings().read : strings()[item.status]) : '';
  return html`
    <div part="message ${item.own ? 'own' : 'other'}" class="message ${item.own ? 'own' : 'other'} ${item.status} ${read ? 'read' : ''}" data-key=${item.key} data-type=${item.message.type}>
      <div class="meta">
        <span class="author">${authorName(item)}</span>
        <time datetime=${item.createdAt} title=${Number.isNaN(date.getTime()) ? '' : dateTimeFormat(date)}>${Number.isNaN(date.getTime()) ? '' : timeFormat(date)}</time>
      </div>
      ${messageNote?.(item, context)}${bodyView(item, actions, context)}
      ${item.own && (context.showStatus || item.status !== 'sent')
        ? html`<div class="status" part="status">
            <span>${status}</span>
            ${item.status === 'failed'
              ? html`${item.error ? html`<span class="error">${errorText(item.error)}</span>` : nothing}
                  <button part="retry" class="retry" @click=${() => actions.retry(item)}>${strings().retry}</button>`
              : nothing}
          </div>`
        : nothing}
    </div>
  `;
}
