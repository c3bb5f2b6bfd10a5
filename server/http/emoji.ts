/**
 * `GET /v1/emoji?locale=en`: the emoji picker's data, served by this server (no third-party CDN):
 * every emoji up to Emoji 15.0 (what current systems draw) by category, each with its name and
 * search keywords in the asked language (Emojibase's CLDR data; English where it has none). Public
 * (the contract's `GET /v1/emoji`) and the same for everyone: a week of caching, an ETag, gzip or brotli by @fastify/compress.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { EmojiData as EmojiDataSchema, EmojiQuery } from '../../src/core/contract/index.js';

/** The newest Emoji version offered (later ones show as empty boxes on many systems still). */
export const EMOJI_MAX_VERSION = 15;
/** How long browsers and CDNs may keep the data (it changes only with a server upgrade). */
export const EMOJI_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** The answer of `GET /v1/emoji` (the contract's `EmojiData`). */
export type EmojiData = Static<typeof EmojiDataSchema>;

interface EmojibaseEmoji {
  emoji: string;
  label: string;
  group?: number;
  order?: number;
  version?: number;
  tags?: string[];
}
interface EmojibaseMessages {
  groups: Array<{ key: string; message: string; order: number }>;
}

const dataDir = dirname(createRequire(import.meta.url).resolve('emojibase-data/package.json'));
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(dataDir, path), 'utf8')) as T;

/** The Emojibase locale for a language tag: itself, else its primary language, else English. */
export function emojiLocale(tag: string | undefined): string {
  const wanted = (tag ?? 'en').toLowerCase().replace(/_/g, '-');
  const exists = (locale: string) => /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(locale) && existsSync(join(dataDir, locale, 'data.json'));
  const primary = wanted.split('-')[0]!;
  return exists(wanted) ? wanted : exists(primary) ? primary : 'en';
}

/** The picker's data in one Emojibase locale, as the route sends it. */
export function emojiData(locale: string): EmojiData {
  const emoji = readJson<EmojibaseEmoji[]>(`${locale}/data.json`);
  const { groups } = readJson<EmojibaseMessages>(`${locale}/messages.json`);
  const keywords = (entry: EmojibaseEmoji) => {
    // The name's own words are searched anyway: only the other keywords travel.
    const named = new Set(entry.label.toLowerCase().split(/[\s:,.]+/));
    return (entry.tags ?? []).filter((tag) => !named.has(tag.toLowerCase())).join(' ');
  };
  return {
    locale,
    groups: groups
      .filter((group) => group.key !== 'component')
      .sort((a, b) => a.order - b.order)
      .map((group) => ({
        key: group.key,
        name: group.message,
        emoji: emoji
          .filter((entry) => entry.group === group.order && (entry.version ?? 0) <= EMOJI_MAX_VERSION)
          .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
          .map((entry): [string, string, string] => [entry.emoji, entry.label, keywords(entry)]),
      })),
  };
}

/** True when `If-None-Match` names `etag` (weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
}

/** Registers `GET /v1/emoji`. */
export async function emojiRoutes(app: FastifyInstance): Promise<void> {
  // Serialized once per locale, on first use.
  const served = new Map<string, { body: string; etag: string }>();
  // Validated against the route table's `GET /v1/emoji` (by the route-auth hook, which finds it public).
  app.get<{ Querystring: Static<typeof EmojiQuery> }>(
    '/v1/emoji',
    async (request, reply) => {
      const locale = emojiLocale(request.query.locale);
      let entry = served.get(locale);
      if (!entry) {
        const body = JSON.stringify(emojiData(locale));
        entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        served.set(locale, entry);
      }
      reply.header('cache-control', `public, max-age=${EMOJI_MAX_AGE_SECONDS}`).header('etag', entry.etag);
      if (matches(request.headers['if-none-match'], entry.etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(entry.body);
    },
  );
}
