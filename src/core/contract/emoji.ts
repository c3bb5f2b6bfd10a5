/**
 * The emoji picker's data (`GET /v1/emoji?locale=`): every emoji by category with its name and
 * search keywords in the asked language, served by our own server.
 */
import { Type } from '@sinclair/typebox';
import { named } from './schema.js';

/** `GET /v1/emoji` query: the language wanted. */
export const EmojiQuery = named(
  'EmojiQuery',
  Type.Object(
    { locale: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$', description: 'A BCP 47 language tag [en].' })) },
    { additionalProperties: false, description: '`GET /v1/emoji` query: the language wanted.' },
  ),
);

/** One emoji: the character(s), its name and space-separated search keywords. */
export const EmojiEntry = named(
  'EmojiEntry',
  Type.Tuple([Type.String(), Type.String(), Type.String()], { description: 'One emoji: [emoji, name, space-separated search keywords].' }),
);

/** One category of emoji, in order. */
export const EmojiGroup = named(
  'EmojiGroup',
  Type.Object(
    {
      key: Type.String({ description: 'A stable category key (`smileys-emotion`, `flags`…).' }),
      name: Type.String({ description: "The category's name in that language." }),
      emoji: Type.Array(EmojiEntry),
    },
    { description: 'One category of emoji, in order.' },
  ),
);

/** `GET /v1/emoji` response: categories in order, with names in the language served. */
export const EmojiData = named(
  'EmojiData',
  Type.Object(
    {
      locale: Type.String({ description: 'The language served: the one asked for, its primary language, else `en`.' }),
      groups: Type.Array(EmojiGroup),
    },
    { description: '`GET /v1/emoji` response: categories in order, with names in the language served.' },
  ),
);
