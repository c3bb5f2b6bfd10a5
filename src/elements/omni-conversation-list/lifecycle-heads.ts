/**
 * Keeps the agent list's conversations' `state` and `assignee` live: `queued` (waiting again, no
 * owner), `assigned` (an owner) and `pending` events patch the session's conversation store as they
 * arrive, so the filters move a conversation at once (agent bundle only; the guest never needs it).
 */
import type { OmniSession } from '../../core/session.js';
import { conversationsOf } from '../../messaging/conversations.js';

const following = new WeakSet<OmniSession>();

/** Starts following lifecycle events for `session` (once per session). */
export function followLifecycle(session: OmniSession): void {
  if (following.has(session)) return;
  following.add(session);
  const store = conversationsOf(session);
  session.onSignal((signal) => {
    if (signal.type !== 'event') return;
    const event = signal.event;
    const current = store.get()[event.conversationId];
    // Only the newest event speaks for the head (an older one replayed by a gap fetch does not).
    if (!current || current.lastSeq !== event.seq) return;
    if (event.type === 'queued') {
      const { assignee: _gone, ...rest } = current;
      store.setKey(event.conversationId, { ...rest, state: 'open' });
    } else if (event.type === 'assigned') {
      store.setKey(event.conversationId, { ...current, state: 'assigned', assignee: event.assignee });
    } else if (event.type === 'pending') {
      store.setKey(event.conversationId, { ...current, state: 'pending' });
    }
  });
}
