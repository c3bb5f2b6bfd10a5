/** Errors as values: a stable code and a human message, thrown as `OmniError` inside the widget. */
import type { ErrorCode, OmniErrorInfo } from './protocol.js';

/** An error carrying an `OmniErrorInfo` (and the HTTP status when it came from the server). */
export class OmniError extends Error {
  /** The error as a value, for stores and `omni-error` events. */
  readonly info: OmniErrorInfo;

  constructor(code: ErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'OmniError';
    this.info = { code, message };
  }
}

/** The `OmniErrorInfo` of anything thrown. */
export function toErrorInfo(error: unknown): OmniErrorInfo {
  if (error instanceof OmniError) return error.info;
  return { code: 'server-error', message: error instanceof Error ? error.message : String(error) };
}
