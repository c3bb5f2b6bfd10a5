/**
 * The HTTP side of the protocol, the widget's one way to call the server: JSON commands, public
 * reads and file downloads with `Authorization: Bearer` (never a token in a URL), one retry with a
 * fresh token after a 401, errors as `OmniError`. Uploads with progress (`http-upload.ts`, a lazy
 * chunk) go through the same retry.
 */
import { OmniError } from './errors.js';
import type { ErrorCode, ErrorResponse, ProtocolRoutes } from './protocol.js';
import type { TokenKeeper } from './token-keeper.js';

/** The success response of a route of the contract's table, e.g. `ResponseOf<'GET /v1/emoji'>`. */
export type ResponseOf<K extends keyof ProtocolRoutes> = ProtocolRoutes[K]['response'];

/** How a request is made beyond its method, path and body. */
export interface RequestOptions {
  /** A public route: no token is fetched or sent. */
  anonymous?: boolean;
  /** The fetch cache mode (`no-cache` revalidates with the server). */
  cache?: RequestCache;
  /** Resolve with the `Response` itself (files, transcripts) instead of its JSON. */
  raw?: boolean;
}

/** The `OmniError` of a failed answer: the server's `{ error: { code, message } }`, else one by status. */
export function errorOf(status: number, body?: unknown): OmniError {
  const error = (body as ErrorResponse | null | undefined)?.error;
  const code: ErrorCode = error?.code ?? (status >= 500 ? 'server-error' : 'invalid-request');
  return new OmniError(code, error?.message ?? `The server answered ${status}.`, status);
}

/** Fetches `url` and returns its JSON (or, with `raw`, the `Response`); throws `OmniError` for a failed answer or no answer. */
export async function fetchJson<T>(url: string, init: RequestInit, raw?: boolean): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new OmniError('network', 'The server could not be reached.');
  }
  if (!response.ok) throw errorOf(response.status, await response.json().catch(() => undefined));
  return raw ? (response as T) : response.json();
}

/** Sends requests to the server with the session's token; refreshes the token once on a 401. */
export class HttpClient {
  constructor(
    /** The server's base URL (no trailing slash). */
    readonly serverUrl: string,
    private readonly tokens: TokenKeeper,
  ) {}

  /** Runs `exchange` with a token, and once more with a fresh one if it fails with a 401. */
  async authorized<T>(exchange: (jwt: string) => Promise<T>): Promise<T> {
    try {
      return await exchange(await this.tokens.get());
    } catch (error) {
      if (!(error instanceof OmniError && error.status === 401)) throw error;
      this.tokens.invalidate();
      return exchange(await this.tokens.get());
    }
  }

  /** Performs a request and returns the parsed JSON body (or the `Response` with `raw`: files, transcripts, empty answers); throws `OmniError` on any failure. */
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const send = (jwt?: string) =>
      fetchJson<T>(
        this.serverUrl + path,
        {
          method,
          cache: options.cache,
          // No content-type without a body: a public GET stays a simple request (no CORS preflight).
          headers: { ...(jwt && { authorization: `Bearer ${jwt}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
          body: body === undefined ? body : JSON.stringify(body),
        },
        options.raw,
      );
    return options.anonymous ? send() : this.authorized(send);
  }
}
