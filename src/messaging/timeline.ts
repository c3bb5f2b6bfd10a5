/**
 * A conversation's timeline as a store: stored messages by seq followed by the caller's own
 * unsent messages from the outbox. It shows the local cache at once; without a cached copy the
 * newest page loads on first subscription; older pages on demand; live ones as they arrive (and
 * are written to the cache).
 */
import { perSession } from '../core/session-family.js';
import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { OmniSession } from '../core/session.js';
import type { Message, MessageEvent, MessagePage, OmniErrorInfo, Participant } from '../core/protocol.js';

/** Where a message is on its way to the server. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One message as the UI shows it. */
export interface TimelineItem {
  /** Stable from send to ack: the clientMessageId for own messages, the message id for others'. */
  key: string;
  seq?: number;
  status: DeliveryStatus;
  author: Participant;
  own: boolean;
  createdAt: string;
  message: Message;
  error?: OmniErrorInfo;
}

/** A conversation's messages and paging state. */
export interface Timeline {
  /** Ascending: stored messages by seq, then unsent ones in send order. */
  items: TimelineItem[];
  hasMore: boolean;
  loading: boolean;
  loadingOlder: boolean;
  lastSeq: number;
}

/** Messages fetched per history page. */
export const HISTORY_PAGE = 30;

interface TimelineState {
  store: WritableAtom<Timeline>;
  stored: Map<number, TimelineItem>;
  local: Map<string, TimelineItem>;
  hasMore: boolean;
  loading: boolean;
  loadingOlder: boolean;
  loaded: boolean;
}

interface SessionTimelines {
  byConversation: Map<string, TimelineState>;
  liveListeners: Set<(conversationId: string, item: TimelineItem) => void>;
  announced: Set<string>;
}

/** Each session's timelines, with the listener that feeds them. */
const timelinesOf = perSession<SessionTimelines>(
  () => ({ byConversation: new Map(), liveListeners: new Set(), announced: new Set() }),
  (session, created) => {
    session.onSignal((signal) => {
      if (signal.type === 'event' && signal.event.type === 'message') addStored(session, signal.event, true);
      else if (signal.type === 'identity-changed') {
        for (const [conversationId, state] of created.byConversation) startOver(session, conversationId, state);
      } else if (signal.type === 'gap-too-large') {
        const state = created.byConversation.get(signal.conversationId);
        void session.withCache((cache, me) => cache.dropEvents(me, signal.conversationId));
        session.firstPaintCopy()?.dropConversation(signal.conversationId);
        if (state) startOver(session, signal.conversationId, state);
      }
    });
  },
);

/** Forgets what a timeline shows and, if someone watches it, loads the newest page again. */
function startOver(session: OmniSession, conversationId: string, state: TimelineState): void {
  state.stored.clear();
  state.local.clear();
  state.loaded = false;
  state.hasMore = false;
  publish(state);
  if (state.store.lc > 0) void loadNewest(session, conversationId);
}

/** Fills a new timeline from the local cache, if it holds this conversation. */
async function fromCache(session: OmniSession, conversationId: string, state: TimelineState): Promise<void> {
  const cached = (await session.hydration)?.events.get(conversationId);
  if (!cached?.length || state.loaded) return;
  for (const event of cached) if (!state.stored.has(event.seq)) state.stored.set(event.seq, toItem(session, event));
  state.hasMore = cached[0]!.seq > 1;
  state.loaded = true;
  publish(state);
}

/** Writes message events to the local cache (batched by the cache). */
function remember(session: OmniSession, events: MessageEvent[]): void {
  if (!events.length) return;
  void session.withCache((cache, me) => cache.putEvents(me, events));
  session.firstPaintCopy()?.putEvents(events);
}

function stateOf(session: OmniSession, conversationId: string): TimelineState {
  const timelines = timelinesOf(session);
  let state = timelines.byConversation.get(conversationId);
  if (state) return state;
  const created: TimelineState = {
    store: atom<Timeline>({ items: [], hasMore: false, loading: false, loadingOlder: false, lastSeq: 0 }),
    stored: new Map(),
    local: new Map(),
    hasMore: false,
    loading: false,
    loadingOlder: false,
    loaded: false,
  };
  state = created;
  timelines.byConversation.set(conversationId, created);
  const cached = fromCache(session, conversationId, created);
  onMount(created.store, () => {
    void cached.then(() => {
      if (!created.loaded) void loadNewest(session, conversationId);
    });
  });
  return created;
}

function publish(state: TimelineState): void {
  const stored = [...state.stored.values()].sort((a, b) => a.seq! - b.seq!);
  state.store.set({
    items: [...stored, ...state.local.values()],
    hasMore: state.hasMore,
    loading: state.loading,
    loadingOlder: state.loadingOlder,
    lastSeq: stored.length ? stored[stored.length - 1]!.seq! : 0,
  });
}

/** Resolves once the session knows who it is (needed to tell own messages apart). */
function participantOf(session: OmniSession): Promise<Participant> {
  const known = session.$participant.get();
  if (known) return Promise.resolve(known);
  return new Promise((resolve) => {
    const stop = session.$participant.listen((participant) => {
      if (!participant) return;
      stop();
      resolve(participant);
    });
  });
}

function toItem(session: OmniSession, event: MessageEvent): TimelineItem {
  const own = event.author.id === session.$identity.get()?.id;
  return {
    key: own ? event.message.clientMessageId : event.message.id,
    seq: event.seq,
    status: 'sent',
    author: event.author,
    own,
    createdAt: event.createdAt,
    message: event.message,
  };
}

/** Adds a stored message (from history, a push, gap recovery or an ack); `live` announces it. */
export function addStored(session: OmniSession, event: MessageEvent, live: boolean): void {
  const state = stateOf(session, event.conversationId);
  const item = toItem(session, event);
  if (item.own) state.local.delete(event.message.clientMessageId);
  state.stored.set(event.seq, item);
  publish(state);
  remember(session, [event]);
  if (!live) return;
  const timelines = timelinesOf(session);
  const id = `${event.conversationId}:${event.seq}`;
  if (timelines.announced.has(id)) return;
  timelines.announced.add(id);
  if (timelines.announced.size > 2000) timelines.announced.delete(timelines.announced.values().next().value!);
  for (const listener of timelines.liveListeners) listener(event.conversationId, item);
}

/** Shows or updates one of the caller's unsent messages. */
export function setLocal(session: OmniSession, conversationId: string, item: TimelineItem): void {
  const state = stateOf(session, conversationId);
  if ([...state.stored.values()].some((stored) => stored.own && stored.key === item.key)) return;
  state.local.set(item.key, item);
  publish(state);
}

async function loadNewest(session: OmniSession, conversationId: string): Promise<void> {
  const state = stateOf(session, conversationId);
  if (state.loading) return;
  state.loading = true;
  publish(state);
  try {
    await participantOf(session);
    const page = await session.http.request<MessagePage>(
      'GET',
      `/v1/conversations/${encodeURIComponent(conversationId)}/messages?limit=${HISTORY_PAGE}`,
    );
    for (const event of page.messages) state.stored.set(event.seq, toItem(session, event));
    for (const event of page.messages) if (event.author.id === session.$participant.get()?.id) state.local.delete(event.message.clientMessageId);
    state.hasMore = page.hasMore;
    state.loaded = true;
    remember(session, page.messages);
  } catch (error) {
    session.reportError(error);
  } finally {
    state.loading = false;
    publish(state);
  }
}

/** The timeline of a conversation; subscribing loads the newest page. */
export function timelineOf(session: OmniSession, conversationId: string): ReadableAtom<Timeline> {
  return stateOf(session, conversationId).store;
}

/** Loads the page before the oldest loaded message. */
export async function loadOlder(session: OmniSession, conversationId: string): Promise<void> {
  const state = stateOf(session, conversationId);
  if (state.loadingOlder || !state.hasMore || state.stored.size === 0) return;
  let oldest = Infinity;
  // No spread: a long history has more keys than a call may take arguments.
  for (const seq of state.stored.keys()) if (seq < oldest) oldest = seq;
  state.loadingOlder = true;
  publish(state);
  try {
    // The local cache first: scrolling up through what this browser has seen needs no network.
    const cached = await session.withCache((cache, me) => cache.eventsBefore(me, conversationId, oldest, HISTORY_PAGE));
    if (cached?.length) {
      for (const event of cached) state.stored.set(event.seq, toItem(session, event));
      state.hasMore = cached[0]!.seq > 1;
      return;
    }
    const page = await session.http.request<MessagePage>(
      'GET',
      `/v1/conversations/${encodeURIComponent(conversationId)}/messages?before=${oldest}&limit=${HISTORY_PAGE}`,
    );
    for (const event of page.messages) state.stored.set(event.seq, toItem(session, event));
    state.hasMore = page.hasMore;
    remember(session, page.messages);
  } catch (error) {
    session.reportError(error);
  } finally {
    state.loadingOlder = false;
    publish(state);
  }
}

/** Hears messages that arrive live (pushes, gap recovery, acks of own sends), never history pages. */
export function onLiveMessage(session: OmniSession, listener: (conversationId: string, item: TimelineItem) => void): () => void {
  const timelines = timelinesOf(session);
  timelines.liveListeners.add(listener);
  return () => timelines.liveListeners.delete(listener);
}
