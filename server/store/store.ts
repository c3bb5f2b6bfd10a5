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
  AssignedEvent,
  PendingEvent,
  QueuedEvent,
  QueuedReason,
  Note,
  CannedResponse,
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
  /** The agent who owns it while `assigned` or `pending`. */
  assignee?: Participant;
  /** Since when it waits in its queue (only while `open` and queued: after its first customer message, a reopen, a requeue or a transfer to a queue). */
  waitingSince?: string;
}

/** Why an assignment was refused: the conversation is no longer waiting (or not assignable), or the agent can't take it. */
export type AssignRefusal = 'not-waiting' | 'at-capacity' | 'unavailable' | 'resolved';

/** An assignment to make: who gets it, who did it, and (on a transfer) from whom. */
export interface Assignment {
  assignee: Participant;
  /** The agent who took or transferred it (absent when the router assigned it). */
  by?: Participant;
  /** Only from these states (a take: `open`; a transfer: `open`, `assigned`, `pending`). */
  from: ConversationState[];
  /** Require the assignee to be Available (routing), or only not Offline (take, transfer). */
  requireAvailable: boolean;
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
  created: Array<MessageEvent | JoinedEvent | QueuedEvent>;
}

/** A rating as stored with its `csat` event. */
export interface Rating {
  rating: number;
  comment?: string;
}

/** What the widget last reported of a customer's browser (the customer panel), stored per customer. */
export interface VisitorRecord {
  /** The customer's participant id. */
  customerId: string;
  verified: boolean;
  url: string;
  title: string;
  timeZone?: string;
  /** When it was reported. */
  updatedAt: string;
}

/** What creating a canned response takes. */
export type CannedResponseFields = Pick<CannedResponse, 'queue' | 'shortcut' | 'title' | 'text'>;

/** One row of the analytics log: a lifecycle event, or the first message of a run by one side (see `Store.analyticsLog`). */
export interface AnalyticsLogEntry {
  conversationId: string;
  /** The conversation's queue now. */
  queue: string;
  customer: Participant;
  seq: number;
  /** `message`, `queued`, `assigned`, `pending`, `resolved` or `csat`. */
  type: string;
  author: Participant;
  createdAt: string;
  /** `csat`: the rating. */
  rating?: number;
  /** `assigned`: the agent now owning it. */
  assignee?: Participant;
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
  /** Stores what the widget reported of a customer's browser (replacing the previous report). */
  saveVisitor(record: VisitorRecord): Promise<void>;
  /** The customer's last report, if any. */
  getVisitor(customerId: string): Promise<VisitorRecord | undefined>;
  /** Stores an internal note on a conversation (outside its seq stream: customers never see notes). */
  addNote(conversationId: string, author: Participant, text: string): Promise<Note>;
  /** A conversation's internal notes, oldest first (at most the newest `limit`, default 500). */
  listNotes(conversationId: string, limit?: number): Promise<Note[]>;
  /** Creates a canned response of a queue; undefined when the queue has the shortcut already. */
  createCannedResponse(fields: CannedResponseFields): Promise<CannedResponse | undefined>;
  /** Changes a canned response: undefined when there is none, `shortcut-taken` when the new shortcut is another's in its queue. */
  updateCannedResponse(id: string, changes: Partial<Omit<CannedResponseFields, 'queue'>>): Promise<CannedResponse | undefined | 'shortcut-taken'>;
  /** Canned responses by queue then shortcut: of one queue, or all. */
  listCannedResponses(queue?: string): Promise<CannedResponse[]>;
  /** Deletes a canned response; true when there was one. */
  deleteCannedResponse(id: string): Promise<boolean>;
  /**
   * The analytics log of `queues`' conversations that are not resolved, or whose resolve (or rating)
   * came at or after `since`: their `queued`, `assigned`, `pending`, `resolved` and `csat` events and
   * each first message of a run of messages by one role, after their last resolve before `since`;
   * by conversation, then seq.
   */
  analyticsLog(queues: string[], since: string): Promise<AnalyticsLogEntry[]>;
  /** Conversations waiting in `queue`, longest waiting first, at most `limit`. */
  listWaiting(queue: string, limit: number): Promise<ConversationRecord[]>;
  /** Queues that have waiting conversations. */
  waitingQueues(): Promise<string[]>;
  /** Conversations each agent owns now (`assigned` or `pending`), by agent id (agents without any are absent). */
  agentLoads(agentIds: string[]): Promise<Map<string, number>>;
  /** Assigns the longest waiting conversation of `queue` to an Available agent of it with free capacity, by `rule`, exactly once across processes; undefined when none can be. */
  routeNext(queue: string, rule: RoutingRule): Promise<{ conversation: ConversationRecord; event: AssignedEvent } | undefined>;
  /** Assigns a conversation to an agent (a take or a transfer), checking its state and the agent's capacity in the same transaction. */
  assignConversation(conversationId: string, assignment: Assignment): Promise<{ conversation: ConversationRecord; event: AssignedEvent } | AssignRefusal>;
  /** Puts an unresolved conversation (back) into `queue` to wait (`transfer` or `requeued`); `resolved` when it is resolved. */
  queueConversation(conversationId: string, queue: string, reason: QueuedReason, author: Participant): Promise<{ conversation: ConversationRecord; event: QueuedEvent } | 'resolved'>;
  /** Returns every conversation an agent owns to its queue (`queued`, reason `requeued`). */
  requeueAgent(agentId: string): Promise<Array<{ conversation: ConversationRecord; event: QueuedEvent }>>;
  /** Marks an assigned conversation as waiting on the customer; undefined unless it is `assigned`. */
  setPending(conversationId: string, agent: Participant): Promise<PendingEvent | undefined>;
  /** Releases the storage. */
  close(): Promise<void>;
}
