/**
 * Per-session state, created on first use and gone with its session (nanostores' store-family
 * idea keyed by session): the one registry the messaging and calling modules use instead of a
 * hand-kept `WeakMap<OmniSession, …>` each.
 */
import type { OmniSession } from './session.js';

/**
 * Returns the value `create` made for a session, making it on first use; held weakly, so it goes
 * with the session. `start` runs once the value is registered (it may look the value up again:
 * listeners, first loads).
 */
export function perSession<T>(create: (session: OmniSession) => T, start?: (session: OmniSession, value: T) => void): (session: OmniSession) => T {
  const values = new WeakMap<OmniSession, T>();
  return (session) => {
    if (values.has(session)) return values.get(session)!;
    const value = create(session);
    values.set(session, value);
    start?.(session, value);
    return value;
  };
}
