/**
 * The leave-a-message form, offered outside business hours when the integration's offline mode
 * asks for it: an email and a message, stored in the conversation as a `leave-message` message
 * (so the agents find it with the rest of the conversation), then confirmed to the visitor.
 */
import { html, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import type { MessageEvent, SendMessageRequest } from '../../core/protocol.js';
import type { FormField } from './form-fields.js';
import { formStrings as strings } from './form-strings.js';
import { FormState, type FormHost } from './form-state.js';

/** The leave-a-message form of one customer conversation. */
export class LeaveMessageForm {
  /** Where the team will answer, once the message is stored. */
  sentTo = '';
  private readonly state: FormState;
  /** One id per message, kept across retries: the server stores it once. */
  private clientMessageId = crypto.randomUUID();

  constructor(
    private readonly host: FormHost,
    private readonly session: OmniSession,
    private readonly conversationId: () => string | undefined,
    /** What the visitor told before (the pre-chat form's name and email). */
    private readonly known: () => { name?: string; email?: string },
  ) {
    this.state = new FormState(host, 'leave-message', () => [
      { name: 'email', label: strings().leaveEmail, kind: 'email', required: true, ...(this.known().email ? { initial: this.known().email } : {}) },
      { name: 'message', label: strings().leaveMessage, kind: 'message', required: true },
    ] satisfies FormField[]);
  }

  /** Moves focus to the first field, or to the confirmation. */
  focus(): boolean {
    if (!this.sentTo) return this.state.focusField();
    const thanks = this.host.renderRoot.querySelector<HTMLElement>('.chat-thanks');
    thanks?.focus();
    return !!thanks;
  }

  /** The form, or the confirmation once the message is stored. */
  render(): TemplateResult {
    if (this.sentTo) return html`<p class="chat-thanks" part="leave-message-thanks" role="status" tabindex="-1">${strings().leaveThanks(this.sentTo)}</p>`;
    return html`<form class="chat-form" part="leave-message" aria-labelledby="leave-message-title" novalidate @submit=${this.onSubmit} @input=${this.state.onChange} @change=${this.state.onChange}>
      <h3 id="leave-message-title">${strings().leaveTitle}</h3>
      <p class="intro">${strings().leaveIntro} ${strings().requiredNote}</p>
      ${this.state.renderFields()}
      ${this.state.renderMessages()}
      <button type="submit" class="submit" part="leave-message-submit" aria-disabled=${this.state.busy ? 'true' : 'false'}>
        ${this.state.busy ? strings().formSending : strings().leaveSubmit}
      </button>
    </form>`;
  }

  private readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.state.busy) return;
    const answers = this.state.check(event.currentTarget as HTMLFormElement);
    if (!answers) return;
    const id = this.conversationId();
    const email = String(answers['email']);
    const name = this.known().name;
    const body: SendMessageRequest = { clientMessageId: this.clientMessageId, type: 'leave-message', text: String(answers['message']), email, ...(name ? { name } : {}) };
    this.state.busy = true;
    this.host.requestUpdate();
    try {
      if (!id) throw new Error('not connected yet');
      await this.session.http.request<MessageEvent>('POST', `/v1/conversations/${encodeURIComponent(id)}/messages`, body);
      this.sentTo = email;
      this.clientMessageId = crypto.randomUUID();
    } catch {
      this.state.failure = strings().formFailed;
    }
    this.state.busy = false;
    this.host.requestUpdate();
    // The submit button is gone: focus goes to the confirmation (also announced as a status).
    if (this.sentTo) void this.host.updateComplete.then(() => this.focus());
  };
}
