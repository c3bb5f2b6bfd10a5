/**
 * HMAC ephemeral SIP credentials, the scheme of Kamailio's `autheph` and coturn's REST API:
 * `username = "<unix expiry>:<user>"`, `password = base64(HMAC-SHA1(secret, username))`. The user
 * part encodes who it is (`c-` customer, `a-` agent + base64url of the participant id), so the
 * built-in edge and Kamailio can both verify a credential with nothing but the shared secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Participant } from '../../src/core/protocol.js';

/** A verified SIP identity. */
export interface SipIdentity {
  /** The SIP user part, e.g. `c-Y3VzdG9tZXI6ZGVtbzpn…`. */
  user: string;
  participant: Pick<Participant, 'id' | 'role'>;
  /** When the credential stops being accepted. */
  expiresAt: Date;
}

/** The SIP user part for a participant. */
export function sipUser(participant: Pick<Participant, 'id' | 'role'>): string {
  return `${participant.role === 'agent' ? 'a' : 'c'}-${Buffer.from(participant.id).toString('base64url')}`;
}

/** The password of an ephemeral username. */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** Issues credentials valid for `ttlSeconds`. */
export function issueEphemeral(secret: string, participant: Pick<Participant, 'id' | 'role'>, ttlSeconds: number) {
  const expiry = Math.floor(Date.now() / 1000) + ttlSeconds;
  const username = `${expiry}:${sipUser(participant)}`;
  return { username, password: ephemeralPassword(secret, username), expiresAt: new Date(expiry * 1000) };
}

/** Reads an ephemeral username (no secret needed); undefined when it is not one of ours. */
export function parseEphemeralUsername(username: string): SipIdentity | undefined {
  const match = /^(\d{1,12}):([ac])-([A-Za-z0-9_-]{1,400})$/.exec(username);
  if (!match) return undefined;
  const id = Buffer.from(match[3]!, 'base64url').toString();
  const role = match[2] === 'a' ? 'agent' : 'customer';
  if (!id.startsWith(role === 'agent' ? 'agent:' : 'customer:')) return undefined;
  return { user: `${match[2]}-${match[3]}`, participant: { id, role }, expiresAt: new Date(Number(match[1]) * 1000) };
}

/** True when `password` is the right one for `username` (constant time). */
export function checkEphemeralPassword(secret: string, username: string, password: string): boolean {
  const expected = Buffer.from(ephemeralPassword(secret, username));
  const given = Buffer.from(password);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
