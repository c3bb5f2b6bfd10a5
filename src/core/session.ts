/**
 * The session: one identity talking to one server. It owns the token keeper, the HTTP client,
 * the events socket and the event stream, and exposes its state as nanostores atoms. Elements
 * and the messaging module read these stores; nothing else talks to the network.
 */
import { atom } from 'nanostores';
import { OmniError, toErrorInfo } from './errors.js';
import { EventStream } from './event-stream.js';
import { DEFAULT_TIMING, EventsSocket, type ConnectionState } from './events-socket.js';
import { HttpClient } from './http-client.js';
import type { ConversationEvent, ConversationHead, OmniErrorInfo, Participant, ServerFrame, TokenResponse } from './protocol.js';
import { TokenKeeper, type ProvidedToken } from './token-keeper.js';

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
  | { type: 'typing'; conversationId: string; participant: Participant; active: boolean };

/** Turns the configuration into a token fetcher. */
function tokenSource(config: SessionConfig): () => Promise<ProvidedToken> {
  const provider = config.jwtProvider;
  if (provider) return typeof provider === 'function' ? provider : () => provider.fetchJwt();
  const tokenUrl = config.tokenUrl;
  if (!tokenUrl) throw new OmniError('invalid-request', 'A session needs a jwtProvider or a tokenUrl.');
  return async () => {
    const response = await fetch(tokenUrl, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new OmniError('token-provider-failed', `The token URL answered ${response.status}.`);
    return (await response.json()) as TokenResponse;
  };
}

/** A connection of one identity to one server. */
export class OmniSession {
  /** Connection state of the events socket. */
  readonly $connection = atom<ConnectionState>('idle');
  /** Who this session is (known after the socket's welcome). */
  readonly $participant = atom<Participant | undefined>(undefined);
  /** The latest error, cleared when the connection recovers. */
  readonly $error = atom<OmniErrorInfo | undefined>(undefined);
  /** The HTTP client (for the messaging module). */
  readonly http: HttpClient;
  /** Sequence tracking and gap recovery. */
  readonly stream: EventStream;
  /** The events socket (internal; exposed for diagnostics and tests). */
  readonly socket: EventsSocket;
  /** The token keeper (internal; exposed for diagnostics and tests). */
  readonly tokens: TokenKeeper;
  private readonly errorListeners = new Set<(error: OmniErrorInfo) => void>();
  private readonly signalListeners = new Set<(signal: SessionSignal) => void>();
  private started = false;

  /** The configuration (change the token source with `setTokenSource`). */
  config: SessionConfig;

  constructor(config: SessionConfig) {
    this.config = { ...config, serverUrl: config.serverUrl.replace(/\/+$/, '') };
    this.tokens = new TokenKeeper(tokenSource(config), (error) => this.reportError(error));
    this.http = new HttpClient(this.config.serverUrl, this.tokens);
    this.stream = new EventStream(this.http, (event) => this.signal({ type: 'event', event }), (error) => this.reportError(error));
    this.socket = new EventsSocket(
      this.config.serverUrl,
      this.tokens,
      {
        onFrame: (frame) => this.receive(frame),
        onState: (state) => {
          this.$connection.set(state);
          if (state === 'online') this.$error.set(undefined);
        },
      },
      {
        ...DEFAULT_TIMING,
        ...(config.pingIntervalMs ? { pingIntervalMs: config.pingIntervalMs } : {}),
        ...(config.pongTimeoutMs ? { pongTimeoutMs: config.pongTimeoutMs } : {}),
      },
    );
  }

  /** Takes a new token source for the same server and identity, without reconnecting (frameworks hand a new function on every render). */
  setTokenSource(source: Pick<SessionConfig, 'jwtProvider' | 'tokenUrl'>): void {
    const { jwtProvider: _provider, tokenUrl: _url, ...rest } = this.config;
    this.config = { ...rest, ...source };
    this.tokens.setSource(tokenSource(this.config));
  }

  /** Connects (idempotent): gets a token, opens the events socket. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.tokens.start();
    this.socket.start();
  }

  /** Disconnects and stops every timer. */
  stop(): void {
    this.started = false;
    this.socket.stop();
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
        this.$participant.set(frame.participant);
        this.signal({ type: 'welcome', participant: frame.participant, conversations: frame.conversations });
        for (const head of frame.conversations) this.stream.head(head);
        return;
      case 'event':
        return this.stream.push(frame.event);
      case 'conversation':
        this.stream.head(frame.conversation);
        return this.signal({ type: 'conversation', conversation: frame.conversation });
      case 'typing':
        return this.signal(frame);
      case 'error':
        return this.reportError(new OmniError(frame.error.code, frame.error.message));
      default:
        return;
    }
  }

  private signal(signal: SessionSignal): void {
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
