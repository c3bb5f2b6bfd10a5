/** `<omni-agent-console>`: queue list + conversation for agents (its API is documented on the class). */
import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ConnectionState } from '../../core/events-socket.js';
import type { JwtProvider, OmniSession } from '../../core/session.js';
import type { Conversation } from '../../core/protocol.js';
import { conversationsOf } from '../../messaging/conversations.js';
import { parseAgentCommand } from '../../messaging/agent-commands.js';
import type { AgentPhone, IncomingCall, PhoneState } from '../../calling/agent-phone.js';
import type { Call } from '../../calling/call.js';
import { OmniCallButton, loadCalling } from '../omni-call-button/omni-call-button.js';
import { OmniConversation } from '../omni-conversation/omni-conversation.js';
import { OmniConversationList } from '../omni-conversation-list/omni-conversation-list.js';
import { sessionContext } from '../shared/session-context.js';
import { SessionOwner } from '../shared/session-owner.js';
import { StoreController } from '../shared/store-controller.js';
import { strings } from '../shared/strings.js';
import { agentStrings } from './agent-strings.js';
import { AssignmentAlert, notificationState } from './assignment-alert.js';
import { ConsoleShortcuts, shortcutHelp, shortcutHelpStyles } from './console-shortcuts.js';
import { consoleStrings } from './console-strings.js';
import { CustomerPanelController, customerPanel, customerPanelStyles } from './customer-panel.js';
import { customerName } from '../omni-conversation-list/customer-name.js';
import { emit } from '../shared/events.js';
import { followLanguage } from '../shared/language.js';
import { setMessageNote } from '../omni-conversation/message-view.js';
import { replyNote } from '../omni-conversation/reply-note.js';
import { themeStyles } from '../shared/theme.styles.js';
import { InternalNotes, internalNotesStyles } from './internal-notes.js';
import { SlashPopup, slashPopupStyles } from './slash-popup.js';
import { TransferDialog, takeConversation, transferStrings, transferStyles } from './transfer-dialog.js';

/**
 * The agent console: the queue's conversations on the left, the chosen one on the right, live.
 * Owns its own session (never the page's default), so it can sit beside other sessions. Its
 * composer sends rich messages with `/card`, `/carousel`, `/quick` and `/buttons`; typing `/` at
 * the start of the reply box lists the queue's canned responses and these commands (arrow keys and
 * Enter or Tab insert, Escape closes). "Internal note" (or `/note`) writes a note only the queue's
 * agents and supervisors see, shown above the messages and marked as such. Beside the
 * conversation, the customer panel: name, email, phone, verified or guest, customer id and
 * integration, the page the visitor is on (URL and title, live), their local time and whether
 * they are online. A new assignment to this agent beeps and, once the agent turned notifications
 * on (the toolbar's button), shows a desktop notification: once per assignment, whichever tabs
 * of the console are open.
 *
 * Keyboard shortcuts (listed in the help dialog that `?` opens; single keys act only outside text
 * fields, Alt chords everywhere): `Alt+ArrowDown` or `j` opens the next conversation of the list as
 * filtered, `Alt+ArrowUp` or `k` the previous one; `Alt+R` resolves the open conversation; `Alt+T`
 * asks to transfer it (fires `omni-transfer-request`); `/` focuses the list's search (in the reply
 * box `/` starts a command instead); `?` shows the shortcuts and `Escape` closes them.
 *
 * @tagname omni-agent-console
 * @summary Queue list + conversation for agents.
 * @csspart status - the connection notice
 * @csspart phone - the phone's registration state (with `phone`)
 * @csspart incoming - an incoming call (with `answer` and `decline` buttons)
 * @csspart answer - an incoming call's Answer button
 * @csspart decline - an incoming call's Decline button
 * @csspart header - the selected conversation's header
 * @csspart resolve - the header's Resolve button (the visitor is then asked for a rating)
 * @csspart resolved - the header's mark of a resolved conversation
 * @csspart take - the header's Take button (a waiting conversation nobody has yet)
 * @csspart transfer-button - the header's Transfer button (opens the transfer dialog; also `Alt+T`)
 * @csspart transfer - the transfer dialog (an agent or queue, and an internal note)
 * @csspart transfer-cancel - the transfer dialog's Cancel button
 * @csspart transfer-submit - the transfer dialog's Transfer button
 * @csspart toolbar - the row above the list and conversation (notifications, shortcuts)
 * @csspart notifications - the "Turn on notifications" button (while the browser may still ask)
 * @csspart shortcuts-button - the button that opens the keyboard shortcuts
 * @csspart shortcuts - the keyboard shortcuts dialog
 * @csspart shortcuts-close - its Close button
 * @csspart customer-panel - the customer panel beside the conversation
 * @csspart customer-name - the panel's name heading
 * @csspart customer-email - the customer's email (from the pre-chat form)
 * @csspart customer-phone - the customer's phone (from the pre-chat form)
 * @csspart customer-verified - Verified (the site vouched for the customer) or Guest
 * @csspart customer-id - the site's id of the customer
 * @csspart customer-integration - the conversation's integration
 * @csspart customer-page - the page the visitor is on (title and URL)
 * @csspart customer-time - the visitor's local time and time zone
 * @csspart customer-online - whether the visitor is online
 * @csspart notes - the open conversation's internal notes (above its messages; agents only)
 * @csspart note - one internal note, marked "Internal note — only agents see this"
 * @csspart note-toggle - the "Internal note" toggle below the reply box (`aria-pressed`)
 * @csspart note-form - the note form that replaces the reply box while the toggle is pressed
 * @csspart note-input - the note form's text area (Enter adds, Shift+Enter breaks the line, Escape goes back)
 * @csspart note-add - the note form's Add button
 * @csspart note-cancel - the note form's Cancel button
 * @csspart slash-popup - the `/` popup of canned responses and commands above the reply box
 * @cssproperty --omni-note-background - background of internal notes (default a light yellow)
 * @cssproperty --omni-note-color - text colour of internal notes
 * @cssproperty --omni-note-border - dashed edge of internal notes
 * @fires {CustomEvent<OmniConversationSelectDetail>} omni-conversation-select - a conversation was opened from the list (`{ conversationId }`)
 * @fires {CustomEvent<OmniMessageDetail>} omni-message - a customer message arrived live in the open conversation (`{ conversationId, item }`)
 * @fires {CustomEvent<OmniTransferRequestDetail>} omni-transfer-request - the agent asked to transfer the open conversation (`Alt+T`; `{ conversationId }`)
 * @fires {CustomEvent<OmniCallStateDetail>} omni-call-state - an answered call changed state (`{ state, reason?, message? }`; with `phone`)
 * @fires {CustomEvent<OmniErrorInfo>} omni-error - something failed (`{ code, message }`): no token source or a `jwtprovider` attribute, the token source, the connection, or a call
 */
export class OmniAgentConsole extends LitElement {
  /** The elements it renders (registered with it). */
  static dependencies = { 'omni-conversation-list': OmniConversationList, 'omni-conversation': OmniConversation, 'omni-call-button': OmniCallButton };
  static override styles = [
    themeStyles,
    transferStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(220px, 320px) 1fr auto; grid-template-rows: auto auto 1fr; height: 100%; min-height: 400px;
        border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_surface); color: var(--_text); }
      .toolbar { grid-row: 1; grid-column: 1 / -1; display: flex; align-items: center; gap: 8px; padding: 4px 10px; border-bottom: 1px solid var(--_border); font-size: 0.85em; }
      .toolbar button { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 2px 10px; font: inherit; cursor: pointer; }
      .toolbar .spacer { flex: 1; }
      .status { color: var(--_muted); }
      .muted { color: var(--_muted); }
      omni-conversation-list { grid-row: 3; grid-column: 1; border-inline-end: 1px solid var(--_border); min-height: 0; }
      main { grid-row: 3; grid-column: 2; display: flex; flex-direction: column; min-height: 0; min-width: 0; position: relative; }
      .panel { grid-row: 3; grid-column: 3; width: 240px; }
      header { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 12px 16px; border-bottom: 1px solid var(--_border); font-weight: 600; }
      .resolve { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 4px 12px; font-weight: 600; }
      .resolved { color: var(--_muted); font-weight: 400; font-size: 0.9em; }
      omni-conversation { flex: 1; }
      .empty { margin: auto; color: var(--_muted); }
      .calls { grid-row: 2; grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 6px 12px; border-bottom: 1px solid var(--_border); }
      .incoming { display: flex; gap: 8px; align-items: center; padding: 4px 8px; border-radius: 8px; background: var(--_surface-alt); }
      .incoming button { border-radius: 999px; border: 0; padding: 4px 12px; font-weight: 600; }
      .answer { background: var(--_accent); color: var(--_on-accent); }
      .decline { background: var(--_danger); color: #fff; }
      [part='phone'] { color: var(--_muted); font-size: 0.85em; }
    `,
    customerPanelStyles,
    shortcutHelpStyles,
    internalNotesStyles,
    slashPopupStyles,
  ];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
    // A customer's reply to a button or quick reply says what it answered (agent-bundle code).
    setMessageNote(replyNote);
  }

  static override properties = {
    serverUrl: { attribute: 'server-url' },
    tokenUrl: { attribute: 'token-url' },
    jwtProvider: { attribute: false },
    conversationId: { attribute: 'conversation-id' },
    phone: { type: Boolean },
    theme: { reflect: true },
    agentPhone: { state: true },
    notifications: { state: true },
  };

  /** Base URL of the omni server (default: this page's origin). */
  serverUrl: string | undefined;
  /** A route that answers POST with an agent `{ jwt, expiresAt }`. */
  tokenUrl: string | undefined;
  /** The agent's token source (alternative to `token-url`). */
  jwtProvider: JwtProvider | undefined;
  /** The open conversation. */
  conversationId: string | undefined;
  /** Register for calls to the agent's queue (loads the calling code). */
  phone = false;
  /** `light` or `dark` (default: the agent's `prefers-color-scheme`); passed to the elements inside. */
  theme: 'light' | 'dark' | undefined;

  private agentPhone: AgentPhone | undefined;
  /** The browser's notification permission as last seen. */
  private notifications = notificationState();
  /** The open conversation's visitor (the customer panel). */
  private readonly panel = new CustomerPanelController(this, () => ({ session: this.session, conversationId: this.conversationId }));
  /** Beeps and notifies on a new assignment to this agent. */
  readonly assignmentAlert = new AssignmentAlert(this, {
    session: () => this.session,
    customerName: (id) => {
      const conversation = this.conversations.value[id];
      return conversation ? customerName(conversation) : strings().guest;
    },
    onClick: (id) => (this.conversationId = id),
  });
  /** The open conversation's internal notes and the note form. */
  /** The Transfer dialog (the header's button and `Alt+T`). */
  private readonly transferDialog = new TransferDialog(this, () => this.session);
  private readonly internalNotes = new InternalNotes(this, () => ({ session: this.session, conversationId: this.conversationId }));
  /** The reply box's `/` popup: canned responses of the conversation's queue, and commands. */
  private readonly slashPopup = new SlashPopup(this, {
    target: () => ({ session: this.session, queue: this.conversationId ? this.conversations.value[this.conversationId]?.queue : undefined }),
    startNote: () => void this.internalNotes.start(),
  });
  /** The keyboard shortcuts (listening on the console while connected). */
  readonly shortcuts = new ConsoleShortcuts(this, {
    step: (delta) => this.list?.step(delta),
    resolve: () => {
      const selected = this.conversationId ? this.conversations.value[this.conversationId] : undefined;
      if (selected && selected.state !== 'resolved') void this.resolve(selected.id);
    },
    transfer: () => {
      if (this.conversationId) emit(this, 'omni-transfer-request', { conversationId: this.conversationId });
      if (this.conversationId && this.conversations.value[this.conversationId]?.state !== 'resolved') void this.transferDialog.open(this.conversationId);
    },
    focusSearch: () => this.list?.focusSearch(),
    showHelp: () => this.renderRoot.querySelector<HTMLDialogElement>('dialog.shortcuts')?.showModal(),
  });

  private get list(): OmniConversationList | null {
    return this.renderRoot.querySelector('omni-conversation-list');
  }

  /** Asks for the notification permission (from the button's click, as browsers require). */
  private async enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.notifications = await Notification.requestPermission();
  }

  private renderToolbar(notice: string) {
    return html`<div class="toolbar" part="toolbar">
      <span class="status" part="status" role="status">${notice}</span>
      <span class="spacer"></span>
      ${this.notifications === 'default'
        ? html`<button part="notifications" @click=${() => void this.enableNotifications()}>${consoleStrings().notificationsOn}</button>`
        : this.notifications === 'denied'
          ? html`<span class="muted">${consoleStrings().notificationsBlocked}</span>`
          : nothing}
      <button part="shortcuts-button" aria-haspopup="dialog" aria-keyshortcuts="?" title=${consoleStrings().shortcuts}
        @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.shortcuts')?.showModal()}>?<span class="visually-hidden"> ${consoleStrings().shortcuts}</span></button>
    </div>`;
  }
  private readonly phoneState = new StoreController<PhoneState>(this, undefined, 'offline');
  private readonly incoming = new StoreController<IncomingCall[]>(this, undefined, []);
  private readonly currentCall = new StoreController<Call | undefined>(this, undefined, undefined);

  /** The session in use, provided to the elements inside. */
  private readonly provider = new ContextProvider(this, { context: sessionContext });
  private get session(): OmniSession | undefined {
    return this.provider.value;
  }

  private readonly owner = new SessionOwner(this, (session) => {
    this.provider.setValue(session);
    this.requestUpdate();
    this.connection.setStore(session?.$connection);
    this.conversations.setStore(session ? conversationsOf(session) : undefined);
  });
  private readonly connection = new StoreController<ConnectionState>(this, undefined, 'idle');
  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});

  protected override willUpdate(): void {
    this.owner.configure({ serverUrl: this.serverUrl, tokenUrl: this.tokenUrl, jwtProvider: this.jwtProvider });
    if (this.phone && this.session && !this.agentPhone) void this.startPhone(this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.agentPhone?.stop();
    this.agentPhone = undefined;
  }

  /** The agent's phone (when `phone` is set). */
  get agentPhoneInstance(): AgentPhone | undefined {
    return this.agentPhone;
  }

  private async startPhone(session: OmniSession): Promise<void> {
    const { AgentPhone } = await loadCalling();
    if (this.agentPhone || session !== this.session) return;
    const phone = new AgentPhone(session);
    this.agentPhone = phone;
    this.phoneState.setStore(phone.$state);
    this.incoming.setStore(phone.$incoming);
    this.currentCall.setStore(phone.$current);
    await phone.start();
  }

  private async answer(pending: IncomingCall): Promise<void> {
    if (pending.conversationId) this.conversationId = pending.conversationId;
    const call = await this.agentPhone?.accept(pending.id);
    await this.updateComplete;
    this.renderRoot.querySelector<OmniCallButton>('omni-call-button')?.adopt(call);
  }

  private renderCalls() {
    if (!this.phone) return nothing;
    return html`<div class="calls">
      <span part="phone">${agentStrings().phoneStates[this.phoneState.value]}</span>
      ${this.incoming.value.map((pending) => html`
        <div class="incoming" part="incoming" role="alert">
          <span>${agentStrings().incomingCall(this.callerName(pending))}</span>
          <button part="answer" class="answer" @click=${() => void this.answer(pending)}>${agentStrings().answer}</button>
          <button part="decline" class="decline" @click=${() => void this.agentPhone?.reject(pending.id)}>${agentStrings().decline}</button>
        </div>`)}
      <omni-call-button .session=${this.session} theme=${ifDefined(this.theme)} ?hidden=${!this.currentCall.value}></omni-call-button>
    </div>`;
  }

  /** Who is calling, by name: the customer of the call's conversation, else the SIP display name, never a SIP user id. */
  private callerName(pending: IncomingCall): string {
    const customer = pending.conversationId ? this.conversations.value[pending.conversationId]?.customer : undefined;
    const sipName = pending.remoteName && !/^[ac]-/.test(pending.remoteName) ? pending.remoteName : undefined;
    return customer?.displayName || sipName || strings().guest;
  }

  /** Marks the conversation resolved (the visitor is asked for a rating); the head shows it when the event arrives. */
  private async resolve(conversationId: string): Promise<void> {
    try {
      await this.session?.http.request('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/resolve`, {});
    } catch (error) {
      this.session?.reportError(error);
    }
  }

  protected override render() {
    const state = this.connection.value;
    const notice = state === 'reconnecting' ? strings().reconnecting : state === 'offline' ? strings().offline : '';
    const selected = this.conversationId ? this.conversations.value[this.conversationId] : undefined;
    return html`
      ${this.renderToolbar(notice)}
      ${this.renderCalls()}
      <omni-conversation-list
        .session=${this.session}
        theme=${ifDefined(this.theme)}
        .selected=${this.conversationId}
        @omni-conversation-select=${(event: CustomEvent<{ conversationId: string }>) => (this.conversationId = event.detail.conversationId)}
      ></omni-conversation-list>
      <main>
        ${this.conversationId
          ? html`<header part="header"><span>${selected ? customerName(selected) : strings().guest}</span>
                ${selected?.state === 'resolved'
                  ? html`<span class="resolved" part="resolved">${agentStrings().resolved}</span>`
                  : html`<button class="resolve" part="resolve" @click=${() => void this.resolve(this.conversationId!)}>${agentStrings().resolve}</button>`}
                ${selected?.state === 'open' && !selected.assignee
                  ? html`<button class="take" part="take" @click=${() => this.session && void takeConversation(this.session, selected.id)}>${transferStrings().take}</button>`
                  : nothing}
                ${selected && selected.state !== 'resolved'
                  ? html`<button class="transfer-button" part="transfer-button" @click=${() => void this.transferDialog.open(selected.id)}>${transferStrings().transferOpen}</button>`
                  : nothing}
              </header>
              ${this.internalNotes.renderNotes()}
              <omni-conversation class=${this.internalNotes.writing ? 'writing-note' : ''} .session=${this.session} theme=${ifDefined(this.theme)} .commandParser=${parseAgentCommand} conversation-id=${this.conversationId}></omni-conversation>
              ${this.slashPopup.render()}
              ${this.internalNotes.renderComposerMode()}`
          : html`<p class="empty">${agentStrings().noSelection}</p>`}
      </main>
      ${selected ? customerPanel(selected, this.panel.visitor) : nothing}
      ${shortcutHelp(() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.shortcuts')?.close())}
      ${this.transferDialog.render()}
    `;
  }
}
