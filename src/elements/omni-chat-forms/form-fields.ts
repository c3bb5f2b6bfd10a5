/**
 * The fields of the chat's forms: one model for the pre-chat form's configured fields and the
 * leave-a-message form's own, rendered with labels, `required`, `autocomplete`, and errors tied
 * to their field (`aria-invalid`, `aria-describedby`), and checked in the browser with the
 * server's own rules (required, email and phone formats, lengths) before anything is sent.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PreChatFieldType } from '../../core/protocol.js';
import { formStrings as strings } from './form-strings.js';

/** What a field asks for: a pre-chat field type, or the leave-a-message form's text. */
export type FieldKind = PreChatFieldType | 'message';

/** One field of a form. */
export interface FormField {
  /** Key of the answer (unique in its form; also the base of its element ids). */
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** `select`: the choices. */
  options?: string[];
  /** `consent`: the page the consent refers to (https only). */
  link?: string;
  /** A value to start with (e.g. an email already known). */
  initial?: string;
}

/** An answer as read from the form: text, or a checkbox's state. */
export type Answer = string | boolean;

/** The server's email rule (`server/messaging/contact-form.ts`). */
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]+$/;
/** The server's phone rule. */
const PHONE = /^\+?[0-9][0-9 ().-]{2,31}$/;

/** The longest answer the server takes, per kind. */
const MAX_LENGTH: Record<FieldKind, number> = { name: 80, email: 254, phone: 32, text: 1000, select: 80, consent: 0, message: 4000 };

/** The element id of a field in a form whose ids start with `prefix`. */
export const fieldId = (prefix: string, field: FormField): string => `${prefix}-${field.name}`;

/** Reads a field's answer from its form (text trimmed; a checkbox's checked state). */
export function answerOf(form: HTMLFormElement, field: FormField): Answer {
  const control = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!control) return field.kind === 'consent' ? false : '';
  if (field.kind === 'consent') return (control as HTMLInputElement).checked;
  return control.value.trim();
}

/** What is wrong with an answer ('' when nothing). */
export function problemOf(field: FormField, answer: Answer): string {
  if (field.kind === 'consent') return field.required && answer !== true ? strings().consentRequired : '';
  const text = typeof answer === 'string' ? answer : '';
  if (!text) return field.required ? (field.kind === 'select' ? strings().optionRequired : strings().fieldRequired) : '';
  if (field.kind === 'email' && !EMAIL.test(text)) return strings().emailInvalid;
  if (field.kind === 'phone' && !PHONE.test(text)) return strings().phoneInvalid;
  if (field.kind === 'select' && !field.options?.includes(text)) return strings().optionRequired;
  return '';
}

/** https links only: never `javascript:` or `data:` (the server checks too). */
const safeLink = (url: string | undefined): string | undefined => (url && /^https:\/\/[^\s"'<>\\]+$/i.test(url) ? url : undefined);

const autocomplete: Partial<Record<FieldKind, string>> = { name: 'name', email: 'email', phone: 'tel' };
const inputType: Partial<Record<FieldKind, string>> = { email: 'email', phone: 'tel' };

/** One field: label, control and its error (if any). */
export function fieldView(prefix: string, field: FormField, error: string): TemplateResult {
  const id = fieldId(prefix, field);
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : nothing;
  const invalid = error ? 'true' : 'false';
  const label = html`${field.label}${field.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}`;
  const errorView = error ? html`<p class="field-error" id=${errorId}>${error}</p>` : nothing;
  switch (field.kind) {
    case 'consent': {
      const link = safeLink(field.link);
      return html`<div class="field consent">
        <input type="checkbox" id=${id} name=${field.name} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} />
        <label for=${id}>${label}</label>
        ${link ? html`<a class="consent-link" href=${link} target="_blank" rel="noopener noreferrer">${strings().consentLink}</a>` : nothing}
        ${errorView}
      </div>`;
    }
    case 'select':
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} name=${field.name} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy}>
          <option value="">${strings().chooseOption}</option>
          ${(field.options ?? []).map((option) => html`<option .value=${option}>${option}</option>`)}
        </select>
        ${errorView}
      </div>`;
    case 'message':
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <textarea id=${id} name=${field.name} rows="4" maxlength=${MAX_LENGTH.message} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>
        ${errorView}
      </div>`;
    default:
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} name=${field.name} type=${inputType[field.kind] ?? 'text'} autocomplete=${autocomplete[field.kind] ?? 'off'}
          maxlength=${MAX_LENGTH[field.kind]} value=${field.initial ?? ''} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} />
        ${errorView}
      </div>`;
  }
}
