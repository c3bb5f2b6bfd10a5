/**
 * Integrations: `POST`, `GET` and `PATCH /v1/integrations…` (API key) create, list and change them
 * (`enabled: false` disables one: no customer tokens);
 * `GET /v1/integrations/:id/settings` is the widget's public, cacheable view of one (settings and
 * current availability, nothing secret) and `PUT` replaces its settings (API key).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  CreateIntegrationRequest,
  IntegrationInfo,
  IntegrationList,
  IntegrationSettingsRequest,
  IntegrationSettingsResponse,
  UpdateIntegrationRequest,
} from '../../src/core/protocol.js';
import type { ServerContext } from '../context.js';
import { QueueAvailability } from '../integrations/agents-available.js';
import { availabilityAt } from '../integrations/availability.js';
import { accentText } from '../integrations/accent-text.js';
import { completeSettings, settingsOf } from '../integrations/settings.js';
import type { Integration } from '../store/store.js';
import { DomainError } from '../domain-error.js';

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
  const integrationOf = async (id: string): Promise<Integration> => {
    const integration = await store.getIntegration(id);
    if (!integration) throw new DomainError('not-found', `No integration "${id}".`);
    return integration;
  };

  const queues = new QueueAvailability(store, context.bus);
  app.addHook('onClose', async () => queues.close());

  /** Business hours, and whether an agent of the queue is Available (with `offlineWithoutAgents`, none Available counts as away). */
  const settingsView = async (integration: Integration): Promise<IntegrationSettingsResponse> => {
    const settings = await settingsOf(store, integration);
    const hours = availabilityAt(settings.businessHours);
    const agentsAvailable = await queues.anyAvailable(integration.queue);
    const open = hours.open && (agentsAvailable || !settings.offlineWithoutAgents);
    const accent = settings.accentColor && /^#[0-9a-f]{6}$/i.test(settings.accentColor) ? { accentText: accentText(settings.accentColor) } : {};
    return { integrationId: integration.id, settings, availability: { ...hours, open, agentsAvailable }, ...accent };
  };

  app.get('/v1/integrations', async (_request, reply): Promise<IntegrationList> => {
    reply.header('cache-control', 'no-store');
    return { integrations: (await store.listIntegrations()).map(info) };
  });

  app.post<{ Body: CreateIntegrationRequest }>(
    '/v1/integrations',
    async (request, reply): Promise<IntegrationInfo> => {
      const { id, name, queue, channels: on = { messaging: true, voice: true } } = request.body;
      const created = await store.createIntegration({ id, name: name.trim(), queue, channels: on });
      if (!created) throw new DomainError('conflict', `Integration "${id}" exists already.`);
      reply.status(201).header('cache-control', 'no-store');
      return info(created);
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateIntegrationRequest }>(
    '/v1/integrations/:id',
    async (request, reply): Promise<IntegrationInfo> => {
      const { name, ...changes } = request.body;
      const updated = await store.updateIntegration(request.params.id, { ...changes, ...(name !== undefined ? { name: name.trim() } : {}) });
      if (!updated) throw new DomainError('not-found', `No integration "${request.params.id}".`);
      reply.header('cache-control', 'no-store');
      return info(updated);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/integrations/:id/settings',
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
    async (request, reply): Promise<IntegrationSettingsResponse> => {
      const integration = await integrationOf(request.params.id);
      const settings = completeSettings(integration, request.body);
      await store.saveIntegrationSettings(integration.id, settings);
      reply.header('cache-control', 'no-store');
      return settingsView(integration);
    },
  );
}
