// Fan-out: what it costs the server to push one bus message to many events sockets. The real
// `WS /v1/events` route (server/dist's eventsSocketRoute on fastify + @fastify/websocket) with a
// LocalEventBus; token checks, heads and presence are stubbed (not what is measured). The clients
// (S sockets of one agent, all following queue `support`) run in a child process, so the CPU
// counted is the server's alone: process.cpuUsage over P rounds of `bus.publish` of B distinct
// message events each (B > 1 is a burst, as a Redis chunk or a join with its message delivers),
// flushed before the next round. Prints CPU per delivered frame and per round, and checks that
// every client received every frame. Compare builds with --dist (e.g. one built from `git archive HEAD`).
//   npm run build -w server && node bench/fanout.mjs [--sockets 200] [--rounds 2000] [--burst 1] [--dist server/dist]
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};

if (process.argv[2] === '--clients') {
  // Child: S sockets that authenticate and count event frames; reports the counts when asked.
  const { WebSocket } = await import('ws');
  const [url, count] = [process.argv[3], Number(process.argv[4])];
  const received = new Array(count).fill(0);
  await Promise.all(received.map((_, index) => new Promise((done, fail) => {
    const socket = new WebSocket(url);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', jwt: 'bench' })));
    socket.once('error', fail);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'welcome') done();
      else if (frame.type === 'event') received[index] += 1;
    });
  })));
  process.send({ ready: true });
  process.on('message', () => process.send({ received }));
} else {
  const sockets = Number(argument('sockets', 200));
  const rounds = Number(argument('rounds', 2000));
  const burst = Number(argument('burst', 1));
  const dist = resolve(argument('dist', fileURLToPath(new URL('../server/dist', import.meta.url))));
  if (!existsSync(`${dist}/server/ws/events-socket.js`)) {
    console.error(`${dist} holds no compiled server: run \`npm run build -w server\` first.`);
    process.exit(2);
  }
  const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
  const { eventsSocketRoute } = await load('server/ws/events-socket.js');
  const { LocalEventBus, queueTopic } = await load('server/bus/event-bus.js');
  // fastify and its websocket plugin as the compiled server resolves them.
  const serverRequire = createRequire(`${dist}/server/app.js`);
  const Fastify = (await import(pathToFileURL(serverRequire.resolve('fastify')).href)).default;
  const fastifyWebsocket = (await import(pathToFileURL(serverRequire.resolve('@fastify/websocket')).href)).default;

  const bus = new LocalEventBus();
  const participant = { id: 'agent:bench', role: 'agent', displayName: 'Bench' };
  const quiet = () => {};
  const context = {
    config: { heartbeatMs: 600_000, authTimeoutMs: 60_000 },
    bus,
    tokens: { verify: async () => ({ participant, queues: ['support'], supervisor: false, expiresAt: new Date(Date.now() + 3_600_000) }) },
    conversations: { topicsOf: () => [queueTopic('support')], heads: async () => [] },
    liveSockets: { opened: quiet, closed: quiet, has: async () => true },
    presence: { connected: async () => true, disconnected: quiet },
    log: { error: quiet, warn: quiet, info: quiet, debug: quiet },
  };
  const app = Fastify({ logger: false });
  await app.register(fastifyWebsocket);
  await app.register(async (api) => eventsSocketRoute(api, context));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `ws://127.0.0.1:${app.server.address().port}/v1/events`;

  const clients = fork(fileURLToPath(import.meta.url), ['--clients', url, String(sockets)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((done) => clients.once('message', done));
  const ask = () => new Promise((done) => { clients.once('message', (answer) => done(answer.received)); clients.send('count'); });

  const text = 'A reply of ordinary length, about as long as a chat message usually is: thanks, we are looking into it.';
  let seq = 0;
  const event = () => {
    seq += 1;
    return {
      type: 'event',
      event: {
        conversationId: 'conv_5d0f2a4e-7c1b-4c59-9a55-0e6c5f1d2b3a', seq, type: 'message', createdAt: new Date().toISOString(),
        author: { id: 'customer:demo:guest-1', role: 'customer', displayName: 'Guest' },
        message: { id: `msg_${seq}`, clientMessageId: `cm-${seq}`, type: 'text', text },
      },
    };
  };
  const topics = [queueTopic('support'), 'participant:customer:demo:guest-1'];
  const nextTurn = () => new Promise((done) => setImmediate(done));
  // Warm-up (JIT), not measured.
  for (let round = 0; round < 200; round += 1) {
    for (let index = 0; index < burst; index += 1) bus.publish(topics, event());
    await nextTurn();
  }
  const start = process.cpuUsage();
  const startedAt = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (let index = 0; index < burst; index += 1) bus.publish(topics, event());
    await nextTurn();
  }
  const cpu = process.cpuUsage(start);
  const wall = performance.now() - startedAt;
  const expected = (rounds + 200) * burst;
  let received;
  for (let wait = 0; wait < 600; wait += 1) {
    received = await ask();
    if (received.every((count) => count >= expected)) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  const frames = rounds * burst * sockets;
  const micros = cpu.user + cpu.system;
  console.log(
    `fan-out (${dist}): ${sockets} sockets, ${rounds} rounds of ${burst} message(s): ` +
    `${(micros / frames).toFixed(2)} us CPU per delivered frame (user ${(cpu.user / frames).toFixed(2)}, system ${(cpu.system / frames).toFixed(2)}), ` +
    `${Math.round(micros / rounds)} us per round, wall ${(wall / rounds).toFixed(2)} ms per round; ` +
    `every client got every frame: ${received.every((count) => count === expected)}`,
  );
  clients.kill();
  await app.close();
}
