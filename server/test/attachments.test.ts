// Attachments on a real server: upload checks (content vs declared type, size, SVG/HTML refused),
// byte-identical download for the agent, refusal to another customer, and attachment messages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function upload(jwt: string, conversationId: string, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append('conversationId', conversationId);
  form.append('file', new Blob([bytes], { type }), name);
  const response = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

async function conversationOf(jwt: string): Promise<string> {
  return (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id;
}

test('an upload downloads byte-identical for the agent and is refused to another customer', async () => {
  const ann = await t.customer();
  const id = await conversationOf(ann);
  const uploaded = await upload(ann, id, PNG, '../..\\etc\\<b>photo.png', 'image/png');
  assert.equal(uploaded.status, 201);
  assert.deepEqual({ ...uploaded.body, id: undefined }, { id: undefined, name: '<b>photo.png', contentType: 'image/png', size: PNG.length, kind: 'image' });
  const agent = await t.agent();
  const download = await fetch(`${t.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${agent}` } });
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);
  assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename\*=UTF-8''/);
  assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
  assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
  const intruder = await t.customer();
  const refused = await fetch(`${t.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${intruder}` } });
  assert.equal(refused.status, 404);
  assert.equal((await fetch(`${t.url}/v1/attachments/${uploaded.body.id}`)).status, 401);
  assert.equal((await fetch(`${t.url}/v1/attachments/${uploaded.body.id}?token=${ann}`)).status, 400);

  const message = await t.request('POST', `/v1/conversations/${id}/messages`, { jwt: ann, body: { clientMessageId: 'att-1', type: 'attachment', attachmentId: uploaded.body.id, caption: 'My bike' } });
  assert.equal(message.status, 201);
  assert.deepEqual(message.body.message.attachment, uploaded.body, 'the server describes the file, not the client');
  const elsewhere = await conversationOf(intruder);
  const stolen = await t.request('POST', `/v1/conversations/${elsewhere}/messages`, { jwt: intruder, body: { clientMessageId: 'att-2', type: 'attachment', attachmentId: uploaded.body.id } });
  assert.equal(stolen.status, 400, 'an attachment cannot be posted into another conversation');
});

test('uploads are checked: content against declared type, SVG/HTML refused, size limit, conversation access', async () => {
  const ann = await t.customer();
  const id = await conversationOf(ann);
  assert.equal((await upload(ann, id, PNG, 'fake.pdf', 'application/pdf')).status, 415, 'declared pdf, content png');
  assert.equal((await upload(ann, id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'x.svg', 'image/svg+xml')).status, 415);
  assert.equal((await upload(ann, id, Buffer.from('<html><script>alert(1)</script></html>'), 'x.html', 'text/html')).status, 415);
  assert.equal((await upload(ann, id, Buffer.from([0, 1, 2, 3, 0, 9]), 'x.bin', 'application/octet-stream')).status, 415);
  const text = await upload(ann, id, Buffer.from('hello, plain text\n'), 'notes.txt', 'text/plain');
  assert.equal(text.status, 201);
  assert.equal(text.body.kind, 'file');
  assert.equal((await upload(ann, id, Buffer.alloc(10 * 1024 * 1024 + 10, 65), 'big.txt', 'text/plain')).status, 413);
  const other = await conversationOf(await t.customer());
  assert.equal((await upload(ann, other, PNG, 'a.png', 'image/png')).status, 404);
  assert.equal((await upload(ann, 'nope', PNG, 'a.png', 'image/png')).status, 400);
});
