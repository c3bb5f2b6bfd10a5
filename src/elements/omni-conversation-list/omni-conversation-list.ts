/** `<omni-conversation-list>`: the agent's queue as a listbox, with filters and search (its API is documented on the class). */
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OmniSession } from '../../core/session.js';
import type { Conversation, Participant } from '../../core/protocol.js';
import { conversationsOf } from '../../messaging/conversations.js';
import { typingOf } from '../../messaging/typing.js';
import { messageText } from '../omni-conversation/message-view.js';
import { emit } from '../shared/events.js';
import { SessionResolver } from '../shared/session-resolver.js';
import { StoreController } from '../shared/store-controller.js';
import { strings } from '../shared/strings.js';
import { dateFormat, followLanguage } from '../shared/language.js';
import { agentStrings } from '../omni-agent-console/agent-strings.js';
import { consoleStrings } from '../omni-agent-console/console-strings.js';
import { themeStyles } from '../shared/theme.styles.js';
import { CONVERSATION_FILTERS, inFilter, type ConversationFilter } from './conversation-filters.js';
import { customerName, matchesCustomer } from './customer-name.js';
import { followLifecycle } from './lifecycle-heads.js';

const timeFormat = dateFormat({ hour: 'numeric', minute: '2-digit' });

/** Recency of a conversation: its last message, else its creation. */
const activity = (conversation: Conversation): string => conversation.lastMessage?.createdAt ?? conversation.createdAt;

/**
 * The agent's queue: conversations sorted by last activity, with the customer's name (never an
 * id), a preview of the last message (as text) or "typing…", its time and an unread badge. Filter
 * buttons (mine, unassigned, all open, resolved; each with its count) and a search field (name,
 * email or phone, over the loaded conversations) narrow it. A listbox operated with the arrow
 * keys, Home/End and Enter.
 *
 * @tagname omni-conversation-list
 * @summary The conversations of an agent's queues.
 * @csspart filters - the filter buttons' group
 * @csspart filter - one filter button (with `active` when chosen)
 * @csspart active - added to `filter` for the chosen filter
 * @csspart search - the search field
 * @csspart list - the listbox
 * @csspart item - one conversation (with `selected`)
 * @csspart selected - added to `item` for the selected conversation
 * @csspart unread - an item's unread badge
 * @csspart typing - an item's "typing…" line (instead of the preview while the customer types)
 * @fires {CustomEvent<OmniConversationSelectDetail>} omni-conversation-select - an item was chosen (`{ conversationId }`)
 */
export class OmniConversationList extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host { display: flex; flex-direction: column; overflow: hidden; background: var(--_surface); }
      .tools { display: flex; flex-direction: column; gap: 6px; padding: 8px 10px; border-bottom: 1px solid var(--_border); }
      .filters { display: flex; flex-wrap: wrap; gap: 4px; }
      .filters button { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 2px 10px; font: inherit; font-size: 0.85em; cursor: pointer; }
      .filters button[aria-pressed='true'] { background: var(--_surface-alt); border-color: var(--_accent); font-weight: 600; }
      .count { color: var(--_muted); margin-inline-start: 4px; }
      input[type='search'] { font: inherit; padding: 4px 8px; border: 1px solid var(--_border); border-radius: 8px; background: var(--_surface); color: var(--_text); }
      .scroll { overflow-y: auto; flex: 1; min-height: 0; }
      [role='listbox'] { list-style: none; margin: 0; padding: 0; }
      [role='option'] {
        display: grid; grid-template-columns: 1fr auto; gap: 2px 8px;
        padding: 10px 14px; border-bottom: 1px solid var(--_border); cursor: pointer;
      }
      [role='option'][aria-selected='true'] { background: var(--_surface-alt); box-shadow: inset 3px 0 0 var(--_accent); }
      [role='option']:focus-visible { outline-offset: -3px; }
      .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      time, .owner { color: var(--_muted); font-size: 0.8em; }
      .preview { color: var(--_muted); font-size: 0.9em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .typing { font-style: italic; }
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
    filter: { reflect: true },
    query: {},
  };

  /** The selected conversation id. */
  selected: string | undefined;
  /** An explicit session; else the context's, else the default one. */
  session: OmniSession | undefined;
  /** Which conversations show: `mine` (assigned to this agent), `unassigned` (waiting), `all` (not resolved; the default), `resolved`. */
  filter: ConversationFilter = 'all';
  /** Search text: shows only customers whose name, email or phone contains it (any case). */
  query = '';

  /** The session in use: `.session`, else the provider's, else the page default (followed, so an element placed before the chat still finds it). */
  private readonly resolved = new SessionResolver(this, () => this.session);

  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});
  private readonly me = new StoreController<Participant | undefined>(this, undefined, undefined);
  /** Typing subscriptions by conversation id (one per listed conversation). */
  private readonly typingWatch = new Map<string, () => void>();
  private typingSession: OmniSession | undefined;

  protected override willUpdate(): void {
    const session = this.resolved.value;
    this.conversations.setStore(session ? conversationsOf(session) : undefined);
    if (session) followLifecycle(session);
    this.me.setStore(session?.$participant);
    this.watchTyping(session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchTyping(undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  /** Follows the typing of every listed conversation's customer (and stops following the rest). */
  private watchTyping(session: OmniSession | undefined): void {
    if (session !== this.typingSession || !this.isConnected) {
      for (const stop of this.typingWatch.values()) stop();
      this.typingWatch.clear();
      this.typingSession = this.isConnected ? session : undefined;
    }
    if (!this.typingSession) return;
    const ids = new Set(Object.keys(this.conversations.value));
    for (const [id, stop] of this.typingWatch) if (!ids.has(id)) (stop(), this.typingWatch.delete(id));
    for (const id of ids) if (!this.typingWatch.has(id)) this.typingWatch.set(id, typingOf(this.typingSession, id).listen(() => this.requestUpdate()));
  }

  /** The conversations in display order (every filter). */
  get sorted(): Conversation[] {
    return Object.values(this.conversations.value).sort((a, b) => activity(b).localeCompare(activity(a)));
  }

  /** The conversations shown: the chosen filter and the search, in display order. */
  get visible(): Conversation[] {
    const me = this.me.value?.id;
    return this.sorted.filter((c) => inFilter(c, this.filter, me) && matchesCustomer(c, this.query));
  }

  /** Selects the next (`1`) or previous (`-1`) shown conversation, from the selected one (or the first); true when one was chosen. */
  step(delta: 1 | -1): boolean {
    const items = this.visible;
    if (items.length === 0) return false;
    const index = items.findIndex((c) => c.id === this.selected);
    const next = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + delta));
    if (items[next]!.id === this.selected) return false;
    this.choose(items[next]!.id);
    return true;
  }

  /** Moves keyboard focus to the search field. */
  focusSearch(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  private renderTools(all: Conversation[]) {
    const me = this.me.value?.id;
    const names = consoleStrings().filterNames;
    return html`<div class="tools">
      <div class="filters" part="filters" role="group" aria-label=${consoleStrings().filters}>
        ${CONVERSATION_FILTERS.map((filter) => {
          const active = filter === this.filter;
          const count = all.filter((c) => inFilter(c, filter, me)).length;
          return html`<button part=${active ? 'filter active' : 'filter'} data-filter=${filter} aria-pressed=${active ? 'true' : 'false'}
            @click=${() => (this.filter = filter)}>${names[filter]}<span class="count">${count}</span></button>`;
        })}
      </div>
      <input type="search" part="search" aria-label=${consoleStrings().search} placeholder=${consoleStrings().search} .value=${this.query}
        @input=${(event: Event) => (this.query = (event.target as HTMLInputElement).value)} />
    </div>`;
  }

  private renderItem(c: Conversation, focusId: string) {
    const selected = c.id === this.selected;
    // The same plain line the chat announces: markdown without its markup, a file by its name.
    const text = c.lastMessage ? messageText(c.lastMessage) : '';
    const typing = this.typingSession ? typingOf(this.typingSession, c.id).get().some((p) => p.role === 'customer') : false;
    const other = c.assignee && c.assignee.id !== this.me.value?.id && this.filter !== 'mine' ? c.assignee.displayName : undefined;
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
        <span class="name">${customerName(c)}</span>
        <time datetime=${activity(c)}>${timeFormat(new Date(activity(c)))}</time>
        ${typing ? html`<span class="preview typing" part="typing">${consoleStrings().typingShort}</span>` : html`<span class="preview">${text}</span>`}
        ${c.unreadCount
          ? html`<span class="unread" part="unread" aria-label=${strings().unread(c.unreadCount)}>${c.unreadCount}</span>`
          : nothing}
        ${other ? html`<span class="owner">${consoleStrings().assignedTo(other)}</span>` : nothing}
      </li>
    `;
  }

  protected override render() {
    const all = this.sorted;
    const items = this.visible;
    let body;
    if (all.length === 0) body = html`<p class="empty">${agentStrings().noConversations}</p>`;
    else if (items.length === 0) body = html`<p class="empty" role="status">${consoleStrings().noMatches}</p>`;
    else {
      const focusId = this.selected && items.some((c) => c.id === this.selected) ? this.selected : items[0]!.id;
      body = html`<ul part="list" role="listbox" aria-label=${agentStrings().conversations} @keydown=${this.onKeyDown}>
        ${repeat(items, (c) => c.id, (c) => this.renderItem(c, focusId))}
      </ul>`;
    }
    return html`${this.renderTools(all)}<div class="scroll">${body}</div>`;
  }

  private choose(conversationId: string): void {
    this.selected = conversationId;
    emit(this, 'omni-conversation-select', { conversationId });
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Alt+arrows belong to the console's shortcuts.
    if (event.altKey || event.ctrlKey || event.metaKey) return;
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
