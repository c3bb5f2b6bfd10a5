/**
 * The customer panel's server side: the page a customer's widget reports (URL, title, time zone;
 * stored per customer), whether the customer is online (a live events socket on any process), and
 * live `visitor` frames to the agents of the customer's queue when either changes. Nothing of it
 * reaches another customer: the frames go to the queue's topic only.
 */
import type { PageReport, Participant, VisitorInfo } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import { queueTopic } from '../bus/event-bus.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import type { ConversationRecord } from '../store/store.js';

/** True for an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Stores a customer's page report and tells the agents of the customer's queue (customers only; the frame's schema checked the shapes). */
export async function reportPage(context: ServerContext, caller: Caller, page: PageReport): Promise<void> {
  if (caller.participant.role !== 'customer') throw new DomainError('forbidden', 'Only customers report the page they are on.');
  if (page.timeZone !== undefined && !isTimeZone(page.timeZone)) throw new DomainError('invalid-request', `Unknown time zone ${JSON.stringify(page.timeZone)}.`);
  await context.store.saveVisitor({
    customerId: caller.participant.id,
    verified: caller.verifiedCustomer === true,
    url: page.url,
    title: page.title,
    ...(page.timeZone ? { timeZone: page.timeZone } : {}),
    updatedAt: new Date().toISOString(),
  });
  await announceVisitor(context, caller.participant, true);
}

/** Tells the agents of the customer's queue what the panel shows now (nothing before the customer's conversation exists). */
export async function announceVisitor(context: ServerContext, customer: Participant, online?: boolean): Promise<void> {
  const conversation = await context.store.findDefaultConversation(customer);
  if (!conversation) return;
  const visitor = await visitorInfo(context, conversation, online);
  context.bus.publish([queueTopic(conversation.queue)], { type: 'visitor', visitor });
}

/** The panel's view of a conversation's customer (`online` as known, else asked of the live-socket registry). */
export async function visitorInfo(context: ServerContext, conversation: ConversationRecord, online?: boolean): Promise<VisitorInfo> {
  const customer = conversation.customer.id;
  const [record, live] = await Promise.all([context.store.getVisitor(customer), online ?? context.liveSockets.has(customer)]);
  const prefix = `customer:${conversation.integrationId}:`;
  return {
    conversationId: conversation.id,
    integrationId: conversation.integrationId,
    customerId: customer.startsWith(prefix) ? customer.slice(prefix.length) : customer,
    ...(record ? { verified: record.verified, page: { url: record.url, title: record.title, at: record.updatedAt } } : {}),
    ...(record?.timeZone ? { timeZone: record.timeZone } : {}),
    online: live,
  };
}

/** The panel for an agent of the conversation's queue (customers may not read it: 403). */
export async function visitorFor(context: ServerContext, caller: Caller, conversation: ConversationRecord): Promise<VisitorInfo> {
  if (caller.participant.role === 'customer') throw new DomainError('forbidden', "Only the queue's agents see the customer panel.");
  return visitorInfo(context, conversation);
}
