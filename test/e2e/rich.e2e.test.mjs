// A full rich-media flow on the demo page under its strict Content-Security-Policy: every message
// type from the agent, a quick reply and a postback from the guest, attachments both ways, typing
// — with zero `securitypolicyviolation` events and no uncaught error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { agentToken, serverProcess } from './server-process.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
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

test('every message type and attachments render under the strict CSP with zero violations', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(`${server.url}/`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

  await page.locator('omni-chat [part="launcher"]').click();
  const input = page.locator('omni-chat [part="input"]');
  await input.fill('Hi, **I need** help with `my order`');
  await input.press('Enter');
  const messages = page.locator('omni-chat [part~="message"]');
  await messages.filter({ hasText: 'I need help with my order' }).waitFor();

  const agent = await agentToken(server, 'rich-agent', 'Sam');
  const auth = { authorization: `Bearer ${agent}` };
  const { conversations } = await (await fetch(`${server.url}/v1/conversations`, { headers: auth })).json();
  const id = conversations.find((c) => c.lastMessage?.message.text?.includes('I need'))?.id;
  assert.ok(id);
  const post = async (body) => {
    const result = await fetch(`${server.url}/v1/conversations/${id}/messages`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ clientMessageId: `rich-${Math.random().toString(36).slice(2)}`, ...body }),
    });
    assert.equal(result.status, 201, await result.text());
  };
  const form = new FormData();
  form.append('conversationId', id);
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'brake-pads.png');
  const uploaded = await (await fetch(`${server.url}/v1/attachments`, { method: 'POST', headers: auth, body: form })).json();
  await post({ type: 'text', text: 'Sure! See [our guide](https://example.com/guide):\n1. Check the pads\n2. Clean the rotor' });
  await post({ type: 'card', title: 'Brake service', text: '€29, done in a day', imageUrl: `${server.url}/demo/site.css`, buttons: [{ type: 'url', title: 'Prices', url: 'https://example.com/prices' }] });
  await post({ type: 'carousel', cards: [{ title: 'Pads' }, { title: 'Rotors' }, { title: 'Cables' }] });
  await post({ type: 'attachment', attachmentId: uploaded.id, caption: 'These are the pads' });
  await post({ type: 'buttons', text: 'Shall I book it?', buttons: [{ type: 'postback', title: 'Book it', payload: 'book' }] });
  await page.locator('omni-chat [part="action"]', { hasText: 'Book it' }).click();
  // The visitor's answer is stored first: quick replies show under the newest message only.
  await page.locator('omni-chat [part~="own"].sent', { hasText: 'Book it' }).waitFor();
  await post({ type: 'quick-replies', text: 'Morning or afternoon?', replies: [{ title: 'Morning', payload: 'am' }, { title: 'Afternoon', payload: 'pm' }] });
  await page.locator('omni-chat [part="quick-reply"]', { hasText: 'Morning' }).click();
  await page.locator('omni-chat omni-attachment [part="thumbnail"] img').waitFor();
  await page.locator('omni-chat input[type="file"]').setInputFiles({ name: 'my-bike.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('omni-chat [part~="own"] omni-attachment [part="thumbnail"] img').waitFor();
  await page.waitForTimeout(300);

  const events = await (await fetch(`${server.url}/v1/conversations/${id}/events?after=0&limit=200`, { headers: auth })).json();
  const sentByGuest = events.events.filter((e) => e.type === 'message' && e.author.role === 'customer').map((e) => e.message.payload ?? e.message.type);
  assert.deepEqual(sentByGuest, ['text', 'book', 'am', 'attachment']);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assert.deepEqual(errors, []);
  await context.close();
});
