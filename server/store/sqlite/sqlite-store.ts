/**
 * The embedded default store: one SQLite file (better-sqlite3, WAL). Seq assignment and
 * idempotent appends happen inside one transaction, so seq stays gap-free under any interleaving.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type {
  ContactDetails,
  ContactEvent,
  CsatEvent,
  IntegrationSettings,
  JoinedEvent,
  MessageEvent,
  Participant,
  ReadEvent,
  ResolvedEvent,
} from '../../../src/core/protocol.js';
import type {
  AppendResult,
  AttachmentRecord,
  ConversationRecord,
  Integration,
  NewIntegration,
  NewMessage,
  PushSubscriptionRecord,
  Rating,
  ReadState,
  Store,
} from '../store.js';
import { SqliteAgents } from './agents.js';
import { analyticsLog } from './analytics.js';
import { SqliteNotes } from './notes.js';
import { rateConversation, resolveConversation, setContact } from './lifecycle.js';
import { applyMigrations } from './migrations.js';
import { insertEvent, toConversation, toEvent, toIntegration, type ConversationRow, type EventRow, type IntegrationRow } from './rows.js';
import { statement } from './statements.js';
import * as routing from './routing.js';
import { afterCustomerMessage } from './routing.js';
import { getVisitor, saveVisitor } from './visitors.js';

/** SQLite implementation of `Store`. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly agents: SqliteAgents;
  private readonly notes: SqliteNotes;

  /** Opens (or creates) the database file; `:memory:` works for throwaway stores. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.agents = new SqliteAgents(this.db, (id) => this.getIntegration(id));
    this.notes = new SqliteNotes(this.db);
    // The hot writes' transactions, wrapped once rather than on every call.
    this.appendTransaction = this.db.transaction((conversation: ConversationRecord, author: Participant, message: NewMessage) =>
      this.appendNow(conversation, author, message));
    this.markReadTransaction = this.db.transaction((conversation: ConversationRecord, reader: Participant, seq: number) =>
      this.markReadNow(conversation, reader, seq));
  }

  private readonly appendTransaction: (conversation: ConversationRecord, author: Participant, message: NewMessage) => AppendResult;
  private readonly markReadTransaction: (conversation: ConversationRecord, reader: Participant, seq: number) => ReadEvent | undefined;

  analyticsLog: Store['analyticsLog'] = async (queues, since) => analyticsLog(this.db, queues, since);
  updateIntegration: Store['updateIntegration'] = (id, changes) => this.agents.updateIntegration(id, changes);
  createAgent: Store['createAgent'] = (id, fields) => this.agents.createAgent(id, fields);
  putAgent: Store['putAgent'] = (id, fields) => this.agents.putAgent(id, fields);
  updateAgent: Store['updateAgent'] = (id, changes) => this.agents.updateAgent(id, changes);
  getAgent: Store['getAgent'] = (id) => this.agents.getAgent(id);
  listAgents: Store['listAgents'] = (queues) => this.agents.listAgents(queues);
  setAgentPresence: Store['setAgentPresence'] = (id, change) => this.agents.setAgentPresence(id, change);
  createQueue: Store['createQueue'] = (name, fields) => this.agents.createQueue(name, fields);
  updateQueue: Store['updateQueue'] = (name, changes) => this.agents.updateQueue(name, changes);
  getQueue: Store['getQueue'] = (name) => this.agents.getQueue(name);
  listQueues: Store['listQueues'] = () => this.agents.listQueues();
  addNote: Store['addNote'] = (conversationId, author, text) => this.notes.addNote(conversationId, author, text);
  listNotes: Store['listNotes'] = (conversationId, limit) => this.notes.listNotes(conversationId, limit);
  createCannedResponse: Store['createCannedResponse'] = (fields) => this.notes.createCannedResponse(fields);
  updateCannedResponse: Store['updateCannedResponse'] = (id, changes) => this.notes.updateCannedResponse(id, changes);
  listCannedResponses: Store['listCannedResponses'] = (queue) => this.notes.listCannedResponses(queue);
  deleteCannedResponse: Store['deleteCannedResponse'] = (id) => this.notes.deleteCannedResponse(id);

  listWaiting: Store['listWaiting'] = async (queue, limit) => routing.listWaiting(this.db, queue, limit);
  waitingQueues: Store['waitingQueues'] = async () => routing.waitingQueues(this.db);
  agentLoads: Store['agentLoads'] = async (agentIds) => routing.agentLoads(this.db, agentIds);
  routeNext: Store['routeNext'] = async (queue, rule) => routing.routeNext(this.db, queue, rule);
  assignConversation: Store['assignConversation'] = async (id, assignment) => routing.assignConversation(this.db, id, assignment);
  queueConversation: Store['queueConversation'] = async (id, queue, reason, author) => routing.queueConversation(this.db, id, queue, reason, author);
  requeueAgent: Store['requeueAgent'] = async (agentId) => routing.requeueAgent(this.db, agentId);
  setPending: Store['setPending'] = async (id, agent) => routing.setPending(this.db, id, agent);

  async migrate(): Promise<void> {
    applyMigrations(this.db);
  }

  async ensureIntegration(integration: NewIntegration): Promise<Integration> {
    statement(this.db, 'INSERT OR IGNORE INTO integrations (id, name, channels, queue, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(integration.id, integration.name, JSON.stringify(integration.channels), integration.queue, integration.enabled === false ? 0 : 1, new Date().toISOString());
    return (await this.getIntegration(integration.id))!;
  }

  async getIntegration(id: string): Promise<Integration | undefined> {
    const row = statement(this.db, 'SELECT * FROM integrations WHERE id = ?').get(id) as IntegrationRow | undefined;
    return row ? toIntegration(row) : undefined;
  }

  async createIntegration(integration: NewIntegration): Promise<Integration | undefined> {
    const result = statement(this.db, 'INSERT INTO integrations (id, name, channels, queue, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(integration.id, integration.name, JSON.stringify(integration.channels), integration.queue, integration.enabled === false ? 0 : 1, new Date().toISOString());
    return result.changes > 0 ? this.getIntegration(integration.id) : undefined;
  }

  async listIntegrations(): Promise<Integration[]> {
    return (statement(this.db, 'SELECT * FROM integrations ORDER BY id').all() as IntegrationRow[]).map(toIntegration);
  }

  async getIntegrationSettings(id: string): Promise<IntegrationSettings | undefined> {
    const row = statement(this.db, 'SELECT settings FROM integrations WHERE id = ?').get(id) as { settings: string | null } | undefined;
    return row?.settings ? JSON.parse(row.settings) : undefined;
  }

  async saveIntegrationSettings(id: string, settings: IntegrationSettings): Promise<boolean> {
    return statement(this.db, 'UPDATE integrations SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id).changes > 0;
  }

  async findDefaultConversation(customer: Participant): Promise<ConversationRecord | undefined> {
    return this.db.transaction(() => {
      const existing = this.existingDefault(customer);
      return existing ? toConversation(existing) : undefined;
    })();
  }

  async defaultConversation(integration: Integration, customer: Participant, id = `conv_${randomUUID()}`) {
    return this.db.transaction(() => {
      const existing = this.existingDefault(customer);
      if (existing) return { conversation: toConversation(existing), created: false };
      const now = new Date().toISOString();
      statement(this.db, `INSERT INTO conversations (id, integration_id, queue, customer_id, customer_name, created_at, last_activity_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(id, integration.id, integration.queue, customer.id, customer.displayName ?? null, now, now);
      statement(this.db, 'INSERT INTO participants (conversation_id, participant_id, role, joined_at) VALUES (?, ?, ?, ?)')
        .run(id, customer.id, 'customer', now);
      const row = statement(this.db, 'SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow;
      return { conversation: toConversation(row), created: true };
    })();
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const row = statement(this.db, 'SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    return row ? toConversation(row) : undefined;
  }

  async listQueueConversations(queues: string[], limit: number): Promise<ConversationRecord[]> {
    if (queues.length === 0) return [];
    const marks = queues.map(() => '?').join(', ');
    const rows = statement(this.db, `SELECT * FROM conversations WHERE queue IN (${marks}) AND last_seq > 0 ORDER BY last_activity_at DESC, id LIMIT ?`)
      .all(...queues, limit) as ConversationRow[];
    return rows.map(toConversation);
  }

  async readState(conversation: ConversationRecord, reader: Participant): Promise<ReadState> {
    const own = statement(this.db, 'SELECT read_seq FROM participants WHERE conversation_id = ? AND participant_id = ?')
      .get(conversation.id, reader.id) as { read_seq: number } | undefined;
    const readSeq = own?.read_seq ?? 0;
    // The other side: agents read for the customer; the customer reads for agents.
    const other = statement(this.db, `SELECT MAX(read_seq) AS seq FROM participants WHERE conversation_id = ? AND ${
        reader.role === 'customer' ? "role = 'agent'" : "role = 'customer'"}`)
      .get(conversation.id) as { seq: number | null };
    const unread = statement(this.db, `SELECT COUNT(*) AS n FROM events WHERE conversation_id = ? AND type = 'message' AND seq > ? AND author_id != ?
                ${reader.role === 'customer' ? '' : "AND author_role = 'customer'"}`)
      .get(conversation.id, readSeq, reader.id) as { n: number };
    const last = statement(this.db, "SELECT * FROM events WHERE conversation_id = ? AND type = 'message' ORDER BY seq DESC LIMIT 1")
      .get(conversation.id) as EventRow | undefined;
    return {
      readSeq,
      otherReadSeq: other.seq ?? 0,
      unreadCount: unread.n,
      ...(last ? { lastMessage: toEvent(last) as MessageEvent } : {}),
    };
  }

  async appendMessage(conversation: ConversationRecord, author: Participant, message: NewMessage): Promise<AppendResult> {
    return this.appendTransaction(conversation, author, message);
  }

  /** `appendMessage`'s work (call inside a transaction). */
  private appendNow(conversation: ConversationRecord, author: Participant, message: NewMessage): AppendResult {
    const repeat = statement(this.db, 'SELECT * FROM events WHERE conversation_id = ? AND author_id = ? AND client_message_id = ?')
      .get(conversation.id, author.id, message.clientMessageId) as EventRow | undefined;
    if (repeat) return { message: toEvent(repeat) as MessageEvent, created: [] };
    const now = new Date().toISOString();
    const created: AppendResult['created'] = [];
    // One statement both checks and joins: a row inserted means the author joins with this message.
    const joined = statement(this.db, `INSERT INTO participants (conversation_id, participant_id, role, joined_at) VALUES (?, ?, ?, ?)
                                       ON CONFLICT (conversation_id, participant_id) DO NOTHING`)
      .run(conversation.id, author.id, author.role, now);
    if (joined.changes > 0) {
      created.push(insertEvent(this.db, conversation.id, author, now, 'participant.joined', null, {}) as JoinedEvent);
    }
    const body = { message: { ...message, id: `msg_${randomUUID()}` } };
    const stored = insertEvent(this.db, conversation.id, author, now, 'message', message.clientMessageId as string, body) as MessageEvent;
    created.push(stored);
    // A customer's message queues the conversation (its first one, or one after a resolve) or ends `pending`; the row decides, not the record passed in.
    const queued = author.role === 'customer' ? afterCustomerMessage(this.db, conversation.id, now) : undefined;
    if (queued) created.push(queued);
    // The author has read everything up to its own message.
    this.moveHorizon(conversation.id, author.id, stored.seq);
    return { message: stored, created };
  }

  async markRead(conversation: ConversationRecord, reader: Participant, seq: number): Promise<ReadEvent | undefined> {
    return this.markReadTransaction(conversation, reader, seq);
  }

  /** `markRead`'s work (call inside a transaction). */
  private markReadNow(conversation: ConversationRecord, reader: Participant, seq: number): ReadEvent | undefined {
    const head = statement(this.db, 'SELECT last_seq FROM conversations WHERE id = ?').get(conversation.id) as { last_seq: number };
    const target = Math.min(seq, head.last_seq);
    const row = statement(this.db, 'SELECT read_seq FROM participants WHERE conversation_id = ? AND participant_id = ?')
      .get(conversation.id, reader.id) as { read_seq: number } | undefined;
    if (!row) {
      statement(this.db, 'INSERT INTO participants (conversation_id, participant_id, role, joined_at) VALUES (?, ?, ?, ?)')
        .run(conversation.id, reader.id, reader.role, new Date().toISOString());
    }
    if (target <= (row?.read_seq ?? 0)) return undefined;
    this.moveHorizon(conversation.id, reader.id, target);
    return insertEvent(this.db, conversation.id, reader, new Date().toISOString(), 'read', null, { readSeq: target }) as ReadEvent;
  }

  async resolveConversation(conversation: ConversationRecord, agent: Participant): Promise<ResolvedEvent | undefined> {
    return resolveConversation(this.db, conversation, agent);
  }

  async rateConversation(conversation: ConversationRecord, customer: Participant, rating: Rating): Promise<CsatEvent | 'not-resolved' | 'already-rated'> {
    return rateConversation(this.db, conversation, customer, rating);
  }

  async setContact(conversation: ConversationRecord, customer: Participant, contact: ContactDetails): Promise<ContactEvent | undefined> {
    return setContact(this.db, conversation, customer, contact);
  }

  async listMessages(conversationId: string, before: number | undefined, limit: number) {
    const rows = statement(this.db, `SELECT * FROM events WHERE conversation_id = ? AND type = 'message' AND seq < ? ORDER BY seq DESC LIMIT ?`)
      .all(conversationId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as EventRow[];
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map((row) => toEvent(row) as MessageEvent), hasMore };
  }

  async listEvents(conversationId: string, after: number, limit: number) {
    const rows = statement(this.db, 'SELECT * FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?')
      .all(conversationId, after, limit + 1) as EventRow[];
    return { events: rows.slice(0, limit).map(toEvent), hasMore: rows.length > limit };
  }

  async createAttachment(record: AttachmentRecord): Promise<void> {
    statement(this.db, `INSERT INTO attachments (id, conversation_id, uploader_id, name, content_type, size, kind, sha256, created_at)
                VALUES (@id, @conversationId, @uploaderId, @name, @contentType, @size, @kind, @sha256, @createdAt)`)
      .run(record);
  }

  async getAttachment(id: string): Promise<AttachmentRecord | undefined> {
    const row = statement(this.db, 'SELECT * FROM attachments WHERE id = ?').get(id) as Record<string, string | number> | undefined;
    if (!row) return undefined;
    return {
      id: row.id as string,
      conversationId: row.conversation_id as string,
      uploaderId: row.uploader_id as string,
      name: row.name as string,
      contentType: row.content_type as string,
      size: row.size as number,
      kind: row.kind as AttachmentRecord['kind'],
      sha256: row.sha256 as string,
      createdAt: row.created_at as string,
    };
  }

  async savePushSubscription(record: PushSubscriptionRecord, keep: number): Promise<void> {
    this.db.transaction(() => {
      // One browser, one owner: the endpoint moves to whoever subscribed with it last.
      statement(this.db, `INSERT OR REPLACE INTO push_subscriptions (endpoint, participant_id, p256dh, auth, page_url, created_at)
                  VALUES (?, ?, ?, ?, ?, ?)`)
        .run(record.endpoint, record.participantId, record.keys.p256dh, record.keys.auth, record.pageUrl ?? null, record.createdAt);
      statement(this.db, `DELETE FROM push_subscriptions WHERE participant_id = ? AND endpoint NOT IN (
                    SELECT endpoint FROM push_subscriptions WHERE participant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`)
        .run(record.participantId, record.participantId, keep);
    })();
  }

  async listPushSubscriptions(participantId: string): Promise<PushSubscriptionRecord[]> {
    const rows = statement(this.db, 'SELECT * FROM push_subscriptions WHERE participant_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(participantId) as Array<Record<string, string | null>>;
    return rows.map((row) => ({
      participantId: row.participant_id!,
      endpoint: row.endpoint!,
      keys: { p256dh: row.p256dh!, auth: row.auth! },
      ...(row.page_url ? { pageUrl: row.page_url } : {}),
      createdAt: row.created_at!,
    }));
  }

  async deletePushSubscription(endpoint: string, participantId?: string): Promise<boolean> {
    const result = participantId === undefined
      ? statement(this.db, 'DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
      : statement(this.db, 'DELETE FROM push_subscriptions WHERE endpoint = ? AND participant_id = ?').run(endpoint, participantId);
    return result.changes > 0;
  }

  async saveVisitor(record: Parameters<Store['saveVisitor']>[0]): Promise<void> {
    saveVisitor(this.db, record);
  }

  async getVisitor(customerId: string): ReturnType<Store['getVisitor']> {
    return getVisitor(this.db, customerId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** The customer's default conversation row; its name follows the token's unless the contact named the customer (call inside a transaction). */
  private existingDefault(customer: Participant): ConversationRow | undefined {
    const existing = statement(this.db, 'SELECT * FROM conversations WHERE customer_id = ? AND is_default = 1')
      .get(customer.id) as ConversationRow | undefined;
    const contactNamed = existing?.contact ? Boolean((JSON.parse(existing.contact) as ContactDetails).name) : false;
    if (existing && !contactNamed && customer.displayName && customer.displayName !== existing.customer_name) {
      statement(this.db, 'UPDATE conversations SET customer_name = ? WHERE id = ?').run(customer.displayName, existing.id);
      existing.customer_name = customer.displayName;
    }
    return existing;
  }

  private moveHorizon(conversationId: string, participantId: string, seq: number): void {
    statement(this.db, 'UPDATE participants SET read_seq = MAX(read_seq, ?) WHERE conversation_id = ? AND participant_id = ?')
      .run(seq, conversationId, participantId);
  }
}
