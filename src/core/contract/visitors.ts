/**
 * The visitor beside a conversation, for its agents: the page the customer's browser is on (the
 * widget reports URL, title and time zone when they change, in a `page` frame), whether the
 * customer is verified, and whether they are online (a live events socket on any process).
 */
import { Type } from '@sinclair/typebox';
import { ConversationId, HttpUrl, SINGLE_LINE_PATTERN, Timestamp, named } from './schema.js';

/** Longest page title kept, in characters (the widget cuts longer ones). */
export const MAX_PAGE_TITLE_CHARS = 300;

/** Longest page URL kept, in characters (the widget cuts longer ones). */
export const MAX_PAGE_URL_CHARS = 2000;

/** An IANA time zone name as browsers report it (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `UTC`); the server also checks it with Intl. */
export const TimeZoneName = () => Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$' });

/** The page a visitor is on, as the widget reports it. */
export const PageReport = named(
  'PageReport',
  Type.Object(
    {
      url: HttpUrl({ maxLength: MAX_PAGE_URL_CHARS, description: 'The http(s) URL of the page (no control characters).' }),
      title: Type.String({ maxLength: MAX_PAGE_TITLE_CHARS, pattern: SINGLE_LINE_PATTERN, description: "The page's title (may be empty)." }),
      timeZone: Type.Optional(TimeZoneName()),
    },
    { description: 'The page a visitor is on, as the widget reports it.' },
  ),
);

/** What agents see of a conversation's customer beyond the conversation itself (the customer panel). */
export const VisitorInfo = named(
  'VisitorInfo',
  Type.Object(
    {
      conversationId: ConversationId(),
      integrationId: Type.String(),
      customerId: Type.String({ description: "The site's id of the customer (a random one for guests)." }),
      verified: Type.Optional(Type.Boolean({ description: "True when the site's backend vouched for the customer; absent until the widget reported once." })),
      page: Type.Optional(
        Type.Object(
          { url: Type.String(), title: Type.String(), at: Timestamp({ description: 'When the widget reported it.' }) },
          { description: 'The page the visitor is on (or was on last).' },
        ),
      ),
      timeZone: Type.Optional(Type.String({ description: "The visitor's IANA time zone, for their local time." })),
      online: Type.Boolean({ description: 'True while the customer has a live events socket (on any server process).' }),
    },
    { description: "What agents see of a conversation's customer beyond the conversation itself (the customer panel)." },
  ),
);
