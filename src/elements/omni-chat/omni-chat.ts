/** `<omni-chat>`: the launcher and chat panel a site embeds (its API is documented on the class). */
import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ConnectionState } from '../../core/events-socket.js';
import { getDefaultSession, setDefaultSession, type JwtProvider, type OmniSession } from '../../core/session.js';
import type { Availability, Conversation, IntegrationSettingsResponse, OmniErrorInfo } from '../../core/protocol.js';
import { settingsOf } from '../../messaging/settings.js';
import { conversationsOf, defaultConversationId } from '../../messaging/conversations.js';
import { onLiveMessage } from '../../messaging/timeline.js';
import { authorName, messageText } from '../omni-conversation/message-view.js';
import type { AttentionController } from './attention.js';
import type { ChatForms } from '../omni-chat-forms/chat-forms.js';
import { defineCallButton } from '../omni-call-button/define-call-button.js';
import { emit } from '../shared/events.js';
import { sessionContext } from '../shared/session-context.js';
import { SessionOwner } from '../shared/session-owner.js';
import { StoreController } from '../shared/store-controller.js';
import { dateFormat, languageReady, followLanguage } from '../shared/language.js';
import { strings } from '../shared/strings.js';
import { themeStyles } from '../shared/theme.styles.js';
import { OmniConversation } from '../omni-conversation/omni-conversation.js';
import { chatStyles } from './omni-chat.styles.js';

/** The `service-worker` code and workbox-window: a lazy chunk, loaded only when the attribute is set. */
const serviceWorkerModule = () => import('./service-worker.js');

/** Parts of the inner `<omni-conversation>`, re-exported under their own names. */
const CONVERSATION_PARTS = 'messages, load-older, message, own, other, status, retry, card, card-image, carousel, action, quick-replies, quick-reply, jump, typing, drop, uploads, upload, cancel-upload, composer, attach, emoji, emoji-picker, emoji-search, emoji-tab, emoji-grid, emoji-option, input, counter, send, greeting, rating, rating-comment, rating-send';
/** Parts of the header `<omni-call-button>`, re-exported with a `call-` prefix. */
const CALL_BUTTON_PARTS = ['call', 'bar', 'status', 'level', 'mute', 'hold', 'dialpad', 'key', 'hangup'].map((part) => `${part}:call-${part}`).join(', ');

const hourFormat = dateFormat({ hour: 'numeric', minute: '2-digit' });
const dayHourFormat = dateFormat({ weekday: 'long', hour: 'numeric', minute: '2-digit' });

/** The availability line: open, back at a time (today's time, or a day and time), or away. */
function availabilityText(availability: Availability): string {
  if (availability.open) return strings().replyFast;
  const next = availability.nextOpen ? new Date(availability.nextOpen) : undefined;
  if (!next || Number.isNaN(next.getTime())) return strings().away;
  const sameDay = next.toDateString() === new Date().toDateString();
  return strings().backAt((sameDay ? hourFormat : dayHourFormat)(next));
}

/**
 * The embeddable chat: a launcher button with an unread badge that opens a panel holding the
 * customer's conversation. Owns the session (from `token-url` or `.jwtProvider`) and provides it
 * to the elements inside. The inner conversation's parts are exported as they are
 * (`omni-chat::part(message)`, `::part(input)`…) and the call's with a `call-` prefix
 * (`::part(call-hangup)`), so a site restyles everything from outside. With `voice`, the header holds
 * a call button and a call bar below the header shows the call in progress.
 *
 * @tagname omni-chat
 * @summary Launcher + panel for a site's visitors.
 * @slot header - replaces the panel's title
 * @slot launcher-icon - replaces the launcher's icon
 * @csspart launcher - the round launcher button
 * @csspart launcher-close-icon - the close icon the launcher shows while the panel is open
 * @csspart avatar - the team's avatar in the header (the integration's settings)
 * @csspart transcript - the header's button that downloads the conversation
 * @csspart availability - the header's availability line ("We usually reply in a few minutes", "We're back …")
 * @csspart agent - instead of the availability line once an agent answers the conversation: who ("Alex joined")
 * @csspart badge - the unread count on the launcher
 * @csspart panel - the chat panel (role="dialog")
 * @csspart close - the panel's close button
 * @csspart connection - the reconnecting/offline notice
 * @csspart pre-chat - the pre-chat form the integration's settings configure, shown instead of the conversation until it is sent
 * @csspart pre-chat-submit - the pre-chat form's submit button
 * @csspart leave-message - the leave-a-message form (email and message), shown outside business hours when the settings' offline mode asks for it
 * @csspart leave-message-submit - the leave-a-message form's submit button
 * @csspart leave-message-thanks - the confirmation once the message is stored
 * @cssproperty [--omni-z-index=2147483000] - stacking of the launcher and panel
 * @fires {CustomEvent<OmniOpenChangeDetail>} omni-open-change - the panel opened or closed (`{ open }`)
 * @fires {CustomEvent<OmniMessageDetail>} omni-message - a message from support arrived live (`{ conversationId, item }`; from the conversation inside)
 * @fires {CustomEvent<OmniCallStateDetail>} omni-call-state - the header call changed state (`{ state, reason?, message? }`; with `voice`)
 * @fires {CustomEvent<OmniErrorInfo>} omni-error - something failed (`{ code, message }`): no token source or a `jwtprovider` attribute, the token source, the connection, or the call
 */
export class OmniChat extends LitElement {
  static override styles = [themeStyles, chatStyles];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }
  /** The elements it renders (registered with it). */
  // <omni-call-button> is defined when `voice` asks for it (see `updated`): a chat-only page never downloads it.
  static dependencies = { 'omni-conversation': OmniConversation };

  // Reactive properties are declared here in every element, not with decorators: no decorator
  // helpers in the download, and `useDefineForClassFields: false` keeps the fields from shadowing them.
  static override properties = {
    serverUrl: { attribute: 'server-url' },
    integrationId: { attribute: 'integration-id' },
    tokenUrl: { attribute: 'token-url' },
    open: { type: Boolean, reflect: true },
    position: { reflect: true },
    jwtProvider: { attribute: false },
    theme: { reflect: true },
    voice: { type: Boolean },
    sound: { type: Boolean },
    notify: { type: Boolean },
    serviceWorker: { attribute: 'service-worker' },
  };

  /** Base URL of the omni server (default: this page's origin). */
  serverUrl: string | undefined;
  /** The integration (business function) to talk to. */
  integrationId = 'demo';
  /** A route of the site's backend that answers POST with `{ jwt, expiresAt }`. */
  tokenUrl: string | undefined;
  /** Whether the panel is open. */
  open = false;
  /** Corner of the page: `bottom-right` (default) or `bottom-left`; mirrored in right-to-left languages. */
  position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** The site's token source (alternative to `token-url`). */
  jwtProvider: JwtProvider | undefined;
  /** `light` or `dark` (default: the visitor's `prefers-color-scheme`); passed to the elements inside. */
  theme: 'light' | 'dark' | undefined;
  /** Offer click-to-call in the panel header (the integration must have voice). */
  voice = false;
  /** Chime when a message arrives while the page is hidden. */
  sound = false;
  /** Show a browser notification for messages arriving while the page is hidden (needs permission: see `requestNotifications()`). */
  notify = false;
  /** URL of the site's copy of `omni-sw.js` on its own origin (e.g. `/omni-sw.js`): precaches the widget for instant and offline starts and shows Web Push notifications of replies (see `enablePush()`). */
  serviceWorker: string | undefined;

  /** The session in use, provided to the elements inside. */
  private readonly provider = new ContextProvider(this, { context: sessionContext });
  private get session(): OmniSession | undefined {
    return this.provider.value;
  }

  private get launcher(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('.launcher');
  }
  private get conversation(): OmniConversation | null {
    return this.renderRoot.querySelector('omni-conversation');
  }

  private readonly owner = new SessionOwner(this, (session) => this.adopt(session), () => !!getDefaultSession());
  private readonly connection = new StoreController<ConnectionState>(this, undefined, 'idle');
  private readonly error = new StoreController<OmniErrorInfo | undefined>(this, undefined, undefined);
  private readonly settings = new StoreController<IntegrationSettingsResponse | undefined>(this, undefined, undefined);
  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});
  private readonly defaultId = new StoreController<string | undefined>(this, undefined, undefined);
  private ownsDefault = false;
  /** The pre-chat and leave-a-message forms: a lazy chunk, loaded when the settings ask for one. */
  private forms: ChatForms | undefined;
  private formsLoad: Promise<void> | undefined;
  private stopLive: (() => void) | undefined;
  /** Title flash, chime and notification: a lazy chunk, loaded by the first message that arrives while the page is hidden. */
  private attention: Promise<AttentionController> | undefined;
  private attend(): Promise<AttentionController> {
    return (this.attention ??= import('./attention.js').then(({ AttentionController }) => new AttentionController(this, () => ({
      sound: this.sound,
      notify: this.notify,
      onNotificationClick: () => this.show(),
    }))));
  }

  /** Asks the visitor for notification permission (call from a user gesture); true when granted. */
  async requestNotifications(): Promise<boolean> {
    return (await import('./attention.js')).requestPermission();
  }

  /** Asks for notification permission and subscribes this browser to notifications of replies that arrive while the visitor is away (call from a click; needs `service-worker`); true when subscribed. */
  async enablePush(): Promise<boolean> {
    return !!this.serviceWorker && (await serviceWorkerModule()).enablePush(this, this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ownsDefault && getDefaultSession() === this.session) setDefaultSession(undefined);
    visualViewport?.removeEventListener('resize', this.fitViewport);
  }

  /** Saves the conversation as a file (a lazy chunk). */
  private readonly downloadTranscript = (): void => {
    const session = this.session;
    const id = this.defaultId.value;
    if (session && id) void import('./transcript.js').then((module) => module.downloadTranscript(session, id));
  };

  /** On phones the open panel is as tall as what the on-screen keyboard leaves visible. */
  private readonly fitViewport = (): void => {
    if (visualViewport) this.style.setProperty('--_viewport-height', `${visualViewport.height}px`);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    visualViewport?.addEventListener('resize', this.fitViewport);
    this.fitViewport();
    if (this.session && !getDefaultSession()) {
      setDefaultSession(this.session);
      this.ownsDefault = true;
    }
  }

  /** Renders once the page's language is in use: no English before a locale chunk arrives. */
  protected override async scheduleUpdate(): Promise<void> {
    await languageReady;
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.owner.configure({
      serverUrl: this.serverUrl,
      integrationId: this.integrationId,
      tokenUrl: this.tokenUrl,
      jwtProvider: this.jwtProvider,
    });
    if (!this.owner.session && !this.session) this.adopt(getDefaultSession(), false);
    if (changed.has('open') && changed.get('open') !== undefined) emit(this, 'omni-open-change', { open: this.open });
    // The integration's brand colour, under any --omni-color-accent the site sets (light theme).
    // (The server sends the text colour on it, white or black, whichever contrasts more, with a valid colour only.)
    const info = this.settings.value;
    if (info?.accentText) {
      this.style.setProperty('--_brand', info.settings.accentColor);
      this.style.setProperty('--_brand-on', info.accentText);
    } else {
      this.style.removeProperty('--_brand');
      this.style.removeProperty('--_brand-on');
    }
    if (info && ((info.settings.preChatForm.enabled && this.defaultId.value && !this.mine?.contact) || (!info.availability.open && info.settings.offlineMode === 'leave-message'))) {
      this.formsLoad ??= import('../omni-chat-forms/chat-forms.js').then(({ ChatForms }) => { this.forms = new ChatForms(this, () => this.session); this.requestUpdate(); });
    }
  }

  private adopt(session: OmniSession | undefined, own = true): void {
    if (this.ownsDefault && getDefaultSession() === this.session) setDefaultSession(undefined);
    this.ownsDefault = false;
    this.provider.setValue(session);
    this.requestUpdate();
    if (session && own && !getDefaultSession()) {
      setDefaultSession(session);
      this.ownsDefault = true;
    }
    this.stopLive?.();
    this.stopLive = session
      ? onLiveMessage(session, (_conversationId, item) => {
          // Every hidden tab flashes its title; only the tab holding the connection chimes and notifies.
          if (item.own || document.visibilityState !== 'hidden') return;
          const [from, text, alert] = [authorName(item), messageText(item), session.connection.$leader.get()];
          void this.attend().then((attention) => attention.messageArrived(from, text, alert));
        })
      : undefined;
    this.connection.setStore(session?.$connection);
    this.error.setStore(session?.$error);
    this.settings.setStore(session ? settingsOf(session) : undefined);
    this.conversations.setStore(session ? conversationsOf(session) : undefined);
    this.defaultId.setStore(session ? defaultConversationId(session) : undefined);
  }

  /** The customer's unread count. */
  get unreadCount(): number {
    return this.mine?.unreadCount ?? 0;
  }

  /** The visitor's conversation, once known. */
  private get mine(): Conversation | undefined {
    return this.conversations.value[this.defaultId.value!];
  }

  /** Opens the panel and focuses the input. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel and returns focus to the launcher. */
  hide(): void {
    this.open = false;
    void this.updateComplete.then(() => this.launcher?.focus());
  }

  protected override render() {
    const info = this.settings.value;
    const settings = info?.settings;
    // The server takes only an https URL or one relative to the page (and an <img> runs no script).
    const avatar = settings?.avatarUrl;
    // Who answers the visitor's conversation, once an agent is assigned.
    const agent = this.mine?.assignee?.displayName;
    const unread = this.unreadCount;
    const state = this.connection.value;
    // A token source that keeps failing (a wrong token-url, a site backend down) is no reconnect to
    // wait for: say the chat is unavailable (the developer gets the reason in omni-error); it still retries.
    const tokenFailed = this.error.value?.code === 'token-provider-failed' && state !== 'online';
    const notice = state === 'offline' ? strings().offline : tokenFailed ? strings().unavailable : state === 'reconnecting' ? strings().reconnecting : '';
    const label = unread ? `${this.open ? strings().closeChat : strings().openChat}, ${strings().unread(unread)}` : this.open ? strings().closeChat : strings().openChat;
    // The launcher first: Tab goes from it to the panel it opens (header, conversation, composer); CSS puts it below.
    return html`
      <button
        class="launcher"
        part="launcher"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${label}
        @click=${() => (this.open ? this.hide() : this.show())}
      >
        ${this.open
          ? html`<svg class="icon" part="launcher-close-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z" /></svg>`
          : html`<slot name="launcher-icon">
              <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" /></svg>
            </slot>`}
        <span class="badge" part="badge" aria-hidden="true" ?hidden=${unread === 0}>${unread > 99 ? '99+' : unread}</span>
      </button>
      <section
        id="panel"
        class="panel"
        part="panel"
        role="dialog"
        aria-labelledby="title"
        ?hidden=${!this.open}
        @keydown=${this.onPanelKeyDown}
      >
        <header>
          <slot name="header">
            ${avatar ? html`<img class="avatar" part="avatar" src=${avatar} alt="" />` : nothing}
            <div class="heading">
              <h2 id="title">${settings?.teamName ?? strings().chatTitle}</h2>
              ${agent
                ? html`<p class="availability" part="agent">${strings().joined(agent)}</p>`
                : info ? html`<p class="availability" part="availability">${availabilityText(info.availability)}</p>` : nothing}
            </div>
          </slot>
          ${this.voice ? html`<omni-call-button layout="button" theme=${ifDefined(this.theme)} exportparts=${CALL_BUTTON_PARTS}></omni-call-button>` : nothing}
          ${settings?.transcript && this.defaultId.value
            ? html`<button class="close" part="transcript" aria-label=${strings().transcript} title=${strings().transcript} @click=${this.downloadTranscript}>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z" /></svg>
              </button>`
            : nothing}
          <button class="close" part="close" aria-label=${strings().closeChat} @click=${this.hide}>×</button>
        </header>
        ${this.voice ? html`<omni-call-button layout="bar" theme=${ifDefined(this.theme)} exportparts=${CALL_BUTTON_PARTS}></omni-call-button>` : nothing}
        <div class="connection" part="connection" role="status" ?hidden=${!notice}>${notice}</div>
        ${this.forms?.render()}
        <omni-conversation ?hidden=${!!this.forms?.covers} theme=${ifDefined(this.theme)} .active=${this.open} .greeting=${settings?.greeting ? { from: settings.teamName, text: settings.greeting } : undefined} .rating=${settings?.csat ?? true} .emoji=${settings?.emoji ?? false}
          exportparts=${CONVERSATION_PARTS}></omni-conversation>
      </section>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('voice') && this.voice) void defineCallButton();
    if (changed.has('open') && this.open && !this.forms?.focus()) this.conversation?.focusInput();
    // workbox-window is a lazy chunk: only pages that opt in download it.
    if (changed.has('serviceWorker') && this.serviceWorker) void serviceWorkerModule().then((module) => module.attachServiceWorker(this));
  }

  private onPanelKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.hide();
  }
}
