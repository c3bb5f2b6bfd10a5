/**
 * The session's rarely used cache operations, signing out and restoring a snapshot: a lazy chunk,
 * so the chat-only download does not carry them.
 */
import { OmniError } from './errors.js';
import { FirstPaintCopy } from './first-paint.js';
import type { CacheSnapshot } from './local-cache.js';
import type { Participant } from './protocol.js';
import type { OmniSession } from './session.js';

/** Deletes the cache and outbox of `me` (the session's identity, already disconnected), forgets it, and tells every store. */
export async function signOut(session: OmniSession, me: Participant | undefined): Promise<void> {
  session.firstPaintCopy()?.clear();
  const cache = await session.cache;
  if (cache && me) await cache.clear(me.id);
  try {
    localStorage.removeItem(session.identityKey);
  } catch {
    // Storage blocked: nothing was remembered.
  }
  session.$participant.set(undefined);
  session.$identity.set(undefined);
  session.hydration = Promise.resolve(undefined);
  session.resolveHydration(undefined);
  session.signal({ type: 'identity-changed', participant: undefined });
}

/** Writes a snapshot into the cache and remembers its identity (shown once a token confirms it). */
export async function restoreSnapshot(session: OmniSession, snapshot: CacheSnapshot): Promise<void> {
  const cache = await session.cache;
  if (!cache) throw new OmniError('invalid-request', 'This browser has no IndexedDB: there is no cache to restore into.');
  await cache.restore(snapshot);
  const role = snapshot.participantId.startsWith('agent:') ? 'agent' : 'customer';
  // The restored cache, not an older first-paint copy, is what shows.
  FirstPaintCopy.of(session.config.serverUrl, { id: snapshot.participantId, role })?.clear();
  if (!session.rememberedIdentity()) {
    const head = snapshot.heads[0];
    // Shown once a token confirms this identity.
    session.verified = true;
    session.remember(head?.customer.id === snapshot.participantId ? head.customer : { id: snapshot.participantId, role });
  }
}
