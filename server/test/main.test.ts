// `npx omni-widget-server` (the package's bin, what `npm start` runs) as a real process: env configuration,
// /healthz, the demo pages with their CSP, and an API key generated once, kept in the data dir and reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's bin (`npx omni-widget-server`), which starts the built main.js: what `npm start` runs. */
const main = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'bin', 'omni-widget-server.mjs');

/** Starts main.js and resolves with its URL and the text it printed, once it listens. */
async function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const deadline = Date.now() + 10000;
  while (!/server on (http:\/\/\S+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 50));
  const url = /server on (http:\/\/\S+)/.exec(output)![1]!;
  const stop = () => new Promise<number | null>((done) => { child.once('exit', (code) => done(code)); child.kill('SIGTERM'); });
  return { url, output: () => output, stop };
}

test('npm start: healthz, demo pages with a strict CSP, API key generated once and reused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-main-'));
  try {
    const first = await run({ DATA_DIR: dataDir });
    const key = /API key\s+(omni_\S+)\s+\(generated now/.exec(first.output())?.[1];
    assert.ok(key, `the generated key is printed:\n${first.output()}`);
    assert.equal(statSync(join(dataDir, 'secrets.json')).mode & 0o777, 0o600);
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
    const page = await fetch(`${first.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<omni-chat token-url="\/demo\/guest-token" voice service-worker="\/omni-sw\.js[^"]*">/);
    assert.equal((await fetch(`${first.url}/agent`)).status, 200);
    assert.equal(await first.stop(), 0, 'SIGTERM stops it cleanly');

    const second = await run({ DATA_DIR: dataDir });
    assert.doesNotMatch(second.output(), /omni_/, 'the key is printed only when generated');
    const token = await fetch(`${second.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ integrationId: 'demo', customerId: 'c', verifiedCustomer: false }),
    });
    assert.equal(token.status, 201, 'the kept key still works after a restart');
    await second.stop();

    const fixed = await run({ DATA_DIR: dataDir, OMNI_API_KEY: 'from-env-key' });
    const withEnvKey = await fetch(`${fixed.url}/v1/agent-tokens`, {
      method: 'POST',
      headers: { authorization: 'Bearer from-env-key', 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: 'demo-agent' }),
    });
    assert.equal(withEnvKey.status, 201);
    await fixed.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
