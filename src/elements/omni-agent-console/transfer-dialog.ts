/**
 * Routing actions of the console: "Take" for a waiting conversation nobody has, and the Transfer
 * dialog, which hands the open conversation to another agent or queue with an internal note
 * (`POST /v1/conversations/:id/transfer`; targets from `GET /v1/transfer-targets`). The dialog is
 * a modal `<dialog>`: the rest of the page is inert while it is open (focus stays inside),
 * Escape or Cancel closes it, and focus returns to what opened it.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { TransferRequest, TransferTargets } from '../../core/protocol.js';
import { stringsWith } from '../shared/strings.js';

/** English defaults of the routing actions (not yet translated into the shipped languages). */
export const transferDefaults = {
  take: 'Take',
  transferOpen: 'Transfer…',
  transferTitle: 'Transfer the conversation',
  transferTarget: 'Transfer to',
  transferAgents: 'Agents',
  transferQueues: 'Queues',
  transferChoose: 'Choose an agent or a queue',
  transferNote: 'Internal note (only agents see it)',
  transferSubmit: 'Transfer',
  transferCancel: 'Cancel',
  transferLoading: 'Loading…',
  presenceNames: { available: 'Available', busy: 'Busy', 'on-break': 'On break', offline: 'Offline' } as Record<string, string>,
};

/** The routing actions' strings in use. */
export const transferStrings = stringsWith(transferDefaults);

/** Styles of the dialog (added to the console's). */
export const transferStyles = css`
  dialog.transfer { border: 1px solid var(--_border); border-radius: 12px; padding: 16px; max-width: 360px; background: var(--_surface); color: var(--_text); }
  dialog.transfer form { display: grid; gap: 8px; }
  dialog.transfer h2 { font-size: 1.05em; margin: 0 0 4px; }
  dialog.transfer select, dialog.transfer textarea { font: inherit; padding: 6px; border: 1px solid var(--_border); border-radius: 8px; background: var(--_surface); color: var(--_text); }
  dialog.transfer .actions { display: flex; justify-content: flex-end; gap: 8px; }
  dialog.transfer .error { color: #b3261e; margin: 0; }
  dialog.transfer :focus-visible { outline: 2px solid var(--omni-color-accent, #2563eb); outline-offset: 2px; }
  .take, .transfer-button { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 999px; padding: 4px 12px; font-weight: 600; }
`;

/** The longest note a transfer carries, in characters. */
const NOTE_MAX_LENGTH = 2000;

/** Takes a waiting conversation for the calling agent (a 409 says another agent was faster). */
export async function takeConversation(session: OmniSession, conversationId: string): Promise<void> {
  try {
    await session.http.request('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/take`, {});
  } catch (error) {
    session.reportError(error);
  }
}

/** The Transfer dialog of a console. */
export class TransferDialog implements ReactiveController {
  private conversationId: string | undefined;
  private targets: TransferTargets | undefined;
  private error = '';
  private sending = false;
  private opener: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment; updateComplete: Promise<boolean> },
    private readonly session: () => OmniSession | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Opens the dialog for a conversation and loads whom it may go to. */
  async open(conversationId: string): Promise<void> {
    const session = this.session();
    if (!session) return;
    const root = this.host.renderRoot as ShadowRoot;
    this.opener = root.activeElement ?? document.activeElement;
    this.conversationId = conversationId;
    this.error = '';
    this.targets = undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.dialog();
    if (dialog && !dialog.open) dialog.showModal();
    try {
      this.targets = await session.http.request<TransferTargets>('GET', '/v1/transfer-targets');
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.dialog()?.querySelector<HTMLSelectElement>('select')?.focus();
  }

  /** The dialog (rendered always, shown only while open). */
  render() {
    const t = transferStrings();
    const targets = this.targets;
    return html`<dialog class="transfer" part="transfer" aria-labelledby="transfer-title" @close=${() => this.closed()}>
      <form @submit=${(event: Event) => this.submit(event)}>
        <h2 id="transfer-title">${t.transferTitle}</h2>
        <label for="transfer-target">${t.transferTarget}</label>
        <select id="transfer-target" name="target" required ?disabled=${!targets}>
          <option value="">${targets ? t.transferChoose : t.transferLoading}</option>
          ${targets?.agents.length
            ? html`<optgroup label=${t.transferAgents}>${targets.agents.map((agent) =>
                html`<option value=${`agent:${agent.id}`}>${agent.name} (${t.presenceNames[agent.status] ?? agent.status})</option>`)}</optgroup>`
            : nothing}
          ${targets?.queues.length
            ? html`<optgroup label=${t.transferQueues}>${targets.queues.map((queue) => html`<option value=${`queue:${queue}`}>${queue}</option>`)}</optgroup>`
            : nothing}
        </select>
        <label for="transfer-note">${t.transferNote}</label>
        <textarea id="transfer-note" name="note" rows="3" maxlength=${NOTE_MAX_LENGTH}></textarea>
        <p class="error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="button" part="transfer-cancel" @click=${() => this.dialog()?.close()}>${t.transferCancel}</button>
          <button type="submit" part="transfer-submit" ?disabled=${this.sending || !targets}>${t.transferSubmit}</button>
        </div>
      </form>
    </dialog>`;
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.transfer');
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const session = this.session();
    const form = event.target as HTMLFormElement;
    const target = (form.elements.namedItem('target') as HTMLSelectElement).value;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    if (!session || !this.conversationId || !target) return;
    const [kind, ...rest] = target.split(':');
    const name = rest.join(':');
    const body: TransferRequest = { ...(kind === 'agent' ? { agentId: name } : { queue: name }), ...(note ? { note } : {}) };
    this.sending = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await session.http.request('POST', `/v1/conversations/${encodeURIComponent(this.conversationId)}/transfer`, body);
      form.reset();
      this.dialog()?.close();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  /** Closed by Escape, Cancel or a transfer: focus goes back to what opened it. */
  private closed(): void {
    this.conversationId = undefined;
    const opener = this.opener as HTMLElement | null;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }
}
