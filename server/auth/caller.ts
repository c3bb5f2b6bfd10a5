/** Authenticates HTTP callers from `Authorization: Bearer <jwt>` (never from the URL). */
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import type { Caller, TokenIssuer } from './jwt.js';

/** Query parameters that look like credentials; a request carrying one is refused outright. */
const CREDENTIAL_PARAMS = /(^|[?&])(token|jwt|access_token|id_token|api_key|apikey|key|auth|authorization)=/i;

/** True when the URL's query string carries something that looks like a credential. */
export function hasCredentialInQuery(url: string): boolean {
  const query = url.indexOf('?');
  return query >= 0 && CREDENTIAL_PARAMS.test(url.slice(query));
}

/** The verified caller of a request; throws 401 without a valid bearer JWT. */
export async function authenticate(request: FastifyRequest, tokens: TokenIssuer): Promise<Caller> {
  const jwt = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!jwt) throw new HttpError(401, 'unauthorized', 'A bearer token is required (Authorization: Bearer <jwt>).');
  return tokens.verify(jwt);
}
