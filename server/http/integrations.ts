/**
 * Integrations: `POST`, `GET` and `PATCH /v1/integrations…` (API key) create, list and change them
 * (`enabled: false` disables one: no customer tokens);
 * `GET /v1/integrations/:id/settings` is the widget's public, cacheable view of one (settings and
 * current availability, nothing secret) and `PUT` replaces its settings (API key).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeSchema } from '../../src/core/contract/index.js';
import type {
  CreateIntegrationRequest,
  IntegrationInfo,
  IntegrationList,
  IntegrationSettingsRequest,
  IntegrationSettingsResponse,
  UpdateIntegrationRequest,
} from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import { availabilityAt } from '../integrations/availability.js';
import { completeSettings, settingsOf } from '../integrations/settings.js';
import type { Integration } from '../store/store.js';
import { HttpError } from './errors.js';

/** How long browsers and CDNs may reuse the public settings. */
export const SETTINGS_MAX_AGE_SECONDS = 60;

const info = (integration: Integration): IntegrationInfo => ({
  id: integration.id,
  name: integration.name,
  channels: integration.channels,
  queue: integration.queue,
  enabled: integration.enabled,
  createdAt: integration.createdAt,
});

/** True when `If-None-Match` names `etag` (weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** Registers the integration routes. */
export async function integrationRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;
  const apiKey = async (request: FastifyRequest) => context.requireApiKey(request.headers.authorization);

  const integrationOf = async (id: string): Promise<Integration> => {
    const integration = await store.getIntegration(id);
    if (!integration) throw new HttpError(404, 'not-found', `No integration "${id}".`);
    return integration;
  };

  const settingsView = async (integration: Integration): Promise<IntegrationSettingsResponse> => {
    const settings = await settingsOf(store, integration);
    return { integrationId: integration.id, settings, availability: availabilityAt(settings.businessHours) };
  };

  app.get('/v1/integrations', { onRequest: apiKey }, async (_request, reply): Promise<IntegrationList> => {
    reply.header('cache-control', 'no-store');
    return { integrations: (await store.listIntegrations()).map(info) };
  });

  app.post<{ Body: CreateIntegrationRequest }>(
    '/v1/integrations',
    { onRequest: apiKey, schema: routeSchema('POST /v1/integrations') },
    async (request, reply): Promise<IntegrationInfo> => {
      const { id, name, queue, channels: on = { messaging: true, voice: true } } = request.body;
      const created = await store.createIntegration({ id, name: name.trim(), queue, channels: on });
      if (!created) throw new HttpError(409, 'conflict', `Integration "${id}" exists already.`);
      reply.status(201).header('cache-control', 'no-store');
      return info(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateIntegrationRequest }>(
    '/v1/integrations/:id',
    { onRequest: apiKey, schema: routeSchema('PATCH /v1/integrations/:id') },
    async (request, reply): Promise<IntegrationInfo> => {
      const { name, ...changes } = request.body;
      const updated = await store.updateIntegration(request.params.id, { ...changes, ...(name !== undefined ? { name: name.trim() } : {}) });
      if (!updated) throw new HttpError(404, 'not-found', `No integration "${request.params.id}".`);
      reply.header('cache-control', 'no-store');
      return info(updated);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/integrations/:id/settings',
    { schema: routeSchema('GET /v1/integrations/:id/settings') },
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const body = JSON.stringify(await settingsView(await integrationOf(request.params.id)));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      reply.header('cache-control', `public, max-age=${SETTINGS_MAX_AGE_SECONDS}`).header('etag', etag);
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.put<{ Params: { id: string }; Body: IntegrationSettingsRequest }>(
    '/v1/integrations/:id/settings',
    { onRequest: apiKey, schema: routeSchema('PUT /v1/integrations/:id/settings') },
    async (request, reply): Promise<IntegrationSettingsResponse> => {
      const integration = await integrationOf(request.params.id);
      const settings = completeSettings(integration, request.body);
      await store.saveIntegrationSettings(integration.id, settings);
      reply.header('cache-control', 'no-store');
      return settingsView(integration);
    },
  );
}
