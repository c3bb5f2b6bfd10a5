// What the script-tag guest chat downloads, read from the build's chunk manifest
// (dist-cdn/manifest.json, written by rollup.config.mjs): the agent-only code (slash-command
// parser, conversation list, console) is in the agent entry only, never in any file the guest
// entry can load; sip.js is never loaded up front; every chunk's name says what it holds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'dist-cdn', 'manifest.json'), 'utf8'));

/** Agent-only sources: none of them may reach a guest. */
const agentOnly = (module) =>
  module === 'src/messaging/agent-commands.ts' ||
  module === 'src/cdn-agent.ts' ||
  module.startsWith('src/elements/omni-agent-console/') ||
  module.startsWith('src/elements/omni-conversation-list/');

/** Files reachable from `entry`: through static imports only, or through dynamic ones too. */
function reachable(entry, { dynamic }) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    assert.ok(manifest[file], `${file} is in the chunk manifest`);
    seen.add(file);
    for (const next of manifest[file].imports) visit(next);
    if (dynamic) for (const next of manifest[file].dynamicImports ?? []) visit(next);
  };
  visit(entry);
  return [...seen];
}

const modulesOf = (files) => files.flatMap((file) => manifest[file].modules);

test('no file the guest chat can load holds agent-only code, and the agent entry does hold it', () => {
  const guest = modulesOf(reachable('omni-widget.js', { dynamic: true }));
  assert.deepEqual(guest.filter(agentOnly), []);
  const agent = modulesOf(reachable('omni-agent.js', { dynamic: false }));
  assert.ok(agent.some((module) => module.startsWith('src/elements/omni-agent-console/')), 'the console is in the agent entry');
  assert.ok(agent.includes('src/messaging/agent-commands.ts'), 'the slash-command parser is in the agent entry');
});

test('sip.js is loaded by the calling chunk only, never up front by either entry', () => {
  for (const entry of ['omni-widget.js', 'omni-agent.js']) {
    const upFront = modulesOf(reachable(entry, { dynamic: false }));
    assert.deepEqual(upFront.filter((module) => module.includes('node_modules/sip.js/')), [], `${entry} up front`);
  }
  const holders = Object.keys(manifest).filter((file) => manifest[file].modules.some((module) => module.includes('node_modules/sip.js/')));
  assert.equal(holders.length, 1);
  assert.match(holders[0], /^chunks\/calling-[\w-]+\.js$/);
});

test('every lazy chunk is named after what it holds', () => {
  for (const [file, chunk] of Object.entries(manifest)) {
    if (chunk.isEntry) continue;
    const name = file.match(/^chunks\/([a-z-]+)-[\w-]{8}\.js$/)?.[1];
    assert.ok(name, `${file} has a descriptive name and a content hash`);
    const sources = chunk.modules.join(' ');
    const words = name.split('-');
    assert.ok(
      words.some((word) => sources.includes(word)),
      `${file}: its sources (${sources}) mention "${name}"`,
    );
  }
});
