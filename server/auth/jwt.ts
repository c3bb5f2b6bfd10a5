/**
 * Short-lived JWTs for end users (customers) and agents: HS256 with the server's own key, fixed
 * issuer and audience; anything else (other algorithms, `alg: none`, forged or expired) is refused.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Participant } from '../../src/core/protocol.js';
import { CredentialError } from '../domain-error.js';

const ISSUER = 'omni-widget';
const AUDIENCE = 'omni-widget';

/** Who is calling, as proven by a verified token. */
export interface Caller {
  participant: Participant;
  /** Customers: their integration and id within it. */
  integrationId?: string;
  customerId?: string;
  verifiedCustomer?: boolean;
  /** Agents: the queues they serve. */
  queues: string[];
  /** Agents: true when the agent's record says supervisor. */
  supervisor?: boolean;
  expiresAt: Date;
}

/** What the issuer needs to know of an agent's record when it verifies the agent's token. */
export interface AgentRecordView {
  name: string;
  queues: string[];
  role: 'agent' | 'supervisor';
  enabled: boolean;
}

/** Looks up the record of an agent (by the site's agent id) when its token is verified. */
export type AgentLookup = (agentId: string) => Promise<AgentRecordView | undefined>;

/** What a customer token says about its holder. */
export interface CustomerClaims {
  integrationId: string;
  customerId: string;
  verifiedCustomer: boolean;
  displayName?: string;
}

/** What an agent token says about its holder. */
export interface AgentClaims {
  agentId: string;
  displayName?: string;
  queues: string[];
}

/** The participant id of a customer of an integration. */
export const customerParticipantId = (integrationId: string, customerId: string): string =>
  `customer:${integrationId}:${customerId}`;

/** How many verified tokens are remembered (oldest out beyond this). */
const MAX_CACHED_TOKENS = 10_000;

/** A token that passed verification: what it says, and until when (ms since the epoch) it holds. */
interface VerifiedToken {
  caller: Caller;
  expiresAtMs: number;
}

/** A copy of a remembered caller, so no request can change what the next one is given. */
const copyCaller = (caller: Caller): Caller => ({
  ...caller,
  participant: { ...caller.participant },
  queues: [...caller.queues],
  expiresAt: new Date(caller.expiresAt.getTime()),
});

/** Signs and verifies the server's JWTs. */
export class TokenIssuer {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified (signature, algorithm, issuer, audience, expiry, claims), keyed by the
   * whole token text: a client re-uses its token on every request, and checking the signature
   * again each time costs far more than the request. Any change to the text (a forged signature
   * included) misses and is verified in full; an entry is never used at or after its `exp`.
   * Agent tokens still consult the agent's record on every call (see `verify`).
   */
  private readonly verified = new Map<string, VerifiedToken>();

  /** `secret` is the server's signing key (kept in the data dir); with `agents`, an agent's token holds only while its record exists and is enabled. */
  constructor(
    secret: string,
    private readonly agents?: AgentLookup,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A token for one end user of an integration. */
  issueCustomer(claims: CustomerClaims, lifetimeSeconds: number): Promise<{ jwt: string; expiresAt: Date }> {
    return this.sign(
      customerParticipantId(claims.integrationId, claims.customerId),
      { role: 'customer', int: claims.integrationId, cid: claims.customerId, ver: claims.verifiedCustomer, name: claims.displayName },
      lifetimeSeconds,
    );
  }

  /** A token for an agent serving `queues`. */
  issueAgent(claims: AgentClaims, lifetimeSeconds: number): Promise<{ jwt: string; expiresAt: Date }> {
    return this.sign(`agent:${claims.agentId}`, { role: 'agent', queues: claims.queues, name: claims.displayName }, lifetimeSeconds);
  }

  /** Verifies a token; throws CredentialError `token-expired`, `unauthorized` or `agent-disabled`. */
  async verify(jwt: string): Promise<Caller> {
    const caller = await this.decode(jwt);
    if (caller.participant.role !== 'agent' || !this.agents) return caller;
    // The record decides, not the token: its name, role and queues now (the token may only narrow them).
    const record = await this.agents(caller.participant.id.slice('agent:'.length));
    if (!record) throw new CredentialError('unauthorized', 'The token names no agent of this server.');
    if (!record.enabled) throw new CredentialError('agent-disabled', 'The agent is disabled.');
    return {
      ...caller,
      participant: { id: caller.participant.id, role: 'agent', displayName: record.name },
      queues: caller.queues.filter((queue) => record.queues.includes(queue)),
      supervisor: record.role === 'supervisor',
    };
  }

  /** The token's claims: from the cache while it holds, else verified in full (and then remembered). */
  private async decode(jwt: string): Promise<Caller> {
    const cached = this.verified.get(jwt);
    if (cached) {
      // jose refuses a token once `exp <= now` (whole seconds), i.e. from exp * 1000 ms on.
      if (Date.now() < cached.expiresAtMs) return copyCaller(cached.caller);
      this.verified.delete(jwt); // expired: verified again below, which refuses it as such
    }
    const caller = await this.verifyToken(jwt);
    const expiresAtMs = caller.expiresAt.getTime();
    if (expiresAtMs > Date.now()) {
      if (this.verified.size >= MAX_CACHED_TOKENS) this.evict();
      this.verified.set(jwt, { caller: copyCaller(caller), expiresAtMs });
    }
    return caller;
  }

  /** Makes room in the cache: drops expired entries met first, and at least the oldest one. */
  private evict(): void {
    const now = Date.now();
    let dropped = 0;
    for (const [token, entry] of this.verified) {
      if (dropped > 0 && entry.expiresAtMs > now) break;
      this.verified.delete(token);
      dropped += 1;
      if (dropped >= 100) break;
    }
  }

  private async verifyToken(jwt: string): Promise<Caller> {
    try {
      const { payload } = await jwtVerify(jwt, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const role = payload.role;
      const name = typeof payload.name === 'string' ? payload.name : undefined;
      const base = { expiresAt: new Date((payload.exp ?? 0) * 1000) };
      if (role === 'customer' && typeof payload.int === 'string' && typeof payload.cid === 'string' && payload.sub) {
        return {
          ...base,
          participant: { id: payload.sub, role: 'customer', ...(name ? { displayName: name } : {}) },
          integrationId: payload.int,
          customerId: payload.cid,
          verifiedCustomer: payload.ver === true,
          queues: [],
        };
      }
      if (role === 'agent' && Array.isArray(payload.queues) && payload.sub) {
        return {
          ...base,
          participant: { id: payload.sub, role: 'agent', ...(name ? { displayName: name } : {}) },
          queues: payload.queues.filter((queue): queue is string => typeof queue === 'string'),
        };
      }
      throw new CredentialError('unauthorized', 'The token does not name a customer or an agent.');
    } catch (error) {
      if (error instanceof CredentialError) throw error;
      if (error instanceof errors.JWTExpired) throw new CredentialError('token-expired', 'The token has expired; fetch a new one.');
      throw new CredentialError('unauthorized', 'The token is invalid.');
    }
  }

  private async sign(subject: string, claims: Record<string, unknown>, lifetimeSeconds: number) {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + lifetimeSeconds;
    const jwt = await new SignJWT(Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { jwt, expiresAt: new Date(exp * 1000) };
  }
}
