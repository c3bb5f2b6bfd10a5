// A call with several server processes: Kamailio (deploy/kamailio/kamailio.cfg) in front for SIP,
// two reference server processes behind no balancer sharing PostgreSQL (SQLite when it is not
// installed) and Redis (server/test/scale-out, compiled). The guest's page and events socket are
// on process A, the agent console's on process B; each gets its SIP credentials from its own
// process and registers or calls through Kamailio. The guest's chat crosses to B over Redis, the
// call connects with audio both ways, holds and hangs up, and the console shows the conversation
// beside the call. One Kamailio, one group of processes and one browser serve the whole file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { hasKamailio, startKamailio } from '../sip/kamailio.mjs';
import { clickToCall, conversationBesideCall, guestWrites } from './call-flow.mjs';

let kamailio;
let group;
let browser;
before(async () => {
  assert.ok(hasKamailio(), 'Kamailio is required (.ci/run installs it): apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules');
  const { startScaleOut } = await import('../../server/dist/server/test/scale-out.js');
  const secret = randomBytes(24).toString('base64url');
  kamailio = await startKamailio({ secret, domain: 'omni.local' });
  [group, browser] = await Promise.all([
    startScaleOut(2, { OMNI_SIP_SECRET: secret, OMNI_SIP_WS_URL: kamailio.wsUrl, OMNI_SIP_DOMAIN: 'omni.local' }),
    chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) }),
  ]);
});
after(async () => {
  await browser?.close();
  await group?.stop();
  await kamailio?.stop();
});

/** Opens `path` of `baseUrl` in a fresh browser context, recording uncaught errors and where its WebSockets go. */
async function open(baseUrl, path, problems) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sockets = [];
  page.on('pageerror', (error) => problems.push(`${baseUrl}${path}: ${error.message}`));
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto(`${baseUrl}${path}`);
  return { page, sockets };
}

test('a guest on process A calls the agent on process B through Kamailio: chat crosses over Redis, the call has audio both ways', async () => {
  const [a, b] = group.processes;
  const problems = [];
  const agent = await open(b.url, '/agent', problems);
  const guest = await open(a.url, '/', problems);
  await guestWrites(guest.page, 'Order 1234, calling about it now');
  try {
    await clickToCall(guest.page, agent.page);
  } catch (error) {
    throw new Error(`${error.message}\n--- kamailio ---\n${kamailio.output().slice(-3000)}`);
  }
  // The message was posted through A and reached the console on B; it opens beside the call.
  await conversationBesideCall(agent.page, 'Order 1234, calling about it now');
  const events = (origin) => (url) => url.startsWith(origin.replace(/^http/, 'ws')) && url.includes('/v1/events');
  assert.ok(guest.sockets.some(events(a.url)), `the guest's events socket is on A: ${guest.sockets}`);
  assert.ok(agent.sockets.some(events(b.url)), `the agent's events socket is on B: ${agent.sockets}`);
  assert.ok(!guest.sockets.some(events(b.url)) && !agent.sockets.some(events(a.url)), 'nobody switched processes');
  for (const side of [guest, agent]) assert.ok(side.sockets.includes(kamailio.wsUrl) || side.sockets.includes(`${kamailio.wsUrl}/`), `SIP through Kamailio: ${side.sockets}`);
  assert.deepEqual(problems, []);
});
