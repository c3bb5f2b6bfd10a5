/** Server configuration: options of `startServer`, and how `npm start` reads them from the environment. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options of `startServer`. */
export interface ServerOptions {
  /** TCP port (0 = any free port). Default 8080. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Where the SQLite file and the secrets live. Default ./data. */
  dataDir?: string;
  /** API key for backends; default: generated once and kept in the data dir. */
  apiKey?: string;
  /** Interval of the events socket's heartbeat pings. Default 25000. */
  heartbeatMs?: number;
  /** How long a socket may stay silent before the first `auth` frame. Default 10000. */
  authTimeoutMs?: number;
  /** pino level: fatal, error, warn, info, debug, silent. Default info. */
  logLevel?: string;
  /** Serve the demo pages and demo token routes. Default true. */
  demo?: boolean;
  /** Folder holding demo/ and dist-cdn/ (the widget package's root). Default: the repository root. */
  webRoot?: string;
  /** SIP domain (and digest realm). Default omni.local. */
  sipDomain?: string;
  /** SIP WebSocket URL given to clients (e.g. Kamailio's); default: this server's /sip. */
  sipWsUrl?: string;
  /** Secret of the SIP ephemeral credentials (share it with Kamailio); default: kept in the data dir. */
  sipSecret?: string;
  /** ICE servers handed to calling clients. Default none (loopback and LAN work without). */
  iceServers?: Array<{ urls: string | string[]; username?: string; credential?: string }>;
  /** Contact of this server's operator in Web Push requests (`mailto:` or `https:` URL). Default mailto:push@omni.local. */
  vapidSubject?: string;
  /** Hosts push endpoints may be on (`*.` for subdomains); anything else is refused, so a client can't make the server POST to internal hosts. Default: the browsers' push services. */
  pushHosts?: string[];
  /** A request's headers and body must have arrived within this, or it is cut with 408 (slow-loris bodies). Default 30000. */
  requestTimeoutMs?: number;
  /** An HTTP connection silent this long is closed (WebSockets are not affected: they have heartbeats). Default 75000. */
  idleTimeoutMs?: number;
  /** Requests per window from one IP address (IPv6: per /64); requests with the API key are not counted. Default 6000. */
  rateLimitPerIp?: number;
  /** Requests per window with one bearer token (JWT). Default 1200. */
  rateLimitPerToken?: number;
  /** The window of both rate limits. Default 60000. */
  rateLimitWindowMs?: number;
  /** Concurrent WebSocket connections (events and SIP) from one IP address. Default 100. */
  maxSocketsPerIp?: number;
  /** HTTP requests in flight in one process at most; beyond it a request gets 503 with Retry-After at once instead of queueing. Default 1000. */
  maxInFlight?: number;
  /** Sustained event-loop delay (the median over half a second, ms) above which new requests get 503 with Retry-After. Default 500. */
  maxEventLoopDelayMs?: number;
  /** The Retry-After (seconds) of those 503s. Default 2. */
  overloadRetryAfterSeconds?: number;
  /** A SIP socket that has not authenticated within this is closed. Default 60000 (a browser may wait on a microphone prompt first). */
  sipAuthTimeoutMs?: number;
  /** Hand demo agent tokens (`POST /demo/agent-token`) to any address, not only to loopback. Default false. */
  demoOpenAgent?: boolean;
  /** `postgres://…` selects PostgreSQL (shared by any number of processes); empty keeps the embedded SQLite file in the data dir. Default empty. */
  databaseUrl?: string;
  /** Connections each process keeps to PostgreSQL at most (mind the database's max_connections across processes). Default 10. */
  databasePoolSize?: number;
  /** Where uploaded files' bytes are kept; several processes must share it (one mounted directory). Default DATA_DIR/attachments. */
  attachmentsDir?: string;
  /** `redis://…` spreads what crosses processes (events, typing, who is connected, SIP agents, rate limits) over Redis; empty keeps it all in-process. Default empty. */
  redisUrl?: string;
  /** A token that `GET /metrics` must carry (`Authorization: Bearer …`); empty: metrics answer direct loopback connections only. Default empty. */
  metricsToken?: string;
  /** Longest wait for WebSockets to close on shutdown before they are cut. Default 5000. */
  shutdownTimeoutMs?: number;
  /** An agent whose events sockets are all gone for this long becomes Offline. Default 60000. */
  presenceOfflineMs?: number;
  /** How often each process sweeps: agents without sockets anywhere go Offline (also when the process that held them died) and waiting conversations are routed. Default 5000. */
  routingSweepMs?: number;
  /** Supervisor analytics: a first reply within this many seconds of entering the queue meets the service level. Default 60. */
  slaSeconds?: number;
  /** Proxies whose X-Forwarded-For is believed (true: any; or addresses/CIDRs), so per-IP limits and the loopback check see the client. Default false. */
  trustProxy?: boolean | string[];
}

/** The push services of Chrome/Edge/Opera, Firefox, Safari and Windows. */
export const DEFAULT_PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', '*.push.apple.com', '*.notify.windows.com'];

/** Options with every default filled in. */
export type ServerConfig = Required<ServerOptions>;

/** The repository root, seen from the compiled server/dist/server/config.js. */
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Fills in defaults. */
export function resolveConfig(options: ServerOptions): ServerConfig {
  return {
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    dataDir: resolve(options.dataDir ?? 'data'),
    apiKey: options.apiKey ?? '',
    heartbeatMs: options.heartbeatMs ?? 25000,
    authTimeoutMs: options.authTimeoutMs ?? 10000,
    logLevel: options.logLevel ?? 'info',
    demo: options.demo ?? true,
    webRoot: options.webRoot ?? repositoryRoot,
    sipDomain: options.sipDomain ?? 'omni.local',
    sipWsUrl: options.sipWsUrl ?? '',
    sipSecret: options.sipSecret ?? '',
    iceServers: options.iceServers ?? [],
    vapidSubject: options.vapidSubject ?? 'mailto:push@omni.local',
    pushHosts: options.pushHosts ?? DEFAULT_PUSH_HOSTS,
    requestTimeoutMs: options.requestTimeoutMs ?? 30000,
    idleTimeoutMs: options.idleTimeoutMs ?? 75000,
    rateLimitPerIp: options.rateLimitPerIp ?? 6000,
    rateLimitPerToken: options.rateLimitPerToken ?? 1200,
    rateLimitWindowMs: options.rateLimitWindowMs ?? 60000,
    maxSocketsPerIp: options.maxSocketsPerIp ?? 100,
    maxInFlight: options.maxInFlight ?? 1000,
    maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? 500,
    overloadRetryAfterSeconds: options.overloadRetryAfterSeconds ?? 2,
    sipAuthTimeoutMs: options.sipAuthTimeoutMs ?? 60000,
    demoOpenAgent: options.demoOpenAgent ?? false,
    trustProxy: options.trustProxy ?? false,
    databaseUrl: options.databaseUrl ?? '',
    databasePoolSize: options.databasePoolSize ?? 10,
    attachmentsDir: resolve(options.attachmentsDir ?? join(resolve(options.dataDir ?? 'data'), 'attachments')),
    redisUrl: options.redisUrl ?? '',
    metricsToken: options.metricsToken ?? '',
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    presenceOfflineMs: options.presenceOfflineMs ?? 60000,
    routingSweepMs: options.routingSweepMs ?? 5000,
    slaSeconds: options.slaSeconds ?? 60,
  };
}

/** Reads PORT, HOST, DATA_DIR, DATABASE_URL, OMNI_PG_POOL_MAX, OMNI_ATTACHMENTS_DIR, REDIS_URL, OMNI_METRICS_TOKEN, OMNI_SHUTDOWN_TIMEOUT_MS, OMNI_MAX_IN_FLIGHT, OMNI_MAX_EVENT_LOOP_DELAY_MS, OMNI_OVERLOAD_RETRY_AFTER_S, OMNI_PRESENCE_OFFLINE_MS, OMNI_ROUTING_SWEEP_MS, OMNI_SLA_SECONDS, OMNI_API_KEY, LOG_LEVEL, OMNI_DEMO, OMNI_WEB_ROOT, OMNI_VAPID_SUBJECT, the OMNI_SIP_* / OMNI_ICE_SERVERS settings and the traffic limits. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const port = env.PORT === undefined ? undefined : Number(env.PORT);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`PORT must be a TCP port number, got "${env.PORT}"`);
  }
  return {
    ...(port !== undefined ? { port } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
    ...(env.OMNI_API_KEY ? { apiKey: env.OMNI_API_KEY } : {}),
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
    ...(env.OMNI_WEB_ROOT ? { webRoot: resolve(env.OMNI_WEB_ROOT) } : {}),
    ...(env.OMNI_DEMO !== undefined ? { demo: env.OMNI_DEMO !== '0' && env.OMNI_DEMO !== 'false' } : {}),
    ...(env.OMNI_SIP_DOMAIN ? { sipDomain: env.OMNI_SIP_DOMAIN } : {}),
    ...(env.OMNI_SIP_WS_URL ? { sipWsUrl: env.OMNI_SIP_WS_URL } : {}),
    ...(env.OMNI_SIP_SECRET ? { sipSecret: env.OMNI_SIP_SECRET } : {}),
    ...(env.OMNI_ICE_SERVERS ? { iceServers: JSON.parse(env.OMNI_ICE_SERVERS) } : {}),
    ...(env.OMNI_VAPID_SUBJECT ? { vapidSubject: vapidSubject(env.OMNI_VAPID_SUBJECT) } : {}),
    ...(env.OMNI_PUSH_HOSTS ? { pushHosts: env.OMNI_PUSH_HOSTS.split(',').map((host) => host.trim()).filter(Boolean) } : {}),
    ...positive(env, 'OMNI_REQUEST_TIMEOUT_MS', 'requestTimeoutMs'),
    ...positive(env, 'OMNI_IDLE_TIMEOUT_MS', 'idleTimeoutMs'),
    ...positive(env, 'OMNI_RATE_LIMIT_PER_IP', 'rateLimitPerIp'),
    ...positive(env, 'OMNI_RATE_LIMIT_PER_TOKEN', 'rateLimitPerToken'),
    ...positive(env, 'OMNI_MAX_SOCKETS_PER_IP', 'maxSocketsPerIp'),
    ...(env.OMNI_DEMO_OPEN_AGENT !== undefined ? { demoOpenAgent: env.OMNI_DEMO_OPEN_AGENT === '1' || env.OMNI_DEMO_OPEN_AGENT === 'true' } : {}),
    ...(env.OMNI_TRUST_PROXY ? { trustProxy: trustProxy(env.OMNI_TRUST_PROXY) } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...positive(env, 'OMNI_PG_POOL_MAX', 'databasePoolSize'),
    ...(env.OMNI_ATTACHMENTS_DIR ? { attachmentsDir: env.OMNI_ATTACHMENTS_DIR } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.OMNI_METRICS_TOKEN ? { metricsToken: env.OMNI_METRICS_TOKEN } : {}),
    ...positive(env, 'OMNI_SHUTDOWN_TIMEOUT_MS', 'shutdownTimeoutMs'),
    ...positive(env, 'OMNI_MAX_IN_FLIGHT', 'maxInFlight'),
    ...positive(env, 'OMNI_MAX_EVENT_LOOP_DELAY_MS', 'maxEventLoopDelayMs'),
    ...positive(env, 'OMNI_OVERLOAD_RETRY_AFTER_S', 'overloadRetryAfterSeconds'),
    ...positive(env, 'OMNI_PRESENCE_OFFLINE_MS', 'presenceOfflineMs'),
    ...positive(env, 'OMNI_ROUTING_SWEEP_MS', 'routingSweepMs'),
    ...positive(env, 'OMNI_SLA_SECONDS', 'slaSeconds'),
  };
}

/** Reads a positive whole number from the environment as option `key`. */
function positive(env: NodeJS.ProcessEnv, name: string, key: keyof ServerOptions): ServerOptions {
  const text = env[name];
  if (text === undefined || text === '') return {};
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return { [key]: value };
}

/** OMNI_TRUST_PROXY: `1`/`true` (any proxy), `0`/`false`, or comma-separated addresses/CIDRs. */
function trustProxy(value: string): boolean | string[] {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return value.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** Checks OMNI_VAPID_SUBJECT: push services refuse anything but a `mailto:` or `https:` contact. */
function vapidSubject(value: string): string {
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(value)) throw new Error(`OMNI_VAPID_SUBJECT must be a mailto: or https: URL, got "${value}"`);
  return value;
}
