/**
 * Downloads of attachments as blob URLs, fetched with the bearer token (tokens never go in a URL,
 * so `<img src>` can't carry one). Travels with `<omni-attachment>`, the only element that shows one.
 */
import { perSession } from '../core/session-family.js';
import { OmniError } from '../core/errors.js';
import type { OmniSession } from '../core/session.js';

const blobUrlsOf = perSession(() => new Map<string, Promise<string>>());

/** A blob URL of an attachment's bytes, fetched once per session with the bearer token. */
export function attachmentUrl(session: OmniSession, attachmentId: string): Promise<string> {
  const cache = blobUrlsOf(session);
  let url = cache.get(attachmentId);
  if (!url) {
    url = (async () => {
      const response = await fetch(`${session.config.serverUrl}/v1/attachments/${encodeURIComponent(attachmentId)}`, {
        headers: { authorization: `Bearer ${await session.tokens.get()}` },
      });
      if (!response.ok) throw new OmniError(response.status === 404 ? 'not-found' : 'server-error', `The file could not be loaded (${response.status}).`, response.status);
      return URL.createObjectURL(await response.blob());
    })();
    url.catch(() => cache!.delete(attachmentId));
    cache.set(attachmentId, url);
  }
  return url;
}
