/** Renders one timeline item: sender, time, text (always as text), delivery status, retry. */
import { html, nothing, type TemplateResult } from 'lit';
import type { TimelineItem } from '../../messaging/timeline.js';
import { strings } from '../shared/strings.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The name shown for an item's author. */
export function authorName(item: TimelineItem): string {
  if (item.own) return strings().you;
  return item.author.displayName ?? (item.author.role === 'agent' ? strings().agent : strings().customer);
}

/** One message; `onRetry` is called for a failed one. */
export function messageView(item: TimelineItem, onRetry: (item: TimelineItem) => void): TemplateResult {
  const date = new Date(item.createdAt);
  const text = item.message.type === 'text' ? item.message.text : strings().unsupported;
  const status = item.own ? strings()[item.status] : '';
  return html`
    <div part="message ${item.own ? 'own' : 'other'}" class="message ${item.own ? 'own' : 'other'} ${item.status}" data-key=${item.key}>
      <div class="meta">
        <span class="author">${authorName(item)}</span>
        <time datetime=${item.createdAt} title=${dateTimeFormat.format(date)}>${timeFormat.format(date)}</time>
      </div>
      <div class="bubble">${text}</div>
      ${item.own
        ? html`<div class="status" part="status">
            <span>${status}</span>
            ${item.status === 'failed'
              ? html`${item.error ? html`<span class="error">${item.error.message}</span>` : nothing}
                  <button part="retry" class="retry" @click=${() => onRetry(item)}>${strings().retry}</button>`
              : nothing}
          </div>`
        : nothing}
    </div>
  `;
}
