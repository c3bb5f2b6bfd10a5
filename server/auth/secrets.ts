/**
 * Server secrets kept in the data dir (file mode 0600): the API key (unless OMNI_API_KEY is
 * set), the JWT signing key, the demo cookie key, the SIP credential secret and the VAPID key pair of
 * Web Push. Generated once, reused on every start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webPush from 'web-push';

/** What the data dir keeps. */
export interface Secrets {
  apiKey: string;
  jwtSecret: string;
  cookieSecret: string;
  /** Shared with Kamailio's autheph (or set OMNI_SIP_SECRET) for SIP ephemeral credentials. */
  sipSecret: string;
  /** VAPID key pair (base64url, P-256) that signs Web Push requests; browsers subscribe with the public key. */
  vapidPublicKey: string;
  vapidPrivateKey: string;
}

/** Loads the data dir's secrets, creating the missing ones; `generatedApiKey` says whether the key is new. */
export function loadSecrets(dataDir: string): Secrets & { generatedApiKey: boolean } {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const generatedApiKey = !stored.apiKey;
  const secrets: Secrets = {
    apiKey: stored.apiKey ?? `omni_${randomBytes(24).toString('base64url')}`,
    jwtSecret: stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    cookieSecret: stored.cookieSecret ?? randomBytes(32).toString('base64url'),
    sipSecret: stored.sipSecret ?? randomBytes(32).toString('base64url'),
    // A new pair would orphan every browser's push subscription: generate it once, as a pair.
    ...(stored.vapidPublicKey && stored.vapidPrivateKey
      ? { vapidPublicKey: stored.vapidPublicKey, vapidPrivateKey: stored.vapidPrivateKey }
      : vapidKeys()),
  };
  if (generatedApiKey || !stored.jwtSecret || !stored.cookieSecret || !stored.sipSecret || !stored.vapidPublicKey || !stored.vapidPrivateKey) {
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return { ...secrets, generatedApiKey };
}

/** A fresh VAPID key pair. */
function vapidKeys(): Pick<Secrets, 'vapidPublicKey' | 'vapidPrivateKey'> {
  const { publicKey, privateKey } = webPush.generateVAPIDKeys();
  return { vapidPublicKey: publicKey, vapidPrivateKey: privateKey };
}
