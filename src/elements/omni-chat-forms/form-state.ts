/**
 * What a chat form is doing: its fields' errors, whether it is sending, and why a send failed.
 * Checking happens on submit (every field; focus goes to the first invalid one and the count of
 * problems is announced), then again on every change of a field that has an error, so an error
 * goes away as soon as it is fixed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { answerOf, fieldId, fieldView, problemOf, type Answer, type FormField } from './form-fields.js';
import { formStrings as strings } from './form-strings.js';

/** What a form needs from the element showing it. */
export interface FormHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Errors, sending state and failure of one form. */
export class FormState {
  /** Field name -> what is wrong with it. */
  private errors: Record<string, string> = {};
  /** The announced summary after a refused submit. */
  private summary = '';
  /** True while the answers are on their way. */
  busy = false;
  /** Why the last send failed ('' when it did not). */
  failure = '';

  constructor(
    private readonly host: FormHost,
    /** The element ids' prefix (unique in the host's shadow root). */
    readonly prefix: string,
    readonly fields: () => FormField[],
  ) {}

  /** The fields, each with its error. */
  renderFields(): TemplateResult[] {
    return this.fields().map((field) => fieldView(this.prefix, field, this.errors[field.name] ?? ''));
  }

  /** The summary (announced politely) and the send failure (an alert). */
  renderMessages(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${this.summary}</p>
      ${this.failure ? html`<p class="form-failure" role="alert">${this.failure}</p>` : nothing}`;
  }

  /** Every field's answer when all are valid; otherwise shows the errors, focuses the first invalid field and returns undefined. */
  check(form: HTMLFormElement): Record<string, Answer> | undefined {
    const answers: Record<string, Answer> = {};
    this.errors = {};
    for (const field of this.fields()) {
      answers[field.name] = answerOf(form, field);
      const problem = problemOf(field, answers[field.name]!);
      if (problem) this.errors[field.name] = problem;
    }
    const invalid = this.fields().filter((field) => this.errors[field.name]);
    this.summary = invalid.length ? strings().fixFields(invalid.length) : '';
    this.failure = '';
    this.host.requestUpdate();
    if (invalid.length === 0) return answers;
    void this.host.updateComplete.then(() => this.focusField(invalid[0]!));
    return undefined;
  }

  /** Re-checks a field that shows an error when its value changes. */
  readonly onChange = (event: Event): void => {
    const control = event.target as HTMLInputElement;
    const field = this.fields().find((candidate) => candidate.name === control.name);
    if (!field || !this.errors[field.name] || !control.form) return;
    const problem = problemOf(field, answerOf(control.form, field));
    if (problem === this.errors[field.name]) return;
    if (problem) this.errors[field.name] = problem;
    else delete this.errors[field.name];
    this.host.requestUpdate();
  };

  /** Moves focus to a field (or the first one). */
  focusField(field = this.fields()[0]): boolean {
    const control = field && this.host.renderRoot.querySelector<HTMLElement>(`#${fieldId(this.prefix, field)}`);
    control?.focus();
    return !!control;
  }
}
