// Load: N guests, each with its events socket open, POST a text message once a second (REST,
// keep-alive); one agent of queue `support` receives every message event. Prints guest->agent
// latency (p50/p95/p99/max), messages persisted a second (the server's omni_messages_appended_total),
// CPU and RSS of every server-side process, and errors, for
//   relay     a plain node http + `ws` relay (no validation, auth, storage, bus): the floor;
//   sqlite    one reference server process on SQLite;
//   postgres  two reference server processes on PostgreSQL + Redis (guests' sockets and POSTs
//             spread over both, no stickiness; the agent on the first, so half the messages cross Redis);
// then each mode's latency as a multiple of the floor. Guests run in child processes
// (bench/load/guests.mjs); the agent and the measuring run here. Everything shares this machine.
//   npm run build -w server && node bench/load.mjs [--guests 1000] [--seconds 20] [--mode sqlite|postgres|relay|all]
//     [--connections guest|N] [--generators N] [--profile [--profile-out file.cpuprofile]]
// --guests defaults to 1000 then 5000; --connections `guest` (default) gives every guest its own
// keep-alive connection (as a browser would), N shares a pool of N; --generators defaults to one
// guest process per 2,500 guests. --profile runs only the SQLite server, under --cpu-prof, and
// summarises where its time went during the window.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAgent } from './load/agent.mjs';
import { startGenerators } from './load/generators.mjs';
import { cpuPercent, loadAverage, metricValue, processGroup } from './load/process-stats.mjs';
import { summariseProfile } from './load/profile-summary.mjs';
import { BENCH_ENV, startTarget } from './load/targets.mjs';

const argument = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const profile = process.argv.includes('--profile');
const guestCounts = argument('guests') ? [Number(argument('guests'))] : profile ? [1000] : [1000, 5000];
const seconds = Number(argument('seconds') ?? 20);
const mode = profile ? 'sqlite' : argument('mode') ?? 'all';
const modes = mode === 'all' ? ['relay', 'sqlite', 'postgres'] : [mode];
const generatorCount = argument('generators') ? Number(argument('generators')) : undefined;
const connections = argument('connections') && argument('connections') !== 'guest' ? Number(argument('connections')) : 'guest';
/** Regular traffic before the window opens (after the warm-up), so the window sees steady state. */
const SETTLE_SECONDS = 3;

const dist = (path) => fileURLToPath(new URL(`../server/dist/${path}`, import.meta.url));
if (!existsSync(dist('server/main.js')) || !existsSync(dist('server/test/postgres-cluster.js'))) {
  console.error('server/dist is missing: run `npm run build -w server` first (from the repository root).');
  process.exit(2);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const percentile = (ordered, p) => (ordered.length === 0 ? NaN : ordered[Math.min(ordered.length - 1, Math.floor(p * (ordered.length - 1)))]);
const ms = (value) => (typeof value !== 'number' || Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** POSTs JSON with the API key; returns the parsed answer or throws. */
async function backend(url, apiKey, path, body) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Customer tokens for `count` guests, minted up front in parallel batches (API-key requests are never rate limited). */
async function mintGuestTokens(target, count, run) {
  if (target.mode === 'relay') return Array.from({ length: count }, (_, index) => `guest${index}`);
  const tokens = [];
  for (let offset = 0; offset < count; offset += 100) {
    const batch = Array.from({ length: Math.min(100, count - offset) }, (_, index) =>
      backend(target.urls[0], target.apiKey, '/v1/tokens', {
        integrationId: 'demo', customerId: `load-${run}-${offset + index}`, verifiedCustomer: false, displayName: 'Guest',
      }).then((answer) => answer.jwt));
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

/** A token of an agent serving `support`; servers with an agent registry (`PUT /v1/agents/:id`) get the agent created first. */
async function agentToken(target, agentId) {
  const created = await fetch(`${target.urls[0]}/v1/agents/${agentId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Load agent', queues: ['support'] }),
  });
  if (!created.ok && created.status !== 404) throw new Error(`PUT /v1/agents/${agentId}: ${created.status} ${await created.text()}`);
  return (await backend(target.urls[0], target.apiKey, '/v1/agent-tokens', { agentId, queues: ['support'] })).jwt;
}

/** The sum of omni_messages_appended_total over the target's processes. */
async function persistedCount(target) {
  let total = 0;
  for (const url of target.metricsUrls) total += metricValue(await (await fetch(`${url}/metrics`)).text(), 'omni_messages_appended_total') ?? 0;
  return total;
}

/** Event-loop delay p99 and max (ms) of each server process since the previous scrape (prom-client resets them at every scrape; 10 ms resolution). */
async function loopLag(target) {
  const lags = [];
  for (const url of target.metricsUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (name) => (metricValue(text, name) || NaN) * 1000;
    const max = read('omni_nodejs_eventloop_lag_max_seconds');
    // No max: no sample since the last scrape (the monitor's timer never ran), the p99 then means nothing.
    lags.push({ p99: Number.isNaN(max) ? NaN : read('omni_nodejs_eventloop_lag_p99_seconds'), max });
  }
  return lags;
}

const cpuOf = ({ total, system }) => ({ cpu: total, cpuSystem: system });

/** The server's error-level log lines (pino JSON, level >= 50), counted by message. */
function errorLines(output) {
  const counts = new Map();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line);
      if (entry.level < 50) continue;
      const text = `${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`.slice(0, 160);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    } catch {
      // Not a log line.
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([text, count]) => `${count}x ${text}`);
}

/** Waits until `received()` reaches `expected` or has not moved for `quietMs`. */
async function settle(received, expected, quietMs, limitMs) {
  const deadline = Date.now() + limitMs;
  let last = -1;
  let movedAt = Date.now();
  while (received() < expected && Date.now() < deadline) {
    if (received() !== last) [last, movedAt] = [received(), Date.now()];
    else if (Date.now() - movedAt > quietMs) break;
    await sleep(50);
  }
}

/** One run: `mode` with `count` guests; returns the figures of its window. */
async function runOne(mode, count, run, cpuProfileDir) {
  const load = loadAverage();
  const target = await startTarget(mode, { cpuProfileDir });
  let generators;
  let agent;
  try {
    const tokens = await mintGuestTokens(target, count, run);
    const agentJwt = mode === 'relay' ? 'agent' : await agentToken(target, `load-agent-${run}`);
    agent = await connectAgent(target.urls[0], agentJwt);
    generators = startGenerators(generatorCount ?? Math.ceil(count / 2500));
    const processes = target.urls.length;
    // No stickiness: a guest's socket and its POSTs land on processes chosen independently.
    const guests = tokens.map((jwt, index) => ({ index, jwt, wsUrl: target.urls[index % processes], httpUrl: target.urls[Math.floor(index / processes) % processes] }));
    const ready = await generators.setup(guests, connections);
    if (ready.failures > 0) throw new Error(`${ready.failures} guests could not connect: ${ready.firstErrors.join('; ')}`);
    const startIn = (ms) => String(process.hrtime.bigint() + BigInt(ms) * 1_000_000n);

    // Warm-up: every guest's first message creates its conversation (spread over about a second per thousand guests).
    const warmed = await generators.step({ type: 'warmup', startNs: startIn(100), spreadMs: Math.max(1000, count) }, 'warmed');
    await settle(() => agent.received, warmed.ok, 3000, 15_000);

    const groups = [...target.groups, ...generators.pids.map((pid, at) => processGroup(`guest generator ${at + 1}`, pid))];
    const before = { cpu: [], persisted: 0 };
    const after = { cpu: [], persisted: 0 };
    const startNs = startIn(100);
    const windowStartNs = Number(startNs) + SETTLE_SECONDS * 1e9;
    const windowEndNs = windowStartNs + seconds * 1e9;
    const done = generators.step({ type: 'run', startNs, settleSeconds: SETTLE_SECONDS, seconds }, 'done');
    await sleep((windowStartNs - Number(process.hrtime.bigint())) / 1e6);
    before.cpu = groups.map((group) => group.sample());
    before.main = [performance.now(), process.cpuUsage()];
    before.persisted = await persistedCount(target);
    await loopLag(target);
    await sleep((windowEndNs - Number(process.hrtime.bigint())) / 1e6);
    after.cpu = groups.map((group) => group.sample());
    after.main = [performance.now(), process.cpuUsage(before.main[1])];
    after.persisted = await persistedCount(target);
    const serverLag = await loopLag(target);
    const finished = { ...(await done), windowStartNs, windowEndNs };
    await settle(() => agent.received, finished.answeredOk, 1000, 5_000);

    const latencies = Float64Array.from(agent.latenciesSentWithin(windowStartNs, windowEndNs)).sort();
    const serverErrors = errorLines(target.output?.() ?? '');
    const wallSeconds = (after.cpu[0].at - before.cpu[0].at) / 1000;
    return {
      mode, count, load, ready, warmed, finished,
      latency: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), max: percentile(latencies, 1), n: latencies.length },
      missing: finished.ok - latencies.length,
      serverErrors,
      duplicates: agent.duplicates,
      agentClosed: agent.closed,
      persistedPerSecond: mode === 'relay' ? NaN : (after.persisted - before.persisted) / wallSeconds,
      receivedPerSecond: latencies.length / seconds,
      serverLag,
      processes: groups.map((group, index) => ({ name: group.name, ...cpuOf(cpuPercent(before.cpu[index], after.cpu[index])), rss: after.cpu[index].rss, peak: after.cpu[index].peak })),
      measurer: (100 * (after.main[1].user + after.main[1].system)) / 1000 / (after.main[0] - before.main[0]),
    };
  } finally {
    await generators?.close();
    agent?.close();
    await target.stop();
  }
}

/** Prints one run's figures. */
function print(result) {
  const { latency, finished } = result;
  const errors = [
    ...Object.entries(finished.statuses).map(([status, n]) => `${n}x HTTP ${status}`),
    ...Object.entries(finished.errors).map(([code, n]) => `${n}x ${code}`),
    ...(finished.unanswered > 0 ? [`${finished.unanswered} POSTs unanswered 5 s after the last send`] : []),
    ...(result.missing > 0 ? [`${result.missing} answered 2xx but not received by the agent`] : []),
    ...(finished.unexpectedCloses > 0 ? [`${finished.unexpectedCloses} guest sockets closed (${JSON.stringify(finished.closeCodes)})`] : []),
    ...(result.agentClosed ? [`agent socket closed: ${result.agentClosed}`] : []),
    ...(result.duplicates > 0 ? [`${result.duplicates} duplicate events at the agent`] : []),
  ];
  console.log(`\n== ${result.mode}, ${result.count} guests (load average at start: ${result.load})`);
  console.log(`   guest->agent latency ms: p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}  (${latency.n} messages sent in the ${seconds} s window)`);
  console.log(`   messages persisted/s: ${Number.isNaN(result.persistedPerSecond) ? '- (nothing is stored)' : result.persistedPerSecond.toFixed(0)}; received by the agent/s: ${result.receivedPerSecond.toFixed(0)}; sent ${finished.sent}, 2xx ${finished.ok}`);
  console.log(`   POST response ms (guest side): p50 ${ms(finished.response.p50)}  p99 ${ms(finished.response.p99)}  max ${ms(finished.response.max)}; generator send lag p99 ${ms(finished.lag.p99)} ms, max ${ms(finished.lag.max)} ms`);
  const serverCpu = result.processes.filter((process) => /^server/.test(process.name)).reduce((sum, process) => sum + process.cpu, 0);
  if (result.mode !== 'relay' && result.persistedPerSecond > 0) console.log(`   server CPU per persisted message: ${ms((10 * serverCpu) / result.persistedPerSecond)} ms (all server processes)`);
  if (result.serverLag.length > 0) console.log(`   server event-loop delay over the window (prom-client, 10 ms resolution): ${result.serverLag.map((lag) => `p99 ${ms(lag.p99)} ms, max ${ms(lag.max)} ms`).join('; ')}`);
  for (const process of result.processes) console.log(`   ${process.name.padEnd(24)} CPU ${process.cpu.toFixed(0).padStart(3)} % (${process.cpuSystem.toFixed(0)} % in the kernel)   RSS ${mb(process.rss).padStart(7)}${process.peak > 0 ? ` (peak ${mb(process.peak)})` : ''}`);
  console.log(`   ${'measuring process (agent)'.padEnd(24)} CPU ${result.measurer.toFixed(0).padStart(3)} %`);
  if (result.receivedPerSecond < 0.95 * result.count) {
    console.log(`   SATURATED: the agent got ${result.receivedPerSecond.toFixed(0)} of the ${result.count} messages/s offered in the window; the latencies above are mostly queueing`);
  }
  console.log(`   errors: ${errors.length === 0 ? 'none' : errors.join('; ')}`);
  if (result.serverErrors.length > 0) console.log(`   server error log: ${result.serverErrors.join('; ')}`);
  console.log(`   setup: ${result.count} sockets welcomed in ${(result.ready.connectMs / 1000).toFixed(1)} s; warm-up (first messages, conversations created) ${(result.warmed.ms / 1000).toFixed(1)} s`);
}

/** Prints the table and every mode's latency as a multiple of the relay's, per guest count. */
function printSummary(results) {
  console.log('\n== Summary (latency ms; CPU % of one core; x floor = p50 and p99 over the relay\'s)');
  console.log('mode      guests    p50    p95    p99    max  agent got/s  persisted/s  server CPU            server RSS        x floor p50/p99');
  for (const result of results) {
    const floor = results.find((other) => other.mode === 'relay' && other.count === result.count);
    const servers = result.processes.filter((process) => !process.name.startsWith('guest generator'));
    const ratio = floor && result.mode !== 'relay' ? `${(result.latency.p50 / floor.latency.p50).toFixed(1)} / ${(result.latency.p99 / floor.latency.p99).toFixed(1)}` : '-';
    console.log([
      result.mode.padEnd(8), String(result.count).padStart(7), ...['p50', 'p95', 'p99', 'max'].map((key) => ms(result.latency[key]).padStart(6)),
      `${result.receivedPerSecond.toFixed(0)}${result.receivedPerSecond < 0.95 * result.count ? ' (sat.)' : ''}`.padStart(12),
      (Number.isNaN(result.persistedPerSecond) ? '-' : result.persistedPerSecond.toFixed(0)).padStart(12),
      servers.map((process) => process.cpu.toFixed(0)).join('+').padStart(12).padEnd(21),
      servers.map((process) => String(Math.round(process.rss / 1024 / 1024))).join('+').padStart(12).padEnd(17),
      ratio.padStart(12),
    ].join(' '));
  }
  console.log('(sat.: saturated, the agent got less than 95 % of what the guests offered, latencies are queueing; postgres: server A + server B + PostgreSQL backends + redis-server; RSS in MB, PostgreSQL\'s as PSS summed over its processes)');
}

console.log(`Load bench: ${guestCounts.join(' then ')} guests, 1 message/s each, ${seconds} s window after a warm-up and ${SETTLE_SECONDS} s of settling; modes: ${modes.join(', ')}`);
console.log(`Machine: ${availableParallelism()} cores shared by the guest generators, the agent/measuring process, the server(s), PostgreSQL and Redis (and by anything else running: figures are noisy).`);
console.log(`Server env: ${Object.entries(BENCH_ENV).map(([name, value]) => `${name}=${value}`).join(' ')} (per-IP limits raised: every guest is 127.0.0.1; per-token limits at their defaults).`);
console.log(`HTTP: ${connections === 'guest' ? 'one keep-alive connection per guest' : `a shared keep-alive pool of ${connections} connections`}.`);
const git = (...args) => { try { return execFileSync('git', args, { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) }).trim(); } catch { return '?'; } };
console.log(`Server: server/dist built ${statSync(dist('server/app.js')).mtime.toISOString()}, commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'server', 'src') ? ' + uncommitted changes under server/ or src/' : ''}.`);

const results = [];
const cpuProfileDir = profile ? mkdtempSync(join(tmpdir(), 'omni-load-profile-')) : undefined;
// Ctrl-C or a kill: exit handlers stop every process started here and remove the temp dirs.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.once(signal, () => process.exit(code));
process.once('exit', () => { if (cpuProfileDir) rmSync(cpuProfileDir, { recursive: true, force: true }); });
try {
  let run = 0;
  for (const count of guestCounts) {
    for (const each of modes) {
      run += 1;
      const result = await runOne(each, count, `${Date.now().toString(36)}-${run}`, cpuProfileDir);
      print(result);
      results.push(result);
    }
  }
  printSummary(results);
  if (cpuProfileDir) {
    const file = readdirSync(cpuProfileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no .cpuprofile');
    if (argument('profile-out')) copyFileSync(join(cpuProfileDir, file), argument('profile-out'));
    const window = results[0].finished;
    console.log(`\n== Where the SQLite server's time went during the ${seconds} s window (${guestCounts[0]} guests; V8 sampling profiler: wall time while not idle, so time descheduled by other processes counts too)`);
    console.log(summariseProfile(join(cpuProfileDir, file), { fromMicros: Number(window.windowStartNs) / 1000, toMicros: Number(window.windowEndNs) / 1000 }));
  }
} finally {
  if (cpuProfileDir) rmSync(cpuProfileDir, { recursive: true, force: true });
}
