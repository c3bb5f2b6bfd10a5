// The vertical slice from outside: a guest chats from the demo host page (one script tag), an
// agent answers from the API and from the agent console, in real Chromium against the real
// server process; reloads and a server restart lose nothing and throw nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { agentToken, serverProcess } from './server-process.mjs';

let server;
let browser;

before(async () => {
  server = await serverProcess();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

/** Opens a page that records every uncaught error and CSP violation. */
async function openPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}${path}`);
  return { context, page, problems };
}

async function apiAs(jwt, method, path, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.ok(response.ok, `${method} ${path} -> ${response.status}`);
  return response.json();
}

async function agentJwt() {
  return agentToken(server, 'e2e-agent', 'Erin (agent)');
}

const messages = (page) => page.locator('omni-chat [part~="message"]');

test('a guest chats with an agent through the reference server, and nothing is lost', async () => {
  const guest = await openPage('/');
  const launcher = guest.page.locator('omni-chat [part="launcher"]');
  await launcher.click();
  const input = guest.page.locator('omni-chat [part="input"]');
  await input.fill('Hello, my brakes squeak <b>loudly</b>');
  await input.press('Enter');
  await messages(guest.page).filter({ hasText: 'my brakes squeak <b>loudly</b>' }).waitFor();

  // The agent sees it through the API...
  const jwt = await agentJwt();
  let conversation;
  for (let i = 0; i < 50 && !conversation; i += 1) {
    const list = await apiAs(jwt, 'GET', '/v1/conversations');
    conversation = list.conversations.find((c) => c.lastMessage?.message.text === 'Hello, my brakes squeak <b>loudly</b>');
    if (!conversation) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(conversation, 'the agent sees the guest conversation with its message');

  // ...and in the agent console, and replies from there.
  const agent = await openPage('/agent');
  await agent.page.locator('omni-conversation-list').getByText('Hello, my brakes squeak').first().click();
  await agent.page.locator('omni-agent-console [part~="message"]').filter({ hasText: 'my brakes squeak' }).waitFor();
  const agentInput = agent.page.locator('omni-agent-console [part="input"]');
  await agentInput.fill('Sorry to hear that! Which model is it?');
  await agentInput.press('Enter');

  // The reply appears on the guest page live, without reload.
  await messages(guest.page).filter({ hasText: 'Which model is it?' }).waitFor();

  // A reload resumes the history.
  await guest.page.reload();
  await launcher.click();
  await messages(guest.page).filter({ hasText: 'Which model is it?' }).waitFor();
  await messages(guest.page).filter({ hasText: 'my brakes squeak' }).waitFor();

  // A server restart under the open page loses nothing, and the page recovers by itself.
  await server.restart();
  await apiAs(jwt, 'POST', `/v1/conversations/${conversation.id}/messages`, {
    clientMessageId: 'e2e-after-restart-1', type: 'text', text: 'Still there after the restart?',
  });
  await messages(guest.page).filter({ hasText: 'Still there after the restart?' }).waitFor({ timeout: 30000 });
  await input.fill('Yes, a Trailblazer 29');
  await input.press('Enter');
  await agent.page.locator('omni-agent-console [part~="message"]').filter({ hasText: 'Trailblazer 29' }).waitFor({ timeout: 30000 });

  // seq is gap-free from 1.
  const page = await apiAs(jwt, 'GET', `/v1/conversations/${conversation.id}/events?after=0&limit=200`);
  const seqs = page.events.map((event) => event.seq);
  assert.deepEqual(seqs, seqs.map((_, index) => index + 1));
  const texts = page.events.filter((event) => event.type === 'message').map((event) => event.message.text);
  assert.deepEqual(texts, [
    'Hello, my brakes squeak <b>loudly</b>',
    'Sorry to hear that! Which model is it?',
    'Still there after the restart?',
    'Yes, a Trailblazer 29',
  ]);

  // User text was rendered as text: the markup in it made no element.
  assert.equal(await guest.page.locator('omni-chat b').count(), 0);
  assert.deepEqual(guest.problems, [], 'guest page: no uncaught error or CSP violation');
  assert.deepEqual(agent.problems, [], 'agent page: no uncaught error or CSP violation');
  await guest.context.close();
  await agent.context.close();
});

test('the demo site backend keeps the guest id, so a new tab resumes the same conversation', async () => {
  const context = await browser.newContext();
  const first = await context.request.post(`${server.url}/demo/guest-token`);
  const second = await context.request.post(`${server.url}/demo/guest-token`);
  const a = await apiAs((await first.json()).jwt, 'GET', '/v1/conversations');
  const b = await apiAs((await second.json()).jwt, 'GET', '/v1/conversations');
  assert.equal(a.conversations.length, 1);
  assert.equal(a.conversations[0].id, b.conversations[0].id);
  const other = await browser.newContext();
  const third = await other.request.post(`${server.url}/demo/guest-token`);
  const c = await apiAs((await third.json()).jwt, 'GET', '/v1/conversations');
  assert.notEqual(c.conversations[0].id, a.conversations[0].id, 'another browser is another guest');
  await context.close();
  await other.close();
});
