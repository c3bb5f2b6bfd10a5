/** `<omni-conversation>`: message list and composer of one conversation (its API is documented on the class). */
import { LitElement, html, nothing } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { Conversation, Participant } from '../../core/protocol.js';
import { conversationsOf, defaultConversationId } from '../../messaging/conversations.js';
import { retrySend, sendText } from '../../messaging/outbox.js';
import type { RichBody } from '../../messaging/agent-commands.js';
import { markRead } from '../../messaging/read.js';
import { loadOlder, onLiveMessage, timelineOf, type Timeline, type TimelineItem } from '../../messaging/timeline.js';
import { typingOf } from '../../messaging/typing.js';
import { uploadsOf, type Upload } from '../../messaging/upload-store.js';
import { emit } from '../shared/events.js';
import { SessionResolver } from '../shared/session-resolver.js';
import { StoreController } from '../shared/store-controller.js';
import { followLanguage } from '../shared/language.js';
import { strings } from '../shared/strings.js';
import { themeStyles } from '../shared/theme.styles.js';
import { Composer } from './composer.js';
import { MessageList, type Greeting } from './message-list.js';
import type { RatingForm } from './rating-form.js';
import { authorName, messageText } from './message-view.js';
import { conversationStyles } from './omni-conversation.styles.js';
import { ScrollKeeper } from './scroll-keeper.js';
import { UploadController } from './upload-controller.js';

const EMPTY: Timeline = { items: [], hasMore: false, loading: false, loadingOlder: false, lastSeq: 0 };

/**
 * A conversation: the message list and the composer. Reads the timeline store of its session
 * and calls messaging commands; it never talks to the network itself. Long conversations are
 * virtualized: only the messages near the viewport are in the DOM.
 *
 * @tagname omni-conversation
 * @summary Message list and composer of one conversation.
 * @csspart messages - the scrolling message list (role="log")
 * @csspart load-older - the button that loads earlier messages (they also load when scrolling near the top)
 * @csspart message - one message (with `own` or `other`)
 * @csspart own - added to `message` for your own messages
 * @csspart other - added to `message` for messages from others
 * @csspart status - an own message's delivery status
 * @csspart answered - in the agent console, the line above a customer's reply to a button or quick reply saying what it answered
 * @csspart retry - the Retry button of a failed message
 * @csspart card - a card (alone or in a carousel)
 * @csspart card-image - a card's image
 * @csspart carousel - a scrollable row of cards
 * @csspart action - a card's or message's button or link
 * @csspart quick-replies - the quick-reply chips under the newest message
 * @csspart quick-reply - one quick-reply chip
 * @csspart jump - the button back to the newest messages, shown when scrolled up or when new ones arrived below
 * @csspart typing - the "… is typing" line; otherwise, while the visitor waits, their place in the queue
 * @csspart drop - the overlay shown while files are dragged over
 * @csspart uploads - the list of uploads in progress
 * @csspart upload - one upload (name, progress or error)
 * @csspart cancel-upload - an upload's cancel/dismiss button
 * @csspart image-preview - the preview of a pasted image, above the composer, before it is sent
 * @csspart caption - the image preview's caption field
 * @csspart preview-send - the image preview's Send button
 * @csspart preview-cancel - the image preview's Cancel button
 * @csspart composer - the form holding attach, input and send
 * @csspart attach - the attach-file button
 * @csspart emoji - the emoji button (it opens the emoji picker)
 * @csspart emoji-picker - the emoji picker (a dialog above the composer)
 * @csspart emoji-search - the emoji picker's search box
 * @csspart emoji-tab - a category tab of the emoji picker
 * @csspart emoji-grid - the emoji picker's grid of emoji
 * @csspart emoji-option - one emoji in the grid
 * @csspart input - the text area
 * @csspart send - the send button
 * @csspart counter - the characters-left counter shown near the length limit
 * @csspart greeting - the greeting shown as the first message (with `message` and `other`)
 * @csspart rating - the satisfaction survey after a resolve (then its thank-you)
 * @csspart rating-comment - the survey's comment field
 * @csspart rating-send - the survey's send button
 * @fires {CustomEvent<OmniMessageDetail>} omni-message - a message from someone else arrived live (`{ conversationId, item }`)
 */
export class OmniConversation extends LitElement {
  static override styles = [themeStyles, conversationStyles];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    conversationId: { attribute: 'conversation-id' },
    session: { attribute: false },
    commandParser: { attribute: false },
    active: { type: Boolean },
    greeting: { attribute: false },
    rating: { attribute: false },
    emoji: { attribute: false },
    announcement: { state: true },
    queueLine: { state: true },
  };

  /** The conversation to show; without it, the session's default (customer) conversation. */
  conversationId: string | undefined;

  /** An explicit session (the agent console sets it); else the context's, else the default one. */
  session: OmniSession | undefined;

  /** Turns composer text into a rich message (the agent console sets its slash commands here). */
  commandParser: ((text: string) => RichBody | undefined) | undefined;

  /** Whether the conversation is on screen (read receipts are only sent while active). */
  active = true;

  /** A greeting shown as the first message, `{ from, text }` (`<omni-chat>` sets it from the integration's settings). */
  greeting: Greeting | undefined;

  /** Ask the customer for a rating when an agent resolves the conversation (`<omni-chat>` sets it from the integration's settings). */
  rating = true;

  /** Offer the emoji picker in the composer (`<omni-chat>` sets it from the integration's settings). */
  emoji = true;

  /** The survey (a lazy chunk), once a resolve asks for it. */
  private ratingForm: RatingForm | undefined;
  private ratingLoading = false;

  /** `.session`, else the provider's, else the page default (followed, so an element placed before the chat still finds it). */
  private readonly resolved = new SessionResolver(this, () => this.session);

  private announcement = '';
  /** The visitor's place in the queue while waiting (cleared once an agent is assigned: `<omni-chat>`'s header names them). */
  private queueLine = '';

  private readonly defaultId = new StoreController<string | undefined>(this, undefined, undefined);
  private readonly timeline = new StoreController<Timeline>(this, undefined, EMPTY);
  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});
  private readonly typists = new StoreController<Participant[]>(this, undefined, []);
  private readonly uploads = new StoreController<Upload[]>(this, undefined, []);
  /** Picked, dropped and pasted files; the upload code is a lazy chunk. */
  private readonly uploadPart = new UploadController(this, () => this.uploads.value);
  private readonly list = new MessageList(this, () => this.listView(), {
    loadOlder: () => this.loadOlder(),
    scroll: () => this.keeper.onScroll(),
    retry: (item) => this.retry(item),
    reply: (item, reply) => this.reply(item, reply),
  });
  private readonly keeper = new ScrollKeeper(
    this,
    this.list,
    () => ({ conversationId: this.effectiveConversationId, ...this.timeline.value }),
    () => this.loadOlder(),
  );
  private readonly composer = new Composer(this, () => this.keeper.follow());
  private boundSession: OmniSession | undefined;
  private stopLive: (() => void) | undefined;
  private readonly onVisibility = () => this.requestUpdate();

  /** The session in use. */
  get effectiveSession(): OmniSession | undefined {
    return this.resolved.value;
  }

  /** The conversation in use. */
  get effectiveConversationId(): string | undefined {
    return this.conversationId ?? this.defaultId.value;
  }

  /** Moves keyboard focus to the message input. */
  focusInput(): void {
    this.composer.input?.focus();
  }

  /** Uploads files and sends them as attachments (with `preview`, images wait in a preview with a caption field first). */
  sendFiles(files: Iterable<File>, preview?: boolean): void {
    this.uploadPart.send(files, preview);
    this.keeper.follow();
  }

  /** Also waits for the upload chunk a file asked for, so the upload list is in place. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.uploadPart.pending;
    return super.getUpdateComplete();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
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
      const live = session && onLiveMessage(session, (conversationId, item) => this.onLive(conversationId, item));
      // Only a customer gets `queue` frames, for its one conversation (possibly before this element knows its id).
      const queue = session?.onSignal((signal) => signal.type === 'queue' && (this.queueLine = strings().queuePosition(signal.position)));
      this.stopLive = live && (() => (live(), queue!()));
      this.defaultId.setStore(session ? defaultConversationId(session) : undefined);
      this.conversations.setStore(session ? conversationsOf(session) : undefined);
    }
    const id = this.effectiveConversationId;
    this.timeline.setStore(session && id ? timelineOf(session, id) : undefined);
    this.typists.setStore(session && id ? typingOf(session, id) : undefined);
    this.uploads.setStore(session && id ? uploadsOf(session, id) : undefined);
    this.loadRatingForm();
  }

  private onLive(conversationId: string, item: TimelineItem): void {
    if (conversationId !== this.effectiveConversationId || item.own) return;
    // Only live messages are announced; history rendered on open (or paged in) is not.
    this.announcement = strings().liveFrom(authorName(item), messageText(item));
    emit(this, 'omni-message', { conversationId, item });
  }

  private listView() {
    const id = this.effectiveConversationId;
    return { conversationId: id, timeline: this.timeline.value, readUpTo: (id && this.conversations.value[id]?.otherReadSeq) || 0, session: this.effectiveSession, greeting: this.greeting };
  }

  protected override render() {
    const typists = this.typists.value;
    return html`
      ${this.list.render()}
      ${this.keeper.jumpShown
        ? html`<button class="jump" part="jump" @click=${() => this.keeper.toNewest()}>${strings().newMessages}</button>`
        : nothing}
      <div class="typing" part="typing" aria-live="polite">${typists.length
        ? strings().typing(typists.map((typist) => typist.displayName ?? (typist.role === 'agent' ? strings().agent : strings().customer)).join(', '))
        : this.conversations.value[this.effectiveConversationId!]?.assignee ? '' : this.queueLine}</div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${this.ratingForm && this.ratingForm.conversationId === this.effectiveConversationId && (this.ratingWanted() || this.ratingForm.finished) ? this.ratingForm.render() : nothing}
      ${this.uploadPart.render()}
      ${this.composer.render()}
    `;
  }

  /** True when this customer's conversation was resolved and waits for a rating. */
  private ratingWanted(): boolean {
    const id = this.effectiveConversationId;
    return this.rating && this.effectiveSession?.$participant.get()?.role === 'customer' && !!(id && this.conversations.value[id]?.awaitingRating);
  }

  /** Loads the survey's chunk when a resolve asks for a rating. */
  private loadRatingForm(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    if (!session || !id || !this.ratingWanted() || this.ratingLoading || this.ratingForm?.conversationId === id) return;
    this.ratingLoading = true;
    void import('./rating-form.js').then(({ RatingForm, ratingStyles }) => {
      const root = this.renderRoot as ShadowRoot;
      if (ratingStyles.styleSheet && !root.adoptedStyleSheets.includes(ratingStyles.styleSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ratingStyles.styleSheet];
      this.ratingForm = new RatingForm(this, session, id);
      this.ratingLoading = false;
      this.requestUpdate();
    });
  }

  protected override updated(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    const { lastSeq } = this.timeline.value;
    if (session && id && lastSeq > 0 && this.active && document.visibilityState === 'visible' && this.keeper.following) {
      markRead(session, id, lastSeq);
    }
  }

  private loadOlder(): void {
    const session = this.effectiveSession;
    const id = this.effectiveConversationId;
    const { hasMore, loadingOlder } = this.timeline.value;
    if (session && id && hasMore && !loadingOlder) void loadOlder(session, id);
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
    this.keeper.follow();
  }
}
