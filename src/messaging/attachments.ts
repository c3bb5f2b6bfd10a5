/**
 * Attachments from the widget: upload with progress and cancel (through the HTTP client's
 * `http-upload.ts`, so a 401 refreshes the token and retries), then an attachment message through
 * the outbox. The upload list
 * (`upload-store.ts`) and downloads (`attachment-url.ts`) live apart, so the script-tag bundle
 * loads this code lazily, when a file is first sent.
 */
import { toErrorInfo } from '../core/errors.js';
import type { ResponseOf } from '../core/http-client.js';
import { upload } from '../core/http-upload.js';
import type { OmniSession } from '../core/session.js';
import { sendAttachment } from './outbox.js';
import { uploadStateOf, type Upload, type UploadState } from './upload-store.js';

export { uploadsOf, type Upload } from './upload-store.js';
export { attachmentUrl } from './attachment-url.js';

/** Changes one upload (`undefined` removes it). */
function update(state: UploadState, key: string, change: Partial<Upload> | undefined): void {
  state.store.set(
    change === undefined
      ? state.store.get().filter((upload) => upload.key !== key)
      : state.store.get().map((upload) => (upload.key === key ? { ...upload, ...change } : upload)),
  );
}

/** Lists a file as uploading under `key`, uploads it and, once stored, sends it as an attachment message. */
export async function uploadFile(session: OmniSession, conversationId: string, key: string, file: File, caption?: string): Promise<void> {
  const state = uploadStateOf(session, conversationId);
  state.store.set([...state.store.get(), { key, name: file.name, size: file.size, loaded: 0, status: 'uploading' }]);
  try {
    const form = new FormData();
    form.append('conversationId', conversationId);
    form.append('file', file, file.name);
    const info = await upload<ResponseOf<'POST /v1/attachments'>>(session.http, '/v1/attachments', form, {
      started(request) {
        // Cancelled while the token came: never started.
        if (!state.store.get().some((upload) => upload.key === key)) throw new DOMException('cancelled', 'AbortError');
        state.requests.set(key, request);
      },
      progress: (loaded) => update(state, key, { loaded }),
    });
    update(state, key, undefined);
    sendAttachment(session, conversationId, info, caption);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return update(state, key, undefined);
    update(state, key, { status: 'failed', error: toErrorInfo(error) });
    session.reportError(error);
  } finally {
    state.requests.delete(key);
  }
}

/** Uploads a file and, once stored, sends it as an attachment message. Returns the upload's key. */
export function sendFile(session: OmniSession, conversationId: string, file: File, caption?: string): string {
  const key = crypto.randomUUID();
  void uploadFile(session, conversationId, key, file, caption);
  return key;
}

/** Cancels an upload (or dismisses a failed one). */
export function cancelUpload(session: OmniSession, conversationId: string, key: string): void {
  const state = uploadStateOf(session, conversationId);
  const request = state.requests.get(key);
  if (request) request.abort();
  else update(state, key, undefined);
}
