// The widget as a third-party site meets it: a shop on its own origin (its own backend holding
// the API key, its own strict CSP) pastes one <script> with `integrity` and `crossorigin` that
// loads the bundle from the omni server's /cdn/ — a server started with OMNI_DEMO=0, as in
// production. Its support team's console page (same shop, loading omni-agent.js) answers. The
// guest chats, sends an attachment the agent opens, and calls; neither page logs a console error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startSiteBackend } from '../../examples/site-backend/server.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { clickToCall } from './call-flow.mjs';
import { serverProcess } from './server-process.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const sri = JSON.parse(readFileSync('dist-cdn/sri.json', 'utf8'));
let omni;
let site;
let siteDir;
let browser;

/** The shop's pages: the snippet from the README, with the omni server's absolute URL. */
function writeSite(dir, omniUrl) {
  const script = (entry) => `<script type="module" src="${omniUrl}/cdn/${entry}" integrity="${sri[entry]}" crossorigin="anonymous"></script>`;
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${script('omni-widget.js')}
</head><body>
<main><h1>Pedal &amp; Co.</h1><section id="call"><omni-call-button></omni-call-button></section></main>
<omni-chat server-url="${omniUrl}" token-url="/omni-token"></omni-chat>
</body></html>`);
  writeFileSync(join(dir, 'agent.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop support</title>
${script('omni-agent.js')}
<link rel="icon" href="data:,">
</head><body>
<omni-agent-console server-url="${omniUrl}" token-url="/omni-agent-token" phone></omni-agent-console>
</body></html>`);
}

before(async () => {
  omni = await serverProcess({ env: { OMNI_DEMO: '0' } });
  siteDir = mkdtempSync(join(tmpdir(), 'omni-site-'));
  writeSite(siteDir, omni.url);
  const omniWs = omni.url.replace(/^http/, 'ws');
  site = await startSiteBackend({
    serverUrl: omni.url,
    apiKey: omni.apiKey,
    staticDir: siteDir,
    agentId: 'shop-agent',
    headers: {
      'content-security-policy': [
        "default-src 'self'", `script-src 'self' ${omni.url}`, "style-src 'self'", "img-src 'self' data: blob:",
        `connect-src 'self' ${omni.url} ${omniWs}`, "media-src 'self' blob:", "object-src 'none'", "base-uri 'none'",
      ].join('; '),
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await omni?.dispose();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

/** A page of the shop, on another origin than the omni server, recording console errors and CSP violations. */
async function openShopPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`${path} pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`${path} console: ${message.text()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  // localhost and 127.0.0.1 are different origins: the shop is cross-origin to the omni server.
  await page.goto(`${site.url.replace('127.0.0.1', 'localhost')}${path}`);
  return { context, page, problems };
}

test('with OMNI_DEMO=0 the server has no demo pages but serves /cdn/ to any origin', async () => {
  assert.equal((await fetch(`${omni.url}/`)).status, 404);
  const entry = await fetch(`${omni.url}/cdn/omni-widget.js`, { headers: { origin: 'https://shop.example', 'accept-encoding': 'br' } });
  assert.equal(entry.status, 200);
  assert.equal(entry.headers.get('access-control-allow-origin'), '*');
  assert.equal(entry.headers.get('cross-origin-resource-policy'), 'cross-origin');
  assert.equal(entry.headers.get('content-encoding'), 'br');
  assert.match(entry.headers.get('cache-control'), /max-age=0, must-revalidate/);
  const chunk = /"\.\/(chunks\/local-cache-[^"]+\.js)"/.exec(readFileSync('dist-cdn/omni-widget.js', 'utf8'))?.[1];
  assert.ok(chunk, 'the entry imports its lazy chunks by relative URLs');
  const hashed = await fetch(`${omni.url}/cdn/${chunk}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.match(hashed.headers.get('cache-control'), /immutable/);
  assert.equal(hashed.headers.get('content-encoding'), 'gzip');
});

test('a shop on another origin embeds the widget with one script tag: chat, attachment, call', async () => {
  const agent = await openShopPage('/agent.html');
  const guest = await openShopPage('/');
  await agent.page.locator('omni-agent-console [part="phone"]').filter({ hasText: 'Phone ready' }).waitFor({ timeout: 15000 });

  // Chat both ways.
  await guest.page.locator('omni-chat [part="launcher"]').click();
  const input = guest.page.locator('omni-chat [part="input"]');
  await input.fill('Hello from the shop, is my order on its way?');
  await input.press('Enter');
  await guest.page.locator('omni-chat [part~="message"].sent').filter({ hasText: 'is my order on its way' }).waitFor();
  await agent.page.locator('omni-conversation-list').getByText('is my order on its way').first().click();
  const agentInput = agent.page.locator('omni-agent-console [part="input"]');
  await agentInput.fill('It ships tomorrow. Could you send a photo of the receipt?');
  await agentInput.press('Enter');
  await guest.page.locator('omni-chat [part~="message"]').filter({ hasText: 'It ships tomorrow' }).waitFor();

  // An attachment from the guest, opened by the agent (bytes fetched cross-origin with the bearer token).
  await guest.page.locator('omni-chat input[type="file"]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await guest.page.locator('omni-chat [part~="own"] omni-attachment [part="thumbnail"] img').waitFor();
  await agent.page.locator('omni-agent-console omni-attachment [part="thumbnail"]').click();
  const viewer = agent.page.locator('omni-agent-console omni-attachment [part="viewer"]');
  await viewer.waitFor();
  assert.equal(await viewer.locator('img').evaluate((img) => img.complete && img.naturalWidth), 1, 'the image opened');
  await agent.page.keyboard.press('Escape');

  // A call from the shop page, answered in the console.
  await clickToCall(guest.page, agent.page);

  assert.deepEqual([...guest.problems, ...agent.problems], [], 'no console error, CSP violation or uncaught error');
  await guest.context.close();
  await agent.context.close();
});
