/** A reactive controller that re-renders its host when a nanostores store changes. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Subscribes while the host is connected; the store can be swapped at any time. */
export class StoreController<T> implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private store: ReadableAtom<T> | undefined,
    private readonly fallback: T,
  ) {
    host.addController(this);
  }

  /** The store's current value (the fallback without a store). */
  get value(): T {
    return this.store ? this.store.get() : this.fallback;
  }

  /** Follows another store (or none). */
  setStore(store: ReadableAtom<T> | undefined): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = store;
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private subscribe(): void {
    this.unsubscribe = this.store?.listen(() => this.host.requestUpdate());
  }
}
