/**
 * Errors on the HTTP boundary, mapped in one place: services throw `DomainError`s (a code and a
 * message), the HTTP layer's own guards throw `HttpError`s (a status too), and the error handler
 * below turns every failure into its status and `{ error: { code, message } }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode, ErrorResponse } from '../../src/core/protocol.js';
import { CredentialError, DomainError } from '../domain-error.js';

export { CredentialError, DomainError } from '../domain-error.js';

/** An error of the HTTP layer itself (rate limits, method, shutting down) with an explicit status. */
export class HttpError extends DomainError {
  /** `status` is the HTTP status; `code` the stable protocol code. */
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

/** The JSON body of an error response. */
export const errorBody = (code: ErrorCode, message: string): ErrorResponse => ({ error: { code, message } });

/** The HTTP status of each domain error code (codes only the widget raises answer 500 if ever thrown). */
export const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  'invalid-request': 400,
  unauthorized: 401,
  'token-expired': 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'agent-disabled': 409,
  'integration-disabled': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  'server-error': 500,
};

/** Codes of a refused credential whose status differs from the data-state one above. */
const CREDENTIAL_STATUS: Partial<Record<ErrorCode, number>> = { 'agent-disabled': 403 };

/** The HTTP status of a domain error. */
export function statusOf(error: DomainError): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof CredentialError) return CREDENTIAL_STATUS[error.code] ?? STATUS_OF_CODE[error.code] ?? 401;
  return STATUS_OF_CODE[error.code] ?? 500;
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

/** Installs the error and not-found handlers that give every failure the same JSON shape. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const status = statusOf(error);
      // The HTTP layer's own 503s (overload, shutdown) are expected and not logged one by one.
      if (status >= 500 && !(error instanceof HttpError)) request.log.error({ err: error }, 'request failed');
      return reply.status(status).send(errorBody(error.code, error.message));
    }
    if (error.validation) {
      const detail = error.validation[0];
      const where = `${error.validationContext ?? 'body'}${detail?.instancePath ?? ''}`;
      return reply.status(400).send(errorBody('invalid-request', `Invalid ${where}: ${detail?.message ?? error.message}`));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(codeByStatus[status] ?? 'invalid-request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody('server-error', 'The server failed to handle the request.'));
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send(errorBody('not-found', 'No such route.'));
  });
}
