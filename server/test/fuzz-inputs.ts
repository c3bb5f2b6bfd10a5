/** Seeded generators of hostile inputs for the fuzz test: JSON, text and byte mutations, and HTTP requests. */

/** A seeded pseudo-random source (mulberry32): the same seed gives the same cases. */
export class Random {
  private state: number;

  /** Starts from `seed` (any 32-bit number). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }

  /** A string of up to `max` characters mixing ASCII, quotes, escapes, controls and non-BMP text. */
  text(max = 24): string {
    const alphabets = ['abcXYZ019', ' "\'\\/<>{}[]%&=?#;:,.', '\u0000\u0001\u001f\u007f\t\r\n', 'é漢字\u202e\u2066', '😀𝄞', '%00%zz%2e%2F%u0041'];
    let out = '';
    const length = this.int(max + 1);
    while (out.length < length) out += this.pick(alphabets)[this.int(6)] ?? 'a';
    return out;
  }

  /** Printable ASCII only (safe as an HTTP header value). */
  printable(max = 24): string {
    return Array.from({ length: this.int(max + 1) }, () => String.fromCharCode(32 + this.int(95))).join('');
  }
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype instead). */
const put = (object: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A random JSON value, nested at most `depth` levels. */
export function randomJson(random: Random, depth = 3): unknown {
  const kind = random.int(depth > 0 ? 9 : 6);
  switch (kind) {
    case 0: return null;
    case 1: return random.chance(0.5);
    case 2: return random.pick([0, -1, 1, 1.5, -0, 2 ** 53, -(2 ** 63), 1e308, 900, 3600, 1e-9]);
    case 3: return random.int(1000);
    case 4: return random.text(40);
    case 5: return random.pick(['', 'demo', 'support', 'text', 'conv_00000000-0000-0000-0000-000000000000', 'x'.repeat(5000)]);
    case 6:
    case 7: return Array.from({ length: random.int(4) }, () => randomJson(random, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(5); i > 0; i -= 1) {
        put(object, random.pick(['type', 'id', 'text', 'seq', '__proto__', 'constructor', 'prototype', 'jwt', random.text(8)]), randomJson(random, depth - 1));
      }
      return object;
    }
  }
}

/** A JSON-level mutation of `template`: keys dropped, added or retyped, values replaced, the whole wrapped. */
export function mutateJson(random: Random, template: unknown): unknown {
  const copy = structuredClone(template) as unknown;
  if (random.chance(0.08)) return [copy];
  if (copy === null || typeof copy !== 'object') return random.chance(0.5) ? randomJson(random) : copy;
  const object = copy as Record<string, unknown>;
  for (let edits = 1 + random.int(3); edits > 0; edits -= 1) {
    const keys = Object.keys(object);
    const key = keys.length > 0 ? random.pick(keys) : 'x';
    switch (random.int(5)) {
      case 0: delete object[key]; break;
      case 1: put(object, key, randomJson(random, 2)); break;
      case 2: put(object, random.text(10), randomJson(random, 1)); break;
      case 3: put(object, key, mutateJson(random, object[key])); break;
      default: put(object, key, typeof object[key] === 'string' ? `${object[key]}${random.text(6)}` : String(JSON.stringify(object[key])));
    }
  }
  return object;
}

/** A byte-level mutation of `text`: a character flipped, a cut, random bytes or a repeated slice inserted. */
export function mutateText(random: Random, text: string): string {
  if (text.length === 0) return random.text();
  const at = random.int(text.length);
  switch (random.int(5)) {
    case 0: return text.slice(0, at) + String.fromCharCode(random.int(256)) + text.slice(at + 1);
    case 1: return text.slice(0, at);
    case 2: return text.slice(0, at) + random.bytes(1 + random.int(8)).toString('latin1') + text.slice(at);
    case 3: return text.slice(0, at) + text.slice(at, at + 1 + random.int(40)).repeat(2 + random.int(20)) + text.slice(at);
    default: return text.slice(0, at) + random.text(12) + text.slice(at);
  }
}

/** What the generators may put in a request: real ids and credentials of the server under test. */
export interface FuzzContext {
  conversationId: string;
  attachmentId: string;
  customerJwt: string;
  agentJwt: string;
  apiKey: string;
  /** A valid token whose integration does not exist. */
  orphanJwt: string;
  expiredJwt: string;
}

/** One HTTP request to send. */
export interface FuzzRequest { method: string; path: string; headers: Record<string, string>; body?: string | Buffer }

type Route = [method: string, template: string, body?: (context: FuzzContext) => unknown];

const PUSH_KEYS = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
const ROUTES: Route[] = [
  ['GET', '/v1/conversations'],
  ['GET', '/v1/conversations/:conv'],
  ['GET', '/v1/conversations/:conv/messages'],
  ['GET', '/v1/conversations/:conv/events'],
  ['POST', '/v1/conversations/:conv/messages', () => ({ clientMessageId: 'f1', type: 'text', text: 'hello' })],
  ['POST', '/v1/conversations/:conv/messages', (context) => ({ clientMessageId: 'f2', type: 'attachment', attachmentId: context.attachmentId, caption: 'c' })],
  ['POST', '/v1/conversations/:conv/messages', () => ({ clientMessageId: 'f3', type: 'card', title: 't', buttons: [{ type: 'url', title: 'u', url: 'https://x.invalid' }] })],
  ['POST', '/v1/conversations/:conv/messages', () => ({ clientMessageId: 'f4', type: 'leave-message', text: 't', email: 'a@b.co' })],
  ['POST', '/v1/conversations/:conv/read', () => ({ seq: 1 })],
  ['POST', '/v1/conversations/:conv/resolve'],
  ['POST', '/v1/conversations/:conv/csat', () => ({ rating: 5, comment: 'ok' })],
  ['POST', '/v1/conversations/:conv/contact', () => ({ name: 'A', email: 'a@b.co', answers: { q: 'a' } })],
  ['GET', '/v1/conversations/:conv/transcript'],
  ['POST', '/v1/tokens', () => ({ integrationId: 'demo', customerId: 'fz', verifiedCustomer: false, displayName: 'F', expiresInSeconds: 900 })],
  ['POST', '/v1/agent-tokens', () => ({ agentId: 'fz', queues: ['support'] })],
  ['GET', '/v1/integrations'],
  ['POST', '/v1/integrations', () => ({ id: 'fz', name: 'Fuzz', queue: 'fz', channels: { messaging: true, voice: false } })],
  ['GET', '/v1/integrations/:int/settings'],
  ['PUT', '/v1/integrations/:int/settings', () => ({ greeting: 'hi', preChatForm: { enabled: true, fields: [] } })],
  // Administration (API key) and presence. Ids are the fuzz's own (`fz-…`), never the SIP agent's or `demo`,
  // so a disabled record cannot break the call the SIP part checks afterwards.
  ['GET', '/v1/agents'],
  ['POST', '/v1/agents', () => ({ id: 'fz-agent-new', name: 'Fuzz', queues: ['fzq'], maxConversations: 3, role: 'agent', enabled: true })],
  ['GET', '/v1/agents/:agent'],
  ['PUT', '/v1/agents/:agent', () => ({ name: 'Fuzz', avatarUrl: 'https://x.invalid/a.png', queues: ['fzq', 'support'], maxConversations: 2, role: 'supervisor', enabled: true })],
  ['PATCH', '/v1/agents/:agent', () => ({ name: 'Renamed', enabled: false, queues: ['fzq'], maxConversations: 1 })],
  ['GET', '/v1/agents/me/presence'],
  ['PUT', '/v1/agents/me/presence', () => ({ status: 'on-break', reason: 'lunch' })],
  ['PUT', '/v1/agents/me/presence', () => ({ status: 'available' })],
  ['GET', '/v1/queues'],
  ['POST', '/v1/queues', () => ({ name: 'fzq-new', routing: 'least-busy', enabled: true })],
  ['PATCH', '/v1/queues/:queue', () => ({ routing: 'round-robin', enabled: false })],
  ['PATCH', '/v1/integrations/:fzint', () => ({ name: 'Fuzzed', queue: 'fzq', channels: { messaging: true, voice: true }, enabled: false })],
  ['POST', '/v1/agent-tokens', () => ({ agentId: 'fz-agent', queues: ['fzq'], expiresInSeconds: 900 })],
  ['GET', '/v1/emoji'],
  ['POST', '/v1/sip/credentials'],
  ['GET', '/v1/push/vapid-public-key'],
  ['POST', '/v1/push/subscriptions', () => ({ endpoint: 'https://push.invalid/x', keys: PUSH_KEYS, pageUrl: 'https://shop.invalid/' })],
  ['DELETE', '/v1/push/subscriptions', () => ({ endpoint: 'https://push.invalid/x' })],
  ['GET', '/v1/attachments/:att'],
  ['GET', '/healthz'],
  ['GET', '/cdn/omni-widget.js'],
  ['GET', '/'],
  ['GET', '/agent'],
  ['POST', '/demo/guest-token'],
  ['POST', '/demo/agent-token'],
  ['GET', '/demo/:file'],
  ['GET', '/:any'],
];

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates too), but lets its own `%xx` through. */
const encode = (text: string): string =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^A-Za-z0-9._~-]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)
    .replace(/%25/g, '%');

/** A path segment: usually the real id, otherwise something near it or nothing like it. */
function segment(random: Random, real: string): string {
  if (random.chance(0.55)) return real;
  return random.pick([
    () => real.slice(0, -1) + random.pick(['0', 'g', 'F', '-']),
    () => `conv_${'0'.repeat(8)}-0000-0000-0000-${random.bytes(6).toString('hex')}`,
    () => encode(random.text(30)),
    () => '..%2F..%2Fetc%2Fpasswd',
    () => 'x'.repeat(random.pick([101, 1000, 3000])),
    () => '',
    () => `${real}%00`,
  ])();
}

/** A query string of up to three pairs, sometimes with credential-looking or encoded keys. */
function query(random: Random): string {
  if (random.chance(0.5)) return '';
  const keys = ['before', 'after', 'limit', 'format', 'seq', 'token', '%74oken', 'a[b]', '__proto__', 'jwt', encode(random.text(6))];
  const values = ['1', '0', '-1', '100', '201', '1e309', '99999999999999999999', '', 'html', 'text', 'pdf', encode(random.text(10))];
  const pairs = Array.from({ length: 1 + random.int(3) }, () => `${random.pick(keys)}=${random.pick(values)}`);
  return `?${pairs.join(random.chance(0.1) ? ';' : '&')}`;
}

/** A random (possibly mutated) request over the whole REST surface. */
export function restRequest(random: Random, context: FuzzContext): FuzzRequest {
  const [method, template, body] = random.pick(ROUTES);
  const path = template
    .replace(':conv', segment(random, context.conversationId))
    .replace(':att', segment(random, context.attachmentId))
    .replace(':int', segment(random, random.pick(['demo', 'fz', 'nope'])))
    .replace(':fzint', segment(random, random.pick(['fz', 'nope'])))
    .replace(':agent', segment(random, random.pick(['fz-agent', 'nope', 'me'])))
    .replace(':queue', segment(random, random.pick(['fzq', 'nope'])))
    .replace(':file', random.pick(['agent.js', 'index.html', '..%2F..%2Fpackage.json', encode(random.text(12))]))
    .replace(':any', encode(random.text(20)));
  const headers: Record<string, string> = {};
  // Weighted towards real credentials, so that most cases get past authentication into the routes.
  const authorization = random.pick([
    '', `Bearer ${context.customerJwt}`, `Bearer ${context.customerJwt}`, `Bearer ${context.customerJwt}`, `Bearer ${context.agentJwt}`,
    `Bearer ${context.agentJwt}`, `Bearer ${context.apiKey}`, `Bearer ${context.apiKey}`, `Bearer ${context.orphanJwt}`,
    `Bearer ${context.expiredJwt}`, `Bearer ${mutateText(random, context.customerJwt).replace(/[^\x21-\x7e]/g, 'A')}`, 'Bearer', 'Basic Zm9vOmJhcg==', random.printable(40),
  ]);
  if (authorization) headers.authorization = authorization;
  if (random.chance(0.3)) {
    const name = random.pick(['accept-encoding', 'if-none-match', 'origin', 'x-forwarded-for', 'accept', 'content-encoding', 'range', 'cookie', 'x-request-id']);
    headers[name] = random.pick(['gzip', 'br;q=0', '*', 'identity;q=0', '"etag"', 'W/"x", *', 'null', '1.2.3.4, ::1', 'bytes=0-1', 'omni_guest=s%3Aguest-x.sig', random.printable(30)]);
  }
  if (random.chance(0.05)) Object.assign(headers, { connection: 'Upgrade', upgrade: random.pick(['websocket', 'h2c', 'foo']), 'sec-websocket-version': '13' });
  let payload: string | undefined;
  if (method !== 'GET' && (body || random.chance(0.3))) {
    const template = body ? body(context) : {};
    payload = random.pick([
      () => JSON.stringify(mutateJson(random, template)),
      () => JSON.stringify(mutateJson(random, template)),
      () => JSON.stringify(template),
      () => JSON.stringify(template),
      () => JSON.stringify(template),
      () => JSON.stringify(randomJson(random)),
      () => mutateText(random, JSON.stringify(template)),
      () => '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      () => '['.repeat(2000) + ']'.repeat(2000),
      () => JSON.stringify({ ...(template as object), text: 'x'.repeat(70 * 1024) }),
      () => '',
    ])();
    headers['content-type'] = random.pick([
      'application/json', 'application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain',
      'application/x-www-form-urlencoded', 'multipart/form-data', 'application/vnd.api+json', 'application/json;;;', random.printable(20),
    ]);
    if (!headers['content-type']) delete headers['content-type'];
  }
  return { method: random.chance(0.04) ? random.pick(['PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND']) : method, path: path + query(random), headers, ...(payload !== undefined ? { body: payload } : {}) };
}

/** A raw HTTP/1.1 request text, mutated below the HTTP client (request line, framing, headers). */
export function rawRequest(random: Random, request: FuzzRequest): string {
  const body = typeof request.body === 'string' ? request.body : '';
  const lines = [
    `${request.method} ${request.path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    random.pick([`Content-Length: ${Buffer.byteLength(body)}`, 'Content-Length: -1', 'Content-Length: 99999999999', 'Transfer-Encoding: chunked', `Content-Length: ${body.length}\r\nContent-Length: 3`, 'Connection: close']),
  ];
  const text = `${lines.join('\r\n')}\r\n\r\n${body}`;
  return random.chance(0.7) ? mutateText(random, text) : text;
}
