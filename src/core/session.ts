/**
 * The session: one identity talking to one server. It owns the token keeper, the HTTP client,
 * the events socket and the event stream, and exposes its state as nanostores atoms. Elements
 * and the messaging module read these stores; nothing else talks to the network.
 */
import { atom } from 'nanostores';
import { OmniError, toErrorInfo } from './errors.js';
import { EventStream } from './event-stream.js';
import { FirstPaintCopy, afterPaint } from './first-paint.js';
import { DEFAULT_TIMING, EventsSocket, type ConnectionState } from './events-socket.js';
import { HttpClient, fetchJson } from './http-client.js';
import type { CacheLimits, CacheSnapshot, LocalCache } from './local-cache.js';
import { SharedConnection } from './shared-connection.js';
import type { ClientFrame, Conversation, ConversationEvent, ConversationHead, MessageEvent, OmniErrorInfo, Participant, Note, ServerFrame, TokenResponse, VisitorInfo } from './protocol.js';
import { TokenKeeper, jwtParticipant, jwtVerified, type ProvidedToken } from './token-keeper.js';

export type { ConnectionState } from './events-socket.js';

/** Where tokens come from: a function, or an object with `fetchJwt()`; resolves `{ jwt, expiresAt }` or a JWT. */
export type JwtProvider = (() => Promise<TokenResponse | string>) | { fetchJwt(): Promise<TokenResponse | string> };

/** How to reach the server and get tokens. */
export interface SessionConfig {
  /** Base URL of the reference server, e.g. https://support.example.com. */
  serverUrl: string;
  integrationId?: string;
  /** The site's token source; or `tokenUrl` for the declarative form. */
  jwtProvider?: JwtProvider;
  /** A URL of the site's backend that answers POST with `{ jwt, expiresAt }`. */
  tokenUrl?: string;
  /** Keep a local cache (IndexedDB) to render before any network call and fetch only the gap (default true). */
  cache?: boolean;
  /** Bounds of the local cache. */
  cacheLimits?: CacheLimits;
  /** A conversation whose cached copy is more than this many events behind loads its newest page instead of replaying the gap (default 500). */
  cacheGapLimit?: number;
  /** Share one events socket among this browser's tabs of the same server + identity (default true). */
  shareConnection?: boolean;
  /** App-level ping interval of the events socket (default 25 s). */
  pingIntervalMs?: number;
  /** A socket silent this long after a ping is treated as dead (default 10 s). */
  pongTimeoutMs?: number;
}

/** What happened on the socket, for the messaging module. */
export type SessionSignal =
  | { type: 'welcome'; participant: Participant; conversations: ConversationHead[] }
  | { type: 'event'; event: ConversationEvent }
  | { type: 'conversation'; conversation: ConversationHead }
  | { type: 'typing'; conversationId: string; participant: Participant; active: boolean }
  /** Agents: a conversation's customer changed page or went on/offline (the customer panel). */
  | { type: 'visitor'; visitor: VisitorInfo }
  /** Agents: an internal note was added to a conversation of their queues (never sent to customers). */
  | { type: 'note'; note: Note }
  /** Customers: their place in the queue while their conversation waits (ephemeral). */
  | { type: 'queue'; conversationId: string; position: number }
  /** The welcome named another identity than the cache was read for (or the session signed out): drop what was shown. */
  | { type: 'identity-changed'; participant: Participant | undefined }
  /** A cached conversation is too far behind the server: its timeline starts over from the newest page. */
  | { type: 'gap-too-large'; conversationId: string };

/** What the local cache held when the session started, for the messaging stores to render at once. */
export interface Hydration {
  participant: Participant;
  heads: Conversation[];
  /** The newest cached message events per conversation, ascending. */
  events: Map<string, MessageEvent[]>;
}

/** Cached events a conversation renders first (two pages: a fast first paint); older ones come from the cache on scroll. */
export const CACHE_RENDER_LIMIT = 60;

/** Turns the configuration into a token fetcher. */
function tokenSource(config: SessionConfig): () => Promise<ProvidedToken> {
  const provider = config.jwtProvider;
  if (provider) return typeof provider === 'function' ? provider : () => provider.fetchJwt();
  const tokenUrl = config.tokenUrl;
  if (!tokenUrl) throw new OmniError('invalid-request', 'A session needs a jwtProvider or a tokenUrl.');
  // The site's own token route (its origin's cookies, no bearer): a failure becomes `token-provider-failed` in the token keeper.
  return () => fetchJson<TokenResponse>(tokenUrl, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
}

/** A connection of one identity to one server. */
export class OmniSession {
  /** Connection state of the events socket. */
  readonly $connection = atom<ConnectionState>('idle');
  /** Who this session is (known after the socket's welcome). */
  readonly $participant = atom<Participant | undefined>(undefined);
  /** Who this session is as far as it knows: from the cache before the welcome, then from the welcome. */
  readonly $identity = atom<Participant | undefined>(undefined);
  /** The latest error, cleared when the connection recovers. */
  readonly $error = atom<OmniErrorInfo | undefined>(undefined);
  /** The HTTP client (for the messaging module). */
  readonly http: HttpClient;
  /** Sequence tracking and gap recovery. */
  readonly stream: EventStream;
  /** The events socket (internal; exposed for diagnostics and tests; only the leader tab's is open). */
  socket!: EventsSocket;
  /** The events connection shared with this browser's other tabs of the same identity. */
  readonly connection: SharedConnection;
  /** The token keeper (internal; exposed for diagnostics and tests). */
  readonly tokens: TokenKeeper;
  private readonly errorListeners = new Set<(error: OmniErrorInfo) => void>();
  private readonly signalListeners = new Set<(signal: SessionSignal) => void>();
  private started = false;
  /** The local cache (undefined when disabled or unavailable). */
  readonly cache: Promise<LocalCache | undefined>;
  /** What the cache held at start (resolves undefined on a first visit, without a cache, or after an identity change). */
  hydration: Promise<Hydration | undefined>;
  /** @internal Settles `hydration`. */
  resolveHydration: (hydration: Hydration | undefined) => void = () => undefined;
  private paint: { id: string; copy: FirstPaintCopy | undefined } | undefined;
  /** Settles once the cache agrees with the first-paint copy (`withCache` waits for it). */
  private reconciled: Promise<unknown> = Promise.resolve();
  /** @internal Whether the token names a verified identity (verified customers, agents): their cache shows only once a token confirms them. */
  verified = false;

  /** The configuration (change the token source with `setTokenSource`). */
  config: SessionConfig;

  constructor(config: SessionConfig) {
    this.config = { ...config, serverUrl: config.serverUrl.replace(/\/+$/, '') };
    this.tokens = new TokenKeeper(tokenSource(config), (error) => this.reportError(error));
    this.http = new HttpClient(this.config.serverUrl, this.tokens);
    this.stream = new EventStream(
      this.http,
      (event) => this.signal({ type: 'event', event }),
      (error) => this.reportError(error),
      { gapLimit: config.cacheGapLimit ?? 500, onGapTooLarge: (conversationId) => this.signal({ type: 'gap-too-large', conversationId }) },
    );
    // A chunk of its own (idb included), opened once the first frame (from the first-paint copy) is painted.
    this.cache = config.cache === false
      ? Promise.resolve(undefined)
      : afterPaint().then(() => import('./local-cache.js')).then(({ LocalCache }) => LocalCache.open(this.config.serverUrl, config.cacheLimits)).catch(() => undefined);
    this.hydration = new Promise((resolve) => (this.resolveHydration = resolve));
    // The token names who we are before the server does: the outbox and cache can use it even while the server is down.
    this.tokens.onToken(({ jwt }) => {
      const participant = jwtParticipant(jwt);
      this.verified = jwtVerified(jwt);
      if (participant) void this.hydration.then(() => this.identified(participant));
    });
    this.connection = new SharedConnection(this.createSocket(), {
      onFrame: (frame) => this.receive(frame),
      onState: (state) => {
        this.$connection.set(state);
        if (state === 'online') this.$error.set(undefined);
      },
    });
  }

  /** The real socket (opened only while this tab leads). */
  private createSocket(): EventsSocket {
    return (this.socket = new EventsSocket(
      this.config.serverUrl,
      this.tokens,
      { onFrame: (frame) => this.connection.socketFrame(frame), onState: (state) => this.connection.socketState(state) },
      {
        ...DEFAULT_TIMING,
        ...(this.config.pingIntervalMs ? { pingIntervalMs: this.config.pingIntervalMs } : {}),
        ...(this.config.pongTimeoutMs ? { pongTimeoutMs: this.config.pongTimeoutMs } : {}),
      },
    ));
  }

  /** Takes a new token source for the same server and identity, without reconnecting (frameworks hand a new function on every render). */
  setTokenSource(source: Pick<SessionConfig, 'jwtProvider' | 'tokenUrl'>): void {
    const { jwtProvider: _provider, tokenUrl: _url, ...rest } = this.config;
    this.config = { ...rest, ...source };
    this.tokens.setSource(tokenSource(this.config));
  }

  /** Connects (idempotent): renders from the cache first, then gets a token and opens the events socket. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.tokens.start();
    // Render from the cache and seed the sequence tracking, so the welcome fetches only the gap.
    this.resolveHydration(await this.hydrate());
    // The token, the tab election and the socket wait for the first frame.
    await afterPaint();
    if (!this.started) return;
    // One socket per browser for this server + identity (the token names the identity).
    let key: string | undefined;
    if (this.config.shareConnection !== false) {
      const jwt = await this.tokens.get().catch(() => undefined);
      const who = (jwt && jwtParticipant(jwt)) || this.$identity.get();
      key = who ? `${this.config.serverUrl}|${who.id}` : undefined;
    }
    if (!this.started) return;
    this.connection.start(key);
  }

  /** Sends a frame on the events connection (through the leader tab when this one follows); false when offline. */
  sendFrame(frame: ClientFrame): boolean {
    return this.connection.sendFrame(frame);
  }

  /** @internal Where the last identity of this server + integration + token source is remembered (a pointer only, no content). */
  get identityKey(): string {
    return `omni:identity:${this.config.serverUrl}|${this.config.integrationId ?? ''}|${this.config.tokenUrl ?? ''}`;
  }

  /** @internal The identity this browser remembers for this server (undefined when none or unreadable). */
  rememberedIdentity(): { participant: Participant; verified: boolean } | undefined {
    try {
      const value = JSON.parse(localStorage.getItem(this.identityKey) ?? 'null') as { participant?: Participant; verified?: boolean } | null;
      const participant = value?.participant;
      return participant && typeof participant.id === 'string' && typeof participant.role === 'string' ? { participant, verified: value.verified !== false } : undefined;
    } catch {
      return undefined;
    }
  }

  /** @internal Remembers the identity (a pointer, no content) for the next page. */
  remember(participant: Participant): void {
    try {
      localStorage.setItem(this.identityKey, JSON.stringify({ participant, verified: this.verified }));
    } catch {
      // Storage blocked: the next page starts without its cache.
    }
  }

  /**
   * Reads the cache of the remembered identity. A guest's shows at once (the browser is the
   * guest); a verified customer's or an agent's only after a token names the same identity, so
   * someone else at the same computer never sees it, not even for a moment.
   */
  private async hydrate(): Promise<Hydration | undefined> {
    const remembered = this.rememberedIdentity();
    if (!remembered || this.config.cache === false) return undefined;
    const { participant } = remembered;
    if (remembered.verified) {
      const jwt = await this.tokens.get().catch(() => undefined);
      if (!jwt || jwtParticipant(jwt)?.id !== participant.id) return undefined;
    }
    // The small synchronous copy first: no waiting for IndexedDB to open.
    const quick = FirstPaintCopy.of(this.config.serverUrl, participant)?.read();
    if (quick) {
      // Everyone waits for the cache to agree with the copy (older history pages from the cache must
      // join the copy's oldest message without a hole).
      this.reconciled = this.cache.then((cache) => cache?.reconcile(participant.id, quick.events)).catch(() => undefined);
      return this.hydrated(participant, quick.heads, quick.events);
    }
    const cache = await this.cache;
    if (!cache) return undefined;
    try {
      const heads = await cache.heads(participant.id);
      const events = new Map<string, MessageEvent[]>();
      await Promise.all(heads.map(async (head) => events.set(head.id, await cache.newestEvents(participant.id, head.id, CACHE_RENDER_LIMIT))));
      return this.hydrated(participant, heads, events);
    } catch {
      return undefined;
    }
  }

  /** Shows a cached identity and seeds the sequence tracking from what it has. */
  private hydrated(participant: Participant, heads: Conversation[], events: Map<string, MessageEvent[]>): Hydration | undefined {
    if (this.$participant.get() && this.$participant.get()!.id !== participant.id) return undefined;
    this.$identity.set(participant);
    for (const [conversationId, list] of events) {
      const last = list[list.length - 1];
      if (last) this.stream.seed(conversationId, last.seq);
    }
    return { participant, heads, events };
  }

  /** The first-paint copy of the current identity (customers only, and not with `cache: false`). */
  firstPaintCopy(): FirstPaintCopy | undefined {
    const me = this.$identity.get();
    if (!me || this.config.cache === false) return undefined;
    if (this.paint?.id !== me.id) this.paint = { id: me.id, copy: FirstPaintCopy.of(this.config.serverUrl, me) };
    return this.paint.copy;
  }

  /** Runs `work` against the cache for the current identity (nothing without a cache or identity). */
  async withCache<T>(work: (cache: LocalCache, participantId: string) => Promise<T>): Promise<T | undefined> {
    const cache = await this.cache;
    await this.reconciled;
    const me = this.$identity.get();
    if (!cache || !me) return undefined;
    try {
      return await work(cache, me.id);
    } catch {
      return undefined;
    }
  }

  /** Signs this identity out: disconnects, deletes its cache and outbox, and forgets it. */
  signOut(): Promise<void> {
    const me = this.$identity.get();
    this.stop();
    return import('./session-cache.js').then((module) => module.signOut(this, me));
  }

  /** Everything cached for this identity, for an app that keeps its own storage (Voximplant's `toCache`). */
  async snapshot(): Promise<CacheSnapshot | undefined> {
    return this.withCache((cache, participantId) => cache.snapshot(participantId));
  }

  /** Writes a snapshot back (Voximplant's `fromCache`); call before `start()` to render from it. */
  restoreSnapshot(snapshot: CacheSnapshot): Promise<void> {
    return import('./session-cache.js').then((module) => module.restoreSnapshot(this, snapshot));
  }

  /** Disconnects and stops every timer. */
  stop(): void {
    this.started = false;
    this.connection.stop();
    this.tokens.stop();
  }

  /** Hears every error the session surfaces (elements re-emit them as `omni-error`). */
  onError(listener: (error: OmniErrorInfo) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Hears welcomes, ordered events and new conversations (for the messaging module). */
  onSignal(listener: (signal: SessionSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  /** Records and announces an error. */
  reportError(error: unknown): void {
    const info = toErrorInfo(error);
    this.$error.set(info);
    for (const listener of this.errorListeners) listener(info);
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.identified(frame.participant);
        this.$participant.set(frame.participant);
        this.signal({ type: 'welcome', participant: frame.participant, conversations: frame.conversations });
        for (const head of frame.conversations) this.stream.head(head);
        // A customer's page goes to the agents' panel (a lazy chunk; agents never load it).
        if (frame.participant.role === 'customer') import('./page-report.js').then((m) => m.reportPage(this), () => undefined);
        return;
      case 'event':
        return this.stream.push(frame.event);
      case 'conversation':
        this.stream.head(frame.conversation);
        return this.signal({ type: 'conversation', conversation: frame.conversation });
      case 'typing':
      case 'visitor':
      case 'queue':
      case 'note':
        return this.signal(frame);
      case 'error':
        return this.reportError(new OmniError(frame.error.code, frame.error.message));
      default:
        return;
    }
  }

  /** The token or the server says who we are: remember it, and drop what was shown from another identity's cache. */
  private identified(participant: Participant): void {
    const shown = this.$identity.get();
    if (shown?.id === participant.id && shown.displayName === participant.displayName) return;
    if (shown && shown.id !== participant.id) {
      this.hydration = Promise.resolve(undefined);
      this.signal({ type: 'identity-changed', participant });
    }
    this.$identity.set(participant);
    this.remember(participant);
  }

  /** @internal Tells the session's listeners. */
  signal(signal: SessionSignal): void {
    for (const listener of this.signalListeners) listener(signal);
  }
}

/** Creates a session (not started). */
export function createSession(config: SessionConfig): OmniSession {
  return new OmniSession(config);
}

/** The page-wide default session (elements without a context provider follow it, whichever was connected first). */
export const $defaultSession = atom<OmniSession | undefined>(undefined);

/** The page-wide default session, if one was set. */
export function getDefaultSession(): OmniSession | undefined {
  return $defaultSession.get();
}

/** Makes `session` the page-wide default (elements without a context provider use it). */
export function setDefaultSession(session: OmniSession | undefined): void {
  $defaultSession.set(session);
}
