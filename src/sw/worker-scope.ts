/**
 * The few service-worker globals omni-sw.ts uses, typed without TypeScript's `webworker` lib
 * (which can't be combined with the `DOM` lib the rest of `src/` compiles with).
 */

/** An event whose lifetime the worker can extend. */
export interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

/** `push`. */
export interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown; text(): string } | null;
}

/** `notificationclick`. */
export interface NotificationEventLike extends ExtendableEventLike {
  notification: Notification;
}

/** `message` from a page. */
export interface ExtendableMessageEventLike extends ExtendableEventLike {
  data: unknown;
}

/** A window (tab) of the worker's origin. */
export interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}

/** `self`, seen from a service worker. */
export interface WorkerScope {
  location: { href: string; origin: string };
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEventLike) => void): void;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
}
