// Offline-first figures, in real Chromium against the real server process (run after `npm run build`):
// - first paint of a cached 1,000-message conversation with the server unreachable (navigation
//   start -> the newest message on screen, and the widget's own part of it: its script requested ->
//   the newest message on screen), median of 9 page openings and of 9 reloads;
// - reconnect time after a 3 s outage (the server is back -> the widget is online again), median of 5.
//   node bench/offline.mjs [--messages 1000]
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startSiteBackend } from '../examples/site-backend/server.mjs';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';
import { agentToken, serverProcess } from '../test/e2e/server-process.mjs';

const flag = process.argv.indexOf('--messages');
const MESSAGES = flag > 0 ? Number(process.argv[flag + 1]) : 1000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Page loads measured per figure. */
const RUNS = 9;

const server = await serverProcess();
const siteDir = mkdtempSync(join(tmpdir(), 'omni-bench-offline-'));
symlinkSync(resolve('dist-cdn'), join(siteDir, 'cdn'));
// Records when the newest message is first on screen (the list lives in nested shadow roots): a
// script of the page itself, as a site would have it (an injected init script delays the page).
writeFileSync(join(siteDir, 'probe.js'), `(() => {
  const look = () => {
    const list = document.querySelector('omni-chat')?.shadowRoot?.querySelector('omni-conversation')?.shadowRoot;
    const wanted = window.__newest;
    const messages = list ? [...list.querySelectorAll('[part~="message"]')] : [];
    if (wanted && messages.some((element) => element.textContent.includes(wanted))) {
      window.__painted = performance.now();
      window.__paintedMessages = messages.length;
      return;
    }
    requestAnimationFrame(look);
  };
  window.__newest = localStorage.getItem('bench-newest');
  requestAnimationFrame(look);
})();`);
writeFileSync(join(siteDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>
<script src="/probe.js"></script><script type="module" src="/cdn/omni-widget.js"></script></head>
<body><omni-chat server-url="${server.url}" token-url="/omni-token" open></omni-chat></body></html>`);
const site = await startSiteBackend({ serverUrl: server.url, apiKey: server.apiKey, staticDir: siteDir });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  const input = page.locator('omni-chat [part="input"]');
  await input.fill('Hello, bench');
  await input.press('Enter');
  await page.locator('omni-chat [part~="message"].sent').first().waitFor();

  const agent = await agentToken(server, 'bench-agent', 'Bench agent');
  const auth = { authorization: `Bearer ${agent}`, 'content-type': 'application/json' };
  const { conversations } = await (await fetch(`${server.url}/v1/conversations`, { headers: auth })).json();
  const id = conversations[0].id;
  for (let i = 1; i <= MESSAGES; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, MESSAGES - i + 1) }, (_, k) => fetch(`${server.url}/v1/conversations/${id}/messages`, {
      method: 'POST', headers: auth, body: JSON.stringify({ clientMessageId: `bench-${i + k}`, type: 'text', text: `seed ${i + k}` }),
    })));
  }
  const newest = `seed ${MESSAGES}`;
  await page.waitForFunction((count) => {
    const { getDefaultSession, defaultConversationId, timelineOf } = window.OmniWidget;
    const session = getDefaultSession();
    return timelineOf(session, defaultConversationId(session).get()).get().items.length >= count;
  }, MESSAGES + 1, { timeout: 60000 });
  await page.waitForTimeout(1000); // the cache writes are batched
  const cachedNewest = await page.evaluate(() => {
    const { getDefaultSession, defaultConversationId, timelineOf } = window.OmniWidget;
    const session = getDefaultSession();
    return timelineOf(session, defaultConversationId(session).get()).get().items.at(-1).message.text;
  });
  await page.evaluate((text) => localStorage.setItem('bench-newest', text), cachedNewest);

  // First paint from the cache with the server unreachable. A returning visitor opens the page
  // (from another page: about:blank here); the site serves the widget's files with validators, as any
  // static host or CDN does, so the browser revalidates them (304) and keeps V8's code cache. A
  // reload (which revalidates every file and unloads this page first) is measured too.
  await server.stop();
  /** One page load: navigation start -> newest message on screen, and the widget's own part of it. */
  const firstPaint = async (load) => {
    await load();
    await page.waitForFunction(() => window.__painted, undefined, { timeout: 10000 });
    return page.evaluate(() => ({
      total: window.__painted,
      messages: window.__paintedMessages,
      // From the request for its script to the newest message on screen.
      own: window.__painted - performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/omni-widget.js')).startTime,
    }));
  };
  const open = async () => {
    await page.goto('about:blank');
    await page.goto(site.url);
  };
  const opens = [];
  const reloads = [];
  await firstPaint(open); // the first visit after the server went away (code cache warm-up)
  for (let run = 0; run < RUNS; run += 1) {
    opens.push(await firstPaint(open));
    reloads.push(await firstPaint(() => page.reload()));
  }
  const rendered = median(opens.map((run) => run.messages));
  const figure = (runs) => `median ${median(runs.map((run) => run.total)).toFixed(0)} ms after navigation start ` +
    `(runs: ${runs.map((run) => run.total.toFixed(0)).join(', ')}), of which the widget's own part (its script requested -> newest message on screen) median ${median(runs.map((run) => run.own)).toFixed(0)} ms`;
  console.log(`first paint of a cached ${MESSAGES}-message conversation, server unreachable (newest "${newest}"; ${rendered} messages on the first frame, older ones from the cache right after):`);
  console.log(`  opening the page: ${figure(opens)}`);
  console.log(`  reloading it:     ${figure(reloads)}`);

  // Reconnect after a 3 s outage.
  await server.start();
  const online = () => page.waitForFunction(() => window.OmniWidget.getDefaultSession()?.$connection.get() === 'online', undefined, { timeout: 30000, polling: 10 });
  await online();
  const reconnects = [];
  for (let run = 0; run < 5; run += 1) {
    await server.stop();
    await page.waitForFunction(() => window.OmniWidget.getDefaultSession()?.$connection.get() !== 'online', undefined, { timeout: 30000 });
    await new Promise((done) => setTimeout(done, 3000));
    await server.start();
    const back = Date.now();
    await online();
    reconnects.push(Date.now() - back);
  }
  console.log(`reconnect after a 3 s outage: median ${median(reconnects)} ms after the server is back (runs: ${reconnects.join(', ')})`);
} finally {
  await browser.close();
  await site.close();
  await server.dispose();
  rmSync(siteDir, { recursive: true, force: true });
}
