/**
 * What callers may do with conversations, shared by the HTTP routes and the events socket:
 * authorisation (a conversation the caller may not see does not exist for it), listing,
 * posting, read horizons, and publishing every new event to the bus.
 */
import type { Conversation, ConversationHead, MessageEvent, ReadEvent } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import { participantTopic, queueTopic, type EventBus } from '../bus/event-bus.js';
import { HttpError } from '../http/errors.js';
import type { ConversationRecord, NewMessage, Store } from '../store/store.js';

/** Conversation use cases for verified callers. */
export class ConversationService {
  /** Works on `store` and announces on `bus`; `onPosted` hears of every new message (after the bus). */
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly onPosted: (conversation: ConversationRecord, message: MessageEvent) => void = () => {},
  ) {}

  /** Bus topics whose events a caller receives. */
  topicsOf(caller: Caller): string[] {
    return caller.participant.role === 'customer'
      ? [participantTopic(caller.participant.id)]
      : caller.queues.map(queueTopic);
  }

  /** The conversations a caller sees: a customer's default one (created on first use), an agent's queue. */
  async list(caller: Caller, limit = 100): Promise<ConversationRecord[]> {
    if (caller.participant.role === 'customer') return [await this.defaultOf(caller)];
    return this.store.listQueueConversations(caller.queues, limit);
  }

  /** Heads (id + lastSeq) of the caller's conversations, for the socket's welcome. */
  async heads(caller: Caller): Promise<ConversationHead[]> {
    return (await this.list(caller)).map((conversation) => ({ id: conversation.id, lastSeq: conversation.lastSeq }));
  }

  /** A conversation the caller may access; 404 otherwise (never reveal that it exists). */
  async authorize(caller: Caller, conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.store.getConversation(conversationId);
    const allowed =
      conversation &&
      (caller.participant.role === 'customer'
        ? conversation.customer.id === caller.participant.id
        : caller.queues.includes(conversation.queue));
    if (!conversation || !allowed) throw new HttpError(404, 'not-found', 'No such conversation.');
    return conversation;
  }

  /** The conversation as the caller sees it (its own read horizon and unread count). */
  async view(caller: Caller, conversation: ConversationRecord): Promise<Conversation> {
    const state = await this.store.readState(conversation, caller.participant);
    return {
      id: conversation.id,
      integrationId: conversation.integrationId,
      queue: conversation.queue,
      customer: conversation.customer,
      createdAt: conversation.createdAt,
      lastSeq: conversation.lastSeq,
      readSeq: state.readSeq,
      otherReadSeq: state.otherReadSeq,
      unreadCount: state.unreadCount,
      ...(state.lastMessage ? { lastMessage: state.lastMessage } : {}),
    };
  }

  /** Posts a message (idempotent on clientMessageId); `created` is false for a repeat. */
  async post(caller: Caller, conversation: ConversationRecord, message: NewMessage): Promise<{ message: MessageEvent; created: boolean }> {
    const result = await this.store.appendMessage(conversation, caller.participant, message);
    for (const event of result.created) this.publish(conversation, { type: 'event', event });
    if (result.created.length > 0) this.onPosted(conversation, result.message);
    return { message: result.message, created: result.created.length > 0 };
  }

  /** Moves the caller's read horizon forward; returns the new horizon. */
  async markRead(caller: Caller, conversation: ConversationRecord, seq: number): Promise<number> {
    const event: ReadEvent | undefined = await this.store.markRead(conversation, caller.participant, seq);
    if (event) this.publish(conversation, { type: 'event', event });
    return (await this.store.readState(conversation, caller.participant)).readSeq;
  }

  /** Announces (ephemerally) that the caller is or stopped typing. */
  typing(caller: Caller, conversation: ConversationRecord, active: boolean): void {
    this.publish(conversation, { type: 'typing', conversationId: conversation.id, participant: caller.participant, active });
  }

  private async defaultOf(caller: Caller): Promise<ConversationRecord> {
    const integration = await this.store.getIntegration(caller.integrationId ?? '');
    if (!integration) throw new HttpError(403, 'forbidden', 'The integration of this token no longer exists.');
    const { conversation, created } = await this.store.defaultConversation(integration, caller.participant);
    if (created) {
      this.bus.publish([queueTopic(conversation.queue), participantTopic(conversation.customer.id)], {
        type: 'conversation',
        conversation: { id: conversation.id, lastSeq: conversation.lastSeq },
      });
    }
    return conversation;
  }

  private publish(conversation: ConversationRecord, message: Parameters<EventBus['publish']>[1]): void {
    this.bus.publish([queueTopic(conversation.queue), participantTopic(conversation.customer.id)], message);
  }
}
