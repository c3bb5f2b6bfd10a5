/**
 * Authentication as one hook, driven by the contract's route table: every route registered with a
 * `METHOD /path` that the table lists gets the `auth` it declares (`api-key`: the site's backend,
 * checked in constant time; `token`: a customer's or agent's JWT, verified and put on
 * `request.caller`; `public`: nothing) as its first `onRequest` hook, before its body is read. A
 * route that the table does not list gets no check and a warning at start. A route without a
 * `schema` of its own is validated with the table's.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify';
import { Routes, routeSchema, type RouteAuth, type RouteKey } from '../../src/core/contract/index.js';
import { authenticate } from '../auth/caller.js';
import type { Caller } from '../auth/jwt.js';
import type { ServerContext } from '../context.js';
import { CredentialError } from '../domain-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller of a route whose table entry says `auth: 'token'` (null elsewhere). */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** The credential the route table asks of this route. */
    auth?: RouteAuth;
  }
}

/** The verified caller of a `token` route (set by the hook); throws 401 where no hook ran. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new CredentialError('unauthorized', 'A bearer token is required (Authorization: Bearer <jwt>).');
  return request.caller;
}

/** The route table's entry for a registered route, if it has one (HEAD routes share their GET's). */
export function contractOf(method: string, url: string): { key: RouteKey; auth: RouteAuth } | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  if (!Object.hasOwn(Routes, key)) return undefined;
  return { key: key as RouteKey, auth: Routes[key as RouteKey].auth };
}

/** Installs the hook on `app`; call before any route is registered. */
export function installRouteAuth(app: FastifyInstance, context: Pick<ServerContext, 'tokens' | 'requireApiKey' | 'log'>): void {
  app.decorateRequest('caller', null);
  const guards: Record<RouteAuth, onRequestHookHandler | undefined> = {
    'api-key': async (request) => context.requireApiKey(request.headers.authorization),
    token: async (request) => {
      request.caller = await authenticate(request, context.tokens);
    },
    public: undefined,
  };
  app.addHook('onRoute', (route: RouteOptions & { websocket?: boolean }) => {
    if (route.websocket || typeof route.method !== 'string') return;
    const contract = contractOf(route.method, route.url);
    if (!contract) {
      if (route.url.startsWith('/v1/') && route.method !== 'HEAD') {
        context.log.warn(`route ${route.method} ${route.url} is not in the contract's route table: it gets no authentication hook`);
      }
      return;
    }
    route.config = { ...route.config, auth: contract.auth };
    route.schema ??= routeSchema(contract.key);
    const guard = guards[contract.auth];
    if (!guard) return;
    const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [guard, ...own];
  });
}
