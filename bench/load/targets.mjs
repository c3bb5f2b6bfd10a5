// What the guests talk to, started fresh for each run and stopped after it:
//   sqlite    one reference server process on its embedded SQLite file;
//   postgres  two reference server processes on a throwaway PostgreSQL cluster and redis-server
//             (server/test's helpers, compiled into server/dist/server/test);
//   relay     the floor (relay.mjs).
// Every process binds 127.0.0.1 on a free port; temp dirs are removed on stop (and on exit).
import { spawn } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { postmasterOn, processGroup, redisOn } from './process-stats.mjs';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const serverBin = join(root, 'server', 'bin', 'omni-widget-server.mjs');
const helpers = join(root, 'server', 'dist', 'server', 'test');

/** The limits a bench server runs with: the per-IP limits off in effect (every guest is 127.0.0.1); per-token limits stay at their defaults. */
export const BENCH_ENV = {
  OMNI_RATE_LIMIT_PER_IP: '1000000000',
  OMNI_MAX_SOCKETS_PER_IP: '1000000',
  OMNI_DEMO: '0',
  LOG_LEVEL: 'info',
  // The bench closes its sockets first; a shorter drain bound keeps the run short if some linger.
  OMNI_SHUTDOWN_TIMEOUT_MS: '2000',
};

/** Processes still running, killed if the bench exits without stopping them. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `node ...args` and resolves with the child and its URL once its output matches `ready`. */
async function spawnUntil(args, env, ready, what) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-65536); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + 30_000;
  while (!ready.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return { child, url: ready.exec(output)[1], output: () => output };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
async function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(force);
}

/** One reference server process; `cpuProfileDir` runs it under `--cpu-prof` (the profile is written when it exits). */
async function startServerProcess(env, name, cpuProfileDir) {
  const flags = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const started = await spawnUntil([...flags, serverBin], { ...BENCH_ENV, PORT: '0', HOST: '127.0.0.1', ...env }, /server on (http:\/\/\S+)/, 'omni-widget-server');
  return { ...started, group: processGroup(name, started.child.pid) };
}

/**
 * Starts the target of `mode`; resolves with `{ mode, urls, apiKey, groups, metricsUrls, stop() }`:
 * `urls` the processes guests may use, `groups` what is measured (/proc), `metricsUrls` the
 * processes whose `omni_messages_appended_total` counts persisted messages.
 */
export async function startTarget(mode, { cpuProfileDir } = {}) {
  if (mode === 'relay') {
    const relay = await spawnUntil([join(root, 'bench', 'load', 'relay.mjs')], {}, /relay on (http:\/\/\S+)/, 'relay');
    return {
      mode, urls: [relay.url], apiKey: '', metricsUrls: [],
      groups: [processGroup('relay', relay.child.pid)],
      stop: () => stopChild(relay.child),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-load-'));
  const apiKey = `load-${randomBytes(16).toString('hex')}`;
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDataDir);
  const cleanups = [() => { process.removeListener('exit', removeDataDir); removeDataDir(); }];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const env = { DATA_DIR: dataDir, OMNI_API_KEY: apiKey };
    const groups = [];
    const servers = [];
    if (mode === 'postgres') {
      const { startRedis } = await import(join(helpers, 'redis-server.js'));
      const { startPostgresCluster } = await import(join(helpers, 'postgres-cluster.js'));
      const redis = await startRedis();
      const redisPid = redisOn(redis.port);
      // If the bench dies before stop(), the helper's child and its dir (redis-server's cwd) would outlive it.
      const redisDir = redisPid ? readlinkSync(`/proc/${redisPid}/cwd`) : undefined;
      const killRedis = () => {
        if (!redisPid) return;
        try { process.kill(redisPid, 'SIGKILL'); } catch { /* gone */ }
        if (redisDir?.includes('omni-redis-')) rmSync(redisDir, { recursive: true, force: true });
      };
      process.once('exit', killRedis);
      cleanups.push(async () => { process.removeListener('exit', killRedis); await redis.stop(); });
      const postgres = await startPostgresCluster();
      cleanups.push(() => postgres.stop());
      env.REDIS_URL = redis.url;
      env.DATABASE_URL = postgres.url;
      // One after the other: the first migrates, the second finds the schema ready.
      for (const name of ['server A', 'server B']) {
        const server = await startServerProcess(env, name, cpuProfileDir);
        cleanups.push(() => stopChild(server.child));
        servers.push(server);
      }
      const postmaster = postmasterOn(Number(new URL(postgres.url).port));
      if (postmaster) groups.push(processGroup('postgres (all, PSS)', postmaster, { withChildren: true }));
      if (redisPid) groups.push(processGroup('redis-server', redisPid));
    } else {
      const server = await startServerProcess(env, 'server', cpuProfileDir);
      cleanups.push(() => stopChild(server.child));
      servers.push(server);
    }
    return {
      mode, apiKey, stop,
      urls: servers.map((server) => server.url),
      metricsUrls: servers.map((server) => server.url),
      groups: [...servers.map((server) => server.group), ...groups],
      output: () => servers.map((server) => server.output()).join('\n'),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
