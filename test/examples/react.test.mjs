// The React integration, proven by a real app: examples/react (React 19 + Vite + TypeScript, strict)
// is built against the packed widget, served by the example site backend next to the real omni
// server, and driven in Chromium: a guest writes, an agent answers through the API, and the app's
// own React UI shows the `omni-message` it received. The app writes its jwtProvider inline and
// re-renders, so this also proves the widget keeps one session (one events socket) through that.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { serverProcess } from '../e2e/server-process.mjs';
import { startSiteBackend } from '../../examples/site-backend/server.mjs';
import { buildExample, initialScriptsGzip, packWidget, scriptFiles, serverApi, agentToken } from './example-app.mjs';

/** Text that only sip.js's code holds (its SIP parser and user agent string). */
const SIP_JS = /SIP\/2\.0|SIP\.js\//;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let dist;
let server;
let backend;
let browser;

before(async () => {
  let started = Date.now();
  await packWidget();
  const packMs = Date.now() - started;
  started = Date.now();
  dist = join(await buildExample('react'), 'dist');
  console.log(`examples/react: npm pack ${(packMs / 1000).toFixed(1)} s; npm ci + install tarball + tsc -b + vite build ${((Date.now() - started) / 1000).toFixed(1)} s`);
  server = await serverProcess({ env: { OMNI_DEMO: '0' } });
  backend = await startSiteBackend({ serverUrl: server.url, apiKey: server.apiKey, staticDir: dist });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

after(async () => {
  await browser?.close();
  await backend?.close();
  await server?.dispose();
});

const api = (jwt, method, path, body) => serverApi(server, jwt, method, path, body);

const agentJwt = () => agentToken(server);

/** Polls the agent's view until a guest message with `text` is stored; returns its conversation. */
async function conversationWith(jwt, text) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { conversations } = await api(jwt, 'GET', '/v1/conversations');
    for (const conversation of conversations) {
      const { messages } = await api(jwt, 'GET', `/v1/conversations/${conversation.id}/messages?limit=50`);
      const found = messages.find((event) => event.message.text === text);
      if (found) return { conversation, message: found };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no conversation holds the guest message ${JSON.stringify(text)}`);
}

/** The build's script files that hold sip.js. */
const sipFiles = () => scriptFiles(dist).filter((file) => SIP_JS.test(readFileSync(file, 'utf8')));

test('the production build loads sip.js lazily, and the widget adds a measured amount to the initial download', () => {
  const app = initialScriptsGzip(dist, 'index.html');
  const baseline = initialScriptsGzip(dist, 'baseline.html');
  const initial = new Set(app.files.map((file) => join(dist, file.replace(/^\//, ''))));
  const lazy = scriptFiles(dist).filter((file) => !initial.has(file));
  for (const file of initial) {
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, SIP_JS, `${relative(dist, file)} is loaded up front and must not hold sip.js`);
    // The console's own layout rule (its tag name also appears in the shared event table, so it is no marker).
    assert.doesNotMatch(code, /minmax\(220px/, `${relative(dist, file)}: the agent console is not used by this app and must be tree-shaken`);
  }
  const calling = sipFiles();
  assert.equal(calling.length, 1, `one chunk holds sip.js (lazy: ${lazy.map((file) => relative(dist, file)).join(', ')})`);
  assert.ok(lazy.includes(calling[0]), 'and it is loaded on demand');
  const callingGzip = gzipSync(readFileSync(calling[0]), { level: 9 }).length;
  console.log(
    `examples/react initial JS (gzip -9): ${kb(app.bytes)} with the widget [${app.files.join(', ')}]; ` +
      `${kb(baseline.bytes)} without (baseline.html, same React shell); widget share ${kb(app.bytes - baseline.bytes)} ` +
      `(${((100 * (app.bytes - baseline.bytes)) / app.bytes).toFixed(0)}%); lazy calling chunk ${relative(dist, calling[0])} ${kb(callingGzip)}`,
  );
  assert.ok(app.bytes > baseline.bytes, 'the widget is in the app page and not in the baseline page');
});

test('a guest chats from the React app; its own UI shows the omni-message detail, with one session despite an inline jwtProvider', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const sockets = [];
  const tokenRequests = [];
  const scripts = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === '/omni-token') tokenRequests.push(request.method());
    if (pathname.endsWith('.js')) scripts.push(pathname);
  });
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname === '/v1/events') sockets.push(socket.url());
  });
  try {
    await page.goto(backend.url);
    const input = page.locator('omni-chat [part="input"]');
    await input.waitFor();

    // A re-render (the app's theme switch) hands the chat a new jwtProvider function.
    await page.getByTestId('theme-toggle').click();
    await page.locator('omni-chat[theme="dark"]').waitFor();

    const question = 'Do you ship the Trailblazer 29 to Norway?';
    await input.fill(question);
    await input.press('Enter');
    await page.locator('omni-chat [part~="message"]').filter({ hasText: question }).waitFor();

    // The message reached the server: the agent sees it.
    const jwt = await agentJwt();
    const { conversation, message } = await conversationWith(jwt, question);
    assert.equal(message.author.role, 'customer');

    // The agent's reply reaches the app's own React UI through onOmniMessage.
    const reply = 'Yes, shipping to Norway takes 3-5 days.';
    await api(jwt, 'POST', `/v1/conversations/${conversation.id}/messages`, { clientMessageId: 'react-example-reply-1', type: 'text', text: reply });
    const received = page.getByTestId('received-messages').locator('li');
    await received.filter({ hasText: reply }).waitFor();
    assert.deepEqual(await received.allTextContents(), [`Sam (Support): ${reply}`]);

    // More re-renders (the received list, the theme again), then a second round trip on the same socket.
    await page.getByTestId('theme-toggle').click();
    await page.locator('omni-chat[theme="light"]').waitFor();
    const followUp = 'Great, thanks!';
    await input.fill(followUp);
    await input.press('Enter');
    await conversationWith(jwt, followUp);

    assert.deepEqual(await page.getByTestId('widget-errors').locator('li').allTextContents(), [], 'no omni-error reached the app');
    assert.deepEqual(problems, [], 'no console error or uncaught exception on the page');
    assert.equal(sockets.length, 1, `one events socket for the whole visit, whatever the re-renders (opened: ${sockets.join(', ')})`);
    const calling = sipFiles().map((file) => `/${relative(dist, file)}`);
    assert.deepEqual(scripts.filter((script) => calling.includes(script)), [], 'chatting never downloads the calling chunk');
    assert.ok(scripts.length > 0, 'script requests are seen');
    assert.deepEqual(tokenRequests, ['POST'], 'one token for the visit: a new jwtProvider function is not a reason to fetch another');
  } finally {
    await context.close();
  }
});
