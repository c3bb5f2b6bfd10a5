// The same click-to-call flow as call.e2e, but the widget and the agent console talk SIP to a
// real Kamailio (deploy/kamailio/kamailio.cfg, autheph with the server's secret) started here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { hasKamailio, startKamailio } from '../sip/kamailio.mjs';
import { serverProcess } from './server-process.mjs';
import { clickToCall } from './call-flow.mjs';

let kamailio;
let server;
let browser;
before(async () => {
  assert.ok(hasKamailio(), 'Kamailio is required (.ci/run installs it): apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules');
  const secret = randomBytes(24).toString('base64url');
  kamailio = await startKamailio({ secret, domain: 'omni.local' });
  server = await serverProcess({ env: { OMNI_SIP_SECRET: secret, OMNI_SIP_WS_URL: kamailio.wsUrl, OMNI_SIP_DOMAIN: 'omni.local' } });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
});
after(async () => {
  await browser?.close();
  await server?.dispose();
  await kamailio?.stop();
});

test('a guest calls from the demo page and the agent answers, through Kamailio', async () => {
  const problems = [];
  const open = async (path) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
    await page.goto(`${server.url}${path}`);
    return page;
  };
  const agent = await open('/agent');
  const guest = await open('/');
  const credentials = await guest.evaluate(async () => (await fetch('/demo/guest-token', { method: 'POST' })).ok);
  assert.ok(credentials);
  try {
    await clickToCall(guest, agent);
  } catch (error) {
    throw new Error(`${error.message}\n--- kamailio ---\n${kamailio.output().slice(-3000)}`);
  }
  assert.deepEqual(problems, []);
});
