// Click-to-call on the demo pages through the server's built-in SIP edge, in real Chromium with
// fake media devices; the agent console opens the guest's conversation beside the call.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serverProcess } from './server-process.mjs';
import { clickToCall, conversationBesideCall, guestWrites, openDemo } from './call-flow.mjs';

let server;
let browser;
before(async () => {
  server = await serverProcess();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

test('a guest calls from the demo page and the agent answers in the console (built-in edge)', async () => {
  const { agent, guest, problems } = await openDemo(browser, server.url);
  await guestWrites(guest, 'Calling you about my brakes');
  await clickToCall(guest, agent);
  assert.ok(await agent.locator('omni-agent-console').evaluate((element) => element.conversationId), 'the console opened the linked conversation');
  await conversationBesideCall(agent, 'Calling you about my brakes');
  assert.deepEqual(problems, []);
});
