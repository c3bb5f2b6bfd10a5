/**
 * Typing indicators: ephemeral (no seq, never stored), throttled on the way out, expiring on the
 * way in, and cleared when the typist's message arrives or they stop.
 */
import { perSession } from '../core/session-family.js';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { OmniSession } from '../core/session.js';
import type { Participant } from '../core/protocol.js';

/** A typist is forgotten after this long without news. */
export const TYPING_TIMEOUT_MS = 6000;
/** While typing, tell the server again at most this often. */
export const TYPING_RESEND_MS = 3000;

interface Typists {
  store: WritableAtom<Participant[]>;
  timers: Map<string, ReturnType<typeof setTimeout>>;
}

/** Each session's typists by conversation; created with a listener for typing frames and messages. */
const typistsBySession = perSession((session) => {
  session.onSignal((signal) => {
    if (signal.type === 'typing') {
      if (signal.participant.id === session.$participant.get()?.id) return;
      setTypist(typistsOf(session, signal.conversationId), signal.participant, signal.active);
    } else if (signal.type === 'event' && signal.event.type === 'message') {
      setTypist(typistsOf(session, signal.event.conversationId), signal.event.author, false);
    }
  });
  return new Map<string, Typists>();
});
const outgoingOf = perSession(() => new Map<string, { sentAt: number; idle?: ReturnType<typeof setTimeout> }>());

function typistsOf(session: OmniSession, conversationId: string): Typists {
  const byConversation = typistsBySession(session);
  let typists = byConversation.get(conversationId);
  if (!typists) byConversation.set(conversationId, (typists = { store: atom<Participant[]>([]), timers: new Map() }));
  return typists;
}

function setTypist(typists: Typists, participant: Participant, active: boolean): void {
  clearTimeout(typists.timers.get(participant.id));
  typists.timers.delete(participant.id);
  const others = typists.store.get().filter((typist) => typist.id !== participant.id);
  if (active) {
    typists.timers.set(participant.id, setTimeout(() => setTypist(typists, participant, false), TYPING_TIMEOUT_MS));
    typists.store.set([...others, participant]);
  } else if (others.length !== typists.store.get().length) {
    typists.store.set(others);
  }
}

/** Who else is typing in a conversation right now. */
export function typingOf(session: OmniSession, conversationId: string): ReadableAtom<Participant[]> {
  return typistsOf(session, conversationId).store;
}

/** Call on every keystroke: tells the other side (throttled), and stops by itself after a pause. */
export function notifyTyping(session: OmniSession, conversationId: string): void {
  typistsOf(session, conversationId);
  const mine = outgoingOf(session);
  const state = mine.get(conversationId) ?? { sentAt: 0 };
  mine.set(conversationId, state);
  const now = Date.now();
  if (now - state.sentAt >= TYPING_RESEND_MS && session.sendFrame({ type: 'typing', conversationId, active: true })) state.sentAt = now;
  clearTimeout(state.idle);
  state.idle = setTimeout(() => stopTyping(session, conversationId), TYPING_TIMEOUT_MS - 1000);
}

/** Call on send, on clearing the input, or on leaving: the other side stops showing "typing". */
export function stopTyping(session: OmniSession, conversationId: string): void {
  const state = outgoingOf(session).get(conversationId);
  if (!state || state.sentAt === 0) return;
  clearTimeout(state.idle);
  state.sentAt = 0;
  session.sendFrame({ type: 'typing', conversationId, active: false });
}
