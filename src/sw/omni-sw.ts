/**
 * The widget's service worker (`dist-cdn/omni-sw.js`, a classic script), hosted by the site on its
 * own origin (a copy of the file, or `importScripts()` in the site's own worker):
 * - precaches the script-tag widget (entry and chunks) from the omni server's `/cdn/`, so a
 *   returning visitor gets the widget at once, also offline; chunks loaded later (calling) are
 *   cached on first use;
 * - shows the omni server's Web Push notifications of replies; a click focuses the page the visitor
 *   subscribed from (or opens it) with the chat open.
 *
 * Settings come from the registration URL's query (the widget writes it; no secrets in it):
 * `server` is the omni server's URL (default: this origin), and `pages=network-first` also keeps
 * the site's own pages and stylesheets (network first, cache when offline) so the page itself
 * starts offline. A new version takes over at a page load that finds no other tab of the origin
 * open (the load after serves it), never under a conversation in another tab.
 */
import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ACTIVATE_IF_ALONE_MESSAGE, OPEN_CHAT_HASH, OPEN_CHAT_MESSAGE, PUSH_MESSAGE_TYPE, type OmniPushPayload } from './messages.js';
import type { WorkerScope } from './worker-scope.js';

const scope = self as unknown as WorkerScope;
const settings = new URL(scope.location.href).searchParams;

/** Cache of the widget files of this release. */
const PRECACHE = 'omni-widget-precache';
/** Cache of chunks fetched later (calling) and of the previous release's chunks. */
const LAZY_CHUNKS = 'omni-widget-chunks';
/** Chunks kept in LAZY_CHUNKS at most (the oldest go first). */
const MAX_LAZY_CHUNKS = 24;
/** Cache of the site's pages, with `pages=network-first`. */
const PAGES = 'omni-widget-pages';
/** How long after a page's load a waiting version checks whether it may take over. */
const ACTIVATE_AFTER_MS = 5000;
/** Title of a notification whose author has no name. */
const UNTITLED = 'New message';

/** The omni server's base URL: the `server` query parameter when it is an http(s) URL, else this origin. */
function omniServer(value: string | null): string {
  try {
    const url = new URL(value ?? '');
    if (url.protocol === 'https:' || url.protocol === 'http:') return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    // Not a URL: the worker and the omni server share an origin.
  }
  return scope.location.origin;
}

/** Where the script-tag bundle lives: `<server>/cdn/`. */
const cdn = `${omniServer(settings.get('server'))}/cdn/`;

// The build replaces `self.__WB_MANIFEST` with the dist-cdn files a chat needs (relative to /cdn/).
const manifest = (self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST;
const precache = new PrecacheController({ cacheName: PRECACHE });
precache.precache(manifest.map((entry) => ({ ...entry, url: new URL(entry.url, cdn).href })));
registerRoute(new PrecacheRoute(precache));
// Chunks are content-hashed: a cached copy is always the right one.
registerRoute(({ url }) => url.href.startsWith(`${cdn}chunks/`), new CacheFirst({ cacheName: LAZY_CHUNKS }));
if (settings.get('pages') === 'network-first') {
  registerRoute(
    ({ request, url }) => url.origin === scope.location.origin && (request.mode === 'navigate' || request.destination === 'style'),
    new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 5 }),
  );
}

/** Copies the chunks precached so far (the release still running in open pages) into LAZY_CHUNKS. */
async function keepPreviousChunks(): Promise<void> {
  const [previous, kept] = await Promise.all([caches.open(PRECACHE), caches.open(LAZY_CHUNKS)]);
  for (const request of await previous.keys()) {
    if (!request.url.startsWith(`${cdn}chunks/`)) continue;
    const response = await previous.match(request);
    if (response) await kept.put(request, response);
  }
}

/** Drops the oldest entries of LAZY_CHUNKS beyond MAX_LAZY_CHUNKS. */
async function trimLazyChunks(): Promise<void> {
  const cache = await caches.open(LAZY_CHUNKS);
  const requests = await cache.keys();
  await Promise.all(requests.slice(0, Math.max(0, requests.length - MAX_LAZY_CHUNKS)).map((request) => cache.delete(request)));
}

// A page that started on the previous release may still load its lazy chunks (after a deploy the
// server has only the new ones): keep them before the precache drops them at activation.
scope.addEventListener('install', (event) => event.waitUntil(keepPreviousChunks()));
scope.addEventListener('activate', (event) => event.waitUntil(trimLazyChunks()));

/**
 * Takes over from the running version if the asking page (just loaded) is the origin's only window:
 * another open tab may be in a conversation on the running version, so the new one keeps waiting
 * for it to close. The asking page's start goes first: Chromium defers a skipWaiting() that arrives
 * while the running version is busy answering that page's fetches, and does not retry it for
 * minutes.
 */
async function activateIfAlone(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ACTIVATE_AFTER_MS));
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length <= 1 && scope.registration.waiting) await scope.skipWaiting();
}

scope.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === ACTIVATE_IF_ALONE_MESSAGE) event.waitUntil(activateIfAlone());
});

/** The omni payload of a push, or undefined for anything else (the site's own pushes). */
function omniPayload(data: { json(): unknown } | null): OmniPushPayload | undefined {
  try {
    const payload = data?.json() as Partial<OmniPushPayload> | undefined;
    if (payload?.type === PUSH_MESSAGE_TYPE && typeof payload.conversationId === 'string') return payload as OmniPushPayload;
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

/** The page a notification opens: the subscribing page when it is on this origin, else the worker's scope. */
function pageOf(payload: OmniPushPayload): string {
  try {
    if (payload.url && new URL(payload.url).origin === scope.location.origin) return payload.url;
  } catch {
    // Not a URL.
  }
  return scope.registration.scope;
}

scope.addEventListener('push', (event) => {
  const payload = omniPayload(event.data);
  if (!payload) return;
  event.waitUntil(
    scope.registration.showNotification(payload.author || UNTITLED, {
      body: typeof payload.preview === 'string' ? payload.preview : '',
      // One notification per conversation: a newer reply replaces the older one (and alerts again).
      tag: `omni-${payload.conversationId}`,
      renotify: true,
      data: { omni: true, conversationId: payload.conversationId, url: pageOf(payload) },
    } as NotificationOptions),
  );
});

/** Focuses the page (telling it to open the chat) or opens it with `#omni-chat-open`. */
async function openChat(url: string): Promise<void> {
  const page = new URL(url);
  page.hash = '';
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => {
    const seen = new URL(client.url);
    seen.hash = '';
    return seen.href === page.href;
  });
  if (open) {
    open.postMessage({ type: OPEN_CHAT_MESSAGE });
    await open.focus().catch(() => undefined);
    return;
  }
  await scope.clients.openWindow(`${page.href}${OPEN_CHAT_HASH}`);
}

scope.addEventListener('notificationclick', (event) => {
  const data = event.notification.data as { omni?: boolean; url?: string } | null;
  if (!data?.omni) return;
  event.notification.close();
  const opening = openChat(data.url ?? scope.registration.scope);
  try {
    event.waitUntil(opening);
  } catch {
    // A synthetic event (dispatched by a script) can't extend the worker's life; the work still runs.
  }
});
