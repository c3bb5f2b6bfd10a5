/**
 * Building blocks of the contract's schemas: how a schema gets the name its generated TypeScript
 * type carries, and the string shapes many messages share (ids, names, URLs, emails), with the
 * rule that names and URLs never hold control characters (PostgreSQL can't store U+0000, and a
 * name or link has no use for any of them).
 */
import { Type, type StringOptions, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';
import {
  ATTACHMENT_ID_PATTERN,
  CLIENT_MESSAGE_ID_PATTERN,
  CONVERSATION_ID_PATTERN,
  MESSAGE_ID_PATTERN,
  USER_ID_PATTERN,
} from './constants.js';

/** Where a schema keeps the name of its generated type (a symbol: JSON Schema validators never see it). */
export const ContractName = Symbol('omni.contract.name');

/** Names a schema: the generated types call it `name`, and refer to it by that name wherever it is used. */
export function named<T extends TSchema>(name: string, schema: T): T {
  (schema as Record<symbol, unknown>)[ContractName] = name;
  return schema;
}

/** Where a use of a named schema keeps its own doc comment (the generated member's, not the type's). */
export const ContractDoc = Symbol('omni.contract.doc');

/** The same schema with a doc comment for the place it is used (validators see no difference). */
export function documented<T extends TSchema>(schema: T, doc: string): T {
  return { ...schema, [ContractDoc]: doc };
}

/** `schema` or null, as one `type: [..., "null"]` (so defaults inside still apply, which they would not inside `anyOf`). */
export function Nullable<T extends TSchema>(schema: T, description?: string): TUnion<[T, TNull]> {
  const nullable = { ...schema, type: [schema.type as string, 'null'], ...(description ? { [ContractDoc]: description } : {}) };
  return nullable as unknown as TUnion<[T, TNull]>;
}

/** Control characters (C0 and DEL) as a regular-expression class body. */
const CONTROL = '\\x00-\\x1F\\x7F';

/** Text on one line with no control characters (names, titles). */
export const SINGLE_LINE_PATTERN = `^[^${CONTROL}]*$`;

/** One line, no control characters, and at least one character that is not a space. */
export const VISIBLE_LINE_PATTERN = `^[^${CONTROL}]*[^\\s${CONTROL}][^${CONTROL}]*$`;

/** An http(s) URL: no spaces, no control characters. */
export const HTTP_URL_PATTERN = `^https?://[^\\s${CONTROL}]+$`;

/** An https URL that is also safe inside HTML attributes (no quotes, angle brackets or backslashes). */
export const HTTPS_URL_PATTERN = `^https://[^\\s"'<>\\\\${CONTROL}]+$`;

/** https, or relative to the host page (no scheme, not `//host`): never `javascript:`, `data:` or `http:`. */
export const SAFE_URL_PATTERN = `^(https://[^\\s"'<>\\\\${CONTROL}]+|(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//)(?!/\\\\)[^\\s"'<>\\\\${CONTROL}]+)$`;

/** Free text of 1..`max` characters (line breaks and tabs allowed). */
export const ShortText = (max: number, options: StringOptions = {}) => Type.String({ minLength: 1, maxLength: max, ...options });

/** A name shown to people: 1..`max` characters on one line. */
export const SingleLine = (max: number, options: StringOptions = {}) =>
  Type.String({ minLength: 1, maxLength: max, pattern: SINGLE_LINE_PATTERN, ...options });

/** A person's or team's display name (1..80 characters, one line). */
export const DisplayName = (options: StringOptions = {}) => SingleLine(80, options);

/** An http(s) URL of at most 2000 characters. */
export const HttpUrl = (options: StringOptions = {}) => Type.String({ maxLength: 2000, pattern: HTTP_URL_PATTERN, ...options });

/** An email address as forms accept it (one @, a dot in the domain, no spaces or control characters). */
export const Email = (options: StringOptions = {}) =>
  Type.String({ maxLength: 254, pattern: `^[^\\s@<>"${CONTROL}]{1,64}@[^\\s@<>"${CONTROL}]+\\.[^\\s@<>"${CONTROL}]+$`, ...options });

/** A conversation id. */
export const ConversationId = (options: StringOptions = {}) => Type.String({ pattern: CONVERSATION_ID_PATTERN, ...options });

/** A stored message's id. */
export const MessageId = (options: StringOptions = {}) => Type.String({ pattern: MESSAGE_ID_PATTERN, ...options });

/** A stored upload's id. */
export const AttachmentId = (options: StringOptions = {}) => Type.String({ pattern: ATTACHMENT_ID_PATTERN, ...options });

/** A client-chosen message id (idempotent sends). */
export const ClientMessageId = (options: StringOptions = {}) => Type.String({ pattern: CLIENT_MESSAGE_ID_PATTERN, ...options });

/** A customer's or agent's own id. */
export const UserId = (options: StringOptions = {}) => Type.String({ pattern: USER_ID_PATTERN, ...options });

/** An ISO 8601 time (as the server writes it; not checked on input). */
export const Timestamp = (options: StringOptions = {}) => Type.String(options);
