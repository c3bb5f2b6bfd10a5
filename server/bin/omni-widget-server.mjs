#!/usr/bin/env node
// `npx omni-widget-server`: starts the already-built reference server (configured from the
// environment: PORT, HOST, DATA_DIR, OMNI_API_KEY, OMNI_DEMO, ...). Build it with `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('omni-widget-server is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(main.href);
