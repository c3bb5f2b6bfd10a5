// One connection per browser, from outside: five tabs of the demo page (one guest) hold exactly
// one events socket; every tab shows each agent message and the same unread count; closing the
// leader tab hands the socket to another tab (the figure is printed) and nothing is lost.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { agentToken, serverApi, serverProcess } from './server-process.mjs';

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

const api = (jwt, method, path, body) => serverApi(server, jwt, method, path, body);

test('five tabs share one events socket; the leader hands over when it closes; every tab agrees', async (t) => {
  const context = await browser.newContext();
  const open = new Map();
  let opened = 0;
  let lastOpenedAt = 0;
  const problems = [];
  const tab = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('websocket', (socket) => {
      if (!socket.url().endsWith('/v1/events')) return;
      opened += 1;
      lastOpenedAt = Date.now();
      open.set(socket, page);
      socket.on('close', () => open.delete(socket));
    });
    await page.goto(`${server.url}/`);
    return page;
  };
  const first = await tab();
  // The guest writes first, so the conversation exists and the agent can find it.
  await first.locator('omni-chat [part="launcher"]').click();
  await first.locator('omni-chat [part="input"]').fill('Hello from tab one');
  await first.locator('omni-chat [part="input"]').press('Enter');
  await first.locator('omni-chat [part~="message"].sent').filter({ hasText: 'Hello from tab one' }).waitFor();
  await first.locator('omni-chat [part="launcher"]').click();
  const pages = [first];
  for (let i = 0; i < 4; i += 1) pages.push(await tab());
  for (const page of pages) await page.waitForFunction(() => document.querySelector('omni-chat')?.shadowRoot?.querySelector('[part="connection"]')?.hasAttribute('hidden'));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(open.size, 1, `one events socket for five tabs (opened ${opened})`);
  t.diagnostic(`sockets with 5 tabs open: ${open.size}`);

  const agent = await agentToken(server, 'tabs-agent', 'Sam');
  const { conversations } = await api(agent, 'GET', '/v1/conversations');
  const id = conversations.find((c) => c.lastMessage?.message.text === 'Hello from tab one').id;
  const badges = () => Promise.all(pages.map((page) => page.locator('omni-chat [part="badge"]').textContent()));
  await api(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'tabs-1', type: 'text', text: 'First answer' });
  for (const page of pages) await page.locator('omni-chat [part="badge"]').filter({ hasText: '1' }).waitFor();
  assert.deepEqual(await badges(), ['1', '1', '1', '1', '1'], 'every tab counts the same unread');

  // Close the leader tab: another takes over the socket.
  const leader = [...open.values()][0];
  const closedAt = Date.now();
  pages.splice(pages.indexOf(leader), 1);
  await leader.close();
  const deadline = Date.now() + 10000;
  const heldByOther = () => [...open.values()].some((page) => page !== leader);
  while (!heldByOther() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(heldByOther(), 'another tab holds the socket');
  t.diagnostic(`leader handoff: a new socket ${lastOpenedAt - closedAt} ms after the leader tab closed`);

  await api(agent, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'tabs-2', type: 'text', text: 'Second answer' });
  for (const page of pages) await page.locator('omni-chat [part="badge"]').filter({ hasText: '2' }).waitFor();
  assert.deepEqual(await badges(), ['2', '2', '2', '2']);
  await pages[0].locator('omni-chat [part="launcher"]').click();
  await pages[0].locator('omni-chat [part~="message"]').filter({ hasText: 'Second answer' }).waitFor();
  const texts = await pages[0].locator('omni-chat [part~="message"] .bubble').allInnerTexts();
  assert.deepEqual(texts.filter((text) => /answer|tab one/.test(text)), ['Hello from tab one', 'First answer', 'Second answer'], 'nothing lost, nothing doubled');
  await new Promise((resolve) => setTimeout(resolve, 500));
  // A closed page reports no close for its sockets: count the sockets of the pages still open.
  assert.equal([...open.values()].filter((page) => !page.isClosed()).length, 1, 'still one socket');
  assert.deepEqual(problems, []);
  await context.close();
});

test('three agent console tabs hold one events socket, and each lists the queue live', async (t) => {
  const context = await browser.newContext();
  const open = new Map();
  const pages = [];
  for (let i = 0; i < 3; i += 1) {
    const page = await context.newPage();
    page.on('websocket', (socket) => {
      if (!socket.url().endsWith('/v1/events')) return;
      open.set(socket, page);
      socket.on('close', () => open.delete(socket));
    });
    await page.goto(`${server.url}/agent`);
    pages.push(page);
  }
  const customer = (await (await fetch(`${server.url}/v1/tokens`, {
    method: 'POST', headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ integrationId: 'demo', customerId: 'tabs-console-guest', verifiedCustomer: false, displayName: 'Casey' }),
  })).json()).jwt;
  const { conversations } = await api(customer, 'GET', '/v1/conversations');
  await api(customer, 'POST', `/v1/conversations/${conversations[0].id}/messages`, { clientMessageId: 'console-tabs-1', type: 'text', text: 'Anyone in the workshop?' });
  for (const page of pages) await page.locator('omni-conversation-list').getByText('Anyone in the workshop?').first().waitFor({ timeout: 15000 });
  assert.equal([...open.values()].filter((page) => !page.isClosed()).length, 1, 'one socket for three console tabs');
  t.diagnostic('sockets with 3 agent console tabs: 1');
  await context.close();
});
