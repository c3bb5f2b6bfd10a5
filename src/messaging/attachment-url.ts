/**
 * Downloads of attachments as blob URLs, fetched through the HTTP client with the bearer token (tokens never go in a URL,
 * so `<img src>` can't carry one). Travels with `<omni-attachment>`, the only element that shows one.
 */
import { perSession } from '../core/session-family.js';
import type { OmniSession } from '../core/session.js';

const blobUrlsOf = perSession(() => new Map<string, Promise<string>>());

/** A blob URL of an attachment's bytes, fetched once per session with the bearer token. */
export function attachmentUrl(session: OmniSession, attachmentId: string): Promise<string> {
  const cache = blobUrlsOf(session);
  let url = cache.get(attachmentId);
  if (!url) {
    url = (async () => {
      const response = await session.http.request<Response>('GET', `/v1/attachments/${encodeURIComponent(attachmentId)}`, undefined, { raw: true });
      return URL.createObjectURL(await response.blob());
    })();
    url.catch(() => cache!.delete(attachmentId));
    cache.set(attachmentId, url);
  }
  return url;
}
