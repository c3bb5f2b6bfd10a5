/**
 * `GET /v1/emoji?locale=en`: the emoji picker's data, served by this server (no third-party CDN):
 * every emoji up to Emoji 15.0 (what current systems draw) by category, each with its name and
 * search keywords in the asked language (Emojibase's CLDR data; English where it has none). Public
 * and the same for everyone: a week of caching, an ETag, gzip or brotli by @fastify/compress.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** The newest Emoji version offered (later ones show as empty boxes on many systems still). */
export const EMOJI_MAX_VERSION = 15;
/** How long browsers and CDNs may keep the data (it changes only with a server upgrade). */
export const EMOJI_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** The route's schemas: the query, and the answer (one `[emoji, name, keywords]` triple per emoji). */
export const EmojiSchema = {
  querystring: Type.Object(
    { locale: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$', description: 'A BCP 47 language tag [en].' })) },
    { additionalProperties: false },
  ),
  response: Type.Object({
    locale: Type.String({ description: 'The language served: the one asked for, its primary language, else `en`.' }),
    groups: Type.Array(
      Type.Object({
        key: Type.String({ description: 'A stable category key (`smileys-emotion`, `flags`…).' }),
        name: Type.String({ description: "The category's name in that language." }),
        emoji: Type.Array(Type.Tuple([Type.String(), Type.String(), Type.String()]), { description: '[emoji, name, space-separated keywords]' }),
      }),
    ),
  }),
};

/** The answer of `GET /v1/emoji`. */
export type EmojiData = Static<typeof EmojiSchema.response>;

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
  app.get<{ Querystring: Static<typeof EmojiSchema.querystring> }>(
    '/v1/emoji',
    { schema: { querystring: EmojiSchema.querystring, response: { 200: EmojiSchema.response } } },
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
