/**
 * The outbox: every send gets a `clientMessageId`, shows at once as pending, is kept in
 * localStorage until the server acknowledges it (so it survives a reload), and is retried in
 * order per conversation after network errors and reconnects. The server's idempotency on
 * `clientMessageId` makes a retry after a lost ack harmless.
 */
import { OmniError, toErrorInfo } from '../core/errors.js';
import type { OmniSession } from '../core/session.js';
import type { AttachmentInfo, Message, MessageEvent, OmniErrorInfo, SendMessageRequest } from '../core/protocol.js';
import type { RichBody } from './agent-commands.js';
import { addStored, setLocal } from './timeline.js';

/** An unsent message. */
export interface OutboxEntry {
  clientMessageId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  status: 'pending' | 'failed';
  error?: OmniErrorInfo;
  /** Set when the text answers a quick reply or postback button. */
  payload?: string;
  replyTo?: string;
  /** Set for an attachment message (`text` is then its caption). */
  attachment?: AttachmentInfo;
  /** Set for a rich message (card, carousel, quick replies, buttons) an agent sends. */
  rich?: RichBody;
}

/** Entries older than this are dropped when a page loads. */
const MAX_AGE_MS = 24 * 3600 * 1000;

interface Outbox {
  entries: OutboxEntry[];
  flushing: Set<string>;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  attempt: number;
  storageKey: string | undefined;
}

const outboxes = new WeakMap<OmniSession, Outbox>();

function outboxOf(session: OmniSession): Outbox {
  let outbox = outboxes.get(session);
  if (outbox) return outbox;
  const created: Outbox = { entries: [], flushing: new Set(), retryTimer: undefined, attempt: 0, storageKey: undefined };
  outbox = created;
  outboxes.set(session, created);
  const welcome = () => {
    const participant = session.$participant.get();
    if (participant && !created.storageKey) restore(session, created, `omni-outbox:${session.config.serverUrl}:${participant.id}`);
    flushAll(session);
  };
  session.onSignal((signal) => {
    if (signal.type === 'welcome') welcome();
  });
  if (session.$participant.get()) welcome();
  return created;
}

/** Merges the entries a previous page left in localStorage, then keeps storage in sync. */
function restore(session: OmniSession, outbox: Outbox, storageKey: string): void {
  outbox.storageKey = storageKey;
  let saved: OutboxEntry[] = [];
  try {
    saved = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as OutboxEntry[];
  } catch {
    saved = [];
  }
  const cutoff = Date.now() - MAX_AGE_MS;
  const known = new Set(outbox.entries.map((entry) => entry.clientMessageId));
  const restored = (Array.isArray(saved) ? saved : []).filter(
    (entry) => entry && typeof entry.text === 'string' && Date.parse(entry.createdAt) > cutoff && !known.has(entry.clientMessageId),
  );
  outbox.entries = [...restored, ...outbox.entries];
  for (const entry of restored) showLocal(session, entry);
  persist(outbox);
}

function persist(outbox: Outbox): void {
  if (!outbox.storageKey) return;
  try {
    if (outbox.entries.length) localStorage.setItem(outbox.storageKey, JSON.stringify(outbox.entries));
    else localStorage.removeItem(outbox.storageKey);
  } catch {
    // Storage full or blocked: the outbox still works for this page.
  }
}

function showLocal(session: OmniSession, entry: OutboxEntry): void {
  const me = session.$participant.get();
  setLocal(session, entry.conversationId, {
    key: entry.clientMessageId,
    status: entry.status,
    author: me ?? { id: 'me', role: 'customer' },
    own: true,
    createdAt: entry.createdAt,
    message: localMessage(entry),
    ...(entry.error ? { error: entry.error } : {}),
  });
}

function localMessage(entry: OutboxEntry): Message {
  if (entry.rich) return { ...entry.rich, id: '', clientMessageId: entry.clientMessageId } as Message;
  if (entry.attachment) {
    return { id: '', clientMessageId: entry.clientMessageId, type: 'attachment', attachment: entry.attachment, ...(entry.text ? { caption: entry.text } : {}) };
  }
  return {
    id: '',
    clientMessageId: entry.clientMessageId,
    type: 'text',
    text: entry.text,
    ...(entry.payload ? { payload: entry.payload } : {}),
    ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
  };
}

function requestBody(entry: OutboxEntry): SendMessageRequest {
  if (entry.rich) return { ...entry.rich, clientMessageId: entry.clientMessageId } as SendMessageRequest;
  if (entry.attachment) {
    return { clientMessageId: entry.clientMessageId, type: 'attachment', attachmentId: entry.attachment.id, ...(entry.text ? { caption: entry.text } : {}) };
  }
  return {
    clientMessageId: entry.clientMessageId,
    type: 'text',
    text: entry.text,
    ...(entry.payload ? { payload: entry.payload } : {}),
    ...(entry.replyTo ? { replyTo: entry.replyTo } : {}),
  };
}

function newClientMessageId(): string {
  return crypto.randomUUID();
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
      try {
        const body = requestBody(entry);
        const stored = await session.http.request<MessageEvent>('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/messages`, body);
        outbox.entries = outbox.entries.filter((candidate) => candidate !== entry);
        outbox.attempt = 0;
        persist(outbox);
        addStored(session, stored, true);
      } catch (error) {
        const transient = !(error instanceof OmniError) || error.status === undefined || error.status >= 500 || error.status === 401 || error.status === 429;
        if (transient) {
          scheduleRetry(session, outbox);
          return;
        }
        entry.status = 'failed';
        entry.error = toErrorInfo(error);
        persist(outbox);
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
  const delay = Math.min(30000, 500 * 2 ** Math.min(outbox.attempt, 6)) * (0.5 + Math.random() / 2);
  outbox.retryTimer = setTimeout(() => flushAll(session), delay);
}

/** Sends a text message (optionally answering a quick reply or button); it shows at once as pending. Returns its clientMessageId. */
export function sendText(session: OmniSession, conversationId: string, text: string, reply: { payload?: string; replyTo?: string } = {}): string {
  const outbox = outboxOf(session);
  const entry: OutboxEntry = {
    clientMessageId: newClientMessageId(),
    conversationId,
    text,
    createdAt: new Date().toISOString(),
    status: 'pending',
    ...(reply.payload ? { payload: reply.payload } : {}),
    ...(reply.replyTo ? { replyTo: reply.replyTo } : {}),
  };
  outbox.entries.push(entry);
  persist(outbox);
  showLocal(session, entry);
  void flush(session, conversationId);
  return entry.clientMessageId;
}

/** Sends an uploaded file as an attachment message (through the outbox, like text). */
export function sendAttachment(session: OmniSession, conversationId: string, attachment: AttachmentInfo, caption?: string): string {
  const outbox = outboxOf(session);
  const entry: OutboxEntry = {
    clientMessageId: newClientMessageId(),
    conversationId,
    text: caption ?? '',
    createdAt: new Date().toISOString(),
    status: 'pending',
    attachment,
  };
  outbox.entries.push(entry);
  persist(outbox);
  showLocal(session, entry);
  void flush(session, conversationId);
  return entry.clientMessageId;
}

/** Sends a rich message (agents: card, carousel, quick replies, buttons). */
export function sendRich(session: OmniSession, conversationId: string, rich: RichBody): string {
  const outbox = outboxOf(session);
  const entry: OutboxEntry = { clientMessageId: newClientMessageId(), conversationId, text: '', createdAt: new Date().toISOString(), status: 'pending', rich };
  outbox.entries.push(entry);
  persist(outbox);
  showLocal(session, entry);
  void flush(session, conversationId);
  return entry.clientMessageId;
}

/** Puts a failed message back in the queue. */
export function retrySend(session: OmniSession, conversationId: string, clientMessageId: string): void {
  const outbox = outboxOf(session);
  const entry = outbox.entries.find((candidate) => candidate.clientMessageId === clientMessageId && candidate.conversationId === conversationId);
  if (!entry || entry.status !== 'failed') return;
  entry.status = 'pending';
  delete entry.error;
  persist(outbox);
  showLocal(session, entry);
  void flush(session, conversationId);
}

/** The unsent entries of a session (for diagnostics and tests). */
export function outboxEntries(session: OmniSession): readonly OutboxEntry[] {
  return outboxOf(session).entries;
}
