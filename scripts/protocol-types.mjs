#!/usr/bin/env node
/**
 * Writes src/core/protocol.generated.ts from the protocol contract (src/core/contract/), or with
 * `--check` exits 1 when the file is stale. Reads the contract as the server build compiled it:
 * run `npm run build -w server` first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contract = await import(join(root, 'server/dist/src/core/contract/index.js')).catch((error) => {
  console.error(`protocol-types: build the server first (npm run build -w server): ${error.message}`);
  process.exit(2);
});
const target = join(root, contract.GENERATED_TYPES_PATH);
const text = contract.generatedProtocolTypes();
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`protocol-types: ${contract.GENERATED_TYPES_PATH} is stale; run npm run build -w server && npm run protocol:types`);
    process.exit(1);
  }
  console.log(`protocol-types: ${contract.GENERATED_TYPES_PATH} is up to date`);
} else if (current === text) {
  console.log(`protocol-types: ${contract.GENERATED_TYPES_PATH} unchanged`);
} else {
  writeFileSync(target, text);
  console.log(`protocol-types: wrote ${contract.GENERATED_TYPES_PATH}`);
}
