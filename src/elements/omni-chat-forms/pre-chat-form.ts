/**
 * The pre-chat form: the fields the integration's settings configure (name, email, phone, text,
 * select, consent), shown before the visitor can write. Its answers go to the server's contact
 * route once (`POST /v1/conversations/:id/contact`): the name becomes the customer's display name
 * for the agents, the email and phone their contact, the rest the form's answers.
 */
import { html, type TemplateResult } from 'lit';
import type { OmniSession } from '../../core/session.js';
import { OmniError } from '../../core/errors.js';
import type { ContactEvent, ContactRequest, PreChatField } from '../../core/protocol.js';
import { conversationsOf } from '../../messaging/conversations.js';
import type { Answer, FormField } from './form-fields.js';
import { formStrings as strings } from './form-strings.js';
import { FormState, type FormHost } from './form-state.js';

/** The pre-chat form's fields in the forms' model. */
const fieldsOf = (fields: PreChatField[]): FormField[] =>
  fields.map((field) => ({
    name: field.name,
    label: field.label,
    kind: field.type,
    required: field.required,
    ...(field.options ? { options: field.options } : {}),
    ...(field.link ? { link: field.link } : {}),
  }));

/** The contact route's body from the form's answers (empty answers left out). */
export function contactRequest(fields: PreChatField[], answers: Record<string, Answer>): ContactRequest {
  const request: ContactRequest = {};
  const others: Record<string, Answer> = {};
  for (const field of fields) {
    const answer = answers[field.name];
    if (answer === undefined || answer === '') continue;
    if (field.type === 'name' || field.type === 'email' || field.type === 'phone') request[field.type] = String(answer);
    else others[field.name] = answer;
  }
  if (Object.keys(others).length) request.answers = others;
  return request;
}

/** The pre-chat form of one customer conversation. */
export class PreChatForm {
  /** True once the contact is stored (or there was nothing to store). */
  done = false;
  private readonly state: FormState;

  constructor(
    private readonly host: FormHost,
    private readonly session: OmniSession,
    private readonly conversationId: () => string | undefined,
    private readonly fields: () => PreChatField[],
  ) {
    this.state = new FormState(host, 'pre-chat', () => fieldsOf(this.fields()));
  }

  /** Moves focus to the first field. */
  focus(): boolean {
    return this.state.focusField();
  }

  /** The form. */
  render(): TemplateResult {
    const required = this.fields().some((field) => field.required);
    return html`<form class="chat-form" part="pre-chat" aria-labelledby="pre-chat-title" novalidate @submit=${this.onSubmit} @input=${this.state.onChange} @change=${this.state.onChange}>
      <h3 id="pre-chat-title">${strings().preChatTitle}</h3>
      <p class="intro">${strings().preChatIntro}${required ? html` ${strings().requiredNote}` : ''}</p>
      ${this.state.renderFields()}
      ${this.state.renderMessages()}
      <button type="submit" class="submit" part="pre-chat-submit" aria-disabled=${this.state.busy ? 'true' : 'false'}>
        ${this.state.busy ? strings().formSending : strings().preChatSubmit}
      </button>
    </form>`;
  }

  private readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.state.busy) return;
    const answers = this.state.check(event.currentTarget as HTMLFormElement);
    if (!answers) return;
    const request = contactRequest(this.fields(), answers);
    if (Object.keys(request).length === 0) {
      // Every field was optional and left empty: nothing to store, the chat is open.
      this.done = true;
      this.host.requestUpdate();
      return;
    }
    const id = this.conversationId();
    this.state.busy = true;
    this.host.requestUpdate();
    try {
      if (!id) throw new Error('not connected yet');
      const stored = await this.session.http.request<ContactEvent>('POST', `/v1/conversations/${encodeURIComponent(id)}/contact`, request);
      this.given(id, stored.contact);
    } catch (error) {
      // 409: given already (another tab): the chat is open all the same.
      if (id && error instanceof OmniError && error.status === 409) this.given(id, request);
      else this.state.failure = strings().formFailed;
    } finally {
      this.state.busy = false;
      this.host.requestUpdate();
    }
  };

  /** The contact is stored: the conversation head says so (here and in the cache), so the form is not shown again. */
  private given(id: string, contact: ContactRequest): void {
    this.done = true;
    const store = conversationsOf(this.session);
    const head = store.get()[id];
    if (head) store.setKey(id, { ...head, contact });
  }
}
