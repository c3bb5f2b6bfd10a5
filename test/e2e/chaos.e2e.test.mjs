// Nothing lost, nothing doubled, under chaos: two tabs of one guest type 200 messages in the UI
// while a TCP proxy in front of the server cuts every connection again and again, the server is
// SIGKILLed and restarted, and one tab is reloaded while the server is down. Afterwards the server
// holds each message exactly once, each tab's messages in the order it typed them, and every tab
// shows exactly what the server holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startSiteBackend } from '../../examples/site-backend/server.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { chaosProxy } from './chaos-proxy.mjs';
import { serverProcess } from './server-process.mjs';

const MESSAGES = 200;
const CUT_EVERY = 10;
let server;
let proxy;
let site;
let siteDir;
let browser;

before(async () => {
  server = await serverProcess();
  proxy = await chaosProxy(Number(new URL(server.url).port));
  // The shop serves its page and its own copy of the widget (any static host can), so a reload
  // works while the omni server is down; the widget talks to the server through the proxy.
  siteDir = mkdtempSync(join(tmpdir(), 'omni-chaos-'));
  symlinkSync(resolve('dist-cdn'), join(siteDir, 'cdn'));
  writeFileSync(join(siteDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chaos shop</title>
<script type="module" src="/cdn/omni-widget.js"></script></head>
<body><omni-chat server-url="${proxy.url}" token-url="/omni-token" open></omni-chat></body></html>`);
  site = await startSiteBackend({ serverUrl: server.url, apiKey: server.apiKey, staticDir: siteDir });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.close();
  await server?.dispose();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

/** The texts of the messages a tab's timeline shows (what its list renders, scrolled all the way up), with their delivery states. */
function shown(page) {
  return page.evaluate(async () => {
    const { getDefaultSession, defaultConversationId, timelineOf, loadOlder } = window.OmniWidget;
    const session = getDefaultSession();
    const id = session && defaultConversationId(session).get();
    if (!id) return [];
    const timeline = timelineOf(session, id);
    for (let page = 0; timeline.get().hasMore && page < 50; page += 1) await loadOlder(session, id);
    return timeline.get().items.map((item) => ({ text: item.message.text, status: item.status }));
  });
}

/** Every message event of the conversation, from the server, in seq order. */
async function serverMessages(jwt, id) {
  const out = [];
  for (let after = 0; ;) {
    const response = await fetch(`${server.url}/v1/conversations/${id}/events?after=${after}&limit=100`, { headers: { authorization: `Bearer ${jwt}` } });
    const page = await response.json();
    out.push(...page.events.filter((event) => event.type === 'message'));
    if (!page.hasMore || page.events.length === 0) return out;
    after = page.events[page.events.length - 1].seq;
  }
}

test(`${MESSAGES} messages from two tabs survive ${MESSAGES / CUT_EVERY} connection cuts, a SIGKILL and a reload while the server is down`, { timeout: 300000 }, async (t) => {
  const context = await browser.newContext();
  const errors = [];
  const openTab = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    await page.locator('omni-chat [part="input"]').waitFor();
    return page;
  };
  const tabs = { A: await openTab(), B: await openTab() };
  const typed = { A: [], B: [] };
  const type = async (name) => {
    const text = `${name}-${String(typed[name].length + 1).padStart(3, '0')}`;
    typed[name].push(text);
    const input = tabs[name].locator('omni-chat [part="input"]');
    await input.fill(text);
    await input.press('Enter');
  };

  for (let i = 1; i <= MESSAGES; i += 1) {
    await type(i % 2 ? 'A' : 'B');
    if (i % CUT_EVERY === 0) proxy.cut();
    if (i === 80) {
      await server.kill();
      for (let k = 0; k < 4; k += 1) { i += 1; await type(i % 2 ? 'A' : 'B'); }
      await server.start();
    }
    if (i === 140) {
      await server.stop();
      await type('B');
      i += 1;
      await tabs.B.reload();
      await tabs.B.locator('omni-chat [part="input"]').waitFor();
      // What B typed before the reload shows at once, from its outbox.
      await tabs.B.waitForFunction((text) => {
        const { getDefaultSession, defaultConversationId, timelineOf } = window.OmniWidget;
        const session = getDefaultSession();
        const id = session && defaultConversationId(session).get();
        return id && timelineOf(session, id).get().items.some((item) => item.message.text === text);
      }, typed.B.at(-1), { timeout: 10000 });
      await type('B');
      i += 1;
      await server.start();
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  const total = typed.A.length + typed.B.length;
  assert.ok(total >= MESSAGES && proxy.cuts >= 10);

  // The server's view, as the guest (the shop keeps the guest id in its cookie).
  const guest = (await context.cookies(site.url)).find((cookie) => cookie.name === 'site_guest').value;
  const token = await (await fetch(`${server.url}/v1/tokens`, {
    method: 'POST', headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ integrationId: 'demo', customerId: guest, verifiedCustomer: false }),
  })).json();
  const { conversations } = await (await fetch(`${server.url}/v1/conversations`, { headers: { authorization: `Bearer ${token.jwt}` } })).json();
  const id = conversations[0].id;
  let stored = [];
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline) {
    stored = (await serverMessages(token.jwt, id)).map((event) => event.message.text);
    if (stored.length >= total) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  assert.equal(new Set(stored).size, stored.length, 'nothing doubled');
  assert.deepEqual([...stored].sort(), [...typed.A, ...typed.B].sort(), 'nothing lost');
  for (const name of ['A', 'B']) assert.deepEqual(stored.filter((text) => text.startsWith(`${name}-`)), typed[name], `tab ${name}'s order kept`);

  // Every tab shows exactly the server's conversation, every message sent.
  for (const [name, page] of Object.entries(tabs)) {
    await page.waitForFunction((expected) => {
      const { getDefaultSession, defaultConversationId, timelineOf } = window.OmniWidget;
      const session = getDefaultSession();
      const items = timelineOf(session, defaultConversationId(session).get()).get().items;
      return items.at(-1)?.message.text === expected && items.every((item) => item.status === 'sent');
    }, stored.at(-1), { timeout: 30000 }).catch(() => undefined);
    const items = await shown(page);
    assert.deepEqual(items.map((item) => item.text), stored, `tab ${name} shows the server's conversation`);
    assert.ok(items.every((item) => item.status === 'sent'), `tab ${name}: everything sent`);
    const last = await page.locator('omni-chat [part~="message"] .bubble').last().innerText();
    assert.equal(last, stored.at(-1), `tab ${name}'s list ends with the newest message`);
  }
  t.diagnostic(`${total} messages, ${proxy.cuts} cuts, 1 SIGKILL, 1 reload while down: 0 lost, 0 doubled`);
  assert.deepEqual(errors, []);
  await context.close();
});
