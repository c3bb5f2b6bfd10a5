/** What routes and sockets share: configuration, storage, bus, token issuer and use cases. */
import type { FastifyBaseLogger } from 'fastify';
import type { PresenceService } from './agents/presence.js';
import type { Router } from './routing/router.js';
import type { TokenIssuer } from './auth/jwt.js';
import type { EventBus } from './bus/event-bus.js';
import type { ServerConfig } from './config.js';
import type { ConversationService } from './messaging/conversation-service.js';
import type { PushNotifier } from './push/push-notifier.js';
import type { AttachmentStorage } from './attachments/storage.js';
import type { SipEdge } from './sip/edge.js';
import type { Store } from './store/store.js';
import type { LiveSocketRegistry } from './cluster/live-sockets.js';
import type { SipAgentDirectory } from './cluster/sip-agents.js';

/** The shared services of one server instance. */
export interface ServerContext {
  config: ServerConfig;
  store: Store;
  bus: EventBus;
  tokens: TokenIssuer;
  conversations: ConversationService;
  /** Throws 401 unless the Authorization header carries the API key. */
  requireApiKey: (authorization: string | undefined) => void;
  /** Secret that signs the demo's guest cookie. */
  cookieSecret: string;
  /** Bytes of uploaded files. */
  attachments: AttachmentStorage;
  /** Secret of the SIP ephemeral credentials. */
  sipSecret: string;
  /** The built-in SIP edge. */
  sipEdge: SipEdge;
  /** Queues of agents that fetched SIP credentials (the edge lets them register only those). */
  sipAgents: SipAgentDirectory;
  /** Who has an events socket open (customers without one get replies by Web Push). */
  liveSockets: LiveSocketRegistry;
  /** Web Push of agent replies. */
  push: PushNotifier;
  /** Agents' presence: set, announced, timed out. */
  presence: PresenceService;
  /** Assigns waiting conversations to agents and tells waiting customers their place. */
  router: Router;
  log: FastifyBaseLogger;
}
