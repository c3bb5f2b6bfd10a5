/**
 * Errors as values for services: a stable protocol code and a human message, no transport. The
 * HTTP layer (`http/errors.ts`) maps codes to statuses in one table; the events socket sends them
 * as error frames.
 */
import type { ErrorCode } from '../src/core/protocol.js';

/** A failure a service reports to its caller: `code` is the protocol's stable code. */
export class DomainError extends Error {
  /** `code` is the stable protocol code, `message` the human explanation. */
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The caller's own credential is refused (missing, expired, invalid, or naming a disabled agent),
 * as opposed to a request that clashes with the state of the data: `agent-disabled` is 403 here and
 * 409 when a backend asks for a token of a disabled agent.
 */
export class CredentialError extends DomainError {}
