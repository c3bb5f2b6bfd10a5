/**
 * A reactive controller for elements that own a session (`<omni-chat>`, `<omni-agent-console>`):
 * creates it from `server-url` + `token-url`/`jwtProvider`, starts it while connected, re-emits
 * its errors as `omni-error`, and replaces it when the configuration changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createSession, type JwtProvider, type OmniSession } from '../../core/session.js';
import { emit } from './events.js';

/** The configuration an owning element exposes. */
export interface SessionOwnerConfig {
  serverUrl?: string | undefined;
  integrationId?: string | undefined;
  tokenUrl?: string | undefined;
  jwtProvider?: JwtProvider | undefined;
}

/** How long an element may sit connected with no token source before it reports `not-configured`. */
export const NOT_CONFIGURED_AFTER_MS = 3000;

/** Owns one session for its host element. */
export class SessionOwner implements ReactiveController {
  /** The current session (undefined until a token source is configured). */
  session: OmniSession | undefined;
  private key: unknown[] = [];
  private connected = false;
  private stopErrors: (() => void) | undefined;
  private reportedAttribute: string | undefined;
  private unconfiguredTimer: ReturnType<typeof setTimeout> | undefined;

  /** `hasFallback` tells whether the host can do without its own session (e.g. a page-wide default one). */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (session: OmniSession | undefined) => void,
    private readonly hasFallback: () => boolean = () => false,
  ) {
    host.addController(this);
  }

  /**
   * Call from `willUpdate`: (re)creates the session when the server or integration changed. A new
   * `jwtProvider` function or `token-url` for the same server is swapped into the running session
   * (a session is the server + identity, not the function a framework re-creates on every render).
   */
  configure(config: SessionOwnerConfig): void {
    this.checkProviderAttribute();
    const serverUrl = config.serverUrl || location.origin;
    const hasSource = !!(config.tokenUrl || config.jwtProvider);
    const source = config.jwtProvider ? { jwtProvider: config.jwtProvider } : { tokenUrl: config.tokenUrl! };
    const key = [serverUrl, config.integrationId, hasSource];
    if (key.every((value, index) => value === this.key[index])) {
      if (this.session && (this.session.config.jwtProvider !== source.jwtProvider || this.session.config.tokenUrl !== source.tokenUrl)) {
        this.session.setTokenSource(source);
      }
      return;
    }
    this.key = key;
    this.release();
    if (!hasSource) return this.onChange(undefined);
    this.session = createSession({
      serverUrl,
      ...(config.integrationId ? { integrationId: config.integrationId } : {}),
      ...source,
    });
    this.stopErrors = this.session.onError((error) => emit(this.host, 'omni-error', error));
    if (this.connected) void this.session.start();
    this.onChange(this.session);
  }

  hostConnected(): void {
    this.connected = true;
    void this.session?.start();
    clearTimeout(this.unconfiguredTimer);
    this.unconfiguredTimer = setTimeout(() => this.reportIfUnconfigured(), NOT_CONFIGURED_AFTER_MS);
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.unconfiguredTimer);
    this.session?.stop();
  }

  /**
   * A framework that renders the element before it is defined (React 19, Vue without `.prop`) writes
   * `jwtProvider` as an attribute: a function's source text, useless. Say so instead of failing silently.
   */
  private checkProviderAttribute(): void {
    const value = this.host.getAttribute('jwtprovider');
    if (value === null || value === this.reportedAttribute) return;
    this.reportedAttribute = value;
    emit(this.host, 'omni-error', {
      code: 'invalid-attribute',
      message: `<${this.host.localName}> got jwtProvider as an attribute (text only). Set the property: define the elements before rendering, or bind it as a property (Vue: .prop).`,
    });
  }

  private reportIfUnconfigured(): void {
    if (!this.connected || this.session || this.hasFallback()) return;
    emit(this.host, 'omni-error', {
      code: 'not-configured',
      message: `<${this.host.localName}> has no token source: set token-url or the jwtProvider property.`,
    });
  }

  private release(): void {
    this.stopErrors?.();
    this.session?.stop();
    this.session = undefined;
  }
}
