/** `<omni-supervisor-dashboard>`: a supervisor's live queue figures (its API is documented on the class). */
import { LitElement, html, nothing } from 'lit';
import type { AgentLoad, QueueFigures, WaitingConversation } from '../../core/protocol.js';
import type { JwtProvider } from '../../core/session.js';
import { emit } from '../shared/events.js';
import { followLanguage } from '../shared/language.js';
import { StoreController } from '../shared/store-controller.js';
import { themeStyles } from '../shared/theme.styles.js';
import { AnalyticsConnection, type AnalyticsState } from './analytics-connection.js';
import { dashboardStrings } from './dashboard-strings.js';
import { dashboardStyles } from './omni-supervisor-dashboard.styles.js';
import { queueChart } from './queue-chart.js';

/**
 * A supervisor's live view of its queues, from the server's analytics socket (`WS /v1/analytics`):
 * per queue a table of figures (waiting, longest wait, assigned, waiting on the customer, resolved
 * today, average first response and handle time, CSAT, share answered within the service level),
 * a small chart of today by hour, the agents with their status and load, and the waiting list with
 * wait times. Changes of the waiting count and of the day's resolves are announced politely. Needs
 * a supervisor's agent token; agent bundle only.
 *
 * @tagname omni-supervisor-dashboard
 * @summary A supervisor's live queue figures, agents and waiting list.
 * @csspart status - the connection notice (connecting, reconnecting, refused)
 * @csspart queue - one queue's section
 * @csspart figures - a queue's table of figures
 * @csspart chart - the chart of today by hour (a `figure` holding an SVG)
 * @csspart agents - the table of agents, their status and load
 * @csspart waiting - the waiting list table
 * @csspart live - the polite live region announcing changes
 * @fires {CustomEvent<OmniErrorInfo>} omni-error - something failed (`{ code, message }`): the token source, or the server refused the token (`forbidden` for a non-supervisor)
 */
export class OmniSupervisorDashboard extends LitElement {
  static override styles = [themeStyles, dashboardStyles];
  // Strings, dates and `dir` follow the page's language.
  static {
    this.addInitializer(followLanguage);
  }

  static override properties = {
    serverUrl: { attribute: 'server-url' },
    tokenUrl: { attribute: 'token-url' },
    jwtProvider: { attribute: false },
    queue: {},
    theme: { reflect: true },
    announcement: { state: true },
  };

  /** Base URL of the omni server (default: this page's origin). */
  serverUrl: string | undefined;
  /** A route that answers POST with a supervisor's agent `{ jwt, expiresAt }`. */
  tokenUrl: string | undefined;
  /** The supervisor's token source (alternative to `token-url`). */
  jwtProvider: JwtProvider | undefined;
  /** Show only this queue (default: every queue the supervisor serves). */
  queue: string | undefined;
  /** `light` or `dark` (default: the supervisor's `prefers-color-scheme`). */
  theme: 'light' | 'dark' | undefined;

  private announcement = '';
  private connection: AnalyticsConnection | undefined;
  private key: unknown[] = [];
  private readonly figures = new StoreController<QueueFigures[]>(this, undefined, []);
  private readonly state = new StoreController<AnalyticsState>(this, undefined, 'connecting');
  private previous = new Map<string, QueueFigures>();
  private clock: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Wait times tick once a second (the live region does not: it speaks only of changes).
    this.clock = setInterval(() => {
      if (this.figures.value.some((figures) => figures.open > 0)) this.requestUpdate();
    }, 1000);
    // Back in the page after a removal: connect again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.connection?.stop();
    this.connection = undefined;
    this.key = [];
  }

  protected override willUpdate(): void {
    const source = this.jwtProvider ?? this.tokenUrl;
    const key = [this.serverUrl || location.origin, source];
    if (this.isConnected && source && key.some((value, index) => value !== this.key[index])) {
      this.key = key;
      this.connection?.stop();
      const connection = new AnalyticsConnection({
        serverUrl: this.serverUrl || location.origin,
        jwtProvider: this.jwtProvider,
        tokenUrl: this.tokenUrl,
        onError: (error) => emit(this, 'omni-error', error),
      });
      this.connection = connection;
      this.figures.setStore(connection.$figures);
      this.state.setStore(connection.$state);
      connection.start();
    }
    this.announceChanges();
  }

  /** Puts the newest change of a waiting count or of the day's resolves in the live region (one sentence, replaced). */
  private announceChanges(): void {
    const s = dashboardStrings();
    const messages: string[] = [];
    for (const figures of this.figures.value) {
      const before = this.previous.get(figures.queue);
      if (before && before.open !== figures.open) messages.push(s.changeWaiting(figures.queue, figures.open));
      if (before && before.resolvedToday !== figures.resolvedToday) messages.push(s.changeResolved(figures.queue, figures.resolvedToday));
      this.previous.set(figures.queue, figures);
    }
    if (messages.length > 0) this.announcement = messages.join('. ');
  }

  private renderFigures(figures: QueueFigures) {
    const s = dashboardStrings();
    const seconds = (value: number | null) => (value === null ? s.none : s.duration(value));
    const waitedSince = figures.longestWaitingSince ? (Date.now() - Date.parse(figures.longestWaitingSince)) / 1000 : null;
    const rows: Array<[string, string]> = [
      [s.waitingNow, String(figures.open)],
      [s.longestWait, seconds(waitedSince)],
      [s.assignedNow, String(figures.assigned)],
      [s.pendingNow, String(figures.pending)],
      [s.resolvedToday, String(figures.resolvedToday)],
      [s.firstResponse, seconds(figures.averageFirstResponseSeconds)],
      [s.handleTime, seconds(figures.averageHandleSeconds)],
      [s.csat, figures.csatAverage === null ? s.none : s.csatValue(figures.csatAverage, figures.csatCount)],
      [s.sla(figures.sla.seconds), figures.sla.share === null ? s.none : s.slaValue(figures.sla.share, figures.sla.met, figures.sla.total)],
    ];
    return html`<table part="figures" class="figures">
      <caption>${s.figures}</caption>
      <thead><tr><th scope="col">${s.figure}</th><th scope="col">${s.value}</th></tr></thead>
      <tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody>
    </table>`;
  }

  private renderAgents(agents: AgentLoad[]) {
    const s = dashboardStrings();
    if (agents.length === 0) return html`<p class="empty">${s.noAgents}</p>`;
    return html`<table part="agents">
      <caption>${s.agents}</caption>
      <thead><tr><th scope="col">${s.agentColumn}</th><th scope="col">${s.status}</th><th scope="col">${s.load}</th></tr></thead>
      <tbody>${agents.map((item) => html`<tr>
        <th scope="row">${item.agent.displayName ?? s.agentColumn}</th>
        <td><span class="dot ${item.presence.status}"></span>${s.statuses[item.presence.status] ?? item.presence.status}${item.presence.reason ? html` (${item.presence.reason})` : nothing}</td>
        <td>${s.loadValue(item.load, item.capacity)}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderWaiting(waiting: WaitingConversation[]) {
    const s = dashboardStrings();
    if (waiting.length === 0) return html`<p class="empty">${s.nobodyWaiting}</p>`;
    return html`<table part="waiting">
      <caption>${s.waitingList}</caption>
      <thead><tr><th scope="col">${s.customer}</th><th scope="col">${s.waited}</th></tr></thead>
      <tbody>${waiting.map((item) => html`<tr>
        <th scope="row">${item.customer.displayName ?? s.guest}</th>
        <td>${s.duration((Date.now() - Date.parse(item.waitingSince)) / 1000)}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  protected override render() {
    const s = dashboardStrings();
    const state = this.state.value;
    const notice = state === 'refused' ? s.refused : state === 'reconnecting' ? s.reconnecting : state === 'connecting' ? s.connecting : '';
    const queues = this.figures.value.filter((figures) => !this.queue || figures.queue === this.queue);
    return html`
      <div class="status" part="status" role="status" ?hidden=${!notice}>${notice}</div>
      <div class="live" part="live" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${state === 'online' && queues.length === 0 ? html`<p class="empty">${s.noQueues}</p>` : nothing}
      ${queues.map((figures) => html`<section part="queue" aria-labelledby="queue-${figures.queue}">
        <h2 id="queue-${figures.queue}">${s.dashboardTitle(figures.queue)}</h2>
        <div class="grid">
          ${this.renderFigures(figures)}
          <div class="side">${queueChart(figures.hours)}</div>
          ${this.renderAgents(figures.agents)}
          ${this.renderWaiting(figures.waiting)}
        </div>
      </section>`)}
    `;
  }
}
