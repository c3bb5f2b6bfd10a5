/**
 * The call in progress per session, shared by every `<omni-call-button>` of that session (the
 * page card and the chat header show the same call; a second click never starts a second call).
 * Type-only use of the calling module, so sip.js stays in its lazy chunk.
 */
import { perSession } from '../../core/session-family.js';
import { atom, type WritableAtom } from 'nanostores';
import type { OmniSession } from '../../core/session.js';
import type { Call } from '../../calling/call.js';

/** The session's current (or last) call. */
export const currentCallOf: (session: OmniSession) => WritableAtom<Call | undefined> = perSession(() => atom<Call | undefined>(undefined));

/** True while a call is not over. */
export const inProgress = (call: Call | undefined): boolean =>
  !!call && !['idle', 'ended', 'dropped', 'error'].includes(call.$state.get().name);

const buttonsOf = perSession(() => new Set<object>());

/** Counts a connected button of a session. */
export function attachButton(session: OmniSession, button: object): void {
  buttonsOf(session).add(button);
}

/** Forgets a button; returns how many buttons of the session remain connected. */
export function detachButton(session: OmniSession, button: object): number {
  const set = buttonsOf(session);
  set.delete(button);
  return set.size;
}
