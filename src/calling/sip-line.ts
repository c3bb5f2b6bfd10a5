/**
 * A SIP line: one sip.js UserAgent on the server's SIP WebSocket with short-lived credentials
 * from `POST /v1/sip/credentials`, refreshed before they expire; agents also keep a
 * registration. sip.js gives up on a dropped socket after a few fixed retries, so reconnecting
 * (with backoff, within a bound, re-registering after) is done here.
 */
import { Registerer, RegistererState, UserAgent, type UserAgentOptions } from 'sip.js';
import { OmniError } from '../core/errors.js';
import type { OmniSession } from '../core/session.js';
import type { SipCredentials } from '../core/protocol.js';

export type { SipCredentials } from '../core/protocol.js';

/** A REGISTER without a final answer this long counts as failed (the line retries). */
const REGISTER_TIMEOUT_MS = 8000;

/** Refresh credentials this long before they expire. */
const CREDENTIAL_LEAD_MS = 60000;

/** Fetches SIP credentials for the session's identity. */
export function fetchSipCredentials(session: OmniSession): Promise<SipCredentials> {
  return session.http.request<SipCredentials>('POST', '/v1/sip/credentials');
}

/** One UserAgent with its credentials, registration and reconnect logic. */
export class SipLine {
  /** The sip.js user agent. */
  readonly ua: UserAgent;
  private registerer: Registerer | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disconnectListeners = new Set<() => void>();
  private closed = false;
  private reconnecting: Promise<boolean> | undefined;

  private constructor(
    private readonly session: OmniSession,
    public credentials: SipCredentials,
    private readonly register: boolean,
  ) {
    const options: UserAgentOptions = {
      uri: UserAgent.makeURI(credentials.aor),
      transportOptions: { server: credentials.wsUrl, keepAliveInterval: 20 },
      authorizationUsername: credentials.username,
      authorizationPassword: credentials.password,
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: credentials.iceServers } },
      // Reconnection is ours (below): sip.js's own retries are few and fixed.
      reconnectionAttempts: 0,
      logLevel: 'error',
      userAgentString: 'omni-widget',
    };
    this.ua = new UserAgent(options);
    // Any loss counts, also a clean close (a server restarting closes with 1001): only close() is ours.
    this.ua.delegate = { ...this.ua.delegate, onDisconnect: () => { if (!this.closed) this.disconnectListeners.forEach((listener) => listener()); } };
  }

  /** Opens a line: credentials, socket, and (for agents) a registration. */
  static async open(session: OmniSession, options: { register: boolean }): Promise<SipLine> {
    let credentials: SipCredentials;
    try {
      credentials = await fetchSipCredentials(session);
    } catch (error) {
      throw error instanceof OmniError ? error : new OmniError('network', 'SIP credentials could not be fetched.');
    }
    const line = new SipLine(session, credentials, options.register);
    await line.ua.start();
    if (options.register) await line.registerNow();
    line.scheduleRefresh();
    return line;
  }

  /** Hears an unexpected socket loss. */
  onDisconnect(listener: () => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** Tries to get the socket back (and the registration) within `boundMs`; true on success. Concurrent callers (the phone and its call) share one attempt. */
  reconnect(boundMs: number): Promise<boolean> {
    this.reconnecting ??= this.reconnectWithin(boundMs).finally(() => {
      this.reconnecting = undefined;
    });
    return this.reconnecting;
  }

  private async reconnectWithin(boundMs: number): Promise<boolean> {
    const deadline = Date.now() + boundMs;
    let attempt = 0;
    let refused = false;
    while (!this.closed && Date.now() < deadline) {
      try {
        // A restarted server forgot what these credentials may register: fresh ones tell it again.
        if (refused || Date.parse(this.credentials.expiresAt) - Date.now() < CREDENTIAL_LEAD_MS) await this.refreshCredentials();
        await this.ua.reconnect();
        if (this.register) {
          // A fresh registration: the old Registerer may still wait on a request the lost socket swallowed.
          await this.registerer?.dispose().catch(() => undefined);
          this.registerer = undefined;
          await this.registerNow();
        }
        return true;
      } catch (error) {
        refused = error instanceof OmniError && error.info.code === 'forbidden';
        attempt += 1;
        const delay = Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
      }
    }
    return false;
  }

  /** Test seam: kills the SIP WebSocket abnormally, as a network loss would. */
  dropSocketForTest(): void {
    (this.ua.transport as unknown as { ws?: WebSocket }).ws?.close(4000, 'simulated network loss');
  }

  /** True while the socket is up. */
  get connected(): boolean {
    return this.ua.isConnected();
  }

  /** Unregisters and closes. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.refreshTimer);
    try {
      if (this.registerer?.state === RegistererState.Registered) await this.registerer.unregister();
    } catch {
      // Closing anyway.
    }
    await this.ua.stop().catch(() => undefined);
  }

  private async registerNow(): Promise<void> {
    this.registerer ??= new Registerer(this.ua, { expires: 600 });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new OmniError('network', 'No answer to REGISTER.')), REGISTER_TIMEOUT_MS);
      const done = () => clearTimeout(timer);
      void this.registerer!.register({
        requestDelegate: {
          onAccept: () => { done(); resolve(); },
          onReject: (response) => { done(); reject(new OmniError('forbidden', `Registration refused (${response.message.statusCode}).`)); },
        },
      }).catch((error: unknown) => { done(); reject(error); });
    });
  }

  private async refreshCredentials(): Promise<void> {
    const fresh = await fetchSipCredentials(this.session);
    this.credentials = fresh;
    // sip.js reads these on every digest challenge.
    const configuration = this.ua.configuration as { authorizationUsername: string; authorizationPassword: string };
    configuration.authorizationUsername = fresh.username;
    configuration.authorizationPassword = fresh.password;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.max(5000, Date.parse(this.credentials.expiresAt) - Date.now() - CREDENTIAL_LEAD_MS);
    this.refreshTimer = setTimeout(() => {
      void this.refreshCredentials()
        .then(() => (this.register && this.connected ? this.registerNow() : undefined))
        .catch((error) => this.session.reportError(error))
        .finally(() => this.scheduleRefresh());
    }, delay);
  }
}
