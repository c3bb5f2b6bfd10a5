// The npm package as an integrator installs it: the packed tarball into an empty app. It must
// build nothing natively, run no install script, pull in no server package and warn about no
// engine on Node 20; its types must work from `omni-widget/define` alone (tags and `omni-*`
// events typed) and reject wrong property types. Prints the tarball size and the install's size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packWidget, sh } from './example-app.mjs';

const SERVER_PACKAGES = ['fastify', 'better-sqlite3', 'ws', 'jose', 'file-type', '@fastify/static', 'omni-widget-server', '@sinclair/typebox', 'ajv'];

test('the packed widget installs into an empty app: no native build, no install script, no server package, typed', async (t) => {
  const tarball = await packWidget();
  const app = mkdtempSync(join(tmpdir(), 'omni-consumer-'));
  try {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const install = await sh(app, 'npm', ['install', '--no-audit', '--no-fund', tarball]);
    const output = `${install.stdout}\n${install.stderr}`;
    assert.doesNotMatch(output, /EBADENGINE/, 'no engine warning');
    assert.doesNotMatch(output, /gyp|prebuild-install/i, 'nothing compiled natively');
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
    const installed = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
    const names = installed.map(([path]) => path.replace(/^.*node_modules\//, ''));
    assert.deepEqual(installed.filter(([, entry]) => entry.hasInstallScript).map(([path]) => path), [], 'no install scripts');
    assert.deepEqual(names.filter((name) => SERVER_PACKAGES.includes(name)), [], 'no server package');
    assert.ok(names.includes('omni-widget') && names.includes('lit') && names.includes('sip.js'));
    t.diagnostic(`tarball ${(statSync(tarball).size / 1024).toFixed(1)} KB; installs ${installed.length} packages: ${names.sort().join(', ')}`);

    // Types, as a strict TypeScript app sees them with only `omni-widget/define` imported.
    await sh(app, 'npm', ['install', '--no-audit', '--no-fund', '--no-save', 'typescript@5']);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: false, types: [] },
      files: ['consumer.ts'],
    }));
    writeFileSync(join(app, 'consumer.ts'), `import 'omni-widget/define';
import type { OmniMessageDetail } from 'omni-widget/define';
const chat = document.querySelector('omni-chat')!;
chat.jwtProvider = async () => ({ jwt: 'x', expiresAt: new Date().toISOString() });
chat.addEventListener('omni-error', (event) => console.log(event.detail.code, event.detail.message));
chat.addEventListener('omni-message', (event) => { const detail: OmniMessageDetail = event.detail; console.log(detail.item.createdAt); });
document.querySelector('omni-call-button')!.addEventListener('omni-call-state', (event) => console.log(event.detail.state));
const created = document.createElement('omni-conversation');
created.conversationId = 'conv_1';
// @ts-expect-error: a number is not a JwtProvider
chat.jwtProvider = 42;
// @ts-expect-error: omni-message's detail has no "text"
chat.addEventListener('omni-message', (event) => event.detail.text);
`);
    await sh(app, 'npx', ['tsc', '-p', 'tsconfig.json']);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
