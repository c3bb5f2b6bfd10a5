// Click-to-call on the demo pages through the server's built-in SIP edge, in real Chromium with
// fake media devices; the agent console opens the guest's conversation beside the call.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serverProcess } from './server-process.mjs';
import { clickToCall } from './call-flow.mjs';

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
  // The guest has a conversation: the call carries it to the agent.
  await guest.locator('omni-chat [part="launcher"]').click();
  await guest.locator('omni-chat [part="input"]').fill('Calling you about my brakes');
  await guest.locator('omni-chat [part="input"]').press('Enter');
  await clickToCall(guest, agent);
  const opened = await agent.locator('omni-agent-console').evaluate((element) => element.conversationId);
  assert.ok(opened, 'the console opened the linked conversation');
  await agent.locator('omni-agent-console omni-conversation [part~="message"]').filter({ hasText: 'Calling you about my brakes' }).waitFor();
  assert.deepEqual(problems, []);
});
