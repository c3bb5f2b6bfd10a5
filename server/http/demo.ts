/**
 * The demo: a host page that embeds the widget with one script tag (`/`), the agent console
 * (`/agent`), the supervisor's dashboard (`/supervisor`) (the script-tag bundle at `/cdn/` is served without the demo too), and a tiny "site backend" that holds the API key
 * server-side and hands out tokens: guests keep their id in an HttpOnly cookie, so a reload
 * resumes the same conversation; the agent console's token goes only to loopback unless `demoOpenAgent`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import { issueAgentToken, issueCustomerToken } from './tokens.js';

/** The cookie that remembers the demo guest's customer id. */
export const GUEST_COOKIE = 'omni_guest';

/** True for 127.0.0.0/8 and ::1 (also IPv4-mapped): a request from the machine the server runs on. */
export const isLoopback = (ip: string): boolean => /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(ip) || ip === '::1';

/** The strict policy the demo pages are served with: no inline script, no eval; `connect` adds origins (a separate SIP front). */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

async function sendPage(reply: FastifyReply, file: string, policy: string): Promise<FastifyReply> {
  return reply
    .header('content-security-policy', policy)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(await readFile(file, 'utf8'));
}

/** The agent the demo console signs in as (created at start when missing; an administrator may change or disable it). */
export const DEMO_AGENT_ID = 'demo-agent';

/** The supervisor the demo's `/supervisor` page signs in as (created at start when missing). */
export const DEMO_SUPERVISOR_ID = 'demo-supervisor';

/** Registers the demo pages, static files and demo token routes. */
export async function demoRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { webRoot } = context.config;
  await context.store.createAgent(DEMO_AGENT_ID, {
    name: 'Alex (Support)',
    avatarUrl: null,
    queues: ['support'],
    maxConversations: 5,
    role: 'agent',
    enabled: true,
  });
  await context.store.createAgent(DEMO_SUPERVISOR_ID, {
    name: 'Sam (Supervisor)',
    avatarUrl: null,
    queues: ['support'],
    maxConversations: 5,
    role: 'supervisor',
    enabled: true,
  });
  await app.register(fastifyCookie, { secret: context.cookieSecret });
  await app.register(fastifyStatic, { root: join(webRoot, 'demo'), prefix: '/demo/', decorateReply: false, index: false });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  const sipOrigin = context.config.sipWsUrl ? new URL(context.config.sipWsUrl).origin : undefined;
  const policy = contentSecurityPolicy(sipOrigin ? [sipOrigin] : []);
  app.get('/', (_request, reply) => sendPage(reply, join(webRoot, 'demo', 'index.html'), policy));
  app.get('/agent', (_request, reply) => sendPage(reply, join(webRoot, 'demo', 'agent.html'), policy));
  app.get('/supervisor', (_request, reply) => sendPage(reply, join(webRoot, 'demo', 'supervisor.html'), policy));
  // The site hosts the widget's service worker on its own origin (a worker's scope is its origin): the
  // demo serves the built one, revalidated on every update check so a new release is found at once.
  app.get('/omni-sw.js', async (_request, reply) => {
    const worker = await readFile(join(webRoot, 'dist-cdn', 'omni-sw.js'), 'utf8').catch(() => undefined);
    if (worker === undefined) throw new DomainError('not-found', 'dist-cdn/omni-sw.js is missing: build the widget.');
    return reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(worker);
  });
  // No favicon: answer 204 rather than a 404 in every visitor's console.
  app.get('/favicon.ico', (_request, reply) => reply.status(204).send());

  app.post('/demo/guest-token', async (request, reply) => {
    const stored = request.cookies[GUEST_COOKIE];
    const unsigned = stored ? request.unsignCookie(stored) : undefined;
    const customerId = unsigned?.valid && unsigned.value && /^guest-[0-9a-f-]{36}$/.test(unsigned.value)
      ? unsigned.value
      : `guest-${randomUUID()}`;
    reply.setCookie(GUEST_COOKIE, customerId, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/demo',
      maxAge: 365 * 24 * 3600,
    });
    reply.header('cache-control', 'no-store');
    return issueCustomerToken(context, { integrationId: 'demo', customerId, verifiedCustomer: false, displayName: 'Guest' });
  });

  app.post('/demo/agent-token', async (request, reply) => {
    // An agent token reads every conversation of the queue: by default only someone on this machine gets one.
    if (!context.config.demoOpenAgent && !isLoopback(request.ip)) {
      throw new DomainError('forbidden', 'Demo agent tokens are handed out to this machine (loopback) only; the server sets OMNI_DEMO_OPEN_AGENT=1 to hand them to anyone.');
    }
    reply.header('cache-control', 'no-store');
    return issueAgentToken(context, { agentId: DEMO_AGENT_ID });
  });

  app.post('/demo/supervisor-token', async (request, reply) => {
    // A supervisor token sees every figure, agent and waiting customer of the queue: the same rule as the agent's.
    if (!context.config.demoOpenAgent && !isLoopback(request.ip)) {
      throw new DomainError('forbidden', 'Demo supervisor tokens are handed out to this machine (loopback) only; the server sets OMNI_DEMO_OPEN_AGENT=1 to hand them to anyone.');
    }
    reply.header('cache-control', 'no-store');
    return issueAgentToken(context, { agentId: DEMO_SUPERVISOR_ID });
  });
}
