// Supervisor analytics update latency: from an event's append (its `createdAt`, stamped by the
// server in the append's transaction) to the `queue` frame that shows it arriving on a supervisor's
// analytics socket (same machine, same clock). Each round a new customer writes (waiting +1), an
// agent answers (assigned +1) and resolves (resolved today +1): three changes, each awaited before
// the next. Includes the 250 ms debounce that coalesces bursts. Prints p50/p95/max.
//   npm run build -w server && node bench/analytics.mjs [--rounds 30] [--scale-out]
// --scale-out: two processes on PostgreSQL + Redis; the events are made on process A and the
// supervisor's socket is on process B.
import { startServer } from '../server/dist/server/app.js';
import { openAnalytics } from '../server/dist/server/test/analytics-socket.js';
import { startScaleOut } from '../server/dist/server/test/scale-out.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const flag = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const rounds = flag('--rounds', 30);
const scaleOut = process.argv.includes('--scale-out');

/** `{ write, read, apiKey, stop }`: where events are made, where the supervisor listens. */
async function servers() {
  if (scaleOut) {
    const group = await startScaleOut(2);
    const [a, b] = group.processes;
    // A freshly started process may answer 503 while its event loop settles (admission control).
    for (const process of group.processes) {
      for (let tries = 0; tries < 60; tries += 1) {
        const response = await fetch(`${process.url}/v1/queues`, { headers: { authorization: `Bearer ${process.apiKey}` } });
        if (response.status !== 503) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return { write: a.url, read: b.url, apiKey: a.apiKey, label: `two processes, ${group.engine} + Redis`, stop: () => group.stop() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-bench-analytics-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', demo: false });
  return {
    write: server.url, read: server.url, apiKey: server.apiKey, label: 'one process, SQLite',
    stop: async () => { await server.close(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

const env = await servers();
const call = async (method, path, { jwt, body } = {}) => {
  const response = await fetch(`${env.write}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt ?? env.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
};

try {
  const queue = `bench-${Date.now()}`;
  await call('POST', '/v1/integrations', { body: { id: queue, name: 'Bench', queue } });
  const agentToken = async (id, role) => {
    await call('PUT', `/v1/agents/${id}`, { body: { name: id, queues: [queue], role } });
    return (await call('POST', '/v1/agent-tokens', { body: { agentId: id } })).jwt;
  };
  const agent = await agentToken('bench-agent', 'agent');
  const supervisor = await agentToken('bench-supervisor', 'supervisor');
  const socket = await openAnalytics(env.read, supervisor);
  let figures = (await socket.next('snapshot', 10_000)).queues[0];
  const latencies = { message: [], reply: [], resolve: [] };
  /** Makes an event, then waits for the figures that show it; records createdAt -> arrival. */
  const measure = async (kind, make, shows) => {
    const event = await make();
    const { figures: next, at } = await socket.figures(queue, shows, 10_000);
    // The client stamps a frame's arrival with performance.now(): the same moment on Date.now()'s clock.
    const arrived = Date.now() - (performance.now() - at);
    latencies[kind].push(arrived - Date.parse(event.createdAt));
    figures = next;
  };
  for (let round = 0; round < rounds; round += 1) {
    const customer = (await call('POST', '/v1/tokens', { body: { integrationId: queue, customerId: `guest-${round}-${Date.now()}`, verifiedCustomer: false, displayName: `Guest ${round}` } })).jwt;
    const id = (await call('GET', '/v1/conversations', { jwt: customer })).conversations[0].id;
    const text = (jwt, words) => call('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: `b${round}${words.length}`, type: 'text', text: words } });
    const waiting = figures.open;
    await measure('message', () => text(customer, 'Hello'), (next) => next.open === waiting + 1);
    const assigned = figures.assigned;
    await measure('reply', () => text(agent, 'Hi there'), (next) => next.assigned === assigned + 1);
    const resolved = figures.resolvedToday;
    await measure('resolve', () => call('POST', `/v1/conversations/${id}/resolve`, { jwt: agent, body: {} }), (next) => next.resolvedToday === resolved + 1);
  }
  socket.close();
  const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  };
  const all = Object.values(latencies).flat();
  console.log(`analytics update latency, event append -> queue frame (${env.label}; ${rounds} rounds, debounce 250 ms):`);
  for (const [kind, values] of [...Object.entries(latencies), ['all', all]]) {
    console.log(`  ${kind.padEnd(8)} n=${String(values.length).padStart(3)}  p50 ${percentile(values, 50).toFixed(0)} ms  p95 ${percentile(values, 95).toFixed(0)} ms  max ${Math.max(...values).toFixed(0)} ms`);
  }
} finally {
  await env.stop();
}
