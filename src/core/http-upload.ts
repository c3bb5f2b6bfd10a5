/**
 * Uploads with progress through the HTTP client: XMLHttpRequest (the one browser API with upload
 * progress) inside the client's token handling, so an upload gets the same bearer header, the same
 * retry with a fresh token after a 401 and the same `OmniError`s as every other call. Its own
 * module so that the script-tag bundle loads it only with the uploads chunk.
 */
import { OmniError } from './errors.js';
import { errorOf, type HttpClient } from './http-client.js';

/** What the caller of an upload hears: each request as it starts (to cancel it) and the bytes sent. */
export interface UploadHandlers {
  /** A request is about to be sent (again after a 401); throw to call it off. */
  started(request: XMLHttpRequest): void;
  /** Bytes of the body sent so far. */
  progress(loaded: number): void;
}

/** POSTs `form` to `path` with progress; resolves with the JSON answer, rejects with `OmniError` (or an `AbortError` when cancelled). */
export function upload<T>(http: HttpClient, path: string, form: FormData, handlers: UploadHandlers): Promise<T> {
  return http.authorized(
    (jwt) =>
      new Promise<T>((resolve, reject) => {
        const request = new XMLHttpRequest();
        handlers.started(request);
        request.open('POST', http.serverUrl + path);
        request.setRequestHeader('authorization', `Bearer ${jwt}`);
        request.responseType = 'json';
        request.upload.onprogress = (event) => handlers.progress(event.loaded);
        request.onload = () => (request.status < 300 ? resolve(request.response as T) : reject(errorOf(request.status, request.response)));
        request.onerror = () => reject(new OmniError('network', 'The upload could not reach the server.'));
        request.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
        request.send(form);
      }),
  );
}
