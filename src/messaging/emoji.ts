/**
 * The emoji picker's data, from our own server (`GET /v1/emoji?locale=…`, public and cached): every
 * emoji by category with its name and keywords in the visitor's language. Fetched once per server
 * and language and kept in memory; loaded with the picker's chunk only.
 */
import { OmniError } from '../core/errors.js';
import type { OmniSession } from '../core/session.js';

/** One emoji: the character(s), its name and space-separated search keywords. */
export type EmojiEntry = [emoji: string, name: string, keywords: string];

/** The answer of `GET /v1/emoji`: categories in order, with names in the language served. */
export interface EmojiData {
  locale: string;
  groups: Array<{ key: string; name: string; emoji: EmojiEntry[] }>;
}

const loaded = new Map<string, Promise<EmojiData>>();

/** The emoji data in a language (a BCP 47 tag; the server falls back to English), fetched once per server. */
export function loadEmoji(session: OmniSession, locale: string): Promise<EmojiData> {
  const url = `${session.config.serverUrl}/v1/emoji?locale=${encodeURIComponent(locale)}`;
  let data = loaded.get(url);
  if (!data) {
    data = fetch(url).then(async (response) => {
      if (!response.ok) throw new OmniError('server-error', `The emoji could not be loaded (${response.status}).`, response.status);
      return (await response.json()) as EmojiData;
    });
    // A failure is asked for again next time.
    data.catch(() => loaded.delete(url));
    loaded.set(url, data);
  }
  return data;
}
