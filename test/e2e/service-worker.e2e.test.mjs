// The service worker in real Chromium against the real server process: the demo registers its
// /omni-sw.js, which precaches the widget (a reload with the server down still renders the chat),
// shows the omni server's pushes as notifications (delivered through the DevTools protocol) and
// opens the chat when one is clicked; a new worker version waits while another tab is open and
// takes over at the next load; a site on another origin precaches the widget from the omni origin.
// The server serves a copy of the build (OMNI_WEB_ROOT), so a test can publish a "new version".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startSiteBackend } from '../../examples/site-backend/server.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serverProcess } from './server-process.mjs';

let webRoot;
let server;
let browser;

before(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'omni-sw-web-'));
  cpSync('demo', join(webRoot, 'demo'), { recursive: true });
  cpSync('dist-cdn', join(webRoot, 'dist-cdn'), { recursive: true });
  server = await serverProcess({ env: { OMNI_WEB_ROOT: webRoot } });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

after(async () => {
  await browser?.close();
  await server?.dispose();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

/** The build's chunk graph (of the copy the server serves). */
const chunkManifest = () => JSON.parse(readFileSync(join(webRoot, 'dist-cdn', 'manifest.json'), 'utf8'));

/** A fresh browser profile's page that records uncaught errors. */
async function openPage(url, { permissions = [] } = {}) {
  const context = await browser.newContext();
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { context, page, problems };
}

/** Waits until the page's worker is active and controls the page (the first visit is not controlled: reload once). */
async function controlledBy(page) {
  const scriptURL = await page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), scriptURL, 'the worker controls the page');
  return scriptURL;
}

/** The URLs in one of the page origin's caches, without workbox's revision parameter. */
const cachedUrls = (page, cacheName) =>
  page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url.replace(/\?__WB_REVISION__=\w+$/, '')), cacheName);

/** The worker of a browser context, as Playwright sees it. */
async function workerOf(context) {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
}

/** Polls `probe` until it returns something truthy. */
async function until(probe, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the demo registers its omni-sw.js, which precaches the widget: with the server down a reload still renders the chat', async () => {
  const { context, page, problems } = await openPage(`${server.url}/`);
  const scriptURL = await controlledBy(page);
  const registered = new URL(scriptURL);
  assert.equal(`${registered.origin}${registered.pathname}`, `${server.url}/omni-sw.js`, 'hosted on the site origin');
  assert.equal(registered.searchParams.get('server'), server.url, 'the widget tells the worker where the omni server is');
  assert.equal(registered.searchParams.get('pages'), 'network-first');
  assert.equal(await page.evaluate(() => Notification.permission), 'default', 'no permission prompt without a click (enablePush)');

  // The precache holds the entry and every chunk a chat reaches, and not the calling chunk (cached on first call).
  const chunks = chunkManifest();
  const precached = await cachedUrls(page, 'omni-widget-precache');
  assert.deepEqual(chunks['omni-widget.js'].imports, [], 'one file up front: the entry imports no chunk');
  for (const file of ['omni-widget.js', ...chunks['omni-widget.js'].dynamicImports.filter((file) => !file.includes('calling-'))]) {
    assert.ok(precached.includes(`${server.url}/cdn/${file}`), `${file} is precached (${precached.join(', ')})`);
  }
  assert.ok(!precached.some((url) => /calling-/.test(url)), 'sip.js is not downloaded for chat-only visitors');

  // Server stopped and the browser offline: the page and the widget come from the worker.
  await server.stop();
  await context.setOffline(true);
  const widgetFiles = [];
  page.on('response', (response) => {
    if (response.url().includes('/cdn/')) widgetFiles.push({ url: response.url(), fromWorker: response.fromServiceWorker(), status: response.status() });
  });
  await page.reload();
  await page.locator('omni-chat [part="launcher"]').click();
  await page.locator('omni-chat [part="panel"]').waitFor({ state: 'visible' });
  await page.locator('omni-chat [part="input"]').waitFor();
  assert.ok(widgetFiles.some((file) => file.url === `${server.url}/cdn/omni-widget.js`), 'the entry was loaded');
  for (const file of widgetFiles) assert.deepEqual(file, { ...file, fromWorker: true, status: 200 }, `${file.url} came from the worker`);
  assert.deepEqual(problems, []);

  await context.setOffline(false);
  await server.start();
  await context.close();
});

test('a push from the omni server shows a notification; clicking it opens the chat on that page', async () => {
  const { context, page, problems } = await openPage(`${server.url}/`, { permissions: ['notifications'] });
  await controlledBy(page);
  const worker = await workerOf(context);

  // The registration id, from the DevTools protocol's ServiceWorker domain.
  const cdp = await context.newCDPSession(page);
  const registrations = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');
  const registration = await until(() => registrations.find((entry) => entry.scopeURL === `${server.url}/` && !entry.isDeleted), 'the registration');

  const push = (payload) =>
    cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: registration.registrationId, data: JSON.stringify(payload) });
  const notifications = () =>
    worker.evaluate(async () => (await self.registration.getNotifications()).map(({ title, body, tag, data }) => ({ title, body, tag, data })));

  const conversationId = 'conv_00000000-0000-4000-8000-000000000001';
  await push({ type: 'omni-message', conversationId, seq: 3, author: 'Alex (Support)', preview: 'Your bike is ready', url: `${server.url}/` });
  const [shown] = await until(async () => ((await notifications()).length ? notifications() : undefined), 'the notification');
  assert.deepEqual(shown, {
    title: 'Alex (Support)',
    body: 'Your bike is ready',
    tag: `omni-${conversationId}`,
    data: { omni: true, conversationId, url: `${server.url}/` },
  });
  // A newer reply in the same conversation replaces it; a page URL of another origin is never opened.
  await push({ type: 'omni-message', conversationId, seq: 4, author: 'Alex (Support)', preview: 'Open until 6', url: 'https://elsewhere.example/' });
  await until(async () => (await notifications())[0]?.body === 'Open until 6', 'the replacing notification');
  assert.equal((await notifications()).length, 1);
  assert.equal((await notifications())[0].data.url, `${server.url}/`, 'the worker scope instead of another origin');

  // The click (dispatched in the worker: no protocol command clicks a notification) opens the chat on the open page.
  assert.equal(await page.locator('omni-chat').getAttribute('open'), null);
  await worker.evaluate(async () => {
    const [notification] = await self.registration.getNotifications();
    self.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
  });
  await page.locator('omni-chat[open] [part="panel"]').waitFor({ state: 'visible' });
  await until(async () => (await notifications()).length === 0, 'the clicked notification to close');

  // A tab the worker opens (no tab of that page was open) carries #omni-chat-open: the chat opens and the hash goes.
  const opened = await context.newPage();
  await opened.goto(`${server.url}/#omni-chat-open`);
  await opened.locator('omni-chat[open] [part="panel"]').waitFor({ state: 'visible' });
  await until(async () => !(await opened.evaluate(() => location.hash)), 'the hash to be removed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a new worker version waits while another tab is open, and takes over at the next load', async () => {
  const { context, page } = await openPage(`${server.url}/`);
  await controlledBy(page);
  const registration = () =>
    page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration();
      return { active: found.active?.state, waiting: found.waiting?.state ?? null, installing: found.installing?.state ?? null };
    });

  // A release: the site's omni-sw.js changes; the browser finds it and installs it behind the running one.
  const release = () =>
    page.evaluate(() => new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', (event) => resolve(event.data), { once: true });
      navigator.serviceWorker.controller.postMessage('release?');
      setTimeout(() => resolve('first release'), 1000);
    }));
  appendFileSync(join(webRoot, 'dist-cdn', 'omni-sw.js'), "\nself.addEventListener('message', (event) => event.data === 'release?' && event.source.postMessage('next release'));\n");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until(async () => (await registration()).waiting === 'installed', 'the new version to wait');

  // Another tab loads (it asks the new version to take over): it must not, the first tab is still open.
  const second = await context.newPage();
  await second.goto(`${server.url}/`);
  await second.locator('omni-chat [part="launcher"]').waitFor();
  await second.waitForTimeout(1500);
  assert.equal((await registration()).waiting, 'installed', 'no takeover while another tab is open');
  assert.equal(await release(), 'first release', 'the open page keeps the version it started with');

  // That tab closes; the next load of the remaining one is alone: the new version activates.
  await second.close();
  await page.reload();
  await until(async () => (await registration()).waiting === null, 'the new version to take over', 30000);
  await until(async () => (await registration()).active === 'activated', 'the new version to be activated');
  await page.reload();
  assert.equal(await release(), 'next release', 'the next load runs the new version');
  await context.close();
});

test('a site on another origin hosts a copy of omni-sw.js, which precaches the widget from the omni origin by absolute URL', async () => {
  const siteDir = mkdtempSync(join(tmpdir(), 'omni-sw-site-'));
  cpSync(join(webRoot, 'dist-cdn', 'omni-sw.js'), join(siteDir, 'omni-sw.js'));
  writeFileSync(join(siteDir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="module" src="${server.url}/cdn/omni-widget.js" crossorigin="anonymous"></script>
</head><body><h1>Shop</h1>
<omni-chat server-url="${server.url}" token-url="/omni-token" service-worker="/omni-sw.js"></omni-chat>
</body></html>`);
  const site = await startSiteBackend({ serverUrl: server.url, apiKey: server.apiKey, staticDir: siteDir });
  try {
    const { context, page, problems } = await openPage(`${site.url}/index.html`);
    const scriptURL = new URL(await controlledBy(page));
    assert.equal(scriptURL.origin, site.url);
    assert.equal(scriptURL.searchParams.get('server'), server.url);
    const precached = await cachedUrls(page, 'omni-widget-precache');
    assert.ok(precached.includes(`${server.url}/cdn/omni-widget.js`), `the omni origin's entry is precached (${precached.join(', ')})`);

    const widgetFiles = [];
    page.on('response', (response) => {
      if (response.url().startsWith(`${server.url}/cdn/`)) widgetFiles.push({ url: response.url(), fromWorker: response.fromServiceWorker() });
    });
    await page.reload();
    await page.locator('omni-chat [part="launcher"]').waitFor();
    assert.ok(widgetFiles.length >= 2, 'the entry and its chunk were loaded');
    for (const file of widgetFiles) assert.equal(file.fromWorker, true, `${file.url} came from the precache`);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await site.close();
    rmSync(siteDir, { recursive: true, force: true });
  }
});
