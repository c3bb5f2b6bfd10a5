/**
 * Attachments from the widget: upload with progress and cancel (XMLHttpRequest, the one browser
 * API with upload progress), then an attachment message through the outbox; and downloads as
 * blob URLs fetched with the bearer token (tokens never go in a URL, so `<img src>` can't carry one).
 */
import { perSession } from '../core/session-family.js';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { OmniError, toErrorInfo } from '../core/errors.js';
import type { OmniSession } from '../core/session.js';
import type { AttachmentInfo, ErrorResponse, OmniErrorInfo } from '../core/protocol.js';
import { sendAttachment } from './outbox.js';

/** An upload in progress (or one that failed). */
export interface Upload {
  key: string;
  name: string;
  size: number;
  loaded: number;
  status: 'uploading' | 'failed';
  error?: OmniErrorInfo;
}

interface UploadState {
  store: WritableAtom<Upload[]>;
  requests: Map<string, XMLHttpRequest>;
}

const uploadStates = perSession(() => new Map<string, UploadState>());
const blobUrlsOf = perSession(() => new Map<string, Promise<string>>());

function stateOf(session: OmniSession, conversationId: string): UploadState {
  const byConversation = uploadStates(session);
  let state = byConversation.get(conversationId);
  if (!state) byConversation.set(conversationId, (state = { store: atom<Upload[]>([]), requests: new Map() }));
  return state;
}

function update(state: UploadState, key: string, change: Partial<Upload> | undefined): void {
  state.store.set(
    change === undefined
      ? state.store.get().filter((upload) => upload.key !== key)
      : state.store.get().map((upload) => (upload.key === key ? { ...upload, ...change } : upload)),
  );
}

/** Uploads in progress in a conversation. */
export function uploadsOf(session: OmniSession, conversationId: string): ReadableAtom<Upload[]> {
  return stateOf(session, conversationId).store;
}

/** Uploads a file and, once stored, sends it as an attachment message. Returns the upload's key. */
export function sendFile(session: OmniSession, conversationId: string, file: File, caption?: string): string {
  const state = stateOf(session, conversationId);
  const key = crypto.randomUUID();
  state.store.set([...state.store.get(), { key, name: file.name, size: file.size, loaded: 0, status: 'uploading' }]);
  void (async () => {
    try {
      const jwt = await session.tokens.get();
      const info = await new Promise<AttachmentInfo>((resolve, reject) => {
        const request = new XMLHttpRequest();
        state.requests.set(key, request);
        request.open('POST', `${session.config.serverUrl}/v1/attachments`);
        request.setRequestHeader('authorization', `Bearer ${jwt}`);
        request.responseType = 'json';
        request.upload.onprogress = (event) => update(state, key, { loaded: event.loaded });
        request.onload = () => {
          if (request.status === 201) return resolve(request.response as AttachmentInfo);
          const error = (request.response as ErrorResponse | null)?.error;
          reject(new OmniError(error?.code ?? 'server-error', error?.message ?? `Upload failed (${request.status}).`, request.status));
        };
        request.onerror = () => reject(new OmniError('network', 'The upload could not reach the server.'));
        request.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
        const form = new FormData();
        form.append('conversationId', conversationId);
        form.append('file', file, file.name);
        request.send(form);
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
  })();
  return key;
}

/** Cancels an upload (or dismisses a failed one). */
export function cancelUpload(session: OmniSession, conversationId: string, key: string): void {
  const state = stateOf(session, conversationId);
  const request = state.requests.get(key);
  if (request) request.abort();
  else update(state, key, undefined);
}

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
