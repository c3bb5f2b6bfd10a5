/**
 * Contact details a customer gives (the pre-chat form's answers): the JSON schema of
 * `POST /v1/conversations/:id/contact`, and the check against the integration's form (required
 * fields, select options, consent).
 */
import type { ContactDetails, ContactRequest, IntegrationSettings } from '../../src/core/protocol.js';
import { HttpError } from '../http/errors.js';

/** An email address as forms accept it (one @, a dot in the domain, no spaces); also the `leave-message` message's. */
export const emailSchema = { type: 'string', maxLength: 254, pattern: '^[^\\s@<>"]{1,64}@[^\\s@<>"]+\\.[^\\s@<>"]+$' } as const;

/** `POST /v1/conversations/:id/contact` body. */
export const contactBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 80, pattern: '\\S' },
    email: emailSchema,
    phone: { type: 'string', pattern: '^\\+?[0-9][0-9 ().-]{2,31}$' },
    answers: {
      type: 'object',
      maxProperties: 12,
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$' },
      additionalProperties: { anyOf: [{ type: 'string', maxLength: 1000 }, { type: 'boolean' }] },
    },
  },
} as const;

const invalid = (message: string): HttpError => new HttpError(400, 'invalid-request', `Invalid body/${message}`);

/** The request checked against the integration's pre-chat form, trimmed: what is stored. */
export function checkContact(request: ContactRequest, form: IntegrationSettings['preChatForm']): ContactDetails {
  const contact: ContactDetails = {
    ...(request.name ? { name: request.name.trim() } : {}),
    ...(request.email ? { email: request.email } : {}),
    ...(request.phone ? { phone: request.phone.trim() } : {}),
  };
  const answers = Object.fromEntries(
    Object.entries(request.answers ?? {})
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value] as const)
      .filter(([, value]) => value !== ''),
  );
  const fields = form.enabled ? form.fields : [];
  for (const key of Object.keys(answers)) {
    const field = fields.find((candidate) => candidate.name === key);
    if (!field || field.type === 'name' || field.type === 'email' || field.type === 'phone') {
      throw invalid(`answers/${key}: not a text, select or consent field of the pre-chat form.`);
    }
  }
  for (const field of fields) {
    const value = field.type === 'name' || field.type === 'email' || field.type === 'phone' ? contact[field.type] : answers[field.name];
    const where = field.type === 'name' || field.type === 'email' || field.type === 'phone' ? field.type : `answers/${field.name}`;
    if (field.type === 'consent') {
      if (value !== undefined && typeof value !== 'boolean') throw invalid(`${where}: a consent is true or false.`);
      if (field.required && value !== true) throw invalid(`${where}: this consent is required.`);
      continue;
    }
    if (value !== undefined && typeof value !== 'string') throw invalid(`${where}: must be text.`);
    if (field.required && !value) throw invalid(`${where}: "${field.label}" is required.`);
    if (field.type === 'select' && value && !field.options?.includes(value)) throw invalid(`${where}: not one of the options.`);
  }
  if (Object.keys(answers).length > 0) contact.answers = answers;
  if (Object.keys(contact).length === 0) throw invalid('the contact details are empty.');
  return contact;
}
