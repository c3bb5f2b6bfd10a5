// Transcripts against a real server and SQLite: authorised like the conversation's events, plain
// UTF-8 text or a complete HTML document with every piece of user content escaped, downloaded as
// an attachment under a strict CSP; read receipts left out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, uid, type TestServer } from './harness.js';

let t: TestServer;
before(async () => { t = await startTestServer(); });
after(async () => { await t.close(); });

const send = (jwt: string, id: string, text: string) =>
  t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('cm'), type: 'text', text } });

/** A conversation with a hostile name and message, an agent reply, an upload, receipts and a resolve. */
async function busyConversation() {
  const jwt = await t.customer(uid('guest'), '<img src=x onerror=alert(1)>');
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  await send(jwt, id, 'Grüße! <script>alert("x")</script> & "quotes"\nsecond line');
  const form = new FormData();
  form.append('conversationId', id);
  form.append('file', new Blob(['plain text file'], { type: 'text/plain' }), 'notes <b>&1.txt');
  const upload = await fetch(`${t.url}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  assert.equal(upload.status, 201);
  const attachmentId = ((await upload.json()) as { id: string }).id;
  await t.request('POST', `/v1/conversations/${id}/messages`, { jwt, body: { clientMessageId: uid('att'), type: 'attachment', attachmentId, caption: 'my notes' } });
  const agent = await t.agent(uid('erin'));
  await send(agent, id, 'Hello, **Erin** here');
  await t.request('POST', `/v1/conversations/${id}/read`, { jwt, body: { seq: 10 } });
  await t.request('POST', `/v1/conversations/${id}/resolve`, { jwt: agent });
  return { jwt, id, agent };
}

test('text: UTF-8, names, UTC times, messages and attachment names, no receipts; downloaded as an attachment', async () => {
  const { jwt, id } = await busyConversation();
  const response = await t.request('GET', `/v1/conversations/${id}/transcript?format=text`, { jwt });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(response.headers.get('content-disposition'), `attachment; filename="transcript-${id}.txt"`);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  const text = response.body as string;
  assert.match(text, /^Conversation with Demo\n/);
  assert.match(text, /\[\d{4}-\d\d-\d\d \d\d:\d\d UTC\] <img src=x onerror=alert\(1\)>: Grüße! <script>alert\("x"\)<\/script> & "quotes"\n {4}second line\n/);
  assert.match(text, /Attachment: notes <b>&1\.txt \(15 B\)\n {4}my notes/);
  assert.match(text, /-- Erin joined the conversation/);
  assert.match(text, /Erin: Hello, \*\*Erin\*\* here/);
  assert.match(text, /-- Erin resolved the conversation/);
  assert.doesNotMatch(text, /read/i, 'receipts are noise');
  const plain = await t.request('GET', `/v1/conversations/${id}/transcript`, { jwt });
  assert.equal((plain.body as string).replace(/Exported .*/, ''), text.replace(/Exported .*/, ''), 'text is the default');
  assert.equal(plain.headers.get('content-type'), 'text/plain; charset=utf-8');
});

test('html: a complete document with all user content escaped and a strict CSP', async () => {
  const { id, agent } = await busyConversation();
  const response = await t.request('GET', `/v1/conversations/${id}/transcript?format=html`, { jwt: agent });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(response.headers.get('content-disposition'), `attachment; filename="transcript-${id}.html"`);
  const csp = response.headers.get('content-security-policy')!;
  assert.match(csp, /^default-src 'none'; style-src 'unsafe-inline'/);
  assert.doesNotMatch(csp, /script-src/);
  const html = response.body as string;
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">[\s\S]*<title>Conversation with Demo<\/title>[\s\S]*<\/body>\n<\/html>\n$/);
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('notes &lt;b&gt;&amp;1.txt'));
  assert.ok(html.includes('Grüße!'));
  // Nothing but the document's own markup: user content never becomes a tag.
  const tags = new Set([...html.matchAll(/<\/?([A-Za-z!][A-Za-z0-9]*)/g)].map((match) => match[1]!.toLowerCase()));
  assert.deepEqual([...tags].sort(), ['!doctype', 'body', 'div', 'h1', 'head', 'html', 'li', 'meta', 'ol', 'p', 'span', 'style', 'time', 'title']);
  assert.match(html, /<time datetime="\d{4}-\d\d-\d\dT[^"]+Z">/);
  assert.equal((html.match(/<li/g) ?? []).length, 5, 'customer message, attachment, join, agent message, resolve');
});

test('authorised like the events: the owner and its queue agents only; customers need transcripts on', async () => {
  const { jwt, id } = await busyConversation();
  const intruder = await t.customer();
  for (const [who, token] of [['another customer', intruder], ['another queue', await t.agent(uid('a'), ['billing'])]] as const) {
    const response = await t.request('GET', `/v1/conversations/${id}/transcript`, { jwt: token });
    assert.equal(response.status, 404, who);
    assert.equal(response.body.error.code, 'not-found');
  }
  assert.equal((await t.request('GET', `/v1/conversations/${id}/transcript`)).status, 401);
  assert.equal((await t.request('GET', `/v1/conversations/${id}/transcript?format=pdf`, { jwt })).status, 400);
  const auth = { authorization: `Bearer ${t.apiKey}` };
  await t.request('PUT', '/v1/integrations/demo/settings', { body: { transcript: false }, headers: auth });
  try {
    assert.equal((await t.request('GET', `/v1/conversations/${id}/transcript`, { jwt })).status, 403);
    assert.equal((await t.request('GET', `/v1/conversations/${id}/transcript`, { jwt: await t.agent() })).status, 200, 'agents always');
  } finally {
    await t.request('PUT', '/v1/integrations/demo/settings', { body: {}, headers: auth });
  }
});

test("a conversation nobody wrote in has an empty transcript, and asking for it creates nothing", async () => {
  const jwt = await t.customer();
  const id = (await t.request('GET', '/v1/conversations', { jwt })).body.conversations[0].id as string;
  const response = await t.request('GET', `/v1/conversations/${id}/transcript`, { jwt });
  assert.equal(response.status, 200);
  assert.match(response.body, /\(no messages\)/);
  assert.equal((await t.request('GET', `/v1/conversations/${id}`, { jwt: await t.agent() })).status, 404);
});
