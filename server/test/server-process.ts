/** The server as a real child process (the package's bin, what `npm start` runs), for tests that count its descriptors. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's bin, seen from the compiled dist/server/test/. */
const bin = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'bin', 'omni-widget-server.mjs');

/** A running server process. */
export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  apiKey: string;
  /** Open descriptors of the server process (/proc/<pid>/fd). */
  descriptors(): number;
  /** SIGTERM, wait for exit, remove the data dir. */
  stop(): Promise<void>;
  /** Sends a signal (e.g. SIGKILL to simulate a crash). */
  signal(name: NodeJS.Signals): void;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/** Starts the server with `env` on a free loopback port and a fresh data dir (a DATA_DIR in `env` wins: processes may share one). */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omni-process-'));
  const apiKey = 'process-test-key';
  const child = spawn(process.execPath, [bin], {
    // Load shedding on event-loop lag off unless a test asks: a busy machine must not turn into 503s.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, OMNI_API_KEY: apiKey, LOG_LEVEL: 'warn', OMNI_MAX_EVENT_LOOP_DELAY_MS: '600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  // Generous: on a busy machine a start (compile caches cold, migrations) can take tens of seconds.
  const deadline = Date.now() + 60000;
  while (!/server on (http:\/\/\S+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      // Never leave a late starter behind: it would keep the test process alive.
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  const url = /server on (http:\/\/\S+)/.exec(output)![1]!;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    apiKey,
    descriptors: () => readdirSync(`/proc/${child.pid}/fd`).length,
    signal: (name) => { if (child.exitCode === null && child.signalCode === null) child.kill(name); },
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
