// A site's own backend, as small as it can be (Node's http module, no dependencies): it serves the
// site's pages, and holds the omni API key server-side to hand its visitors short-lived tokens.
// The framework examples and the cross-origin test run behind it; copy its token route.
//
//   OMNI_SERVER_URL=http://127.0.0.1:8080 OMNI_API_KEY=omni_… PORT=3000 STATIC_DIR=dist node server.mjs
//
// Routes: GET /omni-config.json -> { serverUrl, integrationId } (where the widget connects);
// POST /omni-token -> { jwt, expiresAt } for this visitor (a guest id kept in an HttpOnly cookie);
// POST /omni-agent-token -> an agent token, only when OMNI_AGENT_ID is set (put it behind your login);
// anything else: a file from STATIC_DIR (index.html for unknown paths, as single-page apps want).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};
const GUEST_COOKIE = 'site_guest';

/** Starts the backend; resolves `{ url, close() }` once it listens. */
export async function startSiteBackend({
  serverUrl, apiKey, staticDir, port = 0, host = '127.0.0.1', integrationId = 'demo', agentId, headers = {},
}) {
  if (!serverUrl || !apiKey) throw new Error('site backend: serverUrl and apiKey are required');
  const root = resolve(staticDir);

  /** The token route: POST /v1/tokens with the API key in the Authorization header. */
  async function omniToken(body) {
    const response = await fetch(`${serverUrl}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  /** The agent's record, created or replaced once (PUT /v1/agents/:id is idempotent). */
  let agentRecord;

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://site');
      if (request.method === 'GET' && url.pathname === '/omni-config.json') {
        return send(response, 200, JSON.stringify({ serverUrl, integrationId }), { 'content-type': 'application/json', 'cache-control': 'no-store' });
      }
      if (request.method === 'POST' && url.pathname === '/omni-token') {
        const cookie = /(?:^|;\s*)site_guest=(guest-[0-9a-f-]{36})(?:;|$)/.exec(request.headers.cookie ?? '')?.[1];
        const customerId = cookie ?? `guest-${randomUUID()}`;
        const token = await omniToken({ integrationId, customerId, verifiedCustomer: false, displayName: 'Guest' });
        return send(response, token.status, token.text, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'set-cookie': `${GUEST_COOKIE}=${customerId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`,
        });
      }
      if (request.method === 'POST' && url.pathname === '/omni-agent-token' && agentId) {
        // Tokens exist only for agents the server knows: a real site syncs its staff with PUT /v1/agents/:id.
        agentRecord ??= fetch(`${serverUrl}/v1/agents/${encodeURIComponent(agentId)}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Sam (Support)', queues: ['support'] }),
        }).then((res) => { if (!res.ok) { agentRecord = undefined; throw new Error(`PUT /v1/agents -> ${res.status}`); } });
        await agentRecord;
        const res = await fetch(`${serverUrl}/v1/agent-tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ agentId }),
        });
        return send(response, res.status, await res.text(), { 'content-type': 'application/json', 'cache-control': 'no-store' });
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'method not allowed');
      let file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) return send(response, 404, 'not found');
      const info = await stat(file).catch(() => undefined);
      if (!info || info.isDirectory()) file = join(root, 'index.html');
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const fileInfo = info && !info.isDirectory() ? info : await stat(file);
      // Revalidated like any static host does it: a 304 keeps the browser's copy (and V8's code cache).
      const etag = `"${fileInfo.size.toString(36)}-${Math.round(fileInfo.mtimeMs).toString(36)}"`;
      const fileHeaders = { 'content-type': type, 'cache-control': 'no-cache', etag, ...(type.startsWith('text/html') ? headers : {}) };
      if (request.headers['if-none-match'] === etag) return send(response, 304, undefined, fileHeaders);
      return send(response, 200, await readFile(file), fileHeaders);
    } catch (error) {
      return send(response, 500, `site backend error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise((done) => server.listen(port, host, done));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, headers);
  response.end(body);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const backend = await startSiteBackend({
    serverUrl: env.OMNI_SERVER_URL ?? 'http://127.0.0.1:8080',
    apiKey: env.OMNI_API_KEY,
    staticDir: env.STATIC_DIR ?? 'dist',
    port: Number(env.PORT ?? 3000),
    integrationId: env.OMNI_INTEGRATION_ID ?? 'demo',
    agentId: env.OMNI_AGENT_ID,
  });
  console.log(`site backend on ${backend.url} (omni server ${env.OMNI_SERVER_URL ?? 'http://127.0.0.1:8080'})`);
}
