/**
 * Conversations and their sequenced events: participants, the events every participant receives
 * (by `seq`, no gaps), a conversation as listed, and the pages of history and gap recovery.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { FORM_FIELD_NAME_PATTERN } from './constants.js';
import { KnownMessage } from './messages.js';
import { ConversationId, Email, Timestamp, VISIBLE_LINE_PATTERN, documented, named } from './schema.js';

/** Who a participant is in a conversation. */
export const ParticipantRole = named(
  'ParticipantRole',
  Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('system')], { description: 'Who a participant is in a conversation.' }),
);

/** A participant as seen on the wire (author of an event, caller of a socket). */
export const Participant = named(
  'Participant',
  Type.Object(
    {
      id: Type.String({ description: 'Stable id: `customer:<integrationId>:<customerId>` or `agent:<agentId>`.' }),
      role: ParticipantRole,
      displayName: Type.Optional(Type.String()),
    },
    { description: 'A participant as seen on the wire (author of an event, caller of a socket).' },
  ),
);

/** Any message body the server may send; unknown types must be rendered as a fallback. */
export const Message = KnownMessage;

/** What a visitor told about themselves (the pre-chat form's answers), set once per conversation; also the body of `POST .../contact`. */
export const ContactDetails = named(
  'ContactDetails',
  Type.Object(
    {
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: VISIBLE_LINE_PATTERN })),
      email: Type.Optional(Email()),
      phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9][0-9 ().-]{2,31}$' })),
      answers: Type.Optional(
        Type.Object(
          {},
          {
            description: 'Other pre-chat form fields by field name: text and select answers, consent as true/false.',
            maxProperties: 12,
            propertyNames: { pattern: FORM_FIELD_NAME_PATTERN },
            additionalProperties: Type.Union([Type.String({ maxLength: 1000 }), Type.Boolean()]),
          },
        ),
      ),
    },
    {
      description: "What a visitor told about themselves (the pre-chat form's answers), set once per conversation.",
      additionalProperties: false,
      minProperties: 1,
    },
  ),
);

const event = (name: string, type: string, description: string, properties: TProperties = {}) =>
  named(
    name,
    Type.Object(
      {
        conversationId: ConversationId(),
        seq: Type.Integer({ minimum: 1, description: 'Position in the conversation: 1, 2, 3... with no gaps.' }),
        createdAt: Timestamp({ description: 'ISO 8601 time the server stored the event.' }),
        author: Participant,
        type: Type.Literal(type),
        ...properties,
      },
      { description },
    ),
  );

/** A message was posted. */
export const MessageEvent = event('MessageEvent', 'message', 'A message was posted.', { message: Message });

/** The author's read horizon moved to `readSeq`. */
export const ReadEvent = event('ReadEvent', 'read', "The author's read horizon moved to `readSeq`.", { readSeq: Type.Integer({ minimum: 0 }) });

/** The author joined the conversation (an agent's first reply). */
export const JoinedEvent = event('JoinedEvent', 'participant.joined', "The author joined the conversation (an agent's first reply).");

/** An agent resolved the conversation. */
export const ResolvedEvent = event(
  'ResolvedEvent',
  'resolved',
  'An agent resolved the conversation; the customer may now rate it (a customer message reopens it, with no event of its own).',
);

/** The customer rated the conversation after a resolve (one rating per resolve). */
export const CsatEvent = event('CsatEvent', 'csat', 'The customer rated the conversation after a resolve (one rating per resolve).', {
  rating: Type.Integer({ minimum: 1, maximum: 5, description: '1 (bad) .. 5 (great).' }),
  comment: Type.Optional(Type.String()),
  resolvedSeq: Type.Integer({ description: 'Seq of the `resolved` event this rating is for.' }),
});

/** The customer gave their contact details (the pre-chat form). */
export const ContactEvent = event('ContactEvent', 'contact', 'The customer gave their contact details (the pre-chat form).', { contact: ContactDetails });

/** Why a conversation entered (or returned to) its queue. */
export const QueuedReason = named(
  'QueuedReason',
  Type.Union([Type.Literal('new'), Type.Literal('reopened'), Type.Literal('requeued'), Type.Literal('transfer')], {
    description: 'Why a conversation entered its queue: its first customer message, a customer message after a resolve, its agent went Offline, or a transfer.',
  }),
);

/** The conversation entered (or returned to) a queue and waits for an agent. */
export const QueuedEvent = event('QueuedEvent', 'queued', 'The conversation entered (or returned to) a queue and waits for an agent.', {
  queue: Type.String(),
  reason: Type.Optional(QueuedReason),
});

/** An agent now owns the conversation (routing, a manual take, or a transfer). */
export const AssignedEvent = event('AssignedEvent', 'assigned', 'An agent now owns the conversation (routing, a manual take, or a transfer).', {
  assignee: Participant,
  queue: Type.String(),
  by: Type.Optional(documented(Participant, 'Who assigned it, when not the router (a manual take or a transfer).')),
  transferredFrom: Type.Optional(documented(Participant, 'The agent who had it before a transfer.')),
});

/** The conversation waits on the customer (an agent set it; the customer's next message ends it). */
export const PendingEvent = event('PendingEvent', 'pending', "The conversation waits on the customer (an agent set it; the customer's next message ends it).");

/** Every sequenced event of a conversation. */
export const ConversationEvent = named(
  'ConversationEvent',
  Type.Union([MessageEvent, ReadEvent, JoinedEvent, ResolvedEvent, CsatEvent, ContactEvent, QueuedEvent, AssignedEvent, PendingEvent], {
    description: 'Every sequenced event of a conversation.',
  }),
);

/** Where a conversation is in its lifecycle. */
export const ConversationState = named(
  'ConversationState',
  Type.Union([Type.Literal('open'), Type.Literal('assigned'), Type.Literal('pending'), Type.Literal('resolved')], {
    description: 'Where a conversation is in its lifecycle: `open` (waiting in its queue), `assigned` (to one agent), `pending` (waiting on the customer), `resolved`.',
  }),
);

/** A conversation as listed for the caller. */
export const Conversation = named(
  'Conversation',
  Type.Object(
    {
      id: ConversationId(),
      integrationId: Type.String(),
      queue: Type.String(),
      customer: Participant,
      createdAt: Timestamp(),
      lastSeq: Type.Integer({ minimum: 0, description: 'Seq of the newest event (0 when empty).' }),
      lastMessage: Type.Optional(documented(MessageEvent, 'The newest message, if any.')),
      readSeq: Type.Integer({ minimum: 0, description: "The caller's own read horizon." }),
      otherReadSeq: Type.Integer({
        minimum: 0,
        description: "Highest read horizon of the other side (for the customer: the agents'; for agents: the customer's).",
      }),
      unreadCount: Type.Integer({ minimum: 0, description: "Messages from others above the caller's read horizon." }),
      state: Type.Optional(
        documented(ConversationState, "`resolved` from an agent's resolve until the customer writes again; absent from older servers (read as open)."),
      ),
      awaitingRating: Type.Optional(Type.Boolean({ description: 'True while resolved and not yet rated: the customer may send a CSAT rating.' })),
      assignee: Type.Optional(documented(Participant, 'The agent who owns the conversation while `assigned` or `pending`.')),
      contact: Type.Optional(documented(ContactDetails, "The customer's contact details (pre-chat form), once given.")),
    },
    { description: 'A conversation as listed for the caller.' },
  ),
);

/** A conversation's head, sent on (re)connect so the client can detect gaps. */
export const ConversationHead = named(
  'ConversationHead',
  Type.Object({ id: ConversationId(), lastSeq: Type.Integer({ minimum: 0 }) }, {
    description: "A conversation's head, sent on (re)connect so the client can detect gaps.",
  }),
);

/** `GET /v1/conversations` response. */
export const ConversationList = named(
  'ConversationList',
  Type.Object({ conversations: Type.Array(Conversation) }, { description: '`GET /v1/conversations` response.' }),
);

/** `GET /v1/conversations/:id/messages?before=SEQ&limit=N` response (ascending within the page). */
export const MessagePage = named(
  'MessagePage',
  Type.Object(
    {
      messages: Type.Array(MessageEvent),
      hasMore: Type.Boolean({ description: 'True when older messages exist before the first one returned.' }),
    },
    { description: '`GET /v1/conversations/:id/messages?before=SEQ&limit=N` response (ascending within the page).' },
  ),
);

/** `GET /v1/conversations/:id/events?after=SEQ&limit=N` response (ascending). */
export const EventPage = named(
  'EventPage',
  Type.Object(
    {
      events: Type.Array(ConversationEvent),
      lastSeq: Type.Integer({ minimum: 0 }),
      hasMore: Type.Boolean({ description: 'True when more events exist after the last one returned.' }),
    },
    { description: '`GET /v1/conversations/:id/events?after=SEQ&limit=N` response (ascending).' },
  ),
);
