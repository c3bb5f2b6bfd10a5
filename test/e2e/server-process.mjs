// Runs the built reference server as a real child process (what `npm start` runs), on a free
// loopback port with its own data dir, and can stop and restart it on the same port and data.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The server process under test: `url`, `apiKey`, `start()`, `stop()`, `kill()`, `restart()`, `dispose()`. */
export async function serverProcess({ env = {} } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-e2e-'));
  const apiKey = `e2e-${randomBytes(16).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;
  let child;
  let output = '';

  async function start() {
    child = spawn(process.execPath, ['server/dist/server/main.js'], {
      // Load shedding on event-loop lag off unless a test asks: a busy machine must not turn into 503s.
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, OMNI_API_KEY: apiKey, LOG_LEVEL: 'warn', OMNI_MAX_EVENT_LOOP_DELAY_MS: '600000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      try {
        const response = await fetch(`${url}/healthz`);
        if (response.ok) return;
      } catch { /* not up yet */ }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not start:\n${output}`);
  }

  async function stop(signal = 'SIGTERM') {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  await start();
  return {
    url,
    apiKey,
    dataDir,
    output: () => output,
    start,
    stop,
    async restart() { await stop(); await start(); },
    /** Kills the process without warning (SIGKILL): no graceful close, sockets just die. */
    kill: () => stop('SIGKILL'),
    async dispose() { await stop(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Calls the omni server's API with a bearer token and returns the JSON body (fails on a non-2xx). */
export async function serverApi(server, jwt, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates or replaces an agent record (queue `support`) with the server's API key. */
export async function upsertAgent(server, agentId, name) {
  const response = await fetch(`${server.url}/v1/agents/${encodeURIComponent(agentId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, queues: ['support'] }),
  });
  if (!response.ok) throw new Error(`PUT /v1/agents/${agentId} -> ${response.status} ${await response.text()}`);
}

/** A token for an agent (default `a1`, "Sam (Support)", queue `support`; the record is created or replaced first), issued with the server's API key. */
export async function agentToken(server, agentId = 'a1', displayName = 'Sam (Support)') {
  await upsertAgent(server, agentId, displayName);
  const response = await fetch(`${server.url}/v1/agent-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agentId }),
  });
  if (response.status !== 201) throw new Error(`/v1/agent-tokens -> ${response.status} ${await response.text()}`);
  return (await response.json()).jwt;
}
