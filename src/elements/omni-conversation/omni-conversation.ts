/** `<omni-conversation>`: message list and composer of one conversation (its API is documented on the class). */
import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { $defaultSession, type OmniSession } from '../../core/session.js';
import type { Conversation } from '../../core/protocol.js';
import { conversationsOf, defaultConversationId } from '../../messaging/conversations.js';
import { retrySend, sendRich, sendText } from '../../messaging/outbox.js';
import type { RichBody } from '../../messaging/agent-commands.js';
import { markRead } from '../../messaging/read.js';
import { loadOlder, onLiveMessage, timelineOf, type Timeline, type TimelineItem } from '../../messaging/timeline.js';
import { notifyTyping, stopTyping, typingOf } from '../../messaging/typing.js';
import { cancelUpload, sendFile, uploadsOf, type Upload } from '../../messaging/attachments.js';
import { uploadList } from './upload-list.js';
import type { Participant } from '../../core/protocol.js';
import { emit } from '../shared/events.js';
import { sessionContext } from '../shared/session-context.js';
import { StoreController } from '../shared/store-controller.js';
import { strings } from '../shared/strings.js';
import { themeStyles } from '../shared/theme.styles.js';
import { authorName, messageText, messageView, type MessageActions } from './message-view.js';
import { conversationStyles } from './omni-conversation.styles.js';

const EMPTY: Timeline = { items: [], hasMore: false, loading: false, loadingOlder: false, lastSeq: 0 };
/** Within this many pixels of the bottom the list counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;

/**
 * A conversation: the message list and the composer. Reads the timeline store of its session
 * and calls messaging commands; it never talks to the network itself.
 *
 * @tagname omni-conversation
 * @summary Message list and composer of one conversation.
 * @csspart messages - the scrolling message list (role="log")
 * @csspart load-older - the button that loads earlier messages
 * @csspart message - one message (with `own` or `other`)
 * @csspart own - added to `message` for your own messages
 * @csspart other - added to `message` for messages from others
 * @csspart status - an own message's delivery status
 * @csspart retry - the Retry button of a failed message
 * @csspart card - a card (alone or in a carousel)
 * @csspart card-image - a card's image
 * @csspart carousel - a scrollable row of cards
 * @csspart action - a card's or message's button or link
 * @csspart quick-replies - the quick-reply chips under the newest message
 * @csspart quick-reply - one quick-reply chip
 * @csspart jump - the "new messages" button shown when scrolled up
 * @csspart typing - the "… is typing" line
 * @csspart drop - the overlay shown while files are dragged over
 * @csspart uploads - the list of uploads in progress
 * @csspart upload - one upload (name, progress or error)
 * @csspart cancel-upload - an upload's cancel/dismiss button
 * @csspart composer - the form holding attach, input and send
 * @csspart attach - the attach-file button
 * @csspart input - the text area
 * @csspart send - the send button
 * @fires {CustomEvent<OmniMessageDetail>} omni-message - a message from someone else arrived live (`{ conversationId, item }`)
 */
export class OmniConversation extends LitElement {
  static override styles = [themeStyles, conversationStyles];

  /** The conversation to show; without it, the session's default (customer) conversation. */
  @property({ attribute: 'conversation-id' }) conversationId: string | undefined;

  /** An explicit session (the agent console sets it); else the context's, else the default one. */
  @property({ attribute: false }) session: OmniSession | undefined;

  /** Turns composer text into a rich message (the agent console sets its slash commands here). */
  @property({ attribute: false }) commandParser: ((text: string) => RichBody | undefined) | undefined;

  /** Whether the conversation is on screen (read receipts are only sent while active). */
  @property({ type: Boolean }) active = true;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private contextSession: OmniSession | undefined;
  /** The page's default session, followed so an element placed before the one that sets it still finds it. */
  private readonly defaultSession = new StoreController<OmniSession | undefined>(this, $defaultSession, undefined);

  @state() private announcement = '';
  @state() private unseenBelow = false;
  @query('.messages') private list!: HTMLElement;
  @query('textarea') private input!: HTMLTextAreaElement;

  private readonly defaultId = new StoreController<string | undefined>(this, undefined, undefined);
  private readonly timeline = new StoreController<Timeline>(this, undefined, EMPTY);
  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});
  private readonly typists = new StoreController<Participant[]>(this, undefined, []);
  private readonly uploads = new StoreController<Upload[]>(this, undefined, []);
  @state() private dropping = false;
  @query('input[type="file"]') private filePicker!: HTMLInputElement;
  private readonly actions: MessageActions = {
    retry: (item) => this.retry(item),
    reply: (item, reply) => this.reply(item, reply),
  };
  private boundSession: OmniSession | undefined;
  private stopLive: (() => void) | undefined;
  private atBottom = true;
  private firstKey: string | undefined;
  private lastKey: string | undefined;
  private heightBeforeOlder: number | undefined;
  private readonly onVisibility = () => this.requestUpdate();

  /** The session in use. */
  get effectiveSession(): OmniSession | undefined {
    return this.session ?? this.contextSession ?? this.defaultSession.value;
  }

  /** The conversation in use. */
  get effectiveConversationId(): string | undefined {
    return this.conversationId ?? this.defaultId.value;
  }

  /** Moves keyboard focus to the message input. */
  focusInput(): void {
    this.input?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  /** Uploads files and sends them as attachments. */
  sendFiles(files: Iterable<File>): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (!session || !id) return;
    for (const file of files) sendFile(session, id, file);
    this.atBottom = true;
  }

  private readonly onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dropping = true;
  };

  private readonly onDragLeave = () => {
    this.dropping = false;
  };

  private readonly onDrop = (event: DragEvent) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.dropping = false;
    this.sendFiles(event.dataTransfer.files);
  };

  private onPick(): void {
    this.sendFiles(this.filePicker.files ?? []);
    this.filePicker.value = '';
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.sendFiles(files);
  }

  private cancelUpload(upload: Upload): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (session && id) cancelUpload(session, id, upload.key);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopLive?.();
    this.stopLive = undefined;
    this.boundSession = undefined;
  }

  protected override willUpdate(): void {
    const session = this.effectiveSession;
    if (session !== this.boundSession) {
      this.boundSession = session;
      this.stopLive?.();
      this.stopLive = session ? onLiveMessage(session, (conversationId, item) => this.onLive(conversationId, item)) : undefined;
      this.defaultId.setStore(session ? defaultConversationId(session) : undefined);
      this.conversations.setStore(session ? conversationsOf(session) : undefined);
    }
    const id = this.effectiveConversationId;
    this.timeline.setStore(session && id ? timelineOf(session, id) : undefined);
    this.typists.setStore(session && id ? typingOf(session, id) : undefined);
    this.uploads.setStore(session && id ? uploadsOf(session, id) : undefined);
  }

  private onLive(conversationId: string, item: TimelineItem): void {
    if (conversationId !== this.effectiveConversationId || item.own) return;
    // Only live messages are announced; history rendered on open is not.
    this.announcement = strings().liveFrom(authorName(item), messageText(item));
    emit(this, 'omni-message', { conversationId, item });
  }

  protected override render() {
    const { items, hasMore, loading, loadingOlder } = this.timeline.value;
    const id = this.effectiveConversationId;
    const readUpTo = (id && this.conversations.value[id]?.otherReadSeq) || 0;
    const lastKey = items[items.length - 1]?.key;
    return html`
      <div
        class="messages"
        part="messages"
        role="log"
        aria-live="off"
        aria-label=${strings().messages}
        aria-busy=${loading ? 'true' : 'false'}
        tabindex="0"
        @scroll=${this.onScroll}
      >
        ${hasMore
          ? html`<button class="older" part="load-older" ?disabled=${loadingOlder} @click=${this.loadOlder}>
              ${loadingOlder ? strings().loading : strings().loadOlder}
            </button>`
          : nothing}
        ${items.length === 0 && !loading ? html`<p class="empty">${strings().empty}</p>` : nothing}
        ${repeat(items, (item) => item.key, (item) => messageView(item, this.actions, { isLast: item.key === lastKey, readUpTo, session: this.effectiveSession }))}
      </div>
      ${this.unseenBelow
        ? html`<button class="jump" part="jump" @click=${() => this.scrollToBottom()}>${strings().newMessages}</button>`
        : nothing}
      <div class="typing" part="typing" aria-live="polite">${this.typists.value.length
        ? strings().typing(this.typists.value.map((typist) => typist.displayName ?? (typist.role === 'agent' ? strings().agent : strings().customer)).join(', '))
        : ''}</div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.dropping ? html`<div class="drop" part="drop">${strings().dropFiles}</div>` : nothing}
      ${uploadList(this.uploads.value, (upload) => this.cancelUpload(upload))}
      <form part="composer" @submit=${this.onSubmit}>
        <button type="button" class="attach" part="attach" aria-label=${strings().attach} title=${strings().attach}
          ?disabled=${!this.effectiveConversationId} @click=${() => this.filePicker.click()}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" /></svg>
        </button>
        <input type="file" multiple hidden @change=${this.onPick} />
        <textarea
          part="input"
          rows="1"
          maxlength="4000"
          aria-label=${strings().messageInput}
          placeholder=${strings().placeholder}
          ?disabled=${!this.effectiveConversationId}
          @keydown=${this.onKeyDown}
          @input=${this.onInput}
          @paste=${this.onPaste}
          @blur=${this.onBlur}
        ></textarea>
        <button class="send" part="send" type="submit" ?disabled=${!this.effectiveConversationId}>${strings().send}</button>
      </form>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { items, lastSeq } = this.timeline.value;
    const firstKey = items[0]?.key;
    const lastKey = items[items.length - 1]?.key;
    if (this.heightBeforeOlder !== undefined && firstKey !== this.firstKey) {
      // Older messages were prepended: keep the visible ones where they were.
      this.list.scrollTop += this.list.scrollHeight - this.heightBeforeOlder;
      this.heightBeforeOlder = undefined;
    } else if (lastKey !== this.lastKey) {
      const newest = items[items.length - 1];
      if (this.atBottom || newest?.own) this.scrollToBottom();
      else if (this.lastKey !== undefined) this.unseenBelow = true;
    }
    this.firstKey = firstKey;
    this.lastKey = lastKey;
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (session && id && lastSeq > 0 && this.active && document.visibilityState === 'visible' && this.atBottom) {
      markRead(session, id, lastSeq);
    }
  }

  private scrollToBottom(): void {
    if (!this.list) return;
    this.list.scrollTop = this.list.scrollHeight;
    this.atBottom = true;
    this.unseenBelow = false;
  }

  private onScroll(): void {
    const list = this.list;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < BOTTOM_SLACK_PX;
    if (atBottom === this.atBottom) return;
    this.atBottom = atBottom;
    if (atBottom) {
      this.unseenBelow = false;
      this.requestUpdate();
    }
  }

  private loadOlder(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (!session || !id) return;
    this.heightBeforeOlder = this.list.scrollHeight;
    void loadOlder(session, id);
  }

  private retry(item: TimelineItem): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (session && id) retrySend(session, id, item.key);
  }

  private reply(item: TimelineItem, reply: { title: string; payload?: string }): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (!session || !id) return;
    sendText(session, id, reply.title, { ...(reply.payload ? { payload: reply.payload } : {}), ...(item.message.id ? { replyTo: item.message.id } : {}) });
    this.atBottom = true;
  }

  private onInput(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (!session || !id) return;
    if (this.input.value.trim()) notifyTyping(session, id);
    else stopTyping(session, id);
  }

  private onBlur(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (session && id) stopTyping(session, id);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.send();
    this.focusInput();
  }

  private send(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    const text = this.input.value;
    if (!session || !id || text.trim() === '') return;
    // Agents can send every message type with slash commands (/card, /carousel, /quick, /buttons).
    const rich = this.commandParser?.(text);
    if (rich) sendRich(session, id, rich);
    else sendText(session, id, text);
    stopTyping(session, id);
    this.input.value = '';
    this.atBottom = true;
  }
}
