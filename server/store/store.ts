/**
 * The storage interface of the reference server: integrations, conversations and their
 * sequenced events. SQLite implements it today (store/sqlite); PostgreSQL comes next behind the
 * same interface, which is why every method is async even where SQLite is synchronous.
 */
import type {
  AttachmentInfo,
  ContactDetails,
  ContactEvent,
  ConversationEvent,
  ConversationState,
  CsatEvent,
  IntegrationSettings,
  JoinedEvent,
  PresenceStatus,
  RoutingRule,
  MessageEvent,
  AgentInfo,
  IntegrationInfo,
  Participant,
  ReadEvent,
  ResolvedEvent,
} from '../../src/core/protocol.js';

/** A business function: which channels are on and which queue its conversations route to (the contract's shape). */
export type Integration = IntegrationInfo;

/** What creating an integration takes (`enabled` defaults to true). */
export type NewIntegration = Omit<Integration, 'createdAt' | 'enabled'> & { enabled?: boolean };

/** The fields of an integration an update may change. */
export type IntegrationChanges = Partial<Pick<Integration, 'name' | 'queue' | 'channels' | 'enabled'>>;

/** An agent's administered record (presence lives beside it, changed only through `setAgentPresence`). */
export type AgentFields = Omit<AgentInfo, 'id' | 'presence' | 'createdAt' | 'updatedAt'>;

/** An agent as stored. */
export type Agent = AgentInfo;

/** A queue record (routing settings of a queue name). */
export interface Queue {
  name: string;
  routing: RoutingRule;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The fields of a queue an update may change. */
export type QueueChanges = Partial<Pick<Queue, 'routing' | 'enabled'>>;

/** A presence to set, with the statuses it may replace (absent: any). */
export interface PresenceChange {
  status: PresenceStatus;
  reason?: string;
  /** Only when the current status is one of these (e.g. auto-Offline only from a non-offline status). */
  from?: PresenceStatus[];
}

/** A conversation as stored (per-caller fields are computed by `conversationView`). */
export interface ConversationRecord {
  id: string;
  integrationId: string;
  queue: string;
  customer: Participant;
  createdAt: string;
  lastSeq: number;
  lastActivityAt: string;
  /** `resolved` from an agent's resolve until the customer's next message. */
  state: ConversationState;
  /** Seq of the `resolved` event while resolved. */
  resolvedSeq?: number;
  /** True while resolved and that resolve is not rated yet. */
  awaitingRating: boolean;
  /** The customer's contact details, once given. */
  contact?: ContactDetails;
  /** Set (by the service, never by a store) on a customer's default conversation that has no row yet: nothing was written to it. */
  draft?: boolean;
}

/** The caller-relative read state of a conversation. */
export interface ReadState {
  readSeq: number;
  otherReadSeq: number;
  unreadCount: number;
  lastMessage?: MessageEvent;
}

/** A message to append (the stored body, without its id); `clientMessageId` makes the append idempotent per author. */
export type NewMessage = { clientMessageId: string; type: string } & Record<string, unknown>;

/** An uploaded file's metadata (the bytes live in an `AttachmentStorage`). */
export interface AttachmentRecord extends AttachmentInfo {
  conversationId: string;
  uploaderId: string;
  sha256: string;
  createdAt: string;
}

/** A browser's Web Push subscription, owned by the participant that made it. */
export interface PushSubscriptionRecord {
  participantId: string;
  /** The push service URL (unique per browser subscription). */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url), for payload encryption. */
  keys: { p256dh: string; auth: string };
  /** The page the visitor subscribed from: a notification click opens it. */
  pageUrl?: string;
  createdAt: string;
}

/** Result of an append: the stored message, events created with it, and whether it is new. */
export interface AppendResult {
  /** The stored message (the same one on an idempotent repeat). */
  message: MessageEvent;
  /** Events created by this call, in seq order (empty on a repeat; a join may precede the message). */
  created: Array<MessageEvent | JoinedEvent>;
}

/** A rating as stored with its `csat` event. */
export interface Rating {
  rating: number;
  comment?: string;
}

/** Storage for conversations and events. */
export interface Store {
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  /** Creates the integration if it does not exist yet. */
  ensureIntegration(integration: NewIntegration): Promise<Integration>;
  /** An integration by id. */
  getIntegration(id: string): Promise<Integration | undefined>;
  /** Creates an integration; undefined when the id is taken. */
  createIntegration(integration: NewIntegration): Promise<Integration | undefined>;
  /** Changes an integration's fields; undefined when there is no such integration. */
  updateIntegration(id: string, changes: IntegrationChanges): Promise<Integration | undefined>;
  /** Creates an agent (presence `offline`); undefined when the id is taken. */
  createAgent(id: string, fields: AgentFields): Promise<Agent | undefined>;
  /** Creates or replaces an agent's fields (its presence is kept); `created` tells which. */
  putAgent(id: string, fields: AgentFields): Promise<{ agent: Agent; created: boolean }>;
  /** Changes an agent's fields; undefined when there is no such agent. */
  updateAgent(id: string, changes: Partial<AgentFields>): Promise<Agent | undefined>;
  /** An agent by id. */
  getAgent(id: string): Promise<Agent | undefined>;
  /** Every agent by id, or those serving any of `queues`. */
  listAgents(queues?: string[]): Promise<Agent[]>;
  /** Sets an agent's presence (when its current status is in `change.from`, if given); the agent after the change, or undefined when nothing changed. */
  setAgentPresence(id: string, change: PresenceChange): Promise<Agent | undefined>;
  /** Creates a queue record; undefined when the name is taken. */
  createQueue(name: string, fields: { routing: RoutingRule; enabled: boolean }): Promise<Queue | undefined>;
  /** Changes a queue; undefined when there is no such record. */
  updateQueue(name: string, changes: QueueChanges): Promise<Queue | undefined>;
  /** A queue record by name. */
  getQueue(name: string): Promise<Queue | undefined>;
  /** Every queue record by name. */
  listQueues(): Promise<Queue[]>;
  /** Every integration, by id. */
  listIntegrations(): Promise<Integration[]>;
  /** An integration's saved widget settings (complete and validated), or undefined when none were saved. */
  getIntegrationSettings(id: string): Promise<IntegrationSettings | undefined>;
  /** Replaces an integration's widget settings; false when there is no such integration. */
  saveIntegrationSettings(id: string, settings: IntegrationSettings): Promise<boolean>;
  /** The customer's default conversation, created on first use (with `id` when given); `created` tells which. */
  defaultConversation(
    integration: Integration,
    customer: Participant,
    id?: string,
  ): Promise<{ conversation: ConversationRecord; created: boolean }>;
  /** The customer's default conversation if it exists (its stored name follows the token's unless the contact named the customer). */
  findDefaultConversation(customer: Participant): Promise<ConversationRecord | undefined>;
  /** A conversation by id. */
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Conversations with at least one event routed to any of `queues`, most recently active first. */
  listQueueConversations(queues: string[], limit: number): Promise<ConversationRecord[]>;
  /** The caller-relative read state of a conversation. */
  readState(conversation: ConversationRecord, reader: Participant): Promise<ReadState>;
  /** Appends a message (and a join event for a participant's first post), atomically and idempotently; a customer's message reopens a resolved conversation. */
  appendMessage(conversation: ConversationRecord, author: Participant, message: NewMessage): Promise<AppendResult>;
  /** Appends a `resolved` event; undefined when the conversation is resolved already. */
  resolveConversation(conversation: ConversationRecord, agent: Participant): Promise<ResolvedEvent | undefined>;
  /** Appends the customer's `csat` event for the current resolve, or says why it can't. */
  rateConversation(conversation: ConversationRecord, customer: Participant, rating: Rating): Promise<CsatEvent | 'not-resolved' | 'already-rated'>;
  /** Stores the customer's contact details and appends a `contact` event; undefined when they were given already. */
  setContact(conversation: ConversationRecord, customer: Participant, contact: ContactDetails): Promise<ContactEvent | undefined>;
  /** Moves the reader's horizon forward; returns the read event, or undefined when it did not move. */
  markRead(conversation: ConversationRecord, reader: Participant, seq: number): Promise<ReadEvent | undefined>;
  /** Messages with seq < before (newest page when before is undefined), ascending. */
  listMessages(conversationId: string, before: number | undefined, limit: number): Promise<{ messages: MessageEvent[]; hasMore: boolean }>;
  /** Events with seq > after, ascending, at most `limit`. */
  listEvents(conversationId: string, after: number, limit: number): Promise<{ events: ConversationEvent[]; hasMore: boolean }>;
  /** Records an uploaded file. */
  createAttachment(record: AttachmentRecord): Promise<void>;
  /** An uploaded file's metadata. */
  getAttachment(id: string): Promise<AttachmentRecord | undefined>;
  /** Stores a push subscription (replacing one with the same endpoint); a participant keeps only its `keep` newest. */
  savePushSubscription(record: PushSubscriptionRecord, keep: number): Promise<void>;
  /** A participant's push subscriptions, newest first. */
  listPushSubscriptions(participantId: string): Promise<PushSubscriptionRecord[]>;
  /** Deletes a subscription by endpoint (only the participant's own when `participantId` is given); true if one was deleted. */
  deletePushSubscription(endpoint: string, participantId?: string): Promise<boolean>;
  /** Releases the storage. */
  close(): Promise<void>;
}
