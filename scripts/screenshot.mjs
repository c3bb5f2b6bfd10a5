// Regenerates docs/screenshot.png: the demo host page with a short guest/agent exchange.
// Run after `npm run build`: node scripts/screenshot.mjs
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';
import { agentToken, serverProcess } from '../test/e2e/server-process.mjs';

const server = await serverProcess();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(`${server.url}/`);
  await page.locator('omni-chat [part="launcher"]').click();
  const input = page.locator('omni-chat [part="input"]');
  await input.fill('Hi! My rear brake squeaks since the last service. Can you help?');
  await input.press('Enter');
  const agent = { jwt: await agentToken(server, 'sam', 'Sam (workshop)') };
  const auth = { authorization: `Bearer ${agent.jwt}`, 'content-type': 'application/json' };
  const { conversations } = await (await fetch(`${server.url}/v1/conversations`, { headers: auth })).json();
  await fetch(`${server.url}/v1/conversations/${conversations[0].id}/messages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ clientMessageId: 'screenshot-reply-1', type: 'text', text: 'Hi, Sam from the workshop here. Usually that is the pads bedding in; bring it by and we will take a look for free.' }),
  });
  await page.locator('omni-chat [part~="message"]').filter({ hasText: 'Sam from the workshop' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.dispose();
}
