// A 100,000-message conversation in the built widget (dist-cdn), in headless Chromium against the
// real server (a child process, test/e2e/server-process.mjs). The messages are seeded straight into
// the server's SQLite file through its own Store class (server/dist), in one transaction; the page is
// an <omni-chat open> on another origin (a 380x600 panel) with a fresh profile (no local cache).
// Prints, without asserting anything:
//   - time to the newest message: navigation start -> the first frame where the newest message is
//     entirely visible in the list (widget script, token, socket, newest page, render), with when
//     the newest page was requested and answered;
//   - DOM: elements in the conversation's shadow root, and message elements, after opening and every
//     10 history pages while scrolling up (each approach to the top loads the next 30 messages);
//   - JS heap (CDP Runtime.getHeapUsage after a forced GC) after opening and after scrolling;
//   - frame time while scrolling up through N pages (requestAnimationFrame deltas; the list scrolls
//     up a fixed number of pixels every frame, like a fast fling, and waits at the top while a page
//     loads) and while scrolling down through what is loaded (no fetches), with the main thread's
//     script and layout time a frame (CDP Performance metrics);
//   - the jump back to the newest message (click -> newest visible).
// Frame times depend on the machine's load: other processes competing for the CPU show up as long
// frames (the main-thread time a frame does not).
//   npx rollup -c rollup.config.mjs && node bench/long-history.mjs [--messages 100000] [--pages 50] [--step 48]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';
import { serverProcess } from '../test/e2e/server-process.mjs';

const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const total = flag('messages', 100000);
const pages = flag('pages', 50);
const step = flag('step', 48);
const NEWEST = `newest of ${total}`;

for (const needed of ['dist-cdn/omni-widget.js', 'server/dist/server/store/sqlite/sqlite-store.js']) {
  if (!existsSync(needed)) {
    console.error(`${needed} is missing: build first (npx rollup -c rollup.config.mjs; npm run build -w server).`);
    process.exit(2);
  }
}
const { SqliteStore } = await import('../server/dist/server/store/sqlite/sqlite-store.js');

let pageHtml = '';
const statics = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://x');
  if (url.pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml);
  if (!url.pathname.startsWith('/cdn/')) return response.writeHead(404).end();
  const file = normalize(join('dist-cdn', url.pathname.slice('/cdn/'.length)));
  if (!file.startsWith('dist-cdn')) return response.writeHead(403).end();
  try {
    response.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(await readFile(file));
  } catch {
    response.writeHead(404).end();
  }
});

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length - 1) * p))];
const frameSummary = (deltas) =>
  `median ${ms(percentile(deltas, 0.5))}, p95 ${ms(percentile(deltas, 0.95))}, max ${ms(Math.max(...deltas))}; ${deltas.filter((delta) => delta > 50).length} of ${deltas.length} frames over 50 ms`;

const server = await serverProcess();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });

async function api(path, { method = 'GET', body, auth } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${await response.text()}`);
  return response.json();
}

/** Page-side helpers, installed before the widget loads. */
function pageHelpers(newest) {
  const conversation = () => document.querySelector('omni-chat')?.shadowRoot?.querySelector('omni-conversation');
  const list = () => conversation()?.shadowRoot?.querySelector('[part="messages"]');
  const timeline = () => window.OmniWidget.timelineOf(conversation().effectiveSession, conversation().effectiveConversationId).get();
  const visible = (text) => {
    const scroller = list();
    const message = scroller && [...scroller.querySelectorAll('[part~="message"]')].find((element) => element.textContent.includes(text));
    if (!message || scroller.clientHeight === 0) return false;
    const outer = scroller.getBoundingClientRect();
    const inner = message.getBoundingClientRect();
    return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  };
  /** Calls `step(scroller)` every frame until it returns true; resolves with the rAF deltas. */
  const everyFrame = (step) => new Promise((resolve) => {
    const scroller = list();
    const deltas = [];
    let last;
    const frame = (now) => {
      if (last !== undefined) deltas.push(now - last);
      if (last !== undefined && now - last > 50) window.__bench.slow.push({ ms: Math.round(now - last), loaded: timeline().items.length, virtual: scroller.classList.contains('virtual') });
      last = now;
      if (step(scroller, deltas.length)) resolve(deltas);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  window.__bench = {
    newestAt: undefined,
    /** Frames over 50 ms, with what was loaded then. */
    slow: [],
    figures: () => ({
      elements: conversation().shadowRoot.querySelectorAll('*').length,
      messages: conversation().shadowRoot.querySelectorAll('[part~="message"]').length,
      loaded: timeline().items.length,
      virtual: list().classList.contains('virtual'),
    }),
    /** The newest page's request: when it started and when its answer was in, from navigation start. */
    newestPage: () => {
      const entry = performance.getEntriesByType('resource').find((resource) => /\/messages\?limit=/.test(resource.name));
      return entry && { requested: entry.startTime, answered: entry.responseEnd };
    },
    /** Scrolls up `px` a frame until `count` more pages are loaded (or the history's top; or no page for 15 s). */
    scrollUp: (count, px) => {
      const target = timeline().items.length + count * 30;
      let seen = timeline().items.length;
      let progressAt = performance.now();
      return everyFrame((scroller) => {
        const { items, hasMore } = timeline();
        if (items.length !== seen) [seen, progressAt] = [items.length, performance.now()];
        if (items.length >= target || (!hasMore && scroller.scrollTop === 0) || performance.now() - progressAt > 15000) return true;
        scroller.scrollTop -= px;
        return false;
      });
    },
    /** Scrolls down `px` a frame for `count` frames through what is loaded. */
    scrollDown: (count, px) => everyFrame((scroller, frames) => {
      if (frames >= count) return true;
      scroller.scrollTop += px;
      return false;
    }),
    jump: () => new Promise((resolve) => {
      const started = performance.now();
      conversation().shadowRoot.querySelector('[part="jump"]').click();
      const check = () => (visible(newest) ? resolve(performance.now() - started) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    }),
  };
  const watch = () => {
    if (visible(newest)) window.__bench.newestAt = performance.now();
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}

try {
  // A customer, its conversation, and `total` messages (every third from the customer).
  const token = await api('/v1/tokens', { method: 'POST', auth: server.apiKey, body: { integrationId: 'demo', customerId: 'bench-guest', verifiedCustomer: false, displayName: 'Bench Guest', expiresInSeconds: 3600 } });
  const { conversations } = await api('/v1/conversations', { auth: token.jwt });
  // A page view creates no conversation: the customer's first message does.
  await api(`/v1/conversations/${conversations[0].id}/messages`, { method: 'POST', auth: token.jwt, body: { clientMessageId: 'bench-0', type: 'text', text: 'Hello' } });
  const seedStarted = performance.now();
  const store = new SqliteStore(join(server.dataDir, 'omni.sqlite'));
  const conversation = await store.getConversation(conversations[0].id);
  const agent = { id: 'bench-agent', role: 'agent', displayName: 'Bench Agent' };
  const lines = ['Thanks, I will check that for you.', 'Could you send the **order number**?', 'Sure: it is `A-1042`.', 'Here is the link: [tracking](https://example.com/track)'];
  // appendMessage runs its own (nested) transaction synchronously; one outer transaction makes 100,000 of them quick.
  store.db.transaction(() => {
    for (let n = 1; n <= total; n++) {
      const text = n === total ? NEWEST : `${n}: ${lines.slice(0, 1 + (n % lines.length)).join('\n')}`;
      void store.appendMessage(conversation, n % 3 === 0 ? conversation.customer : agent, { clientMessageId: `bench-${n}`, type: 'text', text });
    }
  })();
  await store.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  pageHtml = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<omni-chat open server-url="${server.url}"></omni-chat>
<script type="module">document.querySelector('omni-chat').jwtProvider = async () => (${JSON.stringify(token)});</script>
<script type="module" src="/cdn/omni-widget.js"></script>`;
  await new Promise((resolve) => statics.listen(0, '127.0.0.1', resolve));

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  /** Main-thread time so far: script, and layout + style recalculation, in ms. */
  const busy = async () => {
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
    return { script: metrics.ScriptDuration * 1000, layout: (metrics.LayoutDuration + metrics.RecalcStyleDuration) * 1000 };
  };
  const perFrame = (from, to, frames) => `main thread a frame: script ${ms((to.script - from.script) / frames)}, layout+style ${ms((to.layout - from.layout) / frames)}`;
  const figures = () => page.evaluate(() => window.__bench.figures());
  await page.addInitScript(pageHelpers, NEWEST);

  await page.goto(`http://127.0.0.1:${statics.address().port}/`);
  await page.waitForFunction(() => window.__bench.newestAt !== undefined, undefined, { timeout: 60000 });
  const newestAt = await page.evaluate(() => window.__bench.newestAt);
  const newestPage = await page.evaluate(() => window.__bench.newestPage());
  await page.waitForTimeout(1000);
  const opened = { ...(await figures()), heap: await heap() };

  const checkpoints = [];
  const up = [];
  const upStarted = await busy();
  for (let done = 0; done < pages; ) {
    const chunk = Math.min(10, pages - done);
    up.push(...(await page.evaluate(([count, px]) => window.__bench.scrollUp(count, px), [chunk, step])).slice(1));
    done += chunk;
    checkpoints.push({ label: `after ${done} pages up`, ...(await figures()) });
  }
  const upEnded = await busy();
  await page.waitForTimeout(500);
  const scrolled = { ...(await figures()), heap: await heap() };
  const downStarted = await busy();
  const down = (await page.evaluate(([count, px]) => window.__bench.scrollDown(count, px), [600, step])).slice(1);
  const downEnded = await busy();
  const jumpMs = await page.evaluate(() => window.__bench.jump());
  await page.waitForTimeout(500);
  const back = { ...(await figures()), heap: await heap() };
  const slow = await page.evaluate(() => window.__bench.slow);

  console.log(`long history: ${total.toLocaleString('en')} messages (seeded in ${seedSeconds.toFixed(1)} s), headless Chromium, built widget, 380x600 panel`);
  console.log(`time to the newest message: ${ms(newestAt)} from navigation start to the first frame showing it` +
    (newestPage ? ` (newest page requested at ${ms(newestPage.requested)}, answered at ${ms(newestPage.answered)})` : ''));
  console.log('');
  console.log(`${''.padEnd(50)}${'elements'.padStart(10)}${'messages'.padStart(10)}${'loaded'.padStart(10)}${'JS heap'.padStart(10)}`);
  const row = (label, figure) => console.log(`${(label + (figure.virtual ? ' (virtualized)' : '')).padEnd(50)}${String(figure.elements).padStart(10)}${String(figure.messages).padStart(10)}${String(figure.loaded).padStart(10)}${(figure.heap ? mb(figure.heap) : '').padStart(10)}`);
  row('after opening', opened);
  for (const point of checkpoints) row(`  ${point.label}`, point);
  row(`after ${pages} pages up, settled`, scrolled);
  row('after the jump back to the newest', back);
  console.log('(elements: in the conversation\'s shadow root; messages: message elements in it; loaded: messages in the timeline)');
  console.log('');
  console.log(`scrolling up ${step} px a frame through ${pages} pages: frame time ${frameSummary(up)}`);
  console.log(`  ${perFrame(upStarted, upEnded, up.length)}`);
  console.log(`scrolling down ${step} px a frame through loaded history (no fetches): frame time ${frameSummary(down)}`);
  console.log(`  ${perFrame(downStarted, downEnded, down.length)}`);
  if (slow.length) {
    const worst = [...slow].sort((a, b) => b.ms - a.ms).slice(0, 8);
    console.log(`  longest frames: ${worst.map((frame) => `${frame.ms} ms (${frame.loaded} loaded${frame.virtual ? ', virtualized' : ''})`).join(', ')}`);
  }
  console.log(`jump back to the newest message: ${ms(jumpMs)}`);
  console.log(`heap per loaded message: ${((scrolled.heap - opened.heap) / Math.max(1, scrolled.loaded - opened.loaded) / 1024).toFixed(2)} KB (the timeline keeps every loaded message; the DOM only the rows near the viewport)`);
  await context.close();
} finally {
  await browser.close();
  statics.close();
  await server.dispose();
}
