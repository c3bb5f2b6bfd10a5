/**
 * The events WebSocket: authenticates in its first frame, re-authenticates in place when the
 * token is refreshed, answers server pings, pings the server itself to detect a dead socket that
 * never closed (one-way loss), and reconnects with capped exponential backoff and full jitter
 * (tied to the outage's length, and retried at once on `online` and tab return).
 */
import { CloseCode, type ClientFrame, type ServerFrame } from './protocol.js';
import type { TokenKeeper } from './token-keeper.js';

/** Connection states, as shown to the user. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'stopped';

/** Timings of the socket (defaults suit production; tests shorten them). */
export interface SocketTiming {
  pingIntervalMs: number;
  pongTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

/** Default timings: reconnect waits stay within a few seconds, so a short outage costs a short gap. */
export const DEFAULT_TIMING: SocketTiming = { pingIntervalMs: 25000, pongTimeoutMs: 10000, backoffBaseMs: 500, backoffCapMs: 4000 };

/** Frames other than auth/heartbeat go to `onFrame`; state changes to `onState`. */
export interface SocketHandlers {
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
}

/** One logical events connection that survives socket drops. */
export class EventsSocket {
  private ws: WebSocket | undefined;
  private state: ConnectionState = 'idle';
  private attempt = 0;
  /** When the current outage began (the socket was last lost), for a backoff tied to its length. */
  private outageSince: number | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private authenticated = false;
  private deafForTest = false;
  private readonly url: string;
  private unsubscribeToken: (() => void) | undefined;
  private readonly onNetworkBack = () => {
    if (document.visibilityState === 'hidden' && !navigator.onLine) return;
    if (this.state === 'reconnecting' || this.state === 'offline') this.connectNow();
  };

  /** Number of sockets opened so far (for diagnostics and tests). */
  connectCount = 0;

  constructor(
    serverUrl: string,
    private readonly tokens: TokenKeeper,
    private readonly handlers: SocketHandlers,
    private readonly timing: SocketTiming = DEFAULT_TIMING,
  ) {
    this.url = `${serverUrl.replace(/^http/, 'ws')}/v1/events`;
  }

  /** Current state. */
  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Opens the connection (idempotent). */
  start(): void {
    if (this.state !== 'idle' && this.state !== 'stopped') return;
    window.addEventListener('online', this.onNetworkBack);
    document.addEventListener('visibilitychange', this.onNetworkBack);
    // A refreshed token re-authenticates the open socket in place.
    this.unsubscribeToken = this.tokens.onToken(({ jwt }) => {
      if (this.authenticated) this.send({ type: 'auth', jwt });
    });
    this.setState('connecting');
    void this.open();
  }

  /** Closes for good. */
  stop(): void {
    window.removeEventListener('online', this.onNetworkBack);
    document.removeEventListener('visibilitychange', this.onNetworkBack);
    clearTimeout(this.reconnectTimer);
    this.drop(1000, 'client stopped');
    this.unsubscribeToken?.();
    this.unsubscribeToken = undefined;
    this.setState('stopped');
  }

  /** Test seam: from now on ignore every incoming frame, as if the network lost one direction. */
  simulateOneWayLoss(): void {
    this.deafForTest = true;
  }

  private async open(): Promise<void> {
    let jwt: string;
    try {
      jwt = await this.tokens.get();
    } catch {
      return this.scheduleReconnect();
    }
    if (this.state === 'stopped') return;
    this.connectCount += 1;
    this.deafForTest = false;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', jwt } satisfies ClientFrame));
    ws.onmessage = (message) => {
      if (this.ws !== ws || this.deafForTest) return;
      this.heard();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.authenticated = false;
      this.stopHeartbeat();
      if (event.code === CloseCode.invalidToken || event.code === CloseCode.tokenExpired) this.tokens.invalidate();
      if (this.state !== 'stopped') this.scheduleReconnect();
    };
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ping':
        return this.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
      case 'pong':
        return;
      case 'welcome':
        this.authenticated = true;
        this.attempt = 0;
        this.outageSince = undefined;
        this.startHeartbeat();
        this.setState('online');
        break;
    }
    this.handlers.onFrame(frame);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => {
      this.send({ type: 'ping', id: String(Date.now()) });
      // Any frame before the deadline proves the socket alive; silence means it is dead.
      this.pongTimer ??= setTimeout(() => this.drop(4000, 'no answer to ping'), this.timing.pongTimeoutMs);
    }, this.timing.pingIntervalMs);
  }

  private heard(): void {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  /** Abandons the current socket (its late events are ignored) and reconnects. */
  private drop(code: number, reason: string): void {
    const ws = this.ws;
    if (!ws) return;
    this.ws = undefined;
    this.authenticated = false;
    this.stopHeartbeat();
    try {
      ws.close(code, reason);
    } catch {
      // Already closing.
    }
    if (this.state !== 'stopped') this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.state === 'stopped') return;
    clearTimeout(this.reconnectTimer);
    this.setState(navigator.onLine === false ? 'offline' : 'reconnecting');
    this.outageSince ??= Date.now();
    // Exponential, capped at a few seconds and at half the outage so far: a 3 s outage is retried
    // within about a second of the server's return, a long one spreads a crowd over the cap.
    const outage = Date.now() - this.outageSince;
    const ceiling = Math.min(this.timing.backoffCapMs, this.timing.backoffBaseMs * 2 ** this.attempt, Math.max(this.timing.backoffBaseMs, outage / 2));
    this.attempt += 1;
    // Full jitter spreads a crowd of clients reconnecting after a server restart.
    this.reconnectTimer = setTimeout(() => void this.open(), Math.random() * ceiling);
  }

  private connectNow(): void {
    if (this.ws) return;
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    void this.open();
  }

  /** Sends a frame if the socket is open and authenticated; false otherwise (nothing is queued). */
  sendFrame(frame: ClientFrame): boolean {
    if (!this.authenticated) return false;
    this.send(frame);
    return true;
  }

  private send(frame: ClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.handlers.onState(state);
  }
}
