/**
 * Downloads the conversation's transcript (`GET /v1/conversations/:id/transcript?format=html`,
 * through the HTTP client: the token in a header, never in the URL) and saves it as a file. A lazy chunk:
 * loaded by the first click on the header's download button.
 */
import type { OmniSession } from '../../core/session.js';

/** Fetches the transcript and hands it to the browser as a download; reports failures to the session. */
export async function downloadTranscript(session: OmniSession, conversationId: string): Promise<void> {
  try {
    const response = await session.http.request<Response>('GET', `/v1/conversations/${encodeURIComponent(conversationId)}/transcript?format=html`, undefined, {
      raw: true,
    });
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'transcript.html';
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    session.reportError(error);
  }
}
