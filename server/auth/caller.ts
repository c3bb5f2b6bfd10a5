/** Authenticates HTTP callers from `Authorization: Bearer <jwt>` (never from the URL). */
import type { FastifyRequest } from 'fastify';
import { AUTH_SCHEME, ProtocolHeader } from '../../src/core/contract/constants.js';
import { CredentialError } from '../domain-error.js';
import type { Caller, TokenIssuer } from './jwt.js';

/** `Bearer <credential>`: the protocol's only way to present a token or API key. */
export const BEARER = new RegExp(`^${AUTH_SCHEME} (\\S+)$`);

/** Query parameter names that look like credentials; a request carrying one is refused outright. */
const CREDENTIAL_PARAMS = new Set(['token', 'jwt', 'access_token', 'id_token', 'api_key', 'apikey', 'key', 'auth', 'authorization']);

/** Percent-decodes repeatedly (so `%2574` is `t` too), `+` as space; malformed escapes are decoded one by one. */
function decodeFully(raw: string): string {
  let text = raw.replace(/\+/g, ' ');
  for (let round = 0; round < 3; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      decoded = text.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    }
    if (decoded === text) break;
    text = decoded;
  }
  return text;
}

/** The name of a query pair as a server might read it: decoded, without blanks, controls or `[]`, lower case, `-` as `_`; undefined without `=`. */
export function queryParamName(pair: string): string | undefined {
  const decoded = decodeFully(pair);
  const equals = decoded.indexOf('=');
  if (equals < 0) return undefined;
  // eslint-disable-next-line no-control-regex
  return decoded.slice(0, equals).replace(/[\u0000-\u0020\u007f]/g, '').replace(/(\[\])+$/, '').replace(/-/g, '_').toLowerCase();
}

/** True when the URL's query string carries something that looks like a credential (however its name is encoded). */
export function hasCredentialInQuery(url: string): boolean {
  const query = url.indexOf('?');
  if (query < 0) return false;
  return url
    .slice(query + 1)
    .split('#')[0]!
    .split(/[&;]/)
    .some((pair) => CREDENTIAL_PARAMS.has(queryParamName(pair) ?? ''));
}

/** The verified caller of a request (the one the route-auth hook found, if it ran); throws 401 without a valid bearer JWT. */
export async function authenticate(request: FastifyRequest, tokens: TokenIssuer): Promise<Caller> {
  if (request.caller) return request.caller;
  const jwt = BEARER.exec(request.headers[ProtocolHeader.authorization] ?? '')?.[1];
  if (!jwt) throw new CredentialError('unauthorized', 'A bearer token is required (Authorization: Bearer <jwt>).');
  return tokens.verify(jwt);
}
