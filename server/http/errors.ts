/** Errors as values on the HTTP boundary: every failure becomes `{ error: { code, message } }`. */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorCode, ErrorResponse } from '../../src/core/protocol.js';

/** An error with an HTTP status and a stable code, thrown by routes and guards. */
export class HttpError extends Error {
  /** `status` is the HTTP status; `code` the stable protocol code. */
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON body of an error response. */
export const errorBody = (code: ErrorCode, message: string): ErrorResponse => ({ error: { code, message } });

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
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send(errorBody(error.code, error.message));
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
