/**
 * Agent-only records: internal notes on a conversation (`/v1/conversations/:id/notes`, the `note`
 * frame) and a queue's canned responses (`/v1/canned-responses…` with the API key, read by the
 * queue's agents at `GET /v1/queues/:name/canned-responses`). Neither is part of a conversation's
 * seq stream: nothing here ever reaches a customer.
 */
import { Type } from '@sinclair/typebox';
import { QUEUE_NAME_PATTERN } from './constants.js';
import { Participant } from './conversations.js';
import { ConversationId, ShortText, SingleLine, Timestamp, VISIBLE_LINE_PATTERN, named } from './schema.js';

const closed = { additionalProperties: false } as const;

/** An internal note's id (`note_` and a UUID). */
export const NOTE_ID_PATTERN = '^note_[0-9a-f-]{36}$';

/** A canned response's id (`canned_` and a UUID). */
export const CANNED_RESPONSE_ID_PATTERN = '^canned_[0-9a-f-]{36}$';

/** What an agent types after `/` to pick a canned response: a lower-case word (letters, digits, `-`, `_`), 1..32 characters. */
export const CANNED_SHORTCUT_PATTERN = '^[a-z0-9][a-z0-9_-]{0,31}$';

/** Longest note or canned response text, in characters (a text message's limit). */
export const NOTE_MAX_LENGTH = 4000;

/** An internal note: seen by the agents and supervisors of the conversation's queue, never by its customer. */
export const Note = named(
  'Note',
  Type.Object(
    {
      id: Type.String({ pattern: NOTE_ID_PATTERN }),
      conversationId: ConversationId(),
      author: Participant,
      text: Type.String(),
      createdAt: Timestamp(),
    },
    { description: "An internal note: seen by the agents and supervisors of the conversation's queue, never by its customer." },
  ),
);

/** `POST /v1/conversations/:id/notes` body (an agent or supervisor of the queue). */
export const NoteRequest = named(
  'NoteRequest',
  Type.Object(
    { text: ShortText(NOTE_MAX_LENGTH, { pattern: '\\S', description: '1..4000 characters, not only spaces.' }) },
    { ...closed, description: '`POST /v1/conversations/:id/notes` body (an agent or supervisor of the queue).' },
  ),
);

/** `GET /v1/conversations/:id/notes` response: the conversation's notes, oldest first. */
export const NoteList = named(
  'NoteList',
  Type.Object({ notes: Type.Array(Note) }, { description: "`GET /v1/conversations/:id/notes` response: the conversation's notes, oldest first." }),
);

/** A reply an agent inserts with `/shortcut`, kept per queue. */
export const CannedResponse = named(
  'CannedResponse',
  Type.Object(
    {
      id: Type.String({ pattern: CANNED_RESPONSE_ID_PATTERN }),
      queue: Type.String(),
      shortcut: Type.String(),
      title: Type.String(),
      text: Type.String(),
      createdAt: Timestamp(),
      updatedAt: Timestamp(),
    },
    { description: 'A reply an agent inserts with `/shortcut`, kept per queue.' },
  ),
);

const cannedFields = {
  shortcut: Type.String({ pattern: CANNED_SHORTCUT_PATTERN, description: 'Unique in its queue: lower-case letters, digits, `-`, `_` (1..32).' }),
  title: SingleLine(80, { pattern: VISIBLE_LINE_PATTERN, description: 'Shown in the picker (1..80 characters, one line).' }),
  text: ShortText(NOTE_MAX_LENGTH, { pattern: '\\S', description: 'What is inserted into the composer (1..4000 characters).' }),
};

/** `POST /v1/canned-responses` body (API key). */
export const CreateCannedResponseRequest = named(
  'CreateCannedResponseRequest',
  Type.Object(
    { queue: Type.String({ pattern: QUEUE_NAME_PATTERN, description: 'The queue whose agents may use it.' }), ...cannedFields },
    { ...closed, description: '`POST /v1/canned-responses` body (API key); 409 when the queue has the shortcut already.' },
  ),
);

/** `PATCH /v1/canned-responses/:id` body (API key): the fields to change. */
export const UpdateCannedResponseRequest = named(
  'UpdateCannedResponseRequest',
  Type.Object(
    { shortcut: Type.Optional(cannedFields.shortcut), title: Type.Optional(cannedFields.title), text: Type.Optional(cannedFields.text) },
    { ...closed, minProperties: 1, description: '`PATCH /v1/canned-responses/:id` body (API key): the fields to change.' },
  ),
);

/** A list of canned responses, by queue then shortcut. */
export const CannedResponseList = named(
  'CannedResponseList',
  Type.Object({ cannedResponses: Type.Array(CannedResponse) }, { description: 'A list of canned responses, by queue then shortcut.' }),
);

/** `:id` of a canned response's routes. */
export const CannedResponseParams = Type.Object({ id: Type.String({ pattern: CANNED_RESPONSE_ID_PATTERN }) });

/** `GET /v1/canned-responses` query (API key): one queue's, or all. */
export const CannedResponsesQuery = Type.Object({ queue: Type.Optional(Type.String({ pattern: QUEUE_NAME_PATTERN })) }, closed);
