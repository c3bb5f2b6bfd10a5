/**
 * The emoji picker's data, from our own server (`GET /v1/emoji?locale=…`, public and cached): every
 * emoji by category with its name and keywords in the visitor's language. Fetched once per server
 * and language and kept in memory; loaded with the picker's chunk only.
 */
import type { ResponseOf } from '../core/http-client.js';
import type { EmojiData } from '../core/protocol.js';
import type { OmniSession } from '../core/session.js';

export type { EmojiData, EmojiEntry } from '../core/protocol.js';

const loaded = new Map<string, Promise<EmojiData>>();

/** The emoji data in a language (a BCP 47 tag; the server falls back to English), fetched once per server. */
export function loadEmoji(session: OmniSession, locale: string): Promise<EmojiData> {
  const path = `/v1/emoji?locale=${encodeURIComponent(locale)}`;
  const url = session.config.serverUrl + path;
  let data = loaded.get(url);
  if (!data) {
    data = session.http.request<ResponseOf<'GET /v1/emoji'>>('GET', path, undefined, { anonymous: true });
    // A failure is asked for again next time.
    data.catch(() => loaded.delete(url));
    loaded.set(url, data);
  }
  return data;
}
