/**
 * SIP digest authentication (RFC 2617/3261, MD5, qop=auth) for the built-in edge, with the
 * ephemeral password derived from the username, and stateless nonces signed with the secret.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ephemeralPassword, parseEphemeralUsername, type SipIdentity } from './credentials.js';

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');
/** How long a nonce may be used. */
const NONCE_TTL_MS = 5 * 60 * 1000;

/** A fresh nonce: issue time plus its HMAC, so no state is kept. */
export function makeNonce(secret: string): string {
  const issued = Date.now().toString(36);
  return `${issued}.${createHmac('sha256', secret).update(`nonce:${issued}`).digest('base64url').slice(0, 22)}`;
}

function nonceValid(secret: string, nonce: string): boolean {
  const [issued, mac] = nonce.split('.');
  if (!issued || !mac) return false;
  const expected = createHmac('sha256', secret).update(`nonce:${issued}`).digest('base64url').slice(0, 22);
  if (expected.length !== mac.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return false;
  return Date.now() - parseInt(issued, 36) < NONCE_TTL_MS;
}

/** Parses `Digest a="b", c=d` into a map. */
export function parseDigest(header: string): Record<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const part of match[1]!.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/g)) {
    params[part[1]!.toLowerCase()] = part[2] ?? part[3] ?? '';
  }
  return params;
}

/** The `WWW-Authenticate` value of a challenge. */
export function challenge(secret: string, realm: string, stale = false): string {
  return `Digest realm="${realm}", nonce="${makeNonce(secret)}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
}

/** Outcome of checking an Authorization header. */
export type DigestResult =
  | { ok: true; identity: SipIdentity }
  | { ok: false; reason: 'missing' | 'stale' | 'expired' | 'invalid' };

/** Verifies a request's digest credentials. */
export function verifyDigest(secret: string, realm: string, method: string, authorization: string | undefined): DigestResult {
  if (!authorization) return { ok: false, reason: 'missing' };
  const params = parseDigest(authorization);
  if (!params || !params.username || !params.nonce || !params.uri || !params.response) return { ok: false, reason: 'invalid' };
  if (params.realm !== realm) return { ok: false, reason: 'invalid' };
  const identity = parseEphemeralUsername(params.username);
  if (!identity) return { ok: false, reason: 'invalid' };
  if (!nonceValid(secret, params.nonce)) return { ok: false, reason: 'stale' };
  // The expected password is derived from the username: only holders of the secret can issue it.
  const password = ephemeralPassword(secret, params.username);
  const ha1 = md5(`${params.username}:${realm}:${password}`);
  const ha2 = md5(`${method}:${params.uri}`);
  const expected = params.qop
    ? md5(`${ha1}:${params.nonce}:${params.nc ?? ''}:${params.cnonce ?? ''}:${params.qop}:${ha2}`)
    : md5(`${ha1}:${params.nonce}:${ha2}`);
  if (expected.length !== params.response.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(params.response))) {
    return { ok: false, reason: 'invalid' };
  }
  if (identity.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  return { ok: true, identity };
}
