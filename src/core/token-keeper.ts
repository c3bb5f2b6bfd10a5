/**
 * Keeps a valid JWT from the site's `JwtProvider`: fetches it on demand, refreshes it 3 minutes
 * before expiry (a quarter of the lifetime for short tokens), again on tab return, on `online`
 * and on wake from sleep, and never runs two provider calls at once.
 */
import { OmniError } from './errors.js';
import type { Participant, TokenResponse } from './protocol.js';

/** A token with its expiry in epoch milliseconds. */
export interface HeldToken {
  jwt: string;
  expiresAt: number;
}

/** What a provider may resolve to: `{ jwt, expiresAt }` or a bare JWT (its `exp` claim is read). */
export type ProvidedToken = TokenResponse | string;

/** Refresh this long before expiry (capped at a quarter of the lifetime). */
export const REFRESH_LEAD_MS = 3 * 60 * 1000;
const TICK_MS = 15000;

/** The claims of a JWT, read without verifying (the server verifies; the widget only needs exp and who). */
function jwtClaims(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Reads the `exp` claim of a JWT, in epoch milliseconds. */
export function jwtExpiry(jwt: string): number {
  const exp = jwtClaims(jwt)?.exp;
  if (typeof exp !== 'number') throw new OmniError('token-provider-failed', 'The JWT from the JwtProvider has no readable exp claim.');
  return exp * 1000;
}

/** True when a token names a verified identity: an agent, or a customer the site vouched for (`ver`). */
export function jwtVerified(jwt: string): boolean {
  const claims = jwtClaims(jwt);
  return claims?.role === 'agent' || claims?.ver === true;
}

/** Who a token names (`sub`, `role`, `name`), to key the local cache before the server answers. */
export function jwtParticipant(jwt: string): Participant | undefined {
  const claims = jwtClaims(jwt);
  if (!claims || typeof claims.sub !== 'string' || (claims.role !== 'customer' && claims.role !== 'agent')) return undefined;
  return { id: claims.sub, role: claims.role, ...(typeof claims.name === 'string' ? { displayName: claims.name } : {}) };
}

/** Normalises what a provider returned. */
export function toHeldToken(value: ProvidedToken): HeldToken {
  if (typeof value === 'string') return { jwt: value, expiresAt: jwtExpiry(value) };
  if (!value || typeof value.jwt !== 'string') {
    throw new OmniError('token-provider-failed', 'The JwtProvider must resolve to { jwt, expiresAt } or a JWT string.');
  }
  const expiresAt = Date.parse(value.expiresAt);
  return { jwt: value.jwt, expiresAt: Number.isNaN(expiresAt) ? jwtExpiry(value.jwt) : expiresAt };
}

/** Holds the current token and refreshes it ahead of expiry. */
export class TokenKeeper {
  private held: HeldToken | undefined;
  private lifetime = 0;
  private inflight: Promise<HeldToken> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private lastTick = Date.now();
  private failures = 0;
  private readonly listeners = new Set<(token: HeldToken) => void>();
  private readonly onWake = () => this.checkAfterWake();

  /** `fetchToken` calls the site's provider; `onError` hears failures (the keeper retries itself). */
  constructor(
    private fetchToken: () => Promise<ProvidedToken>,
    private readonly onError: (error: OmniError) => void,
  ) {}

  /** Swaps the provider in place (a framework re-render made a new function): the held token stays valid; the next refresh asks the new one. */
  setSource(fetchToken: () => Promise<ProvidedToken>): void {
    this.fetchToken = fetchToken;
  }

  /** Number of provider calls made so far (for diagnostics and tests). */
  fetchCount = 0;

  /** Starts watching for tab return, `online` and wake from sleep. */
  start(): void {
    if (this.tick) return;
    document.addEventListener('visibilitychange', this.onWake);
    window.addEventListener('online', this.onWake);
    window.addEventListener('focus', this.onWake);
    this.lastTick = Date.now();
    this.tick = setInterval(() => {
      const now = Date.now();
      // A timer that fires far too late means the machine slept.
      if (now - this.lastTick > TICK_MS * 2) this.checkAfterWake();
      this.lastTick = now;
    }, TICK_MS);
  }

  /** Stops timers and listeners. */
  stop(): void {
    document.removeEventListener('visibilitychange', this.onWake);
    window.removeEventListener('online', this.onWake);
    window.removeEventListener('focus', this.onWake);
    clearInterval(this.tick);
    clearTimeout(this.refreshTimer);
    this.tick = undefined;
  }

  /** Called with every new token (the events socket re-authenticates with it). */
  onToken(listener: (token: HeldToken) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A token valid for at least a few more seconds, fetching one if needed. */
  async get(): Promise<string> {
    if (this.held && this.held.expiresAt - Date.now() > 5000) return this.held.jwt;
    return (await this.refresh()).jwt;
  }

  /** Forgets the current token (the server refused it); the next `get()` fetches a new one. */
  invalidate(): void {
    this.held = undefined;
  }

  /** Fetches a new token now; concurrent callers share one provider call. */
  refresh(): Promise<HeldToken> {
    this.inflight ??= this.fetchOnce().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchOnce(): Promise<HeldToken> {
    this.fetchCount += 1;
    const fetchedAt = Date.now();
    let token: HeldToken;
    try {
      token = toHeldToken(await this.fetchToken());
    } catch (error) {
      const failure = error instanceof OmniError && error.info.code === 'token-provider-failed'
        ? error
        : new OmniError('token-provider-failed', `The JwtProvider failed: ${error instanceof Error ? error.message : String(error)}`);
      this.failures += 1;
      this.onError(failure);
      // Retry with backoff so a page recovers when the site backend comes back.
      this.schedule(Math.min(8000, 1000 * 2 ** Math.min(this.failures, 3)) * (0.5 + Math.random() / 2));
      throw failure;
    }
    this.failures = 0;
    this.held = token;
    this.lifetime = Math.max(0, token.expiresAt - fetchedAt);
    this.schedule(Math.max(1000, token.expiresAt - Date.now() - Math.min(REFRESH_LEAD_MS, this.lifetime / 4)));
    for (const listener of this.listeners) listener(token);
    return token;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.refreshTimer);
    if (!this.tick) return;
    this.refreshTimer = setTimeout(() => void this.refresh().catch(() => undefined), delayMs);
  }

  private checkAfterWake(): void {
    if (document.visibilityState === 'hidden' || !this.tick) return;
    const lead = Math.min(REFRESH_LEAD_MS, this.lifetime / 4);
    if (!this.held || this.held.expiresAt - Date.now() <= lead) void this.refresh().catch(() => undefined);
  }
}
