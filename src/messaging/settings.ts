/**
 * The integration's public widget settings (team name, greeting, accent colour, avatar, hours…)
 * as a store: the copy this browser kept from the last visit at once (no waiting, also offline),
 * then the server's answer, which is kept for the next visit. A change on the server shows on the
 * next page load (the route is cacheable for a minute).
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { perSession } from '../core/session-family.js';
import { afterPaint } from '../core/first-paint.js';
import type { OmniSession } from '../core/session.js';
import type { IntegrationSettingsResponse } from '../core/protocol.js';
import type { ResponseOf } from '../core/http-client.js';

const keyOf = (session: OmniSession) => `omni:settings:${session.config.serverUrl}|${session.config.integrationId ?? 'demo'}`;

/** True for an answer shaped like the settings route's (a stored copy may be from another version). */
function isSettings(value: unknown): value is IntegrationSettingsResponse {
  const candidate = value as IntegrationSettingsResponse | null;
  return !!candidate && typeof candidate.settings?.teamName === 'string' && typeof candidate.availability?.open === 'boolean';
}

function stored(session: OmniSession): IntegrationSettingsResponse | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(keyOf(session)) ?? 'null');
    return isSettings(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the settings (public route: no token) and keeps them; failures leave what is shown. */
async function load(session: OmniSession, store: ReturnType<typeof atom<IntegrationSettingsResponse | undefined>>): Promise<void> {
  try {
    // Revalidated every load (ETag, a 304 when unchanged): a change shows on the next page load.
    const value: unknown = await session.http.request<ResponseOf<'GET /v1/integrations/:id/settings'>>(
      'GET',
      `/v1/integrations/${encodeURIComponent(session.config.integrationId ?? 'demo')}/settings`,
      undefined,
      { anonymous: true, cache: 'no-cache' },
    );
    if (!isSettings(value)) return;
    store.set(value);
    localStorage.setItem(keyOf(session), JSON.stringify(value));
  } catch {
    // Offline or storage blocked: the kept copy (or the defaults) stays.
  }
}

/** The integration's settings for the session (undefined until known: elements use their defaults). */
export const settingsOf: (session: OmniSession) => ReadableAtom<IntegrationSettingsResponse | undefined> = perSession((session) => {
  const store = atom<IntegrationSettingsResponse | undefined>(stored(session));
  // Fetched after the first frame: the kept copy (or the defaults) paints first.
  onMount(store, () => void afterPaint().then(() => load(session, store)));
  return store;
});
