/**
 * The agent console: the queue's conversations on the left, the chosen one on the right, live.
 * Owns its own session (never the page's default), so it can sit beside other sessions.
 *
 * @csspart status - the connection notice
 * @csspart header - the selected conversation's header
 * @fires omni-conversation-select - a conversation was opened ({ conversationId })
 * @fires omni-message - a customer message arrived live
 * @fires omni-error - something failed ({ code, message })
 */
import { provide } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectionState } from '../../core/events-socket.js';
import type { JwtProvider, OmniSession } from '../../core/session.js';
import type { Conversation } from '../../core/protocol.js';
import { conversationsOf } from '../../messaging/conversations.js';
import { sessionContext } from '../shared/session-context.js';
import { SessionOwner } from '../shared/session-owner.js';
import { StoreController } from '../shared/store-controller.js';
import { strings } from '../shared/strings.js';
import { themeStyles } from '../shared/theme.styles.js';

/** Queue list + conversation for agents. */
export class OmniAgentConsole extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(220px, 320px) 1fr; grid-template-rows: auto 1fr; height: 100%; min-height: 400px;
        border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_surface); }
      .status { grid-column: 1 / -1; padding: 6px 12px; font-size: 0.85em; background: var(--_surface-alt); color: var(--_muted); }
      omni-conversation-list { border-right: 1px solid var(--_border); min-height: 0; }
      main { display: flex; flex-direction: column; min-height: 0; }
      header { padding: 12px 16px; border-bottom: 1px solid var(--_border); font-weight: 600; }
      omni-conversation { flex: 1; }
      .empty { margin: auto; color: var(--_muted); }
    `,
  ];

  /** Base URL of the omni server (default: this page's origin). */
  @property({ attribute: 'server-url' }) serverUrl: string | undefined;
  /** A route that answers POST with an agent `{ jwt, expiresAt }`. */
  @property({ attribute: 'token-url' }) tokenUrl: string | undefined;
  /** The agent's token source (alternative to `token-url`). */
  @property({ attribute: false }) jwtProvider: JwtProvider | undefined;
  /** The open conversation. */
  @property({ attribute: 'conversation-id' }) conversationId: string | undefined;

  @provide({ context: sessionContext })
  @state()
  private session: OmniSession | undefined;

  private readonly owner = new SessionOwner(this, (session) => {
    this.session = session;
    this.connection.setStore(session?.$connection);
    this.conversations.setStore(session ? conversationsOf(session) : undefined);
  });
  private readonly connection = new StoreController<ConnectionState>(this, undefined, 'idle');
  private readonly conversations = new StoreController<Record<string, Conversation>>(this, undefined, {});

  protected override willUpdate(): void {
    this.owner.configure({ serverUrl: this.serverUrl, tokenUrl: this.tokenUrl, jwtProvider: this.jwtProvider });
  }

  protected override render() {
    const state = this.connection.value;
    const notice = state === 'reconnecting' ? strings().reconnecting : state === 'offline' ? strings().offline : '';
    const selected = this.conversationId ? this.conversations.value[this.conversationId] : undefined;
    return html`
      <div class="status" part="status" role="status" ?hidden=${!notice}>${notice}</div>
      <omni-conversation-list
        .session=${this.session}
        .selected=${this.conversationId}
        @omni-conversation-select=${(event: CustomEvent<{ conversationId: string }>) => (this.conversationId = event.detail.conversationId)}
      ></omni-conversation-list>
      <main>
        ${this.conversationId
          ? html`<header part="header">${selected?.customer.displayName ?? strings().guest}</header>
              <omni-conversation .session=${this.session} conversation-id=${this.conversationId}></omni-conversation>`
          : html`<p class="empty">${strings().noSelection}</p>`}
      </main>
    `;
  }
}
