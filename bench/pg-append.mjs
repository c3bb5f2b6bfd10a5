// PostgreSQL appends: what one `appendMessage` costs in statements (round trips) and time, on a
// throwaway cluster (server/test/postgres-cluster, fsync off) through the real PostgresStore.
//   sequential  one customer appends to its conversation, one append after the other;
//   spread      C customers append to their own conversations at once (as the load bench's guests);
//   contended   C authors append to ONE conversation at once (serialised by its row lock).
// Prints statements per append, p50/p99 latency and appends per second for each, plus the client
// process's CPU per append. Run it twice to compare builds: --dist points at another compiled
// server (e.g. one built from `git archive HEAD`); the pool size is --pool (default 10).
//   npm run build -w server && node bench/pg-append.mjs [--appends 2000] [--concurrency 20] [--pool 10] [--dist server/dist]
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const appends = Number(argument('appends', 2000));
const concurrency = Number(argument('concurrency', 20));
const poolSize = Number(argument('pool', 10));
const dist = resolve(argument('dist', new URL('../server/dist', import.meta.url).pathname));
if (!existsSync(`${dist}/server/store/postgres/postgres-store.js`)) {
  console.error(`${dist} holds no compiled server: run \`npm run build -w server\` first.`);
  process.exit(2);
}
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const { PostgresStore } = await load('server/store/postgres/postgres-store.js');
const { startPostgresCluster } = await load('server/test/postgres-cluster.js');
// The store's own `pg` (resolved from the compiled file): every statement it sends is counted.
const pg = createRequire(`${dist}/server/store/postgres/postgres-store.js`)('pg');
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(...args) {
  statements += 1;
  return query.apply(this, args);
};

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
const ms = (value) => value.toFixed(2);

const cluster = await startPostgresCluster();
const store = new PostgresStore(cluster.url, { poolSize });
try {
  await store.migrate();
  const integration = await store.ensureIntegration({ id: 'demo', name: 'Demo', channels: { messaging: true, voice: true }, queue: 'support' });
  const customer = (index) => ({ id: `customer:demo:bench-${index}`, role: 'customer', displayName: 'Guest' });
  const conversations = [];
  for (let index = 0; index < concurrency; index += 1) {
    conversations.push((await store.defaultConversation(integration, customer(index))).conversation);
  }
  let sent = 0;
  const append = (conversation, author) => store.appendMessage(conversation, author, { clientMessageId: `cm-${sent++}`, type: 'text', text: 'Hello from the bench' });

  /** Runs `total` appends over `workers` loops; `pick(worker)` says where each loop writes. */
  async function phase(name, total, workers, pick) {
    // Warm-up: connections open, plans cached.
    await Promise.all(Array.from({ length: workers }, (_, worker) => append(...pick(worker))));
    const latencies = [];
    const before = { statements, cpu: process.cpuUsage(), at: performance.now() };
    let left = total;
    await Promise.all(Array.from({ length: workers }, async (_, worker) => {
      while (left > 0) {
        left -= 1;
        const start = performance.now();
        await append(...pick(worker));
        latencies.push(performance.now() - start);
      }
    }));
    const seconds = (performance.now() - before.at) / 1000;
    const cpu = process.cpuUsage(before.cpu);
    latencies.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} ${String(workers).padStart(3)} at once: ${((statements - before.statements) / total).toFixed(1)} statements/append, ` +
      `p50 ${ms(percentile(latencies, 0.5))} ms, p99 ${ms(percentile(latencies, 0.99))} ms, ${Math.round(total / seconds)} appends/s, ` +
      `client CPU ${Math.round((cpu.user + cpu.system) / total)} us/append`,
    );
  }

  console.log(`PostgreSQL append (${dist}), pool ${poolSize}, ${appends} appends a phase`);
  await phase('sequential', Math.min(appends, 1000), 1, () => [conversations[0], customer(0)]);
  await phase('spread', appends, concurrency, (worker) => [conversations[worker], customer(worker)]);
  const agents = Array.from({ length: concurrency }, (_, index) => ({ id: `agent:bench-${index}`, role: 'agent', displayName: 'Agent' }));
  await phase('contended', appends, concurrency, (worker) => [conversations[0], agents[worker]]);
  const { events } = await store.listEvents(conversations[0].id, 0, 100_000);
  const gaps = events.filter((event, index) => event.seq !== index + 1).length;
  console.log(`conversation 1: ${events.length} events, seq 1..${events.at(-1)?.seq}, ${gaps} out of place`);
} finally {
  await store.close();
  await cluster.stop();
}
