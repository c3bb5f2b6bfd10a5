/**
 * Several real server processes behind no balancer: one throwaway Redis, one database (a
 * throwaway PostgreSQL cluster when its binaries are installed, else one SQLite file in a shared
 * data dir), one data dir for the shared secrets, and helpers to mint tokens and post messages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageEvent, TokenResponse } from '../../src/core/protocol.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** A group of processes sharing Redis and a database. */
export interface ScaleOut {
  redis: TestRedis;
  /** `postgres` or `sqlite`: which database the processes share. */
  engine: 'postgres' | 'sqlite';
  processes: ServerProcess[];
  /** Starts one more process on the same Redis, database and data dir. */
  add(env?: Record<string, string>): Promise<ServerProcess>;
  stop(): Promise<void>;
}

/** Starts `count` processes with `env` on a fresh Redis and database. */
export async function startScaleOut(count: number, env: Record<string, string> = {}): Promise<ScaleOut> {
  const redis = await startRedis();
  let postgres: PostgresCluster | undefined;
  try {
    postgres = await startPostgresCluster();
  } catch (error) {
    // No PostgreSQL binaries here: processes share one SQLite file (WAL, busy timeout) instead.
    process.stderr.write(`# scale-out on SQLite: ${(error as Error).message.split('\n')[0]}\n`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-scale-out-'));
  const common = { REDIS_URL: redis.url, DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
  const processes: ServerProcess[] = [];
  const group: ScaleOut = {
    redis,
    engine: postgres ? 'postgres' : 'sqlite',
    processes,
    async add(extra = {}) {
      const started = await startServerProcess({ ...common, ...env, ...extra });
      processes.push(started);
      return started;
    },
    async stop() {
      await Promise.all(processes.map((server) => server.stop()));
      await redis.stop();
      await postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    // One after the other: the first creates the secrets and migrates, the others reuse them.
    for (let index = 0; index < count; index += 1) await group.add();
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}

/** JSON request to a process; returns status and parsed body. */
export async function call<T = any>(base: string, method: string, path: string, options: { jwt?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.jwt ? { authorization: `Bearer ${options.jwt}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T };
}

/** A customer token of the demo integration, minted by `server`'s backend API. */
export async function customerToken(server: ServerProcess, customerId: string): Promise<string> {
  const response = await call<TokenResponse>(server.url, 'POST', '/v1/tokens', {
    headers: { authorization: `Bearer ${server.apiKey}` },
    body: { integrationId: 'demo', customerId, verifiedCustomer: false, displayName: 'Ann' },
  });
  if (response.status !== 201) throw new Error(`customer token: ${response.status}`);
  return response.body.jwt;
}

/** An agent token of the `support` queue (the agent record is created or replaced first), minted by `server`'s backend API. */
export async function agentToken(server: ServerProcess, agentId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const headers = { authorization: `Bearer ${server.apiKey}` };
  const agent = await call(server.url, 'PUT', `/v1/agents/${encodeURIComponent(agentId)}`, { headers, body: { name: 'Erin', queues: ['support'], ...fields } });
  if (agent.status !== 201 && agent.status !== 200) throw new Error(`agent record: ${agent.status}`);
  const response = await call<TokenResponse>(server.url, 'POST', '/v1/agent-tokens', {
    headers,
    body: { agentId },
  });
  if (response.status !== 201) throw new Error(`agent token: ${response.status}`);
  return response.body.jwt;
}

/** Posts a text message and returns the stored event. */
export async function postText(server: ServerProcess, jwt: string, conversationId: string, text: string): Promise<MessageEvent> {
  const response = await call<MessageEvent>(server.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
    jwt,
    body: { clientMessageId: `cm-${Math.random().toString(36).slice(2)}`, type: 'text', text },
  });
  if (response.status !== 201) throw new Error(`post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
