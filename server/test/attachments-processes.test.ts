// Attachments across processes: two real server processes (PostgreSQL when installed, and Redis)
// keep uploaded bytes in one shared directory (OMNI_ATTACHMENTS_DIR, outside their data dir), so a
// file uploaded through process A downloads byte-identical through process B, as an attachment
// message posted through A names it for the agent on B.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentToken, call, customerToken, startScaleOut, type ScaleOut } from './scale-out.js';

let group: ScaleOut;
let sharedDir: string;
before(async () => {
  sharedDir = mkdtempSync(join(tmpdir(), 'omni-shared-attachments-'));
  group = await startScaleOut(2, { OMNI_ATTACHMENTS_DIR: sharedDir });
});
after(async () => {
  await group?.stop();
  rmSync(sharedDir, { recursive: true, force: true });
});

// A 1x1 PNG, and a few KB of text.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from(Array.from({ length: 200 }, (_, i) => `line ${i}: across processes\n`).join(''));

async function upload(base: string, jwt: string, conversationId: string, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append('conversationId', conversationId);
  form.append('file', new Blob([bytes], { type }), name);
  const response = await fetch(`${base}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  return { status: response.status, body: (await response.json()) as { id: string; size: number; contentType: string } };
}

test('a file uploaded through process A downloads byte-identical through process B (one shared directory)', async () => {
  const [a, b] = group.processes as [typeof group.processes[0], typeof group.processes[0]];
  const guest = await customerToken(a, 'shared-files');
  const conversationId = (await call(a.url, 'GET', '/v1/conversations', { jwt: guest })).body.conversations[0].id as string;
  const agent = await agentToken(a, 'files-agent');
  for (const [bytes, name, type] of [[PNG, 'photo.png', 'image/png'], [TEXT, 'notes.txt', 'text/plain']] as const) {
    const uploaded = await upload(a.url, guest, conversationId, bytes, name, type);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal(uploaded.body.size, bytes.length);
    // The bytes are in the shared directory, not in the data dir the processes also share.
    assert.deepEqual(readFileSync(join(sharedDir, uploaded.body.id)), Buffer.from(bytes));
    for (const [who, jwt] of [['the agent', agent], ['the uploader', guest]] as const) {
      const download = await fetch(`${b.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${jwt}` } });
      assert.equal(download.status, 200, `${who} through B`);
      const body = Buffer.from(await download.arrayBuffer());
      assert.equal(createHash('sha256').update(body).digest('hex'), createHash('sha256').update(bytes).digest('hex'), `${who}: same bytes through B`);
    }
    // The attachment message is posted through A and validated through B's view of the same record.
    const posted = await call(b.url, 'POST', `/v1/conversations/${conversationId}/messages`, {
      jwt: guest,
      body: { clientMessageId: `file-${name.replace(".", "-")}`, type: 'attachment', attachmentId: uploaded.body.id },
    });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.equal(posted.body.message.attachment.id, uploaded.body.id);
  }
  // Another customer is refused on either process.
  const intruder = await customerToken(b, 'not-the-uploader');
  const someId = readdirSync(sharedDir).find((file) => !file.endsWith('.part'))!;
  for (const server of [a, b]) {
    const refused = await fetch(`${server.url}/v1/attachments/${someId}`, { headers: { authorization: `Bearer ${intruder}` } });
    assert.equal(refused.status, 404);
  }
});
