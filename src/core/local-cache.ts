/**
 * The local cache (IndexedDB through `idb`), per server + identity: conversation heads, message
 * events by seq and the outbox. The widget renders from it before any network call and then
 * fetches only the gap. Bounded per conversation and in total (the oldest events go first);
 * one identity never reads another's rows, and signing out deletes them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Conversation, MessageEvent, SendMessageRequest, OmniErrorInfo, AttachmentInfo, Message } from './protocol.js';

/** An unsent message as the outbox keeps it: the exact request body it will send, and how to show it meanwhile. */
export interface OutboxEntry {
  clientMessageId: string;
  conversationId: string;
  createdAt: string;
  status: 'pending' | 'failed';
  error?: OmniErrorInfo;
  /** What `POST /v1/conversations/:id/messages` will receive. */
  body: SendMessageRequest;
  /** The message as shown while pending (attachments need their description). */
  message: Message;
  attachment?: AttachmentInfo;
  /** Order of sends across tabs and reloads. */
  order: number;
}

/** Limits of the cache. */
export interface CacheLimits {
  /** Message events kept per conversation (the newest). */
  perConversation: number;
  /** Message events kept per identity in total. */
  total: number;
}

/** Default limits. */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { perConversation: 2000, total: 20000 };

/** Everything cached for one identity: what `snapshot()` returns and `restore()` takes. */
export interface CacheSnapshot {
  version: 1;
  serverUrl: string;
  participantId: string;
  heads: Conversation[];
  events: MessageEvent[];
  outbox: OutboxEntry[];
}

interface CacheSchema extends DBSchema {
  heads: { key: [string, string]; value: { scope: string; id: string; conversation: Conversation } };
  events: {
    key: [string, string, number];
    value: { scope: string; conversationId: string; seq: number; event: MessageEvent };
    indexes: { byScope: string };
  };
  outbox: { key: [string, string]; value: { scope: string; clientMessageId: string; entry: OutboxEntry }; indexes: { byScope: string } };
}

const DB_NAME = 'omni-widget';
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** The cache of one server; every call names the identity (participant id) it reads or writes. */
export class LocalCache {
  private pendingEvents: Array<{ scope: string; event: MessageEvent }> = [];
  private flushing: Promise<void> | undefined;
  private writesSinceEviction = 0;

  private constructor(
    private readonly db: IDBPDatabase<CacheSchema>,
    readonly serverUrl: string,
    private readonly limits: CacheLimits,
  ) {}

  /** Opens the cache; undefined where IndexedDB is unavailable (private modes, old browsers): the widget then works online only. */
  static async open(serverUrl: string, limits: CacheLimits = DEFAULT_CACHE_LIMITS): Promise<LocalCache | undefined> {
    if (typeof indexedDB === 'undefined') return undefined;
    try {
      const db = await openDB<CacheSchema>(DB_NAME, 1, {
        upgrade(database) {
          database.createObjectStore('heads', { keyPath: ['scope', 'id'] });
          database.createObjectStore('events', { keyPath: ['scope', 'conversationId', 'seq'] }).createIndex('byScope', 'scope');
          database.createObjectStore('outbox', { keyPath: ['scope', 'clientMessageId'] }).createIndex('byScope', 'scope');
        },
      });
      return new LocalCache(db, serverUrl, limits);
    } catch {
      return undefined;
    }
  }

  private scope(participantId: string): string {
    return `${this.serverUrl}|${participantId}`;
  }

  /** Cached conversation heads of an identity. */
  async heads(participantId: string): Promise<Conversation[]> {
    const scope = this.scope(participantId);
    const rows = await this.db.getAll('heads', IDBKeyRange.bound([scope, ''], [scope, '\uffff']));
    return rows.map((row) => row.conversation);
  }

  /** Stores a conversation head. */
  async putHead(participantId: string, conversation: Conversation): Promise<void> {
    await this.db.put('heads', { scope: this.scope(participantId), id: conversation.id, conversation });
  }

  /** The newest `limit` cached message events of a conversation, ascending by seq (two requests: the newest seq, then one range read). */
  async newestEvents(participantId: string, conversationId: string, limit: number): Promise<MessageEvent[]> {
    const scope = this.scope(participantId);
    const tx = this.db.transaction('events');
    const newest = await tx.store.openCursor(IDBKeyRange.bound([scope, conversationId, 0], [scope, conversationId, MAX_SEQ]), 'prev');
    if (!newest) return [];
    const last = newest.value.seq;
    const rows = await tx.store.getAll(IDBKeyRange.bound([scope, conversationId, Math.max(0, last - limit * 2)], [scope, conversationId, last]));
    return rows.slice(-limit).map((row) => row.event);
  }

  /** Up to `limit` cached message events of a conversation before `beforeSeq`, ascending (older history from the cache first). */
  async eventsBefore(participantId: string, conversationId: string, beforeSeq: number, limit: number): Promise<MessageEvent[]> {
    const scope = this.scope(participantId);
    if (beforeSeq <= 1) return [];
    const rows = await this.db.getAll('events', IDBKeyRange.bound([scope, conversationId, Math.max(0, beforeSeq - limit * 2)], [scope, conversationId, beforeSeq - 1]));
    return rows.slice(-limit).map((row) => row.event);
  }

  /**
   * Joins the first-paint copy (newest messages per conversation): where this cache's newest
   * message is older than the copy's oldest (its last writes were lost with the page), what lies
   * between is unknown, so that conversation's messages are dropped (older pages then come from
   * the server); either way the copy's messages are written.
   */
  async reconcile(participantId: string, copy: Map<string, MessageEvent[]>): Promise<void> {
    for (const [conversationId, events] of copy) {
      const oldest = events[0];
      if (!oldest) continue;
      const [newest] = await this.newestEvents(participantId, conversationId, 1);
      if (newest && newest.seq < oldest.seq) await this.dropEvents(participantId, conversationId);
      await this.putEvents(participantId, events);
    }
  }

  /** Queues message events for writing (batched into one transaction per task). */
  putEvents(participantId: string, events: MessageEvent[]): Promise<void> {
    const scope = this.scope(participantId);
    for (const event of events) this.pendingEvents.push({ scope, event });
    this.flushing ??= Promise.resolve().then(() => this.flushEvents());
    return this.flushing;
  }

  private async flushEvents(): Promise<void> {
    const batch = this.pendingEvents;
    this.pendingEvents = [];
    this.flushing = undefined;
    if (!batch.length) return;
    const tx = this.db.transaction('events', 'readwrite');
    for (const { scope, event } of batch) void tx.store.put({ scope, conversationId: event.conversationId, seq: event.seq, event });
    await tx.done;
    this.writesSinceEviction += batch.length;
    if (this.writesSinceEviction >= 200) {
      this.writesSinceEviction = 0;
      await this.evict([...new Set(batch.map((row) => row.scope))]);
    }
  }

  /** Drops a conversation's cached events (a gap too large to fill: the newest page starts over). */
  async dropEvents(participantId: string, conversationId: string): Promise<void> {
    const scope = this.scope(participantId);
    await this.db.delete('events', IDBKeyRange.bound([scope, conversationId, 0], [scope, conversationId, MAX_SEQ]));
  }

  /** Keeps the newest events within the per-conversation and total caps. */
  async evict(scopes: string[]): Promise<void> {
    for (const scope of scopes) {
      const tx = this.db.transaction('events', 'readwrite');
      // One read of the identity's rows, ordered by conversation, then seq (the primary key).
      const rows = await tx.store.index('byScope').getAll(scope);
      const kept: typeof rows = [];
      const drop = (row: (typeof rows)[number]) => void tx.store.delete([row.scope, row.conversationId, row.seq]);
      const byConversation = new Map<string, typeof rows>();
      for (const row of rows) {
        const list = byConversation.get(row.conversationId);
        if (list) list.push(row);
        else byConversation.set(row.conversationId, [row]);
      }
      for (const list of byConversation.values()) {
        const over = Math.max(0, list.length - this.limits.perConversation);
        list.slice(0, over).forEach(drop);
        for (const row of list.slice(over)) kept.push(row);
      }
      if (kept.length > this.limits.total) {
        // Across conversations, the oldest by time go first.
        kept.sort((a, b) => a.event.createdAt.localeCompare(b.event.createdAt));
        kept.slice(0, kept.length - this.limits.total).forEach(drop);
      }
      await tx.done;
    }
  }

  /** The outbox of an identity, in send order. */
  async outbox(participantId: string): Promise<OutboxEntry[]> {
    const rows = await this.db.getAllFromIndex('outbox', 'byScope', this.scope(participantId));
    return rows.map((row) => row.entry).sort((a, b) => a.order - b.order);
  }

  /** Adds or updates an outbox entry. */
  async putOutbox(participantId: string, entry: OutboxEntry): Promise<void> {
    await this.db.put('outbox', { scope: this.scope(participantId), clientMessageId: entry.clientMessageId, entry });
  }

  /** Removes an acknowledged outbox entry. */
  async deleteOutbox(participantId: string, clientMessageId: string): Promise<void> {
    await this.db.delete('outbox', [this.scope(participantId), clientMessageId]);
  }

  /** Everything of one identity, for an app that keeps its own storage. */
  async snapshot(participantId: string): Promise<CacheSnapshot> {
    const scope = this.scope(participantId);
    await this.flushing;
    const events = await this.db.getAllFromIndex('events', 'byScope', scope);
    return {
      version: 1,
      serverUrl: this.serverUrl,
      participantId,
      heads: await this.heads(participantId),
      events: events.map((row) => row.event),
      outbox: await this.outbox(participantId),
    };
  }

  /** Writes a snapshot back (same server only); existing rows of that identity are kept and merged. */
  async restore(snapshot: CacheSnapshot): Promise<void> {
    if (snapshot.version !== 1 || snapshot.serverUrl !== this.serverUrl) throw new Error('The snapshot is of another server or version.');
    const scope = this.scope(snapshot.participantId);
    const tx = this.db.transaction(['heads', 'events', 'outbox'], 'readwrite');
    for (const conversation of snapshot.heads) void tx.objectStore('heads').put({ scope, id: conversation.id, conversation });
    for (const event of snapshot.events) void tx.objectStore('events').put({ scope, conversationId: event.conversationId, seq: event.seq, event });
    for (const entry of snapshot.outbox) void tx.objectStore('outbox').put({ scope, clientMessageId: entry.clientMessageId, entry });
    await tx.done;
  }

  /** Deletes everything of one identity (sign-out). */
  async clear(participantId: string): Promise<void> {
    const scope = this.scope(participantId);
    await this.flushing;
    const tx = this.db.transaction(['heads', 'events', 'outbox'], 'readwrite');
    void tx.objectStore('heads').delete(IDBKeyRange.bound([scope, ''], [scope, '\uffff']));
    void tx.objectStore('events').delete(IDBKeyRange.bound([scope, '', 0], [scope, '\uffff', MAX_SEQ]));
    void tx.objectStore('outbox').delete(IDBKeyRange.bound([scope, ''], [scope, '\uffff']));
    await tx.done;
  }

  /** Closes the database connection. */
  close(): void {
    this.db.close();
  }
}
