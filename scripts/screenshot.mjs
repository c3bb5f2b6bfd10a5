// Regenerates the README's screenshots under docs/: the demo host page with a short guest/agent
// exchange in the light theme (screenshot.png), the dark theme (screenshot-dark.png), on a phone
// (screenshot-phone.png), in Arabic, right to left (screenshot-rtl.png), and in a call answered
// in the agent console, showing the call bar (screenshot-call.png). Uses the system Chromium.
// Run after `npm run build`: node scripts/screenshot.mjs   (OMNI_WEB_ROOT serves another build)
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';
import { agentToken, serverProcess } from '../test/e2e/server-process.mjs';

const server = await serverProcess();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
const agent = { jwt: await agentToken(server, 'sam', 'Sam (workshop)') };
const auth = { authorization: `Bearer ${agent.jwt}`, 'content-type': 'application/json' };
let replies = 0;

/** The agent answers in the newest conversation (the guest who just wrote). */
async function reply(text) {
  const { conversations } = await (await fetch(`${server.url}/v1/conversations`, { headers: auth })).json();
  const newest = conversations.toSorted((a, b) => String(b.lastMessageAt ?? b.updatedAt ?? '').localeCompare(String(a.lastMessageAt ?? a.updatedAt ?? '')))[0];
  replies += 1;
  await fetch(`${server.url}/v1/conversations/${newest.id}/messages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ clientMessageId: `screenshot-reply-${replies}`, type: 'text', text }),
  });
}

/** A new visitor (own browser context) on the demo page, the chat open, one exchange written. */
async function visitor({ viewport = { width: 1200, height: 760 }, colorScheme = 'light', lang, question, answer, isMobile = false }) {
  const context = await browser.newContext({ viewport, colorScheme, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  if (lang) await page.evaluate((tag) => document.querySelector('omni-chat').setAttribute('lang', tag), lang);
  await page.locator('omni-chat [part="launcher"]').click();
  const input = page.locator('omni-chat [part="input"]');
  await input.fill(question);
  await input.press('Enter');
  await page.locator('omni-chat [part~="own"]').filter({ hasText: question.slice(0, 20) }).waitFor();
  await reply(answer);
  await page.locator('omni-chat [part~="message"]').filter({ hasText: answer.slice(0, 20) }).waitFor();
  await page.waitForTimeout(300);
  return page;
}

const english = {
  question: 'Hi! My rear brake squeaks since the last service. Can you help?',
  answer: 'Hi, Sam from the workshop here. Usually that is the pads bedding in; bring it by and we will take a look for free.',
};

try {
  // The light one shows the whole page; the others only the chat (`panel`), to keep the files small.
  const shots = [
    ['docs/screenshot.png', () => visitor(english)],
    ['docs/screenshot-dark.png', () => visitor({ ...english, colorScheme: 'dark' }), 'panel'],
    ['docs/screenshot-phone.png', () => visitor({ ...english, viewport: { width: 390, height: 760 }, isMobile: true })],
    ['docs/screenshot-rtl.png', () => visitor({
      lang: 'ar',
      question: 'مرحبا! الفرامل الخلفية تصدر صريرا منذ آخر صيانة. هل يمكنكم المساعدة؟',
      answer: 'أهلا، معك سام من الورشة. غالبا ما يكون السبب الفحمات الجديدة؛ أحضر الدراجة وسنفحصها مجانا.',
    }), 'panel'],
  ];
  for (const [path, take, only] of shots) {
    const page = await take();
    await (only ? page.locator('omni-chat [part="panel"]') : page).screenshot({ path });
    await page.context().close();
    console.log(`wrote ${path}`);
  }

  // In a call: the agent console answers; the guest's chat shows the call bar below its header.
  const console_ = await (await browser.newContext()).newPage();
  await console_.goto(`${server.url}/agent`);
  await console_.locator('omni-agent-console [part="phone"]').filter({ hasText: 'Phone ready' }).waitFor({ timeout: 15000 });
  const guest = await visitor(english);
  await guest.locator('omni-chat omni-call-button[layout="button"] [part="call"]').click();
  await console_.locator('omni-agent-console [part="answer"]').click({ timeout: 15000 });
  await guest.locator('omni-chat omni-call-button[layout="bar"] [part="status"]').filter({ hasText: 'In call' }).waitFor({ timeout: 15000 });
  await guest.waitForTimeout(2300);
  await guest.locator('omni-chat [part="panel"]').screenshot({ path: 'docs/screenshot-call.png' });
  console.log('wrote docs/screenshot-call.png');
  await guest.locator('omni-chat omni-call-button[layout="bar"] [part="hangup"]').click();
} finally {
  await browser.close();
  await server.dispose();
}
