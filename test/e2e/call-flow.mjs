// The click-to-call flow from outside, shared by the built-in-edge and Kamailio runs: a guest
// clicks [part="call"] on the demo page, the agent answers in the console, audio flows both
// ways, hold and back, hangup ends both sides with `omni-call-state` "ended".
import assert from 'node:assert/strict';

/** Sums audio RTP bytes of the call shown by the first <omni-call-button> under `host`. */
async function rtpBytes(page, host) {
  return page.evaluate(async (hostSelector) => {
    const find = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.localName === 'omni-call-button' && element.currentCall) return element;
        if (element.shadowRoot) {
          const inner = find(element.shadowRoot);
          if (inner) return inner;
        }
      }
      return undefined;
    };
    const button = find(document.querySelector(hostSelector)?.shadowRoot ?? document) ?? find(document);
    const pc = button?.currentCall?.peerConnection();
    if (!pc) return { sent: 0, received: 0 };
    let sent = 0;
    let received = 0;
    (await pc.getStats()).forEach((report) => {
      if (report.type === 'outbound-rtp' && report.kind === 'audio') sent += report.bytesSent;
      if (report.type === 'inbound-rtp' && report.kind === 'audio') received += report.bytesReceived;
    });
    return { sent, received };
  }, host);
}

async function audioFlows(page, host) {
  const before = await rtpBytes(page, host);
  for (let i = 0; i < 60; i += 1) {
    await page.waitForTimeout(200);
    const now = await rtpBytes(page, host);
    if (now.sent > before.sent && now.received > before.received) return;
  }
  assert.fail(`no RTP both ways on ${host}`);
}

/** Records every omni-call-state event on the page. */
async function recordCallStates(page) {
  await page.evaluate(() => {
    window.__callStates = [];
    document.addEventListener('omni-call-state', (event) => window.__callStates.push(event.detail.state));
  });
  return () => page.evaluate(() => window.__callStates);
}

/** Runs the flow; `guest` and `agent` are playwright pages on `/` and `/agent`. */
export async function clickToCall(guest, agent) {
  await agent.locator('omni-agent-console [part="phone"]').filter({ hasText: 'Phone ready' }).waitFor({ timeout: 15000 });
  const guestStates = await recordCallStates(guest);
  const agentStates = await recordCallStates(agent);
  await guest.locator('#call omni-call-button [part="call"]').click();
  await agent.locator('omni-agent-console [part="incoming"]').waitFor({ timeout: 15000 });
  // The caller by name (the demo's guest is "Guest"), never the SIP user id (c-<base64>).
  const incoming = await agent.locator('omni-agent-console [part="incoming"]').textContent();
  assert.match(incoming, /Incoming call from Guest/);
  assert.doesNotMatch(incoming, /\bc-[A-Za-z0-9_-]{8,}/);
  await agent.locator('omni-agent-console [part="answer"]').click();
  const guestStatus = guest.locator('#call omni-call-button [part="status"]');
  const agentStatus = agent.locator('omni-agent-console omni-call-button [part="status"]');
  await guestStatus.filter({ hasText: 'In call' }).waitFor({ timeout: 15000 });
  await agentStatus.filter({ hasText: 'In call' }).waitFor({ timeout: 15000 });
  await audioFlows(guest, 'body');
  await audioFlows(agent, 'omni-agent-console');

  await guest.locator('#call omni-call-button [part="hold"]').click();
  await guestStatus.filter({ hasText: 'On hold' }).waitFor();
  await guest.locator('#call omni-call-button [part="hold"]').click();
  await guestStatus.filter({ hasText: 'In call' }).waitFor();

  await guest.locator('#call omni-call-button [part="hangup"]').click();
  await guestStatus.filter({ hasText: 'Call ended' }).waitFor();
  await agentStatus.filter({ hasText: 'Call ended' }).waitFor({ timeout: 10000 }).catch(async () => {
    // The agent's controls hide when its call is over; the event log below is what counts.
  });
  for (let i = 0; i < 50 && !(await agentStates()).includes('ended'); i += 1) await agent.waitForTimeout(100);
  assert.deepEqual(await guestStates(), ['connecting', 'ringing', 'active', 'held', 'active', 'ended']);
  assert.ok((await agentStates()).includes('ended'), `agent states: ${await agentStates()}`);
}

/** Opens the agent console and the guest page in separate browser contexts, recording uncaught errors. */
export async function openDemo(browser, baseUrl) {
  const problems = [];
  const open = async (path) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
    await page.goto(`${baseUrl}${path}`);
    return page;
  };
  const agent = await open('/agent');
  const guest = await open('/');
  return { agent, guest, problems };
}

/** The guest writes in the chat first, so the call belongs to a conversation with that text. */
export async function guestWrites(guest, text) {
  await guest.locator('omni-chat [part="launcher"]').click();
  await guest.locator('omni-chat [part="input"]').fill(text);
  await guest.locator('omni-chat [part="input"]').press('Enter');
  await guest.locator('omni-chat [part~="message"].sent').filter({ hasText: text }).waitFor();
}

/** After answering, the console shows the caller's conversation beside the call. */
export async function conversationBesideCall(agent, text) {
  await agent.locator('omni-agent-console omni-conversation [part~="message"]').filter({ hasText: text }).waitFor();
}
