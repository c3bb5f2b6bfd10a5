/** Test harness: a real server on a free port with a fresh data dir, and clients for HTTP and the socket. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ConversationEvent, ServerFrame, TokenResponse } from '../../src/core/protocol.js';
import { startServer, type RunningServer } from '../app.js';
import type { ServerOptions } from '../config.js';
import { TokenIssuer } from '../auth/jwt.js';
import { testDatabaseUrl } from './test-database.js';

/** A response as tests see it. */
export interface TestResponse<T = any> {
  status: number;
  /** Parsed JSON for JSON responses, else the text. */
  body: T;
  headers: Headers;
}

/** A running test server with helpers. */
export interface TestServer {
  server: RunningServer;
  url: string;
  apiKey: string;
  dataDir: string;
  /** The server's own token issuer (same key), to mint tokens the API would refuse to issue (e.g. 2 s). */
  issuer(): TokenIssuer;
  request<T = any>(method: string, path: string, options?: { jwt?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<TestResponse<T>>;
  customer(customerId?: string, displayName?: string): Promise<string>;
  /** Creates or replaces the agent (queues default `["support"]`, name Erin, `fields` override), then mints its token. */
  agent(agentId?: string, queues?: string[], fields?: Record<string, unknown>): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A unique id for one test. */
export const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Starts a real server on 127.0.0.1 with a fresh data dir. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-server-test-'));
  // OMNI_TEST_DATABASE=postgres runs the same suites on PostgreSQL (see test-database.ts).
  const databaseUrl = options.databaseUrl ?? (await testDatabaseUrl());
  // Load shedding on event-loop lag is off unless a test asks (admission.test): a busy machine must not turn into 503s.
  const config = { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', demo: false, maxEventLoopDelayMs: 600_000, ...(databaseUrl ? { databaseUrl } : {}), ...options };
  let server = await startServer(config);
  const harness: TestServer = {
    server,
    url: server.url,
    apiKey: server.apiKey,
    dataDir,
    issuer: () => new TokenIssuer(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).jwtSecret),
    async request(method, path, { jwt, body, raw, headers = {} } = {}) {
      const response = await fetch(`${harness.url}${path}`, {
        method,
        headers: {
          ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
          ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      const json = (response.headers.get('content-type') ?? '').includes('json');
      return { status: response.status, body: text ? (json ? JSON.parse(text) : text) : undefined, headers: response.headers };
    },
    async customer(customerId = uid('guest'), displayName = 'Ann') {
      const response = await harness.request<TokenResponse>('POST', '/v1/tokens', {
        headers: { authorization: `Bearer ${harness.apiKey}` },
        body: { integrationId: 'demo', customerId, verifiedCustomer: false, displayName },
      });
      if (response.status !== 201) throw new Error(`customer token: ${response.status}`);
      return response.body.jwt;
    },
    async agent(agentId = uid('agent'), queues = ['support'], fields = {}) {
      const headers = { authorization: `Bearer ${harness.apiKey}` };
      const agent = await harness.request('PUT', `/v1/agents/${encodeURIComponent(agentId)}`, { headers, body: { name: 'Erin', queues, ...fields } });
      if (agent.status !== 201 && agent.status !== 200) throw new Error(`agent record: ${agent.status} ${JSON.stringify(agent.body)}`);
      const response = await harness.request<TokenResponse>('POST', '/v1/agent-tokens', { headers, body: { agentId } });
      if (response.status !== 201) throw new Error(`agent token: ${response.status}`);
      return response.body.jwt;
    },
    async restart() {
      await server.close();
      // Let the client side notice its pooled keep-alive sockets were closed.
      await new Promise((resolve) => setTimeout(resolve, 50));
      server = await startServer({ ...config, port: server.port, apiKey: server.apiKey });
      harness.server = server;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** An events-socket client that queues frames and reports how the socket closed. */
export interface TestSocket {
  socket: WebSocket;
  /** The next frame (of `type`, skipping others), or rejects after `timeoutMs`. */
  next<T extends ServerFrame['type']>(type?: T, timeoutMs?: number): Promise<Extract<ServerFrame, { type: T }>>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `WS /v1/events` (and authenticates when `jwt` is given). */
export async function openSocket(url: string, jwt?: string, options: { answerPings?: boolean } = {}): Promise<TestSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/events`);
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type === 'ping' && options.answerPings !== false) socket.send(JSON.stringify({ type: 'pong', id: frame.id }));
    frames.push(frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client: TestSocket = {
    socket,
    closed,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    async next(type, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = frames.findIndex((frame) => !type || frame.type === type);
        if (index >= 0) return frames.splice(index, 1)[0] as any;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${type ?? 'frame'} within ${timeoutMs} ms; got ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => { clearTimeout(timer); resolve(); });
        });
      }
    },
  };
  if (jwt) client.send({ type: 'auth', jwt });
  return client;
}

/** The next event of `type` on the socket, skipping other events (e.g. routing's `queued` and `assigned`). */
export async function nextEvent<T extends ConversationEvent['type']>(socket: TestSocket, type: T, timeoutMs = 5000): Promise<Extract<ConversationEvent, { type: T }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { event } = await socket.next('event', Math.max(1, deadline - Date.now()));
    if (event.type === type) return event as Extract<ConversationEvent, { type: T }>;
  }
}
