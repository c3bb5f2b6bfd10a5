// Builds the framework examples the way an integrator would: `npm pack` the widget once, install
// the example's own dependencies plus that tarball (nothing from the workspace is linked), build
// for production with the framework's strict type checking, then serve the build behind the
// example site backend (examples/site-backend). Shared by the tests in this folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

export { agentToken, serverApi } from '../e2e/server-process.mjs';

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, '..', '..');
const packDir = join(repository, '.tmp', 'pack');
let packing;

/** Runs a command in `cwd`, failing with its output. */
export async function sh(cwd, command, args, { timeout = 600000, env = {} } = {}) {
  try {
    return await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true', npm_config_update_notifier: 'false', ...env } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  }
}

/** `npm pack` of the repository root (built already by `npm test`), once per process: the tarball's path. */
export function packWidget() {
  packing ??= (async () => {
    rmSync(packDir, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    const { stdout } = await sh(repository, 'npm', ['pack', '--pack-destination', packDir, '--json']);
    const [{ filename }] = JSON.parse(stdout);
    return join(packDir, filename);
  })();
  return packing;
}

/** Installs `examples/<name>` with the packed widget and runs its production build; returns the app folder. */
export async function buildExample(name) {
  const app = join(repository, 'examples', name);
  const tarball = await packWidget();
  const lock = existsSync(join(app, 'package-lock.json'));
  await sh(app, 'npm', [lock ? 'ci' : 'install', '--no-audit', '--no-fund']);
  await sh(app, 'npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball]);
  await sh(app, 'npm', ['run', 'build']);
  return app;
}

/** Gzip size (level 9) of the JavaScript files an HTML page loads up front (its `<script src>` and module preloads). */
export function initialScriptsGzip(distDir, htmlFile = 'index.html') {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map((match) => match[1]);
  let bytes = 0;
  for (const source of sources) bytes += gzipSync(readFileSync(join(distDir, source.replace(/^\//, ''))), { level: 9 }).length;
  return { files: sources, bytes };
}

/** Every JavaScript file of a build (for "which file holds sip.js" checks). */
export function scriptFiles(distDir) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) out.push(path);
    }
  };
  walk(distDir);
  return out;
}

