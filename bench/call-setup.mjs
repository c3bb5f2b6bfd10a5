// Call setup time on loopback through the built-in SIP edge, in real Chromium with fake media:
// the widget (`OmniWidget.loadCalling()` -> Call.place, credentials + socket + INVITE, until
// `active`) against a bare sip.js SimpleUser call (credentials + socket + INVITE until answered) in the same
// run; both also as "INVITE sent -> 200 OK received" on the wire. Median over N calls each.
//   npm run build && node bench/call-setup.mjs [--calls 20]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.mjs';
import { serverProcess, upsertAgent } from '../test/e2e/server-process.mjs';

const callsFlag = process.argv.indexOf('--calls');
const calls = callsFlag > 0 ? Number(process.argv[callsFlag + 1]) : 20;
const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };

// A bench page origin that serves the built bundle and sip.js itself (for the bare baseline).
const pageHtml = `<!doctype html><meta charset="utf-8"><script type="module" src="/cdn/omni-widget.js"></script>`;
const statics = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://x');
  const root = url.pathname.startsWith('/cdn/') ? 'dist-cdn' : url.pathname.startsWith('/sip.js/') ? 'node_modules/sip.js' : undefined;
  if (url.pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml);
  if (!root) return response.writeHead(404).end();
  const file = normalize(join(root, url.pathname.replace(/^\/(cdn|sip\.js)\//, '')));
  if (!file.startsWith(root)) return response.writeHead(403).end();
  try {
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => statics.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${statics.address().port}/`;

const server = await serverProcess();
// Agent tokens are minted only for agents the server knows.
await upsertAgent(server, 'bench-agent', 'Bench agent');
await upsertAgent(server, 'bench-simple-agent', 'Bench agent (simple)');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs({ calls: true }) });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.OmniWidget);
  const results = await page.evaluate(async ({ serverUrl, apiKey, calls }) => {
    // Wire timing: first INVITE sent -> 200 OK (CSeq INVITE) received, per socket.
    const wire = [];
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        let inviteAt;
        this.addEventListener('message', (event) => {
          const text = String(event.data);
          if (inviteAt !== undefined && /^SIP\/2\.0 200/.test(text) && /CSeq:\s*\d+ INVITE/i.test(text)) {
            wire.push(performance.now() - inviteAt);
            inviteAt = undefined;
          }
        });
        const send = this.send.bind(this);
        this.send = (data) => {
          if (inviteAt === undefined && String(data).startsWith('INVITE ') && !/\r\nTo: [^\r\n]*tag=/i.test(String(data))) inviteAt = performance.now();
          send(data);
        };
      }
    };
    const token = async (path, body) => (await (await fetch(`${serverUrl}${path}`, {
      method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    })).json());
    const { createSession, loadCalling } = window.OmniWidget;
    const calling = await loadCalling();
    const agentSession = createSession({ serverUrl, jwtProvider: () => token('/v1/agent-tokens', { agentId: 'bench-agent' }) });
    const phone = new calling.AgentPhone(agentSession);
    await phone.start();
    phone.$incoming.listen((incoming) => incoming.forEach((pending) => void phone.accept(pending.id)));

    const widget = [];
    const widgetWire = [];
    for (let i = 0; i < calls; i += 1) {
      const guest = createSession({ serverUrl, jwtProvider: () => token('/v1/tokens', { integrationId: 'demo', customerId: `bench-${i}`, verifiedCustomer: false }) });
      await guest.tokens.get();
      const before = wire.length;
      const started = performance.now();
      const call = await calling.Call.place(guest);
      await new Promise((resolve, reject) => {
        const stop = call.$state.subscribe((state) => {
          if (state.name === 'active') { stop(); resolve(); }
          if (['error', 'ended', 'dropped'].includes(state.name)) { stop(); reject(new Error(state.message)); }
        });
      });
      widget.push(performance.now() - started);
      if (wire.length > before) widgetWire.push(wire[wire.length - 1]);
      await call.hangup();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await phone.stop();

    // The baseline: bare sip.js SimpleUser on both sides, same edge, same credentials route.
    const { Web } = await import('/sip.js/lib/index.js');
    const credentials = async (jwt) => (await (await fetch(`${serverUrl}/v1/sip/credentials`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } })).json());
    const agentCredentials = await credentials((await token('/v1/agent-tokens', { agentId: 'bench-simple-agent' })).jwt);
    const audio = () => ({ media: { constraints: { audio: true, video: false } } });
    const options = (c, delegate) => ({
      aor: c.aor, delegate, ...audio(),
      userAgentOptions: { authorizationUsername: c.username, authorizationPassword: c.password, logLevel: 'error' },
    });
    let agent;
    agent = new Web.SimpleUser(agentCredentials.wsUrl, options(agentCredentials, { onCallReceived: () => void agent.answer() }));
    await agent.connect();
    await agent.register();
    const bare = [];
    const bareWire = [];
    for (let i = 0; i < calls; i += 1) {
      const guestJwt = (await token('/v1/tokens', { integrationId: 'demo', customerId: `bench-simple-${i}`, verifiedCustomer: false })).jwt;
      const before = wire.length;
      const started = performance.now();
      // Like the widget, the bare client gets its SIP credentials inside the timed span.
      const c = await credentials(guestJwt);
      const answered = new Promise((resolve) => { guestDelegate.onCallAnswered = resolve; });
      const guestDelegate = {};
      const guest = new Web.SimpleUser(c.wsUrl, options(c, guestDelegate));
      const done = new Promise((resolve) => { guestDelegate.onCallAnswered = resolve; });
      await guest.connect();
      await guest.call(c.destination);
      await done;
      bare.push(performance.now() - started);
      if (wire.length > before) bareWire.push(wire[wire.length - 1]);
      await guest.hangup();
      await guest.disconnect();
      void answered;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await agent.unregister();
    await agent.disconnect();
    return { widget, widgetWire, bare, bareWire };
  }, { serverUrl: server.url, apiKey: server.apiKey, calls });

  const w = median(results.widget);
  const b = median(results.bare);
  console.log(`call setup on loopback, built-in edge, median of ${calls} calls each:`);
  console.log(`  widget      start -> active      ${w.toFixed(1)} ms   INVITE -> 200 OK ${median(results.widgetWire).toFixed(1)} ms`);
  console.log(`  SimpleUser  start -> answered    ${b.toFixed(1)} ms   INVITE -> 200 OK ${median(results.bareWire).toFixed(1)} ms`);
  console.log(`  widget overhead: ${(w / b).toFixed(2)}x (goal <= 1.10x)`);
} finally {
  await browser.close();
  await server.dispose();
  statics.close();
}
