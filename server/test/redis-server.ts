/** A throwaway redis-server for tests: a free 127.0.0.1 port, a temp dir, no persistence; the test stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running throwaway Redis. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops it (SIGTERM, then SIGKILL after 3 s) and removes its dir; it can be started again with `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
}

/** A port the kernel says is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts TCP connections on `port`. */
async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts redis-server (from PATH, or REDIS_SERVER) with `--save '' --appendonly no` in a temp dir. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let dir = '';
  let child: ChildProcess | undefined;
  const launch = async () => {
    dir = mkdtempSync(join(tmpdir(), 'omni-redis-'));
    let output = '';
    const started = spawn(
      process.env.REDIS_SERVER ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout!.on('data', (chunk) => { output += chunk; });
    started.stderr!.on('data', (chunk) => { output += chunk; });
    child = started;
    await waitForPort(port, started, () => output);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const force = setTimeout(() => running.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(force);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: launch };
}
