/**
 * `POST /v1/sip/credentials`: short-lived SIP credentials for the caller (HMAC ephemeral, valid
 * for the built-in edge and for Kamailio's autheph), with where to connect and whom to call.
 * `WS /sip`: the built-in SIP-over-WebSocket edge.
 */
import type { FastifyInstance } from 'fastify';
import type { SipCredentials } from '../../src/core/protocol.js';
import { callerOf } from './route-auth.js';
import type { ServerContext } from '../context.js';
import { issueEphemeral } from '../sip/credentials.js';
import { DomainError } from '../domain-error.js';

/** Lifetime of SIP credentials in seconds. */
export const SIP_CREDENTIAL_SECONDS = 900;

/** Registers the SIP routes. */
export async function sipRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { sipDomain: domain } = context.config;

  app.post('/v1/sip/credentials', async (request, reply): Promise<SipCredentials> => {
    const caller = callerOf(request);
    const credentials = issueEphemeral(context.sipSecret, caller.participant, SIP_CREDENTIAL_SECONDS);
    const wsUrl = context.config.sipWsUrl || `${request.protocol === 'https' ? 'wss' : 'ws'}://${request.host}/sip`;
    reply.header('cache-control', 'no-store');
    const base = { ...credentials, expiresAt: credentials.expiresAt.toISOString(), wsUrl, domain, iceServers: context.config.iceServers };
    if (caller.participant.role === 'agent') {
      await context.sipAgents.remember(caller.participant.id, caller.queues, SIP_CREDENTIAL_SECONDS);
      return { ...base, aor: `sip:${caller.queues[0] ?? 'support'}@${domain}` };
    }
    const integration = await context.store.getIntegration(caller.integrationId ?? '');
    if (!integration?.channels.voice) throw new DomainError('forbidden', 'Voice is not enabled for this integration.');
    return { ...base, aor: `sip:${credentials.username.split(':')[1]}@${domain}`, destination: `sip:${integration.queue}@${domain}` };
  });

  app.get('/sip', { websocket: true }, (socket) => {
    if (socket.protocol !== 'sip') return socket.close(1002, 'Subprotocol "sip" required.');
    context.sipEdge.attach(socket);
  });
}
