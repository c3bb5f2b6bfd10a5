/** Read horizons: `markRead` moves the caller's horizon forward at once locally, then tells the server (debounced). */
import { perSession } from '../core/session-family.js';
import type { OmniSession } from '../core/session.js';
import { conversationsOf } from './conversations.js';

/** Debounce of read reports. */
export const READ_DEBOUNCE_MS = 300;

const pendingOf = perSession(() => new Map<string, { seq: number; timer: ReturnType<typeof setTimeout> }>());

/** Marks everything up to `seq` as read in a conversation (only ever forward). */
export function markRead(session: OmniSession, conversationId: string, seq: number): void {
  const conversations = conversationsOf(session);
  const conversation = conversations.get()[conversationId];
  if (!conversation || seq <= conversation.readSeq) return;
  conversations.setKey(conversationId, {
    ...conversation,
    readSeq: seq,
    unreadCount: seq >= (conversation.lastMessage?.seq ?? conversation.lastSeq) ? 0 : conversation.unreadCount,
  });
  const queued = pendingOf(session);
  const previous = queued.get(conversationId);
  clearTimeout(previous?.timer);
  const target = Math.max(seq, previous?.seq ?? 0);
  queued.set(conversationId, {
    seq: target,
    timer: setTimeout(() => {
      queued!.delete(conversationId);
      session.http
        .request('POST', `/v1/conversations/${encodeURIComponent(conversationId)}/read`, { seq: target })
        .catch((error) => session.reportError(error));
    }, READ_DEBOUNCE_MS),
  });
}
