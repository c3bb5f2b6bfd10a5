/**
 * Moving unsent messages when the browser's identity changes (a guest who just signed in): a
 * customer has one conversation, so what they wrote while the previous identity's cache was shown
 * is theirs and goes to the new identity's conversation instead of being lost. A lazy chunk.
 */
import type { OutboxEntry } from '../core/local-cache.js';
import type { OmniSession } from '../core/session.js';
import type { Outbox } from './outbox.js';

/**
 * Waits until the new identity's conversation is known, then hands each unsent entry of the
 * previous identity to `queue`, retargeted to it and pending again. An entry whose request was on
 * the wire and got stored stays where it is; every entry leaves the previous identity's outbox.
 */
export async function retarget(
  session: OmniSession,
  outbox: Pick<Outbox, 'conversations' | 'sending'>,
  previousId: string,
  participantId: string,
  unsent: readonly OutboxEntry[],
  queue: (session: OmniSession, entry: OutboxEntry) => void,
): Promise<void> {
  const conversationId = await new Promise<string>((resolve) => {
    const off = outbox.conversations?.subscribe((list) => {
      const mine = Object.values(list).find((conversation) => conversation.customer.id === participantId);
      if (!mine) return;
      queueMicrotask(() => off?.());
      resolve(mine.id);
    });
  });
  if (session.$identity.get()?.id !== participantId) return;
  for (const entry of unsent) {
    const stored = await outbox.sending.get(entry.clientMessageId);
    void session.withCache((cache) => cache.deleteOutbox(previousId, entry.clientMessageId));
    if (stored) continue;
    const moved: OutboxEntry = { ...entry, conversationId, status: 'pending' };
    delete moved.error;
    queue(session, moved);
  }
}
