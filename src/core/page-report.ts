/**
 * Tells the server which page the visitor is on, for the agents' customer panel: URL, title and
 * time zone, at connect and when they change (history and hash navigation, a new title, the tab
 * shown again, and a slow check for `pushState` navigations), at most once a second. A tab that is
 * shown again reports at once, so with several tabs the panel shows the page the visitor looks at.
 * A lazy chunk: a customer's session loads it after its first welcome; agents never do.
 */
import type { OmniSession } from './session.js';

/** Reports are at most this often. */
const REPORT_INTERVAL_MS = 1000;
/** The slow check for navigations no event tells of (`history.pushState`). */
const CHECK_INTERVAL_MS = 5000;
/** The contract's limits (MAX_PAGE_URL_CHARS, MAX_PAGE_TITLE_CHARS): cut here, so a long URL is never a refused frame. */
const MAX_URL = 2000;
const MAX_TITLE = 300;

/** What the frame says now, or undefined on a page the server would refuse (not http(s)). */
function currentPage(): { type: 'page'; url: string; title: string; timeZone?: string } | undefined {
  if (!/^https?:$/.test(location.protocol)) return undefined;
  const title = document.title.replace(/[\x00-\x1f\x7f]/g, ' ').trim().slice(0, MAX_TITLE);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    type: 'page',
    url: location.href.slice(0, MAX_URL),
    title,
    ...(zone && /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(zone) ? { timeZone: zone } : {}),
  };
}

/** The sessions already reporting (every welcome calls `reportPage`). */
const reporting = new WeakSet<OmniSession>();

/** Starts reporting the page for a customer's `session` (once per session; later calls do nothing). */
export function reportPage(session: OmniSession): void {
  if (reporting.has(session)) return;
  reporting.add(session);
  let sent = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    timer = undefined;
    const page = currentPage();
    const text = page ? JSON.stringify(page) : '';
    if (page && text !== sent && session.sendFrame(page)) sent = text;
  };
  const soon = () => {
    timer ??= setTimeout(send, REPORT_INTERVAL_MS);
  };
  addEventListener('popstate', soon);
  addEventListener('hashchange', soon);
  document.addEventListener('visibilitychange', () => {
    // Shown again: this tab's page is the one the visitor looks at now.
    sent = '';
    soon();
  });
  new MutationObserver(soon).observe(document.head ?? document.documentElement, { subtree: true, childList: true, characterData: true });
  setInterval(soon, CHECK_INTERVAL_MS);
  // On every (re)connect: the server learns where the visitor is now.
  session.$connection.subscribe((state) => {
    if (state !== 'online') return;
    sent = '';
    send();
  });
}
