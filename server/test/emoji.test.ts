// The emoji picker's data route against a real server: public, categories with names and keywords in
// the asked language (English where Emojibase has none), compressed, cached a week with an ETag.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { EMOJI_MAX_AGE_SECONDS, emojiLocale, type EmojiData } from '../http/emoji.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

test('GET /v1/emoji is public and gives categories of [emoji, name, keywords] in English by default', async () => {
  const response = await t.request<EmojiData>('GET', '/v1/emoji');
  assert.equal(response.status, 200);
  assert.equal(response.body.locale, 'en');
  const keys = response.body.groups.map((group) => group.key);
  assert.deepEqual(keys, ['smileys-emotion', 'people-body', 'animals-nature', 'food-drink', 'travel-places', 'activities', 'objects', 'symbols', 'flags']);
  const smileys = response.body.groups[0]!;
  assert.equal(smileys.name, 'smileys & emotion');
  assert.deepEqual(smileys.emoji[0]!.slice(0, 2), ['😀', 'grinning face']);
  const all = response.body.groups.flatMap((group) => group.emoji);
  assert.ok(all.length > 1500, `${all.length} emoji`);
  const heart = all.find(([emoji]) => emoji === '❤️');
  assert.ok(heart, 'the red heart is there');
  assert.match(heart[2], /\blove\b/, 'keywords beyond the name');
  assert.ok(!all.some(([emoji]) => emoji === '🫩'), 'nothing newer than Emoji 15.0 (face with bags under eyes is 16.0)');
});

test('other languages: the asked one, its primary language, else English', async () => {
  const german = await t.request<EmojiData>('GET', '/v1/emoji?locale=de');
  assert.equal(german.body.locale, 'de');
  assert.equal(german.body.groups.flatMap((group) => group.emoji).find(([emoji]) => emoji === '😀')![1], 'grinsendes Gesicht');
  assert.equal((await t.request<EmojiData>('GET', '/v1/emoji?locale=pt-BR')).body.locale, 'pt');
  assert.equal((await t.request<EmojiData>('GET', '/v1/emoji?locale=zh-CN')).body.locale, 'zh');
  assert.equal((await t.request<EmojiData>('GET', '/v1/emoji?locale=he')).body.locale, 'en');
  assert.equal(emojiLocale('en-GB'), 'en-gb');
  assert.equal(emojiLocale('es_MX'), 'es-mx');
  const bad = await t.request('GET', '/v1/emoji?locale=..%2F..%2Fetc');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'invalid-request');
});

test('cached a week with an ETag (304 when unchanged) and sent compressed', async () => {
  const first = await t.request('GET', '/v1/emoji?locale=en');
  assert.equal(first.headers.get('cache-control'), `public, max-age=${EMOJI_MAX_AGE_SECONDS}`);
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]+"$/);
  const again = await t.request('GET', '/v1/emoji?locale=en', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.notEqual((await t.request('GET', '/v1/emoji?locale=de')).headers.get('etag'), etag, 'one ETag per language');
  // fetch() decompresses on its own: read the raw bytes.
  const { encoding, bytes } = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
    const url = new URL('/v1/emoji?locale=en', t.url);
    httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
  assert.equal(encoding, 'gzip');
  const plain = gunzipSync(bytes);
  assert.ok(bytes.length < plain.length / 2, `${bytes.length} B gzip for ${plain.length} B`);
  assert.equal((JSON.parse(plain.toString('utf8')) as EmojiData).locale, 'en');
});
