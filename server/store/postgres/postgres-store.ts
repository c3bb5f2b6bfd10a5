/**
 * The scale-out store: PostgreSQL through a `pg` pool, shared by any number of server processes.
 * Every write to a conversation first locks its row, so seq allocation, idempotent appends
 * (also guarded by a unique index) and state checks stay gap-free and exact across processes.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type {
  ContactDetails,
  ContactEvent,
  CsatEvent,
  IntegrationSettings,
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
import { PostgresAgents } from './agents.js';
import { analyticsLog } from './analytics.js';
import { PostgresNotes } from './notes.js';
import { rateConversation, resolveConversation, setContact } from './lifecycle.js';
import { applyMigrations } from './migrations.js';
import * as routing from './routing.js';
import { appendMessage } from './append.js';
import { getVisitor, saveVisitor } from './visitors.js';
import {
  insertEvent,
  lockConversation,
  toConversation,
  toEvent,
  toIntegration,
  storableText,
  textSafe,
  transaction,
  type ConversationRow,
  type EventRow,
  type IntegrationRow,
  type Sql,
} from './rows.js';

/** Connections one process keeps to the database at most, unless configured (OMNI_PG_POOL_MAX). */
export const DEFAULT_POOL_SIZE = 10;
/** How long a query waits for a connection (an unreachable database fails requests and /readyz instead of hanging them). */
const CONNECT_TIMEOUT_MS = 5000;

/** PostgreSQL implementation of `Store`. */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly sql: Sql;
  private readonly agents: PostgresAgents;
  private readonly notes: PostgresNotes;
  private closed = false;

  /** Connects lazily to `url` (`postgres://user:password@host:port/database`). */
  constructor(url: string, options: { poolSize?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'omni-widget-server',
    });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
    this.sql = textSafe(this.pool);
    this.agents = new PostgresAgents(this.sql, (id) => this.getIntegration(id));
    this.notes = new PostgresNotes(this.sql);
  }

  saveVisitor: Store['saveVisitor'] = (record) => saveVisitor(this.sql, record);
  getVisitor: Store['getVisitor'] = (customerId) => getVisitor(this.sql, customerId);
  analyticsLog: Store['analyticsLog'] = (queues, since) => analyticsLog(this.sql, queues, since);
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

  listWaiting: Store['listWaiting'] = (queue, limit) => routing.listWaiting(this.sql, queue, limit);
  waitingQueues: Store['waitingQueues'] = () => routing.waitingQueues(this.sql);
  agentLoads: Store['agentLoads'] = (agentIds) => routing.agentLoads(this.sql, agentIds);
  routeNext: Store['routeNext'] = (queue, rule) => routing.routeNext(this.pool, queue, rule);
  assignConversation: Store['assignConversation'] = (id, assignment) => routing.assignConversation(this.pool, id, assignment);
  queueConversation: Store['queueConversation'] = (id, queue, reason, author) => routing.queueConversation(this.pool, id, queue, reason, author);
  requeueAgent: Store['requeueAgent'] = (agentId) => routing.requeueAgent(this.pool, this.sql, agentId);
  setPending: Store['setPending'] = (id, agent) => routing.setPending(this.pool, id, agent);

  async migrate(): Promise<void> {
    await applyMigrations(this.pool);
  }

  async ensureIntegration(integration: NewIntegration): Promise<Integration> {
    await this.sql.query(
      'INSERT INTO integrations (id, name, channels, queue, enabled, created_at) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (id) DO NOTHING',
      [integration.id, integration.name, JSON.stringify(integration.channels), integration.queue, integration.enabled !== false],
    );
    return (await this.getIntegration(integration.id))!;
  }

  async getIntegration(id: string): Promise<Integration | undefined> {
    const { rows } = await this.sql.query<IntegrationRow>('SELECT * FROM integrations WHERE id = $1', [id]);
    return rows[0] ? toIntegration(rows[0]) : undefined;
  }

  async createIntegration(integration: NewIntegration): Promise<Integration | undefined> {
    const { rows } = await this.sql.query<IntegrationRow>(
      `INSERT INTO integrations (id, name, channels, queue, enabled, created_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (id) DO NOTHING RETURNING *`,
      [integration.id, integration.name, JSON.stringify(integration.channels), integration.queue, integration.enabled !== false],
    );
    return rows[0] ? toIntegration(rows[0]) : undefined;
  }

  async listIntegrations(): Promise<Integration[]> {
    const { rows } = await this.sql.query<IntegrationRow>('SELECT * FROM integrations ORDER BY id COLLATE "C"');
    return rows.map(toIntegration);
  }

  async getIntegrationSettings(id: string): Promise<IntegrationSettings | undefined> {
    const { rows } = await this.sql.query<{ settings: string | null }>('SELECT settings FROM integrations WHERE id = $1', [id]);
    return rows[0]?.settings ? JSON.parse(rows[0].settings) : undefined;
  }

  async saveIntegrationSettings(id: string, settings: IntegrationSettings): Promise<boolean> {
    const result = await this.sql.query('UPDATE integrations SET settings = $1 WHERE id = $2', [JSON.stringify(settings), id]);
    return (result.rowCount ?? 0) > 0;
  }

  async findDefaultConversation(customer: Participant): Promise<ConversationRecord | undefined> {
    const existing = await this.existingDefault(this.sql, customer);
    return existing ? toConversation(existing) : undefined;
  }

  async defaultConversation(integration: Integration, customer: Participant, id = `conv_${randomUUID()}`) {
    const existing = await this.existingDefault(this.sql, customer);
    if (existing) return { conversation: toConversation(existing), created: false };
    return transaction(this.pool, async (client) => {
      // Another process may create it at the same moment: the unique index decides, the loser reads the winner's row.
      const inserted = await client.query<ConversationRow>(
        `INSERT INTO conversations (id, integration_id, queue, customer_id, customer_name, created_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $5, now(), now()) ON CONFLICT DO NOTHING RETURNING *`,
        [id, integration.id, integration.queue, customer.id, customer.displayName ?? null],
      );
      if (inserted.rows[0]) {
        await client.query('INSERT INTO participants (conversation_id, participant_id, role, joined_at) VALUES ($1, $2, $3, now())', [
          id,
          customer.id,
          'customer',
        ]);
        return { conversation: toConversation(inserted.rows[0]), created: true };
      }
      const winner = await this.existingDefault(client, customer);
      if (!winner) throw new Error(`conversation id ${id} is taken by another customer`);
      return { conversation: toConversation(winner), created: false };
    });
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.sql.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [id]);
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  async listQueueConversations(queues: string[], limit: number): Promise<ConversationRecord[]> {
    if (queues.length === 0) return [];
    const { rows } = await this.sql.query<ConversationRow>(
      `SELECT * FROM conversations WHERE queue = ANY($1::text[]) AND last_seq > 0
       ORDER BY last_activity_at DESC, id COLLATE "C" LIMIT $2`,
      [queues, limit],
    );
    return rows.map(toConversation);
  }

  async readState(conversation: ConversationRecord, reader: Participant): Promise<ReadState> {
    // One statement, one snapshot: the horizons, the count and the last message agree with each other.
    const { rows } = await this.sql.query<{ read_seq: number | null; other_seq: number | null; unread: number; last: EventRow | null }>(
      `SELECT
         (SELECT read_seq FROM participants WHERE conversation_id = $1 AND participant_id = $2) AS read_seq,
         (SELECT MAX(read_seq) FROM participants WHERE conversation_id = $1 AND role = $3) AS other_seq,
         (SELECT COUNT(*)::int FROM events WHERE conversation_id = $1 AND type = 'message' AND author_id <> $2
            AND seq > COALESCE((SELECT read_seq FROM participants WHERE conversation_id = $1 AND participant_id = $2), 0)
            AND ($4::boolean OR author_role = 'customer')) AS unread,
         (SELECT row_to_json(e) FROM (SELECT * FROM events WHERE conversation_id = $1 AND type = 'message'
            ORDER BY seq DESC LIMIT 1) e) AS last`,
      // The other side: agents read for the customer; the customer reads for agents.
      [conversation.id, reader.id, reader.role === 'customer' ? 'agent' : 'customer', reader.role === 'customer'],
    );
    const row = rows[0]!;
    const last = row.last ? { ...row.last, created_at: new Date(row.last.created_at) } : undefined;
    return {
      readSeq: row.read_seq ?? 0,
      otherReadSeq: row.other_seq ?? 0,
      unreadCount: row.unread,
      ...(last ? { lastMessage: toEvent(last) as MessageEvent } : {}),
    };
  }

  async appendMessage(conversation: ConversationRecord, author: Participant, message: NewMessage): Promise<AppendResult> {
    // One statement, one round trip: lock, join, message, what a customer's message does to the state, horizon (append.ts).
    return appendMessage(this.sql, conversation, author, message);
  }

  async markRead(conversation: ConversationRecord, reader: Participant, seq: number): Promise<ReadEvent | undefined> {
    return transaction(this.pool, async (client): Promise<ReadEvent | undefined> => {
      const head = await lockConversation(client, conversation.id);
      if (!head) throw new Error(`no conversation ${conversation.id}`);
      const target = Math.min(seq, head.last_seq);
      const { rows } = await client.query<{ read_seq: number }>(
        'SELECT read_seq FROM participants WHERE conversation_id = $1 AND participant_id = $2',
        [conversation.id, reader.id],
      );
      if (!rows[0]) {
        await client.query('INSERT INTO participants (conversation_id, participant_id, role, joined_at) VALUES ($1, $2, $3, now())', [
          conversation.id,
          reader.id,
          reader.role,
        ]);
      }
      if (target <= (rows[0]?.read_seq ?? 0)) return undefined;
      await this.moveHorizon(client, conversation.id, reader.id, target);
      return (await insertEvent(client, conversation.id, reader, new Date(), 'read', null, { readSeq: target })) as ReadEvent;
    });
  }

  async resolveConversation(conversation: ConversationRecord, agent: Participant): Promise<ResolvedEvent | undefined> {
    return resolveConversation(this.pool, conversation, agent);
  }

  async rateConversation(conversation: ConversationRecord, customer: Participant, rating: Rating): Promise<CsatEvent | 'not-resolved' | 'already-rated'> {
    return rateConversation(this.pool, conversation, customer, rating);
  }

  async setContact(conversation: ConversationRecord, customer: Participant, contact: ContactDetails): Promise<ContactEvent | undefined> {
    return setContact(this.pool, conversation, customer, contact);
  }

  async listMessages(conversationId: string, before: number | undefined, limit: number) {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT * FROM events WHERE conversation_id = $1 AND type = 'message' AND ($2::bigint IS NULL OR seq < $2::bigint)
       ORDER BY seq DESC LIMIT $3`,
      [conversationId, before ?? null, limit + 1],
    );
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map((row) => toEvent(row) as MessageEvent), hasMore };
  }

  async listEvents(conversationId: string, after: number, limit: number) {
    const { rows } = await this.sql.query<EventRow>(
      'SELECT * FROM events WHERE conversation_id = $1 AND seq > $2::bigint ORDER BY seq ASC LIMIT $3',
      [conversationId, after, limit + 1],
    );
    return { events: rows.slice(0, limit).map(toEvent), hasMore: rows.length > limit };
  }

  async createAttachment(record: AttachmentRecord): Promise<void> {
    await this.sql.query(
      `INSERT INTO attachments (id, conversation_id, uploader_id, name, content_type, size, kind, sha256, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [record.id, record.conversationId, record.uploaderId, record.name, record.contentType, record.size, record.kind, record.sha256, record.createdAt],
    );
  }

  async getAttachment(id: string): Promise<AttachmentRecord | undefined> {
    const { rows } = await this.sql.query<Record<string, string | Date>>('SELECT * FROM attachments WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id as string,
      conversationId: row.conversation_id as string,
      uploaderId: row.uploader_id as string,
      name: row.name as string,
      contentType: row.content_type as string,
      size: Number(row.size),
      kind: row.kind as AttachmentRecord['kind'],
      sha256: row.sha256 as string,
      createdAt: (row.created_at as Date).toISOString(),
    };
  }

  async savePushSubscription(record: PushSubscriptionRecord, keep: number): Promise<void> {
    await transaction(this.pool, async (client) => {
      // One browser, one owner: the endpoint moves to whoever subscribed with it last, as the newest.
      await client.query(
        `INSERT INTO push_subscriptions (endpoint, participant_id, p256dh, auth, page_url, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (endpoint) DO UPDATE SET participant_id = excluded.participant_id, p256dh = excluded.p256dh, auth = excluded.auth,
           page_url = excluded.page_url, created_at = excluded.created_at,
           ordinal = nextval(pg_get_serial_sequence('push_subscriptions', 'ordinal'))`,
        [record.endpoint, record.participantId, record.keys.p256dh, record.keys.auth, record.pageUrl ?? null, record.createdAt],
      );
      await client.query(
        `DELETE FROM push_subscriptions WHERE participant_id = $1 AND endpoint NOT IN (
           SELECT endpoint FROM push_subscriptions WHERE participant_id = $1 ORDER BY created_at DESC, ordinal DESC LIMIT $2)`,
        [record.participantId, keep],
      );
    });
  }

  async listPushSubscriptions(participantId: string): Promise<PushSubscriptionRecord[]> {
    const { rows } = await this.sql.query<Record<string, string | null> & { created_at: Date }>(
      'SELECT * FROM push_subscriptions WHERE participant_id = $1 ORDER BY created_at DESC, ordinal DESC',
      [participantId],
    );
    return rows.map((row) => ({
      participantId: row.participant_id!,
      endpoint: row.endpoint!,
      keys: { p256dh: row.p256dh!, auth: row.auth! },
      ...(row.page_url ? { pageUrl: row.page_url } : {}),
      createdAt: row.created_at.toISOString(),
    }));
  }

  async deletePushSubscription(endpoint: string, participantId?: string): Promise<boolean> {
    const result = participantId === undefined
      ? await this.sql.query('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint])
      : await this.sql.query('DELETE FROM push_subscriptions WHERE endpoint = $1 AND participant_id = $2', [endpoint, participantId]);
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** The customer's default conversation row; its name follows the token's unless the contact named the customer. */
  private async existingDefault(db: Sql, customer: Participant): Promise<ConversationRow | undefined> {
    const { rows } = await db.query<ConversationRow>('SELECT * FROM conversations WHERE customer_id = $1 AND is_default', [customer.id]);
    const existing = rows[0];
    const contactNamed = existing?.contact ? Boolean((JSON.parse(existing.contact) as ContactDetails).name) : false;
    if (existing && !contactNamed && customer.displayName && storableText(customer.displayName) !== existing.customer_name) {
      // Only while the contact is still the one read: a contact name given meanwhile by another process is never overwritten.
      await db.query('UPDATE conversations SET customer_name = $1 WHERE id = $2 AND contact IS NOT DISTINCT FROM $3', [
        customer.displayName,
        existing.id,
        existing.contact,
      ]);
      existing.customer_name = storableText(customer.displayName);
    }
    return existing;
  }

  private async moveHorizon(client: Sql, conversationId: string, participantId: string, seq: number): Promise<void> {
    await client.query('UPDATE participants SET read_seq = GREATEST(read_seq, $1) WHERE conversation_id = $2 AND participant_id = $3', [
      seq,
      conversationId,
      participantId,
    ]);
  }
}
