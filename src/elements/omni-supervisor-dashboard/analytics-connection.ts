/**
 * The supervisor's analytics socket (`WS /v1/analytics`) as stores: the figures of each queue and
 * the connection state. Authenticates in its first frame (never in the URL) with a token from the
 * site's provider, re-authenticates in place when the token is refreshed, answers pings, and
 * reconnects with capped, jittered backoff; every (re)connect starts from a fresh snapshot. A
 * refusal for not being a supervisor is final (no retry).
 */
import { atom } from 'nanostores';
import { OmniError } from '../../core/errors.js';
import { AnalyticsCloseCode, CloseCode, type AnalyticsFrame, type OmniErrorInfo, type QueueFigures, type TokenResponse } from '../../core/protocol.js';
import { TokenKeeper, type ProvidedToken } from '../../core/token-keeper.js';
import type { JwtProvider } from '../../core/session.js';

/** Connection states of the analytics socket. */
export type AnalyticsState = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'stopped';

/** Where the connection gets its tokens and what it reports. */
export interface AnalyticsConfig {
  serverUrl: string;
  jwtProvider?: JwtProvider | undefined;
  tokenUrl?: string | undefined;
  onError: (error: OmniErrorInfo) => void;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;

/** A token source from a provider or a token URL (POSTed to, same origin credentials). */
function tokenSource(config: AnalyticsConfig): () => Promise<ProvidedToken> {
  const provider = config.jwtProvider;
  if (provider) return typeof provider === 'function' ? provider : () => provider.fetchJwt();
  const url = config.tokenUrl!;
  return async () => {
    const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new OmniError('token-provider-failed', `The token URL answered ${response.status}.`);
    return (await response.json()) as TokenResponse;
  };
}

/** One supervisor's live figures, kept up to date while started. */
export class AnalyticsConnection {
  /** The figures of each watched queue, by queue name, in the server's order. */
  readonly $figures = atom<QueueFigures[]>([]);
  /** The socket's state. */
  readonly $state = atom<AnalyticsState>('connecting');
  private readonly tokens: TokenKeeper;
  private readonly url: string;
  private ws: WebSocket | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopToken: (() => void) | undefined;
  private authenticated = false;

  constructor(private readonly config: AnalyticsConfig) {
    this.url = `${config.serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/v1/analytics`;
    this.tokens = new TokenKeeper(tokenSource(config), (error) => config.onError(error.info));
  }

  /** Connects (and keeps reconnecting until stopped). */
  start(): void {
    this.tokens.start();
    this.stopToken = this.tokens.onToken(({ jwt }) => {
      if (this.authenticated) this.ws?.send(JSON.stringify({ type: 'auth', jwt }));
    });
    void this.open();
  }

  /** Closes for good. */
  stop(): void {
    this.$state.set('stopped');
    clearTimeout(this.retryTimer);
    this.stopToken?.();
    this.tokens.stop();
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(1000, 'stopped');
  }

  private async open(): Promise<void> {
    let jwt: string;
    try {
      jwt = await this.tokens.get();
    } catch {
      return this.retry();
    }
    if (this.$state.get() === 'stopped') return;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', jwt }));
    ws.onmessage = (message) => {
      if (this.ws !== ws) return;
      let frame: AnalyticsFrame;
      try {
        frame = JSON.parse(String(message.data)) as AnalyticsFrame;
      } catch {
        return;
      }
      this.receive(ws, frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.authenticated = false;
      if (event.code === AnalyticsCloseCode.notSupervisor || event.code === CloseCode.agentDisabled) return this.$state.set('refused');
      if (event.code === CloseCode.invalidToken || event.code === CloseCode.tokenExpired) this.tokens.invalidate();
      this.retry();
    };
  }

  private receive(ws: WebSocket, frame: AnalyticsFrame): void {
    switch (frame.type) {
      case 'ping':
        return ws.send(JSON.stringify(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id }));
      case 'snapshot':
        this.authenticated = true;
        this.attempt = 0;
        this.$figures.set(frame.queues);
        return this.$state.set('online');
      case 'queue': {
        const queues = this.$figures.get();
        const index = queues.findIndex((item) => item.queue === frame.queue.queue);
        return this.$figures.set(index < 0 ? [...queues, frame.queue] : queues.map((item, at) => (at === index ? frame.queue : item)));
      }
      case 'error':
        return this.config.onError(frame.error);
    }
  }

  private retry(): void {
    if (this.$state.get() === 'stopped') return;
    this.$state.set('reconnecting');
    clearTimeout(this.retryTimer);
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => void this.open(), Math.random() * ceiling);
  }
}
