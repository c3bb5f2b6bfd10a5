/**
 * What agents do with a conversation's ownership: take a waiting one, transfer one to another
 * agent or queue (with an internal note), mark one as waiting on the customer, and list whom
 * they may transfer to. Customers may do none of it (403); agents of other queues don't see the
 * conversation (404).
 */
import type { AssignedEvent, Participant, PendingEvent, QueuedEvent, TransferRequest, TransferTargets } from '../../src/core/protocol.js';
import { agentIdOf, agentParticipantId } from '../agents/presence.js';
import type { Caller } from '../auth/jwt.js';
import { queueTopic } from '../bus/event-bus.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import { announceNote } from '../notes/notes.js';
import type { AssignRefusal } from '../store/store.js';

/** Why an assignment was refused, as the agent reads it. */
const REFUSALS: Record<AssignRefusal, string> = {
  'not-waiting': 'The conversation is not waiting any more: another agent has it already.',
  'at-capacity': 'The agent has as many conversations as its capacity allows.',
  unavailable: 'The agent is Offline or disabled.',
  resolved: 'The conversation is resolved.',
};

/** The same, said to the agent who tried to take. */
const TAKE_REFUSALS: Partial<Record<AssignRefusal, string>> = {
  'at-capacity': 'You have as many conversations as your capacity allows.',
  unavailable: 'Set yourself Available or Busy to take conversations (you are Offline).',
};

const staffOnly = (caller: Caller, what: string): Participant => {
  if (caller.participant.role !== 'agent') throw new DomainError('forbidden', `Only agents ${what}.`);
  return caller.participant;
};

/** The calling agent takes a waiting conversation of its queue. */
export async function takeConversation(context: ServerContext, caller: Caller, conversationId: string): Promise<AssignedEvent> {
  const agent = staffOnly(caller, 'take conversations');
  const conversation = await context.conversations.authorize(caller, conversationId);
  if (conversation.draft) throw new DomainError('conflict', REFUSALS['not-waiting']);
  const result = await context.store.assignConversation(conversation.id, { assignee: agent, by: agent, from: ['open'], requireAvailable: false });
  if (typeof result === 'string') throw new DomainError('conflict', TAKE_REFUSALS[result] ?? REFUSALS[result]);
  context.conversations.publish(result.conversation, { type: 'event', event: result.event });
  return result.event;
}

/** Transfers a conversation to another agent (`assigned`) or queue (`queued`), storing the note for the agents. */
export async function transferConversation(
  context: ServerContext,
  caller: Caller,
  conversationId: string,
  request: TransferRequest,
): Promise<AssignedEvent | QueuedEvent> {
  const agent = staffOnly(caller, 'transfer conversations');
  if ((request.agentId === undefined) === (request.queue === undefined)) throw new DomainError('invalid-request', 'Give exactly one of `agentId` or `queue`.');
  const note = request.note?.trim();
  if (request.note !== undefined && !note) throw new DomainError('invalid-request', 'A note must not be blank.');
  const conversation = await context.conversations.authorize(caller, conversationId);
  if (conversation.draft) throw new DomainError('conflict', 'Nothing to transfer: the customer has not written yet.');
  let event: AssignedEvent | QueuedEvent;
  let queue = conversation.queue;
  if (request.agentId !== undefined) {
    const target = await context.store.getAgent(request.agentId);
    if (!target || !target.enabled || !target.queues.includes(conversation.queue)) {
      throw new DomainError('not-found', `No enabled agent "${request.agentId}" serves the queue "${conversation.queue}".`);
    }
    if (conversation.assignee?.id === agentParticipantId(target.id)) throw new DomainError('conflict', 'The conversation is that agent\'s already.');
    const assignee: Participant = { id: agentParticipantId(target.id), role: 'agent', displayName: target.name };
    const result = await context.store.assignConversation(conversation.id, { assignee, by: agent, from: ['open', 'assigned', 'pending'], requireAvailable: false });
    if (typeof result === 'string') throw new DomainError('conflict', REFUSALS[result]);
    context.conversations.publish(result.conversation, { type: 'event', event: result.event });
    event = result.event;
  } else {
    queue = request.queue!;
    if (!(await knownQueues(context)).includes(queue)) throw new DomainError('not-found', `No queue "${queue}".`);
    const result = await context.store.queueConversation(conversation.id, queue, 'transfer', agent);
    if (result === 'resolved') throw new DomainError('conflict', REFUSALS.resolved);
    // The queue it left hears of it too (its agents no longer see the conversation).
    if (conversation.queue !== queue) context.bus.publish([queueTopic(conversation.queue)], { type: 'event', event: result.event });
    context.conversations.publish(result.conversation, { type: 'event', event: result.event });
    if (conversation.queue !== queue) void context.router.route(conversation.queue);
    event = result.event;
  }
  if (note) {
    const stored = await context.store.addNote(conversation.id, agent, note);
    announceNote(context, { queue }, stored);
    if (queue !== conversation.queue) announceNote(context, conversation, stored);
  }
  return event;
}

/** An agent marks an assigned conversation as waiting on the customer. */
export async function markPending(context: ServerContext, caller: Caller, conversationId: string): Promise<PendingEvent> {
  const agent = staffOnly(caller, 'set a conversation pending');
  const conversation = await context.conversations.authorize(caller, conversationId);
  const event = conversation.draft ? undefined : await context.store.setPending(conversation.id, agent);
  if (!event) throw new DomainError('conflict', 'Only an assigned conversation can wait on the customer.');
  context.conversations.publish(conversation, { type: 'event', event });
  return event;
}

/** Whom the calling agent may transfer to: the enabled agents of its queues, and every known queue. */
export async function transferTargets(context: ServerContext, caller: Caller): Promise<TransferTargets> {
  staffOnly(caller, 'transfer conversations');
  const self = agentIdOf(caller.participant.id);
  const agents = (await context.store.listAgents(caller.queues))
    .filter((agent) => agent.enabled && agent.id !== self)
    .map((agent) => ({ id: agent.id, name: agent.name, queues: agent.queues, status: agent.presence.status }));
  return { agents, queues: await knownQueues(context) };
}

/** Queue names with a record, or named by an integration or an agent. */
async function knownQueues(context: ServerContext): Promise<string[]> {
  const [records, integrations, agents] = await Promise.all([context.store.listQueues(), context.store.listIntegrations(), context.store.listAgents()]);
  const names = new Set([...records.map((queue) => queue.name), ...integrations.map((integration) => integration.queue), ...agents.flatMap((agent) => agent.queues)]);
  return [...names].sort();
}
