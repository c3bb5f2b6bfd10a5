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

/** Owns one session for its host element. */
export class SessionOwner implements ReactiveController {
  /** The current session (undefined until a token source is configured). */
  session: OmniSession | undefined;
  private key: unknown[] = [];
  private connected = false;
  private stopErrors: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (session: OmniSession | undefined) => void,
  ) {
    host.addController(this);
  }

  /** Call from `willUpdate`: (re)creates the session when the configuration changed. */
  configure(config: SessionOwnerConfig): void {
    const serverUrl = config.serverUrl || location.origin;
    const key = [serverUrl, config.integrationId, config.tokenUrl, config.jwtProvider];
    if (key.every((value, index) => value === this.key[index])) return;
    this.key = key;
    this.release();
    if (!config.tokenUrl && !config.jwtProvider) return this.onChange(undefined);
    this.session = createSession({
      serverUrl,
      ...(config.integrationId ? { integrationId: config.integrationId } : {}),
      ...(config.jwtProvider ? { jwtProvider: config.jwtProvider } : { tokenUrl: config.tokenUrl! }),
    });
    this.stopErrors = this.session.onError((error) => emit(this.host, 'omni-error', error));
    if (this.connected) void this.session.start();
    this.onChange(this.session);
  }

  hostConnected(): void {
    this.connected = true;
    void this.session?.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.session?.stop();
  }

  private release(): void {
    this.stopErrors?.();
    this.session?.stop();
    this.session = undefined;
  }
}
