// Summarises a V8 .cpuprofile (node --cpu-prof) as text, optionally only the samples of a time
// window (profile timestamps are microseconds of the system-wide monotonic clock, the same as
// process.hrtime): busy time by cost centre (each sample goes to the first centre found on its
// stack, so they add up), self time by module, the top functions by self time, and the server's own
// functions inclusive. Native frames (a syscall like writev, a SQLite step) have no file: they count
// toward the module of the JavaScript that called them.
import { readFileSync } from 'node:fs';

/** Cost centres in priority order: a sample belongs to the first one with a frame on its stack. */
const CENTRES = [
  ['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
  ['JWT verify/sign (jose, WebCrypto HMAC)', (frame) => /\/jose\//.test(frame.url)],
  ['schema validation (ajv, fastify validation)', (frame) => /\/ajv\/|fastify\/lib\/validation\.js/.test(frame.url) || /^validate\d+$/.test(frame.functionName)],
  ['response serialisation (fast-json-stringify)', (frame) => /fast-json-stringify/.test(frame.url) || (/fastify\/lib\/reply\.js/.test(frame.url) && /^serialize/.test(frame.functionName))],
  ['SQLite (better-sqlite3 + store/sqlite)', (frame) => /better-sqlite3|server\/store\/sqlite\//.test(frame.url)],
  ['PostgreSQL client (pg + store/postgres)', (frame) => /\/pg\/|\/pg-protocol\/|\/pg-pool\/|server\/store\/postgres\//.test(frame.url)],
  ['Redis client (ioredis)', (frame) => /\/ioredis\/|\/redis-parser\//.test(frame.url)],
  ['WebSocket send (ws sender + socket write)', (frame) => /ws\/lib\/sender\.js/.test(frame.url) || (frame.functionName === 'send' && /ws\/lib\/websocket\.js/.test(frame.url))],
  ['WebSocket receive, upgrade (ws)', (frame) => /\/ws\/lib\//.test(frame.url)],
  ['HTTP response write (node http)', (frame) => /node:_http_outgoing/.test(frame.url)],
  ['rate limits, socket cap (@fastify/rate-limit, traffic-guards)', (frame) => /@fastify\/rate-limit|server\/http\/traffic-guards\.js|toad-cache/.test(frame.url)],
  ['API-key check (auth/api-key)', (frame) => /server\/auth\/api-key\.js/.test(frame.url)],
  ['metrics (prom-client, ops/metrics)', (frame) => /prom-client|server\/ops\/metrics\.js/.test(frame.url)],
  ['logging (pino)', (frame) => /\/pino/.test(frame.url)],
  ['compression hooks (@fastify/compress)', (frame) => /@fastify\/compress/.test(frame.url)],
  ['CORS (@fastify/cors, its delegator)', (frame) => /@fastify\/cors|server\/app\.js/.test(frame.url)],
  ['fastify core (routing, hooks, reply)', (frame) => /\/fastify\/|find-my-way|avvio/.test(frame.url)],
  ['node http parsing, sockets, streams', (frame) => /^node:(_http_|net|internal\/(streams|stream_base|http))/.test(frame.url)],
  ['server code (own, not above)', (frame) => /server\/dist\/|\/src\//.test(frame.url)],
];

/** Where a frame's code lives: an npm package, a node internal, a server file; '' for native frames (no file). */
export function moduleOf({ url, functionName }) {
  if (!url) return /^\((garbage collector|program|root)\)$/.test(functionName) ? functionName : /^validate\d*$/.test(functionName) ? 'ajv (generated validators)' : '';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packaged) return packaged[1];
  if (url.startsWith('node:')) return `node:${url.replace(/^node:(internal\/)?/, '').split('/')[0].replace(/\.js$/, '')}`;
  const own = /\/(server\/dist\/.*|src\/.*)$/.exec(url);
  return own ? own[1].replace(/^server\/dist\//, '') : url;
}

const pct = (part, whole) => `${((100 * part) / whole).toFixed(1).padStart(5)} %`;

/** The summary of the profile at `path` (text); `fromMicros`/`toMicros` keep only samples in that window. */
export function summariseProfile(path, { fromMicros = -Infinity, toMicros = Infinity, top = 20 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Each sample's time is the delta to the next one; only samples inside the window count.
  const selfMicros = new Map();
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    at += profile.timeDeltas[index];
    if (at < fromMicros || at >= toMicros) continue;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    selfMicros.set(profile.samples[index], (selfMicros.get(profile.samples[index]) ?? 0) + delta);
  }
  const stackOf = (id) => {
    const frames = [];
    for (let node = id; node !== undefined; node = parent.get(node)) frames.push(nodes.get(node).callFrame);
    return frames;
  };
  const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
  let total = 0;
  let idle = 0;
  const byCentre = new Map();
  const selfByModule = new Map();
  const selfByFunction = new Map();
  const inclusiveOwn = new Map();
  for (const [id, micros] of selfMicros) {
    total += micros;
    const stack = stackOf(id);
    if (stack[0].functionName === '(idle)') {
      idle += micros;
      continue;
    }
    add(byCentre, CENTRES.find(([, test]) => stack.some(test))?.[0] ?? 'other (module loading, timers, program)', micros);
    // A native frame counts toward the nearest caller with a file.
    const owner = stack.find((frame) => moduleOf(frame) !== '') ?? stack[0];
    const leaf = stack[0];
    add(selfByModule, moduleOf(owner), micros);
    const where = leaf.url ? `${moduleOf(leaf)}:${leaf.lineNumber + 1}` : `native, from ${moduleOf(owner)}`;
    add(selfByFunction, `${leaf.functionName || '(anonymous)'} [${where}]`, micros);
    const own = new Set(stack.filter((frame) => /server\/dist\/server\/(?!test)/.test(frame.url)).map((frame) => `${frame.functionName || '(anonymous)'} ${moduleOf(frame)}:${frame.lineNumber + 1}`));
    for (const name of own) add(inclusiveOwn, name, micros);
  }
  const busy = total - idle;
  const ranked = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, micros]) => `  ${pct(micros, busy)}  ${name}`);
  return [
    `${(total / 1e6).toFixed(1)} s profiled, busy ${(busy / 1e6).toFixed(1)} s (${pct(busy, total).trim()} of one core); shares are of the busy time`,
    '',
    'by cost centre (each sample counted once, under the first centre on its stack):',
    ...ranked(byCentre, CENTRES.length + 1),
    '',
    'self time by module (native frames under their caller):',
    ...ranked(selfByModule, top),
    '',
    'top functions by self time:',
    ...ranked(selfByFunction, top),
    '',
    "the server's own functions, inclusive (callees included):",
    ...ranked(inclusiveOwn, top),
  ].join('\n');
}

// `node bench/load/profile-summary.mjs file.cpuprofile` summarises a profile kept with --profile-out.
if (import.meta.url === `file://${process.argv[1]}`) console.log(summariseProfile(process.argv[2]));
