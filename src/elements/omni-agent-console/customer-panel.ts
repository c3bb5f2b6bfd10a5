/**
 * The customer panel beside the open conversation: who the customer is (name, email, phone,
 * verified or guest, customer id and integration), the page the visitor is on (URL and title, as
 * the widget reported it), their local time in their own time zone, and whether they are online.
 * A controller loads it (`GET /v1/conversations/:id/visitor`) and follows `visitor` frames live;
 * the template renders it in the console's shadow root. Everything is text (no link is followed
 * for the agent: the URL is shown, and opens only in a new tab without referrer on a click).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Conversation, VisitorInfo } from '../../core/protocol.js';
import type { OmniSession } from '../../core/session.js';
import { $language } from '../shared/language.js';
import { customerName } from '../omni-conversation-list/customer-name.js';
import { consoleStrings } from './console-strings.js';

/** The local time is redrawn this often. */
const CLOCK_MS = 30_000;

/** Loads and follows the visitor of the open conversation. */
export class CustomerPanelController implements ReactiveController {
  /** The visitor of the open conversation (undefined until loaded). */
  visitor: VisitorInfo | undefined;
  private conversationId: string | undefined;
  private session: OmniSession | undefined;
  private stopSignals: (() => void) | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => { session: OmniSession | undefined; conversationId: string | undefined },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.clock = setInterval(() => this.visitor?.timeZone && this.host.requestUpdate(), CLOCK_MS);
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    clearInterval(this.clock);
    this.stopSignals?.();
    this.stopSignals = undefined;
    this.session = undefined;
    this.conversationId = undefined;
  }

  /** Follows the session and conversation the host shows now. */
  private sync(): void {
    const { session, conversationId } = this.target();
    if (session !== this.session) {
      this.stopSignals?.();
      this.session = session;
      this.stopSignals = session?.onSignal((signal) => {
        if (signal.type !== 'visitor' || signal.visitor.conversationId !== this.conversationId) return;
        this.visitor = signal.visitor;
        this.host.requestUpdate();
      });
      this.conversationId = undefined;
    }
    if (conversationId === this.conversationId) return;
    this.conversationId = conversationId;
    this.visitor = undefined;
    if (session && conversationId) void this.load(session, conversationId);
  }

  private async load(session: OmniSession, conversationId: string): Promise<void> {
    try {
      const visitor = await session.http.request<VisitorInfo>('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/visitor`);
      // A frame may have brought a newer one meanwhile; another conversation may be open now.
      if (conversationId !== this.conversationId || this.visitor) return;
      this.visitor = visitor;
      this.host.requestUpdate();
    } catch (error) {
      session.reportError(error);
    }
  }
}

/** The visitor's local time, e.g. "Tue 14:05 (Europe/Berlin)"; undefined for a zone this browser doesn't know. */
export function localTime(timeZone: string, now = new Date()): string | undefined {
  try {
    const time = new Intl.DateTimeFormat($language.get() || undefined, { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(now);
    return `${time} (${timeZone})`;
  } catch {
    return undefined;
  }
}

/** The panel's styles (for the console's `styles`). */
export const customerPanelStyles = css`
  .panel { border-inline-start: 1px solid var(--_border); padding: 12px 14px; overflow-y: auto; min-width: 0; font-size: 0.9em; }
  .panel h2 { font-size: 1em; margin: 0 0 8px; overflow-wrap: anywhere; }
  .panel dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 4px 10px; }
  .panel dt { color: var(--_muted); }
  .panel dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
  .panel .page-title { display: block; }
  .panel a { color: var(--_accent); }
  .presence::before { content: ''; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-inline-end: 6px; background: var(--_muted); }
  .presence.online::before { background: #1e8e3e; }
`;

/** The panel for `conversation` with what is known of its visitor. */
export function customerPanel(conversation: Conversation, visitor: VisitorInfo | undefined) {
  const text = consoleStrings();
  const contact = conversation.contact;
  const time = visitor?.timeZone ? localTime(visitor.timeZone) : undefined;
  return html`<aside class="panel" part="customer-panel" aria-label=${text.customer}>
    <h2 part="customer-name">${customerName(conversation)}</h2>
    <dl>
      ${visitor
        ? html`<dt>${text.status}</dt><dd part="customer-online"><span class="presence ${visitor.online ? 'online' : ''}">${visitor.online ? text.online : text.offline}</span></dd>`
        : nothing}
      ${contact?.email ? html`<dt>${text.email}</dt><dd part="customer-email">${contact.email}</dd>` : nothing}
      ${contact?.phone ? html`<dt>${text.phone}</dt><dd part="customer-phone">${contact.phone}</dd>` : nothing}
      ${visitor?.verified !== undefined ? html`<dt>${text.identity}</dt><dd part="customer-verified">${visitor.verified ? text.verified : text.guest}</dd>` : nothing}
      ${visitor ? html`<dt>${text.customerId}</dt><dd part="customer-id">${visitor.customerId}</dd>` : nothing}
      <dt>${text.integration}</dt><dd part="customer-integration">${conversation.integrationId}</dd>
      <dt>${text.page}</dt>
      <dd part="customer-page">${visitor?.page
        ? html`<span class="page-title">${visitor.page.title || visitor.page.url}</span>${/^https?:\/\//i.test(visitor.page.url)
            ? html`<a href=${visitor.page.url} target="_blank" rel="noopener noreferrer">${visitor.page.url}</a>`
            : visitor.page.url}`
        : text.noPage}</dd>
      ${time ? html`<dt>${text.localTime}</dt><dd part="customer-time">${time}</dd>` : nothing}
    </dl>
  </aside>`;
}
