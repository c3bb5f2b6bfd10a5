/**
 * Contact details a customer gives (the pre-chat form's answers): the check of a
 * `POST /v1/conversations/:id/contact` body (its schema is the contract's `ContactDetails`) against
 * the integration's form (required fields, select options, consent).
 */
import type { ContactDetails, ContactRequest, IntegrationSettings } from '../../src/core/protocol.js';
import { DomainError } from '../domain-error.js';

const invalid = (message: string): DomainError => new DomainError('invalid-request', `Invalid body/${message}`);

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
