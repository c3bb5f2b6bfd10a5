/** The HTTP side of the protocol: JSON commands with `Authorization: Bearer`, errors as `OmniError`. */
import { OmniError } from './errors.js';
import type { ErrorCode, ErrorResponse } from './protocol.js';
import type { TokenKeeper } from './token-keeper.js';

/** Sends authenticated JSON requests to the server; refreshes the token once on a 401. */
export class HttpClient {
  constructor(
    private readonly serverUrl: string,
    private readonly tokens: TokenKeeper,
  ) {}

  /** Performs a request and returns the parsed JSON body; throws `OmniError` on any failure. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    try {
      return await this.attempt<T>(method, path, body);
    } catch (error) {
      if (error instanceof OmniError && error.status === 401) {
        this.tokens.invalidate();
        return this.attempt<T>(method, path, body);
      }
      throw error;
    }
  }

  private async attempt<T>(method: string, path: string, body?: unknown): Promise<T> {
    const jwt = await this.tokens.get();
    let response: Response;
    try {
      response = await fetch(`${this.serverUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new OmniError('network', 'The server could not be reached.');
    }
    if (response.ok) return (await response.json()) as T;
    let code: ErrorCode = response.status >= 500 ? 'server-error' : 'invalid-request';
    let message = `The server answered ${response.status}.`;
    try {
      const parsed = (await response.json()) as ErrorResponse;
      if (parsed?.error?.code) ({ code, message } = parsed.error);
    } catch {
      // Not our JSON error (a proxy page, say): keep the generic one.
    }
    throw new OmniError(code, message, response.status);
  }
}
