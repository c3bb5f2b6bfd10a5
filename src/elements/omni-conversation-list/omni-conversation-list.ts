/** `<omni-conversation-list>`: the agent's queue as a listbox (its API is documented on the class). */
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OmniSession } from '../../core/session.js';
import type { Conversation } from '../../core/protocol.js';
import { conversationsOf } from '../../messaging/conversations.js';
import { messageText } from '../omni-conversation/message-view.js';
import { emit } from '../shared/events.js';
import { SessionResolver } from '../shared/session-resolver.js';
import { StoreController } from '../shared/store-controller.js';
import { strings } from '../shared/strings.js';
import { dateFormat, followLanguage } from '../shared/language.js';
import { agentStrings } from '../omni-agent-console/agent-strings.js';
import { themeStyles } from '../shared/theme.styles.js';

const timeFormat = dateFormat({ hour: 'numeric', minute: '2-digit' });

/** Recency of a conversation: its last message, else its creation. */
const activity = (conversation: Conversation): string => conversation.lastMessage?.createdAt ?? conversation.createdAt;

/**
 * The agent's queue: conversations sorted by last activity, with the customer's name, a preview
 * of the last message (as text), its time and an unread badge. A listbox operated with the
 * arrow keys, Home/End and Enter.
 *
 * @tagname omni-conversation-list
 * @summary The conversations of an agent's queues.
 * @csspart list - the listbox
 * @csspart item - one conversation (with `selected`)
 * @csspart selected - added to `item` for the selected conversation
 * @csspart unread - an item's unread badge
 * @fires {CustomEvent<OmniConversationSelectDetail>} omni-conversation-select - an item was chosen (`{ conversationId }`)
 */
export class OmniConversationList extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host { display: block; overflow-y: auto; background: var(--_surface); }
      [role='listbox'] { list-style: none; margin: 0; padding: 0; }
      [role='option'] {
        display: grid; grid-template-columns: 1fr auto; gap: 2px 8px;
        padding: 10px 14px; border-bottom: 1px solid var(--_border); cursor: pointer;
      }
      [role='option'][aria-selected='true'] { background: var(--_surface-alt); box-shadow: inset 3px 0 0 var(--_accent); }
      [role='option']:focus-visible { outline-offset: -3px; }
      .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      time { color: var(--_muted); font-size: 0.8em; }
      .preview { color: var(--_muted); font-size: 0.9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .unread { background: var(--_accent); color: var(--_on-accent); border-radius: 999px; font-size: 0.75em; padding: 0 7px; font-weight: 700; justify-self: end; }
      .empty { padding: 16px; color: var(--_muted); }
    `,
  ];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    selected: { reflect: true },
    session: { attribute: false },
  };

  /** The selected conversation id. */
  selected: string | undefined;
  /** An explicit session; else the context's, else the default one. */
  session: OmniSession | undefined;

  /** The session in use: `.session`, else the provider's, else the page default (followed, so an element placed before the chat still finds it). */
  private readonly resolved = new SessionResolver(this, () => this.session);

  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});

  protected override willUpdate(): void {
    const session = this.resolved.value;
    this.conversations.setStore(session ? conversationsOf(session) : undefined);
  }

  /** The conversations in display order. */
  get sorted(): Conversation[] {
    return Object.values(this.conversations.value).sort((a, b) => activity(b).localeCompare(activity(a)));
  }

  protected override render() {
    const items = this.sorted;
    if (items.length === 0) return html`<p class="empty">${agentStrings().noConversations}</p>`;
    const focusId = this.selected && items.some((c) => c.id === this.selected) ? this.selected : items[0]!.id;
    return html`
      <ul part="list" role="listbox" aria-label=${agentStrings().conversations} @keydown=${this.onKeyDown}>
        ${repeat(items, (c) => c.id, (c) => {
          const selected = c.id === this.selected;
          // The same plain line the chat announces: markdown without its markup, a file by its name.
          const text = c.lastMessage ? messageText(c.lastMessage) : '';
          return html`
            <li
              role="option"
              part=${selected ? 'item selected' : 'item'}
              id=${`option-${c.id}`}
              data-id=${c.id}
              aria-selected=${selected ? 'true' : 'false'}
              tabindex=${c.id === focusId ? '0' : '-1'}
              @click=${() => this.choose(c.id)}
            >
              <span class="name">${c.customer.displayName ?? strings().guest}</span>
              <time datetime=${activity(c)}>${timeFormat(new Date(activity(c)))}</time>
              <span class="preview">${text}</span>
              ${c.unreadCount
                ? html`<span class="unread" part="unread" aria-label=${strings().unread(c.unreadCount)}>${c.unreadCount}</span>`
                : nothing}
            </li>
          `;
        })}
      </ul>
    `;
  }

  private choose(conversationId: string): void {
    this.selected = conversationId;
    emit(this, 'omni-conversation-select', { conversationId });
  }

  private onKeyDown(event: KeyboardEvent): void {
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')];
    const index = options.indexOf(this.renderRoot.querySelector<HTMLElement>('[role="option"]:focus') ?? options[0]!);
    let next = index;
    if (event.key === 'ArrowDown') next = Math.min(options.length - 1, index + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = options.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = options[index]?.dataset.id;
      if (id) this.choose(id);
      return;
    } else return;
    event.preventDefault();
    options.forEach((option, i) => option.setAttribute('tabindex', i === next ? '0' : '-1'));
    options[next]?.focus();
  }
}
