/**
 * What callers may do with conversations, shared by the HTTP routes and the events socket:
 * authorisation (a conversation the caller may not see does not exist for it), listing,
 * posting, read horizons, and publishing every new event to the bus.
 *
 * A page view creates nothing: a customer's default conversation has a stable id from the start
 * (an HMAC of the customer's participant id), is shown as an empty draft, and gets its row on the
 * first write (a message, an upload, contact details, a call).
 */
import { createHmac } from 'node:crypto';
import type { Conversation, ConversationEvent, ConversationHead, MessageEvent, Participant, ReadEvent } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import { participantTopic, queueTopic, type BusMessage, type EventBus } from '../bus/event-bus.js';
import { DomainError } from '../domain-error.js';
import type { ConversationRecord, NewMessage, Store } from '../store/store.js';

/** How the service is set up. */
export interface ConversationServiceOptions {
  /** Key of the default conversations' ids (keep it secret and stable: the server's JWT secret will do). */
  idSecret: string;
  /** Hears of every new message (after the bus). */
  onPosted?: (conversation: ConversationRecord, message: MessageEvent) => void;
  /** Hears of every event this process publishes (the router reacts to state changes). */
  onEvent?: (conversation: ConversationRecord, event: ConversationEvent) => void;
}

/** Conversation use cases for verified callers. */
export class ConversationService {
  private readonly onPosted: (conversation: ConversationRecord, message: MessageEvent) => void;

  /** Works on `store` and announces on `bus`. */
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly options: ConversationServiceOptions,
  ) {
    this.onPosted = options.onPosted ?? (() => {});
  }

  /** Bus topics whose events a caller receives. */
  topicsOf(caller: Caller): string[] {
    return caller.participant.role === 'customer'
      ? [participantTopic(caller.participant.id)]
      : caller.queues.map(queueTopic);
  }

  /** The conversations a caller sees: a customer's default one (a draft until written to), an agent's queue (those with events). */
  async list(caller: Caller, limit = 100): Promise<ConversationRecord[]> {
    if (caller.participant.role === 'customer') return [await this.defaultOf(caller.participant, caller.integrationId ?? '', false)];
    return this.store.listQueueConversations(caller.queues, limit);
  }

  /** Heads (id + lastSeq) of the caller's conversations, for the socket's welcome. */
  async heads(caller: Caller): Promise<ConversationHead[]> {
    return (await this.list(caller)).map((conversation) => ({ id: conversation.id, lastSeq: conversation.lastSeq }));
  }

  /** A conversation the caller may read (possibly the caller's own draft); 404 otherwise (never reveal that it exists). */
  async authorize(caller: Caller, conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation && caller.participant.role === 'customer' && conversationId === this.defaultIdOf(caller.participant)) {
      const draft = await this.defaultOf(caller.participant, caller.integrationId ?? '', false);
      // A customer whose default conversation predates draft ids keeps its stored one.
      if (draft.id === conversationId) return draft;
    }
    const allowed =
      conversation &&
      (caller.participant.role === 'customer'
        ? conversation.customer.id === caller.participant.id
        : caller.queues.includes(conversation.queue));
    if (!conversation || !allowed) throw new DomainError('not-found', 'No such conversation.');
    return conversation;
  }

  /** A conversation the caller may write to, created now if it was the caller's draft. */
  async authorizeWrite(caller: Caller, conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.authorize(caller, conversationId);
    return conversation.draft ? this.defaultOf(caller.participant, conversation.integrationId, true) : conversation;
  }

  /** The customer's default conversation: stored, created now (`create`), or else an unsaved draft. */
  async defaultOf(customer: Participant, integrationId: string, create: boolean): Promise<ConversationRecord> {
    const stored = await this.store.findDefaultConversation(customer);
    if (stored) return stored;
    const integration = await this.store.getIntegration(integrationId);
    if (!integration) throw new DomainError('forbidden', 'The integration of this token no longer exists.');
    const id = this.defaultIdOf(customer);
    if (!create) {
      const now = new Date().toISOString();
      return {
        id, integrationId, queue: integration.queue, customer, createdAt: now, lastSeq: 0, lastActivityAt: now,
        state: 'open', awaitingRating: false, draft: true,
      };
    }
    const { conversation, created } = await this.store.defaultConversation(integration, customer, id);
    if (created) this.publish(conversation, { type: 'conversation', conversation: { id: conversation.id, lastSeq: conversation.lastSeq } });
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
      state: conversation.state,
      awaitingRating: conversation.awaitingRating,
      ...(conversation.assignee ? { assignee: conversation.assignee } : {}),
      ...(conversation.contact ? { contact: conversation.contact } : {}),
    };
  }

  /** Posts a message (idempotent on clientMessageId); `created` is false for a repeat. */
  async post(caller: Caller, conversation: ConversationRecord, message: NewMessage): Promise<{ message: MessageEvent; created: boolean }> {
    const result = await this.store.appendMessage(conversation, this.authorOf(caller, conversation), message);
    for (const event of result.created) this.publish(conversation, { type: 'event', event });
    if (result.created.length > 0) this.onPosted(conversation, result.message);
    return { message: result.message, created: result.created.length > 0 };
  }

  /** Moves the caller's read horizon forward; returns the new horizon (0 in a draft). */
  async markRead(caller: Caller, conversation: ConversationRecord, seq: number): Promise<number> {
    if (conversation.draft) return 0;
    const event: ReadEvent | undefined = await this.store.markRead(conversation, caller.participant, seq);
    if (event) this.publish(conversation, { type: 'event', event });
    return (await this.store.readState(conversation, caller.participant)).readSeq;
  }

  /** Announces (ephemerally) that the caller is or stopped typing. */
  typing(caller: Caller, conversation: ConversationRecord, active: boolean): void {
    this.publish(conversation, { type: 'typing', conversationId: conversation.id, participant: caller.participant, active });
  }

  /** Who the caller is in this conversation: a customer goes by the name given in the pre-chat form, if any. */
  authorOf(caller: Caller, conversation: ConversationRecord): Participant {
    const name = caller.participant.role === 'customer' ? conversation.contact?.name : undefined;
    return name ? { ...caller.participant, displayName: name } : caller.participant;
  }

  /** Sends a message to everyone who follows the conversation: its queue's agents and its customer. */
  publish(conversation: ConversationRecord, message: BusMessage): void {
    this.bus.publish([queueTopic(conversation.queue), participantTopic(conversation.customer.id)], message);
    if (message.type === 'event') this.options.onEvent?.(conversation, message.event);
  }

  /** The id the customer's default conversation has, or will have once written to. */
  private defaultIdOf(customer: Participant): string {
    const hex = createHmac('sha256', this.options.idSecret).update(`default-conversation\0${customer.id}`).digest('hex');
    // Shaped as a UUID (version 8, RFC 9562 variant) so it matches the conversation id pattern.
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `conv_${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
