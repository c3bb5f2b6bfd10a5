/** How the agent side names a conversation's customer: by name, never by id (shared by the list, the console header and the customer panel). */
import type { Conversation } from '../../core/protocol.js';
import { strings } from '../shared/strings.js';

/** A display name that says nothing (the demo's and many sites' default for guests). */
const isGeneric = (name: string | undefined): boolean => !name || /^\s*(guest|visitor)\s*$/i.test(name) || name === strings().guest;

/** A short, stable code that tells two unnamed guests apart (4 characters from the customer's id). */
export function guestCode(customerId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < customerId.length; i++) hash = Math.imul(hash ^ customerId.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36).toUpperCase().padStart(4, '0').slice(-4);
}

/** The customer's name as agents see it: the pre-chat name, else the site's display name, else the email, else "Guest" and a short code. */
export function customerName(conversation: Pick<Conversation, 'customer' | 'contact'>): string {
  const named = conversation.contact?.name ?? conversation.customer.displayName;
  if (!isGeneric(named)) return named!;
  return conversation.contact?.email ?? `${strings().guest} ${guestCode(conversation.customer.id)}`;
}

/** True when `query` (any case, any part) matches the customer's name, email or phone. */
export function matchesCustomer(conversation: Pick<Conversation, 'customer' | 'contact'>, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  const { contact, customer } = conversation;
  return [customerName(conversation), customer.displayName, contact?.name, contact?.email, contact?.phone].some((field) =>
    field?.toLocaleLowerCase().includes(needle),
  );
}
