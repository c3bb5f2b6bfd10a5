// Starts a real Kamailio (Debian package) with deploy/kamailio/kamailio.cfg on a free loopback
// port, for tests and benches; stops it again. Needs /usr/sbin/kamailio (see .ci/run).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/server-process.mjs';

const config = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'deploy', 'kamailio', 'kamailio.cfg');

/** Where the Kamailio binary is (KAMAILIO_PATH, else the Debian one). */
export function kamailioPath() {
  return process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';
}

/** True when Kamailio is installed. */
export const hasKamailio = () => existsSync(kamailioPath());

function portOpen(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => { socket.destroy(); done(true); });
    socket.once('error', () => done(false));
  });
}

/** Starts Kamailio with `secret` and `domain`; resolves `{ wsUrl, port, stop() }` once it listens. */
export async function startKamailio({ secret, domain = 'omni.local' }) {
  const port = await freePort();
  const runDir = mkdtempSync(join(tmpdir(), 'omni-kamailio-'));
  const child = spawn(kamailioPath(), [
    '-DD', '-E', '-f', config, '-Y', runDir, '-P', join(runDir, 'kamailio.pid'),
    '-A', `WS_PORT=${port}`, '-A', `SIP_DOMAIN="${domain}"`, '-A', `SIP_SECRET="${secret}"`, '-A', 'LISTEN_IP=127.0.0.1',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const deadline = Date.now() + 10000;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`kamailio did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
