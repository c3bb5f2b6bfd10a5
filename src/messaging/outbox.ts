/**
 * The outbox: every send gets a `clientMessageId`, shows at once as pending, and is kept in the
 * local cache (IndexedDB) with the exact request body it will send until the server acknowledges
 * it. A page that loads shows what a previous page left (before any token or socket) and flushes
 * it in order, per conversation, whenever the server is reachable: at once, after backoff, on the
 * socket's welcome and on `online`. The server's idempotency on `clientMessageId` makes a retry
 * after a lost ack harmless, also when two tabs flush the same entry: nothing lost, nothing doubled.
 */
import { perSession } from '../core/session-family.js';
import { OmniError, toErrorInfo } from '../core/errors.js';
import type { OutboxEntry } from '../core/local-cache.js';
import type { OmniSession } from '../core/session.js';
import type { ReadableAtom } from 'nanostores';
import type { AttachmentInfo, Conversation, Message, MessageEvent, SendMessageRequest } from '../core/protocol.js';
import type { RichBody } from './agent-commands.js';
import { addStored, setLocal } from './timeline.js';

export type { OutboxEntry } from '../core/local-cache.js';

/** Entries older than this are dropped when a page loads. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** A session's outbox (state shared with the retarget chunk). */
export interface Outbox {
  entries: OutboxEntry[];
  flushing: Set<string>;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  attempt: number;
  /** Restores run one after another (the welcome and the token may both ask). */
  restoring: Promise<void>;
  /** Entries made before the identity (so the cache) was known: saved at the next restore. */
  unsaved: Set<OutboxEntry>;
  /** Each request sent, by clientMessageId: resolves true if the server stored the message (kept for the page's life, to tell what a retarget must not resend). */
  sending: Map<string, Promise<boolean>>;
  /** The session's conversation list (given by the conversations module, which opens the outbox). */
  conversations?: ReadableAtom<Record<string, Conversation>>;
}

let lastOrder = 0;

/** A send order that grows across tabs and reloads (time-based, never repeating within a page). */
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

/** Each session's outbox; it restores what the cache holds and flushes it as soon as it can. */
const outboxOf = perSession<Outbox>(
  () => ({ entries: [], flushing: new Set(), retryTimer: undefined, attempt: 0, restoring: Promise.resolve(), unsaved: new Set(), sending: new Map() }),
  (session, created) => {
    const restore = () => {
      created.restoring = created.restoring.then(() => restoreFromCache(session, created)).then(() => flushAll(session));
    };
    session.onSignal((signal) => {
      if (signal.type === 'welcome') restore();
      else if (signal.type === 'identity-changed') {
        const [previous, next, unsent] = [session.$identity.get(), signal.participant, created.entries];
        created.entries = [];
        clearTimeout(created.retryTimer);
        created.retryTimer = undefined;
        // A customer has one conversation: what they wrote while the browser's previous identity
        // was shown (a guest who just signed in) is theirs and goes to the new one's, not lost.
        // (A lazy chunk: identities rarely change.)
        if (previous?.role === 'customer' && next?.role === 'customer') void import('./outbox-retarget.js').then((m) => m.retarget(session, created, previous.id, next.id, unsent, queue));
      }
    });
    // What a previous page left shows before any network call, and is sent as soon as possible;
    // sends made before the identity was known are saved once the token names it.
    restore();
    session.$identity.listen((identity) => {
      if (identity) restore();
    });
    if (typeof window !== 'undefined') window.addEventListener('online', () => flushAll(session));
  },
);

/** Merges the cached entries of the current identity (another tab's or a previous page's) and saves ours. */
async function restoreFromCache(session: OmniSession, outbox: Outbox): Promise<void> {
  await session.hydration;
  const cached = await session.withCache((cache, me) => cache.outbox(me));
  if (!cached) return;
  const cutoff = Date.now() - MAX_AGE_MS;
  const known = new Set(outbox.entries.map((entry) => entry.clientMessageId));
  const restored = cached.filter((entry) => entry?.body && Date.parse(entry.createdAt) > cutoff && !known.has(entry.clientMessageId));
  outbox.entries = [...restored, ...outbox.entries].sort((a, b) => a.order - b.order);
  for (const entry of restored) showLocal(session, entry);
  // Entries made before the identity was known are saved now (and only those).
  for (const entry of [...outbox.unsaved]) save(session, entry);
}

function save(session: OmniSession, entry: OutboxEntry): void {
  const outbox = outboxOf(session);
  void session.withCache((cache, me) => cache.putOutbox(me, entry).then(() => true)).then((saved) => {
    if (saved || !outbox.entries.includes(entry)) outbox.unsaved.delete(entry);
    else outbox.unsaved.add(entry);
  });
}

function forget(session: OmniSession, entry: OutboxEntry): void {
  outboxOf(session).unsaved.delete(entry);
  void session.withCache((cache, me) => cache.deleteOutbox(me, entry.clientMessageId));
}

function showLocal(session: OmniSession, entry: OutboxEntry): void {
  const me = session.$identity.get();
  setLocal(session, entry.conversationId, {
    key: entry.clientMessageId,
    status: entry.status,
    author: me ?? { id: 'me', role: 'customer' },
    own: true,
    createdAt: entry.createdAt,
    message: entry.message,
    ...(entry.error ? { error: entry.error } : {}),
  });
}

/** What a request body looks like while it waits (attachments carry their description). */
function pendingMessage(body: SendMessageRequest, attachment?: AttachmentInfo): Message {
  if (body.type === 'attachment') {
    return { id: '', clientMessageId: body.clientMessageId, type: 'attachment', attachment: attachment!, ...(body.caption ? { caption: body.caption } : {}) };
  }
  return { ...body, id: '' } as Message;
}

function flushAll(session: OmniSession): void {
  const outbox = outboxOf(session);
  clearTimeout(outbox.retryTimer);
  outbox.retryTimer = undefined;
  for (const conversationId of new Set(outbox.entries.map((entry) => entry.conversationId))) void flush(session, conversationId);
}

/** Sends a conversation's pending entries one at a time, in order. */
async function flush(session: OmniSession, conversationId: string): Promise<void> {
  const outbox = outboxOf(session);
  if (outbox.flushing.has(conversationId)) return;
  outbox.flushing.add(conversationId);
  try {
    for (;;) {
      const entry = outbox.entries.find((candidate) => candidate.conversationId === conversationId && candidate.status === 'pending');
      if (!entry) return;
      const request = session.http.request<MessageEvent>('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/messages`, entry.body);
      outbox.sending.set(entry.clientMessageId, request.then(() => true, () => false));
      try {
        const stored = await request;
        outbox.entries = outbox.entries.filter((candidate) => candidate !== entry);
        outbox.attempt = 0;
        forget(session, entry);
        addStored(session, stored, true);
      } catch (error) {
        // Moved to another identity's conversation meanwhile: the moved copy carries on.
        if (!outbox.entries.includes(entry)) return;
        const transient = !(error instanceof OmniError) || error.status === undefined || error.status >= 500 || error.status === 401 || error.status === 429;
        if (transient) {
          scheduleRetry(session, outbox);
          return;
        }
        entry.status = 'failed';
        entry.error = toErrorInfo(error);
        save(session, entry);
        showLocal(session, entry);
        session.reportError(error);
      }
    }
  } finally {
    outbox.flushing.delete(conversationId);
  }
}

function scheduleRetry(session: OmniSession, outbox: Outbox): void {
  if (outbox.retryTimer) return;
  outbox.attempt += 1;
  const delay = Math.min(8000, 500 * 2 ** Math.min(outbox.attempt, 5)) * (0.5 + Math.random() / 2);
  outbox.retryTimer = setTimeout(() => flushAll(session), delay);
}

/** Queues a request body: shown at once as pending, saved, sent in order. Returns its clientMessageId. */
function enqueue(session: OmniSession, conversationId: string, body: SendMessageRequest, attachment?: AttachmentInfo): string {
  const entry: OutboxEntry = {
    clientMessageId: body.clientMessageId,
    conversationId,
    createdAt: new Date().toISOString(),
    status: 'pending',
    body,
    message: pendingMessage(body, attachment),
    ...(attachment ? { attachment } : {}),
    order: nextOrder(),
  };
  queue(session, entry);
  return entry.clientMessageId;
}

/** Adds an entry to the outbox: shown at once as pending, saved, sent in order. */
function queue(session: OmniSession, entry: OutboxEntry): void {
  outboxOf(session).entries.push(entry);
  save(session, entry);
  showLocal(session, entry);
  void flush(session, entry.conversationId);
}

/** Sends a text message (optionally answering a quick reply or button); it shows at once as pending. Returns its clientMessageId. */
export function sendText(session: OmniSession, conversationId: string, text: string, reply: { payload?: string; replyTo?: string } = {}): string {
  return enqueue(session, conversationId, {
    clientMessageId: crypto.randomUUID(),
    type: 'text',
    text,
    ...(reply.payload ? { payload: reply.payload } : {}),
    ...(reply.replyTo ? { replyTo: reply.replyTo } : {}),
  });
}

/** Sends an uploaded file as an attachment message (through the outbox, like text). */
export function sendAttachment(session: OmniSession, conversationId: string, attachment: AttachmentInfo, caption?: string): string {
  return enqueue(session, conversationId, { clientMessageId: crypto.randomUUID(), type: 'attachment', attachmentId: attachment.id, ...(caption ? { caption } : {}) }, attachment);
}

/** Sends a rich message (agents: card, carousel, quick replies, buttons). */
export function sendRich(session: OmniSession, conversationId: string, rich: RichBody): string {
  return enqueue(session, conversationId, { ...rich, clientMessageId: crypto.randomUUID() } as SendMessageRequest);
}

/** Puts a failed message back in the queue. */
export function retrySend(session: OmniSession, conversationId: string, clientMessageId: string): void {
  const outbox = outboxOf(session);
  const entry = outbox.entries.find((candidate) => candidate.clientMessageId === clientMessageId && candidate.conversationId === conversationId);
  if (!entry || entry.status !== 'failed') return;
  entry.status = 'pending';
  delete entry.error;
  save(session, entry);
  showLocal(session, entry);
  void flush(session, conversationId);
}

/** The unsent entries of a session (for diagnostics and tests). */
export function outboxEntries(session: OmniSession): readonly OutboxEntry[] {
  return outboxOf(session).entries;
}

/** Shows and starts flushing what the cache holds for this session's identity; the conversation list calls it as it starts (so a reload shows the outbox at once) and hands itself over for retargeting. */
export function openOutbox(session: OmniSession, conversations: ReadableAtom<Record<string, Conversation>>): void {
  outboxOf(session).conversations = conversations;
}
