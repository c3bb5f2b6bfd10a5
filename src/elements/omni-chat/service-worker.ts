/**
 * The `service-worker` side of `<omni-chat>`, loaded (with workbox-window) only when a site sets
 * the attribute: registers the site's copy of omni-sw.js, lets a new worker version take over at a
 * later page load, opens the chat when a notification asks for it, and subscribes the visitor to
 * Web Push of replies.
 */
import { Workbox } from 'workbox-window';
import { OmniError, toErrorInfo } from '../../core/errors.js';
import type { OmniSession } from '../../core/session.js';
import { ACTIVATE_IF_ALONE_MESSAGE, OPEN_CHAT_HASH, OPEN_CHAT_MESSAGE } from '../../sw/messages.js';
import { emit } from '../shared/events.js';
import { requestPermission } from './attention.js';

/** What the module needs from `<omni-chat>`. */
export interface ServiceWorkerHost extends HTMLElement {
  serviceWorker: string | undefined;
  serverUrl: string | undefined;
  show(): void;
}

/** Registrations of this page, by worker URL (several chats share one). */
const registrations = new Map<string, Promise<ServiceWorkerRegistration | undefined>>();
/** Hosts that already listen for "open the chat". */
const listening = new WeakSet<ServiceWorkerHost>();

/** The worker URL with the omni server it precaches from: `/omni-sw.js?server=https%3A%2F%2Fomni.example`. */
export function workerUrl(script: string, serverUrl: string | undefined): string {
  const url = new URL(script, location.href);
  if (!url.searchParams.has('server')) url.searchParams.set('server', (serverUrl || location.origin).replace(/\/+$/, ''));
  return url.origin === location.origin ? `${url.pathname}${url.search}` : url.href;
}

/** Registers the host's worker (once per page) and opens the chat when a notification click asks for it. */
export function attachServiceWorker(host: ServiceWorkerHost): Promise<ServiceWorkerRegistration | undefined> {
  if (!host.serviceWorker || !('serviceWorker' in navigator)) return Promise.resolve(undefined);
  if (!listening.has(host)) {
    listening.add(host);
    navigator.serviceWorker.addEventListener('message', (event) => {
      if ((event.data as { type?: unknown } | null)?.type === OPEN_CHAT_MESSAGE && host.isConnected) host.show();
    });
    navigator.serviceWorker.startMessages();
    if (location.hash === OPEN_CHAT_HASH) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      host.show();
    }
  }
  const url = workerUrl(host.serviceWorker, host.serverUrl);
  let registering = registrations.get(url);
  if (!registering) {
    registering = new Workbox(url).register().then(
      (registration) => {
        // A version installed during an earlier visit takes over now, unless another tab still uses the old one.
        registration?.waiting?.postMessage({ type: ACTIVATE_IF_ALONE_MESSAGE });
        return registration;
      },
      (error: unknown) => {
        registrations.delete(url);
        emit(host, 'omni-error', {
          code: 'invalid-attribute',
          message: `service-worker="${host.serviceWorker}" could not be registered: ${error instanceof Error ? error.message : String(error)}`,
        });
        return undefined;
      },
    );
    registrations.set(url, registering);
  }
  return registering;
}

/** The registration once its worker is active (push subscriptions need one). */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  const worker = registration.installing ?? registration.waiting;
  if (!registration.active && worker) {
    await new Promise<void>((resolve) => {
      const check = () => {
        if (registration.active) resolve();
      };
      worker.addEventListener('statechange', check);
      check();
    });
  }
  return registration;
}

/** Asks for notification permission, then subscribes this browser to push; false when refused or unsupported. */
export async function enablePush(host: ServiceWorkerHost, session: OmniSession | undefined): Promise<boolean> {
  return (await requestPermission()) && subscribeToPush(host, session);
}

/**
 * Subscribes this browser to the omni server's Web Push for the session's customer and stores the
 * subscription with the page it was made on (origin and path only). Call after permission was
 * granted; true when the server keeps the subscription. Failures are reported as `omni-error`.
 */
export async function subscribeToPush(host: ServiceWorkerHost, session: OmniSession | undefined): Promise<boolean> {
  try {
    if (!session) throw new OmniError('not-configured', 'Push needs a session: set token-url or jwtProvider first.');
    const registration = await attachServiceWorker(host);
    if (!registration || !('pushManager' in registration)) return false;
    await activated(registration);
    const { publicKey } = await session.http.request<{ publicKey: string }>('GET', '/v1/push/vapid-public-key');
    const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (character) => character.charCodeAt(0));
    let subscription = await registration.pushManager.getSubscription();
    const ownKey = subscription?.options.applicationServerKey;
    if (subscription && !(ownKey && sameBytes(new Uint8Array(ownKey), key))) {
      // Made with another server's key: it can't carry this server's pushes.
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await session.http.request('POST', '/v1/push/subscriptions', { ...subscription.toJSON(), pageUrl: `${location.origin}${location.pathname}` });
    return true;
  } catch (error) {
    emit(host, 'omni-error', error instanceof OmniError ? toErrorInfo(error) : { code: 'network', message: `Push subscription failed: ${error instanceof Error ? error.message : String(error)}` });
    return false;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
