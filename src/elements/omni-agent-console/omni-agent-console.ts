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
import { followLanguage } from '../shared/language.js';
import { themeStyles } from '../shared/theme.styles.js';

/**
 * The agent console: the queue's conversations on the left, the chosen one on the right, live.
 * Owns its own session (never the page's default), so it can sit beside other sessions. Its
 * composer sends rich messages with `/card`, `/carousel`, `/quick` and `/buttons`.
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
 * @fires {CustomEvent<OmniConversationSelectDetail>} omni-conversation-select - a conversation was opened from the list (`{ conversationId }`)
 * @fires {CustomEvent<OmniMessageDetail>} omni-message - a customer message arrived live in the open conversation (`{ conversationId, item }`)
 * @fires {CustomEvent<OmniCallStateDetail>} omni-call-state - an answered call changed state (`{ state, reason?, message? }`; with `phone`)
 * @fires {CustomEvent<OmniErrorInfo>} omni-error - something failed (`{ code, message }`): no token source or a `jwtprovider` attribute, the token source, the connection, or a call
 */
export class OmniAgentConsole extends LitElement {
  /** The elements it renders (registered with it). */
  static dependencies = { 'omni-conversation-list': OmniConversationList, 'omni-conversation': OmniConversation, 'omni-call-button': OmniCallButton };
  static override styles = [
    themeStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(220px, 320px) 1fr; grid-template-rows: auto 1fr; height: 100%; min-height: 400px;
        border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_surface); }
      .status { grid-column: 1 / -1; padding: 6px 12px; font-size: 0.85em; background: var(--_surface-alt); color: var(--_muted); }
      omni-conversation-list { border-inline-end: 1px solid var(--_border); min-height: 0; }
      main { display: flex; flex-direction: column; min-height: 0; }
      header { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 12px 16px; border-bottom: 1px solid var(--_border); font-weight: 600; }
      .resolve { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 4px 12px; font-weight: 600; }
      .resolved { color: var(--_muted); font-weight: 400; font-size: 0.9em; }
      omni-conversation { flex: 1; }
      .empty { margin: auto; color: var(--_muted); }
      .calls { grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 6px 12px; border-bottom: 1px solid var(--_border); }
      .incoming { display: flex; gap: 8px; align-items: center; padding: 4px 8px; border-radius: 8px; background: var(--_surface-alt); }
      .incoming button { border-radius: 999px; border: 0; padding: 4px 12px; font-weight: 600; }
      .answer { background: var(--_accent); color: var(--_on-accent); }
      .decline { background: var(--_danger); color: #fff; }
      [part='phone'] { color: var(--_muted); font-size: 0.85em; }
    `,
  ];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    serverUrl: { attribute: 'server-url' },
    tokenUrl: { attribute: 'token-url' },
    jwtProvider: { attribute: false },
    conversationId: { attribute: 'conversation-id' },
    phone: { type: Boolean },
    theme: { reflect: true },
    agentPhone: { state: true },
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
      <div class="status" part="status" role="status" ?hidden=${!notice}>${notice}</div>
      ${this.renderCalls()}
      <omni-conversation-list
        .session=${this.session}
        theme=${ifDefined(this.theme)}
        .selected=${this.conversationId}
        @omni-conversation-select=${(event: CustomEvent<{ conversationId: string }>) => (this.conversationId = event.detail.conversationId)}
      ></omni-conversation-list>
      <main>
        ${this.conversationId
          ? html`<header part="header"><span>${selected?.customer.displayName ?? strings().guest}</span>
                ${selected?.state === 'resolved'
                  ? html`<span class="resolved" part="resolved">${agentStrings().resolved}</span>`
                  : html`<button class="resolve" part="resolve" @click=${() => void this.resolve(this.conversationId!)}>${agentStrings().resolve}</button>`}
              </header>
              <omni-conversation .session=${this.session} theme=${ifDefined(this.theme)} .commandParser=${parseAgentCommand} conversation-id=${this.conversationId}></omni-conversation>`
          : html`<p class="empty">${agentStrings().noSelection}</p>`}
      </main>
    `;
  }
}
