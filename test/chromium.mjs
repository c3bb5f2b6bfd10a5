// Finds the Chromium that tests drive (CHROME_PATH, then the system package) and the flags it
// needs on a headless, sandbox-less, network-less machine. Never downloads a browser.
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable to drive; throws a clear error when there is none. */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error('No Chromium found: set CHROME_PATH or install Debian\'s chromium (apt-get install -y chromium).');
  }
  return found;
}

/** Flags for headless Chromium here; `calls` adds fake media devices and loopback WebRTC. */
export function chromiumArgs({ calls = false } = {}) {
  const args = [
    '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  ];
  if (calls) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection');
  }
  return args;
}
