/** Server configuration: options of `startServer`, and how `npm start` reads them from the environment. */
import { dirname, resolve } from 'node:path';
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
  };
}

/** Reads PORT, HOST, DATA_DIR, OMNI_API_KEY, LOG_LEVEL, OMNI_DEMO, OMNI_WEB_ROOT, OMNI_VAPID_SUBJECT and the OMNI_SIP_* / OMNI_ICE_SERVERS settings. */
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
  };
}

/** Checks OMNI_VAPID_SUBJECT: push services refuse anything but a `mailto:` or `https:` contact. */
function vapidSubject(value: string): string {
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(value)) throw new Error(`OMNI_VAPID_SUBJECT must be a mailto: or https: URL, got "${value}"`);
  return value;
}
