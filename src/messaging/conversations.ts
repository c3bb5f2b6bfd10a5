/**
 * The caller's conversations as a live store: shown from the local cache at once, loaded on
 * every (re)connect, updated by incoming events (last message, lastSeq, unread count, read
 * horizons), extended by new conversations, and written back to the cache.
 */
import { perSession } from '../core/session-family.js';
import { computed, map, type MapStore, type ReadableAtom } from 'nanostores';
import type { OmniSession } from '../core/session.js';
import type { Conversation, ConversationEvent, ConversationList } from '../core/protocol.js';
import { openOutbox } from './outbox.js';


/** True when a message by `authorId`/`authorRole` counts as unread for the session's participant. */
function countsAsUnread(session: OmniSession, event: ConversationEvent): boolean {
  const me = session.$participant.get();
  if (!me || event.type !== 'message' || event.author.id === me.id) return false;
  return me.role === 'customer' || event.author.role === 'customer';
}

/** Applies one ordered event to the conversation list. */
function applyEvent(session: OmniSession, store: MapStore<Record<string, Conversation>>, event: ConversationEvent): void {
  const current = store.get()[event.conversationId];
  if (!current) {
    void loadConversation(session, event.conversationId);
    return;
  }
  // The head already counts it (a list loaded after the event was stored, then the event itself
  // arriving by the socket or a gap fetch): applying it again would count an unread twice.
  if (event.seq <= current.lastSeq) return;
  const next: Conversation = { ...current, lastSeq: event.seq };
  const me = session.$participant.get();
  // Routing's states matter to agents only (the agent bundle applies them: omni-conversation-list/lifecycle-heads.ts); the assignee is the visitor's too.
  if (event.type === 'message') {
    next.lastMessage = event;
    if (countsAsUnread(session, event) && event.seq > next.readSeq) next.unreadCount += 1;
  } else if (event.type === 'resolved') {
    next.state = 'resolved';
    next.awaitingRating = true;
  } else if (event.type === 'assigned' || event.type === 'queued') {
    // Who answers now (the visitor's header names them); back in its queue, nobody.
    next.assignee = event.type === 'assigned' ? event.assignee : undefined;
  } else if (event.type === 'csat') {
    next.awaitingRating = false;
  } else if (event.type === 'contact') {
    // The pre-chat form's answers; the event's author carries the name given.
    next.contact = event.contact;
    next.customer = event.author;
  } else if (event.type === 'read') {
    if (event.author.id === me?.id) {
      // Our own horizon moved (here or in another tab).
      next.readSeq = Math.max(next.readSeq, event.readSeq);
      if (next.lastMessage && next.readSeq >= next.lastMessage.seq) next.unreadCount = 0;
      else void loadConversation(session, event.conversationId);
    } else if ((me?.role === 'customer') === (event.author.role !== 'customer')) {
      next.otherReadSeq = Math.max(next.otherReadSeq, event.readSeq);
    }
  }
  store.setKey(event.conversationId, next);
}

/** Fetches one conversation into the store. */
async function loadConversation(session: OmniSession, conversationId: string): Promise<void> {
  try {
    const conversation = await session.http.request<Conversation>('GET', `/v1/conversations/${encodeURIComponent(conversationId)}`);
    const store = conversationsOf(session);
    const known = store.get()[conversation.id];
    // Requests can finish out of order: never let an older answer replace a newer state.
    if (!known || conversation.lastSeq >= known.lastSeq) store.setKey(conversation.id, conversation);
  } catch (error) {
    session.reportError(error);
  }
}

/** The session's conversations keyed by id (customers: their default one; agents: their queues'). */
export const conversationsOf: (session: OmniSession) => MapStore<Record<string, Conversation>> = perSession(
  () => map<Record<string, Conversation>>({}),
  (session, created) => {
    session.onSignal((signal) => {
      if (signal.type === 'welcome') void loadConversations(session);
      else if (signal.type === 'conversation') void loadConversation(session, signal.conversation.id);
      else if (signal.type === 'event') applyEvent(session, created, signal.event);
      else if (signal.type === 'identity-changed') created.set({});
    });
    void session.hydration.then((hydration) => {
      if (!hydration) return;
      const next = { ...created.get() };
      for (const head of hydration.heads) next[head.id] ??= head;
      created.set(next);
    });
    // The heads that changed go back to the cache, a moment after they change.
    let writeTimer: ReturnType<typeof setTimeout> | undefined;
    const changed = new Set<string>();
    created.listen((value, _old, key) => {
      for (const id of key ? [key] : Object.keys(value)) changed.add(id);
      clearTimeout(writeTimer);
      writeTimer = setTimeout(() => {
        const heads = [...changed].flatMap((id) => created.get()[id] ?? []);
        changed.clear();
        session.firstPaintCopy()?.putHeads(heads);
        void session.withCache((cache, me) => Promise.all(heads.map((head) => cache.putHead(me, head))));
      }, 200);
    });
    // The outbox opens with the conversations: what a previous page left shows and flushes at once.
    openOutbox(session, created);
    // Attached after the socket was already welcomed: load now.
    if (session.$participant.get()) void loadConversations(session);
  },
);

/** (Re)loads the conversation list from the server. */
export async function loadConversations(session: OmniSession): Promise<void> {
  const store = conversationsOf(session);
  try {
    const list = await session.http.request<ConversationList>('GET', '/v1/conversations');
    const next: Record<string, Conversation> = { ...store.get() };
    for (const conversation of list.conversations) {
      const known = next[conversation.id];
      // Never move backwards: a live event may have landed while the list was in flight.
      next[conversation.id] = known && known.lastSeq > conversation.lastSeq ? known : conversation;
    }
    store.set(next);
  } catch (error) {
    session.reportError(error);
  }
}

/** The customer's default conversation id (undefined until known, and for agents). */
export const defaultConversationId: (session: OmniSession) => ReadableAtom<string | undefined> = perSession((session) =>
  computed([conversationsOf(session), session.$identity], (conversations, me) =>
    me?.role === 'customer' ? Object.values(conversations).find((c) => c.customer.id === me.id)?.id : undefined,
  ),
);
