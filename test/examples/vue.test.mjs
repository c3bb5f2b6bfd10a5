// The Vue example (examples/vue) as an integrator ships it: the packed widget installed into a
// Vite + Vue app, `vue-tsc -b && vite build` (strict templates, with the type checks of
// src/TypeChecks.vue), served by the example site backend in front of the real omni server.
// A guest chats from the app in Chromium, an agent answers through the API, and the app's own
// Vue UI shows the reply it received through `@omni-message`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startSiteBackend } from '../../examples/site-backend/server.mjs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serverProcess } from '../e2e/server-process.mjs';
import { agentToken, buildExample, initialScriptsGzip, scriptFiles, serverApi } from './example-app.mjs';

/** Text only sip.js holds (the prefix of its User-Agent header): marks the file that carries it. */
const SIP_JS = /"SIP\.js\/"/;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let app;
let server;
let site;
let browser;

before(async () => {
  const started = Date.now();
  app = await buildExample('vue');
  console.log(`vue example: pack, install and build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  server = await serverProcess({ env: { OMNI_DEMO: '0' } });
  site = await startSiteBackend({ serverUrl: server.url, apiKey: server.apiKey, staticDir: join(app, 'dist') });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await server?.dispose();
});

/** The build's script files that hold sip.js. */
const sipFiles = () => scriptFiles(join(app, 'dist')).filter((file) => SIP_JS.test(readFileSync(file, 'utf8')));

/** The same app built with `omni-widget/vue` replaced by an empty plugin: what the page costs without the widget. */
async function buildWithoutWidget() {
  const out = resolve(app, '..', '..', '.tmp', 'vue-without-widget');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const stub = join(out, 'omni-widget-stub.mjs');
  writeFileSync(stub, 'export const OmniElements = { install() {} };\n');
  const { build } = await import(pathToFileURL(join(app, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  await build({
    root: app,
    configFile: join(app, 'vite.config.ts'),
    logLevel: 'silent',
    resolve: { alias: { 'omni-widget/vue': stub } },
    build: { outDir: join(out, 'dist'), emptyOutDir: true },
  });
  const initial = initialScriptsGzip(join(out, 'dist'));
  rmSync(out, { recursive: true, force: true });
  return initial;
}

test('the build loads calling lazily: sip.js is in a lazy chunk, never in the initial scripts', async (t) => {
  const dist = join(app, 'dist');
  const initial = initialScriptsGzip(dist);
  assert.ok(initial.files.length > 0, 'index.html loads the app');
  const initialPaths = initial.files.map((file) => join(dist, file.replace(/^\//, '')));
  for (const file of initialPaths) assert.doesNotMatch(readFileSync(file, 'utf8'), SIP_JS, `${file} is loaded up front and must not hold sip.js`);
  const withSip = sipFiles();
  assert.equal(withSip.length, 1, 'one chunk holds sip.js');
  assert.ok(!initialPaths.includes(withSip[0]), 'and it is a lazy one');

  const started = Date.now();
  const without = await buildWithoutWidget();
  t.diagnostic(`build without the widget took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  t.diagnostic(`initial JS (gzip -9): ${kb(initial.bytes)} with the widget (${initial.files.join(', ')}), ${kb(without.bytes)} without it, widget adds ${kb(initial.bytes - without.bytes)}`);
  console.log(`vue example: initial JS ${kb(initial.bytes)} gz with the widget, ${kb(without.bytes)} gz without (+${kb(initial.bytes - without.bytes)})`);
});

const agentApi = (method, path, jwt, body) => serverApi(server, jwt, method, path, body);

test('a guest chats from the Vue app, and the agent\'s reply reaches the app\'s own UI through omni-message', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const sockets = [];
  const scripts = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname === '/v1/events') sockets.push(socket.url());
  });
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });

  try {
    await page.goto(site.url);
    // `open` on <omni-chat> in the template: the panel is open, its input ready.
    const input = page.locator('omni-chat [part="input"]');
    await input.fill('Does the Vue shop sell tubeless valves?');
    await input.press('Enter');
    await page.locator('omni-chat [part~="message"]').filter({ hasText: 'tubeless valves' }).waitFor();

    // The agent finds the conversation and the message through the API.
    const jwt = await agentToken(server);
    let conversation;
    for (let i = 0; i < 50 && !conversation; i += 1) {
      const { conversations } = await agentApi('GET', '/v1/conversations', jwt);
      conversation = conversations.find((c) => c.lastMessage?.message.text === 'Does the Vue shop sell tubeless valves?');
      if (!conversation) await new Promise((done) => setTimeout(done, 100));
    }
    assert.ok(conversation, 'the agent sees the guest conversation');
    const history = await agentApi('GET', `/v1/conversations/${conversation.id}/messages?limit=50`, jwt);
    assert.deepEqual(history.messages.map((event) => event.message.text), ['Does the Vue shop sell tubeless valves?']);
    assert.equal(history.messages[0].author.role, 'customer');

    // The reply: the widget shows it, and the app's own list shows the omni-message detail.
    await agentApi('POST', `/v1/conversations/${conversation.id}/messages`, jwt, {
      clientMessageId: 'vue-example-reply-1', type: 'text', text: 'Yes: 44 mm, in stock.',
    });
    await page.locator('omni-chat [part~="message"]').filter({ hasText: '44 mm, in stock' }).waitFor();
    const received = page.getByTestId('support-message');
    await received.filter({ hasText: 'Yes: 44 mm, in stock.' }).waitFor();
    assert.deepEqual(await received.allTextContents(), ['Yes: 44 mm, in stock.'], 'omni-message fires once, for the agent\'s message only');

    // That re-rendered the app, which hands <omni-chat> a new inline jwtProvider: the session stays, and a second reply arrives on it.
    await agentApi('POST', `/v1/conversations/${conversation.id}/messages`, jwt, {
      clientMessageId: 'vue-example-reply-2', type: 'text', text: 'Want us to fit them?',
    });
    await received.filter({ hasText: 'Want us to fit them?' }).waitFor();
    assert.deepEqual(await received.allTextContents(), ['Yes: 44 mm, in stock.', 'Want us to fit them?']);

    // The call button rendered without loading calling code.
    await page.locator('omni-call-button [part="call"]').waitFor();
    const sipChunk = basename(sipFiles()[0]);
    assert.deepEqual(scripts.filter((path) => path.endsWith(`/${sipChunk}`)), [], 'the sip.js chunk is not loaded while the guest only chats');

    assert.equal(await page.getByTestId('omni-problems').count(), 0, 'no omni-error reached the app');
    assert.deepEqual(problems, [], 'no console error or uncaught exception');
    assert.equal(sockets.length, 1, `one /v1/events WebSocket for the whole flow, got ${sockets.length}: ${sockets.join(', ')}`);
  } finally {
    await context.close();
  }
});
