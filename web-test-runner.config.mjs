// Element and core tests in real headless Chromium, against the real reference server, which
// this config starts (fresh SQLite data dir, random port) and stops. Tests can stop/start it
// through the `omni-server` command (see test/browser/server.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './test/chromium.mjs';

/** Starts the reference server for the test run and serves the `omni-server` command. */
function omniServerPlugin() {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-wtr-'));
  const apiKey = `test-${randomBytes(16).toString('hex')}`;
  let startServer;
  let running;
  let port = 0;
  const start = async () => {
    // Load shedding on event-loop lag off: a busy test machine must not turn into 503s here (tests of it set their own).
    running = await startServer({ port, dataDir, apiKey, heartbeatMs: 5000, logLevel: 'warn', maxEventLoopDelayMs: 600000 });
    port = running.port;
  };
  const stop = async () => {
    const current = running;
    running = undefined;
    await current?.close();
  };
  return {
    name: 'omni-server',
    async serverStart() {
      ({ startServer } = await import('./server/dist/server/app.js'));
      await start();
    },
    async serverStop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (command !== 'omni-server') return undefined;
      const action = payload?.action;
      if (action === 'stop') await stop();
      else if (action === 'start') { if (!running) await start(); }
      else if (action === 'restart') { await stop(); await start(); }
      else throw new Error(`omni-server: unknown action ${action}`);
      return true;
    },
    serverInfo: () => ({ serverUrl: `http://127.0.0.1:${port}`, apiKey }),
  };
}

const omniServer = omniServerPlugin();

export default {
  files: ['src/**/*.test.ts', '!src/**/*.unit.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  // The whole browser run (about 3 min on a quiet 2-core machine; much longer while it is busy).
  testsFinishTimeout: 900000,
  browserStartTimeout: 60000,
  testFramework: { config: { timeout: 20000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), omniServer],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><body>
<script>
  window.process = { env: { NODE_ENV: 'development' } };
  window.__OMNI_TEST__ = ${JSON.stringify(omniServer.serverInfo())};
</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
};
