/**
 * Which session an element works with: its own `.session` property, else the one a provider
 * (`<omni-chat>`, `<omni-agent-console>`) gives through `@lit/context`, else the page's default
 * session. Built from two reactive controllers, so the host re-renders when any of the three changes.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { $defaultSession, type OmniSession } from '../../core/session.js';
import { sessionContext } from './session-context.js';
import { StoreController } from './store-controller.js';

/** Resolves the host's session (property, then context, then default). */
export class SessionResolver {
  private contextSession: OmniSession | undefined;
  private readonly fallback: StoreController<OmniSession | undefined>;

  /** `explicit` reads the host's own `.session` property. */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly explicit: () => OmniSession | undefined,
  ) {
    // Both register themselves with the host: a context consumer and a store subscription.
    new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: (session) => {
        this.contextSession = session;
        host.requestUpdate();
      },
    });
    this.fallback = new StoreController(host, $defaultSession, undefined);
  }

  /** The session to use now (undefined until one is configured). */
  get value(): OmniSession | undefined {
    return this.explicit() ?? this.contextSession ?? this.fallback.value;
  }
}
