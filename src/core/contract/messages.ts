/**
 * Message bodies: each type's content is defined once and makes both the stored message (with its
 * `id`) and the body of `POST /v1/conversations/:id/messages` (without it).
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { AttachmentId, ClientMessageId, DisplayName, Email, HttpUrl, MessageId, ShortText, named } from './schema.js';

/** Options every object of the contract shares: unknown properties are refused. */
const closed = { additionalProperties: false } as const;

/** A button: sends a reply carrying `payload`, or opens an http(s) URL in a new tab. */
export const MessageButton = named(
  'MessageButton',
  Type.Union(
    [
      Type.Object({ type: Type.Literal('postback'), title: ShortText(80), payload: ShortText(1000) }, closed),
      Type.Object({ type: Type.Literal('url'), title: ShortText(80), url: HttpUrl() }, closed),
    ],
    { description: 'A button: sends a reply carrying `payload`, or opens an http(s) URL in a new tab.' },
  ),
);

const cardProperties = {
  title: ShortText(200),
  text: Type.Optional(Type.String({ maxLength: 2000 })),
  imageUrl: Type.Optional(HttpUrl()),
  imageAlt: Type.Optional(Type.String({ maxLength: 300 })),
  buttons: Type.Optional(Type.Array(MessageButton, { maxItems: 5 })),
};

/** A card body (also an element of a carousel). */
export const CardContent = named('CardContent', Type.Object(cardProperties, { ...closed, description: 'A card body (also an element of a carousel).' }));

/** What kind of file an attachment is (from its content, checked by the server). */
export const AttachmentKind = named(
  'AttachmentKind',
  Type.Union([Type.Literal('image'), Type.Literal('audio'), Type.Literal('video'), Type.Literal('file')], {
    description: 'What kind of file an attachment is (from its content, checked by the server).',
  }),
);

/** A stored upload, as `POST /v1/attachments` returns it. */
export const AttachmentInfo = named(
  'AttachmentInfo',
  Type.Object(
    { id: AttachmentId(), name: Type.String(), contentType: Type.String(), size: Type.Integer({ minimum: 0 }), kind: AttachmentKind },
    { description: 'A stored upload, as `POST /v1/attachments` returns it.' },
  ),
);

/** One message type: its `type`, what it holds, and what the body of a send holds instead (if different). */
interface MessageKind {
  name: string;
  description: string;
  content: TProperties;
  body?: TProperties;
}

/** Every message type this version knows, by `type`. */
const kinds = {
  text: {
    name: 'TextMessage',
    description: 'A text message; `text` may use the small markdown subset (bold, italic, code, lists, links).',
    content: {
      text: ShortText(4000),
      payload: Type.Optional(ShortText(1000, { description: 'Set when the text answers a quick reply or a postback button.' })),
      replyTo: Type.Optional(MessageId({ description: 'The message whose quick reply or button this answers.' })),
    },
  },
  card: { name: 'CardMessage', description: 'A card: title, text, image and buttons.', content: cardProperties },
  carousel: {
    name: 'CarouselMessage',
    description: 'Cards side by side, scrollable.',
    content: { cards: Type.Array(CardContent, { minItems: 1, maxItems: 10 }) },
  },
  'quick-replies': {
    name: 'QuickRepliesMessage',
    description: 'A question with reply chips that send their reply and then disappear.',
    content: {
      text: ShortText(2000),
      replies: Type.Array(Type.Object({ title: ShortText(80), payload: Type.Optional(ShortText(1000)) }, closed), { minItems: 1, maxItems: 10 }),
    },
  },
  attachment: {
    name: 'AttachmentMessage',
    description: 'A file in the conversation; download it with `GET /v1/attachments/:id` (bearer token).',
    content: { attachment: AttachmentInfo, caption: Type.Optional(Type.String({ maxLength: 2000 })) },
    body: { attachmentId: AttachmentId(), caption: Type.Optional(Type.String({ maxLength: 2000 })) },
  },
  buttons: {
    name: 'ButtonsMessage',
    description: 'Text with buttons.',
    content: { text: ShortText(2000), buttons: Type.Array(MessageButton, { minItems: 1, maxItems: 5 }) },
  },
  'leave-message': {
    name: 'LeaveMessage',
    description: "A visitor's message left while the team is away (offline mode `leave-message`): the text and where to answer it; customers only.",
    content: { text: ShortText(4000), email: Email({ description: 'Where the team can answer by email.' }), name: Type.Optional(DisplayName()) },
  },
} satisfies Record<string, MessageKind>;

/** A message type's name on the wire. */
export type MessageType = keyof typeof kinds;

/** Message types the server accepts, in the order they are documented. */
export const MESSAGE_TYPES = Object.keys(kinds) as MessageType[];

/** Message types a customer may send (`leave-message` is theirs alone; the other rich types are the support side's). */
export const CUSTOMER_MESSAGE_TYPES: readonly MessageType[] = ['text', 'attachment', 'leave-message'];

const messageOf = (type: MessageType) => {
  const kind: MessageKind = kinds[type];
  return named(
    kind.name,
    Type.Object({ id: MessageId(), clientMessageId: ClientMessageId(), type: Type.Literal(type), ...kind.content }, { description: kind.description }),
  );
};

const bodyOf = (type: MessageType) => {
  const kind: MessageKind = kinds[type];
  return Type.Object({ clientMessageId: ClientMessageId(), type: Type.Literal(type), ...(kind.body ?? kind.content) }, closed);
};

/** A text message. */
export const TextMessage = messageOf('text');
/** A card. */
export const CardMessage = messageOf('card');
/** A carousel of cards. */
export const CarouselMessage = messageOf('carousel');
/** A question with reply chips. */
export const QuickRepliesMessage = messageOf('quick-replies');
/** A file in the conversation. */
export const AttachmentMessage = messageOf('attachment');
/** Text with buttons. */
export const ButtonsMessage = messageOf('buttons');
/** A message left while the team is away. */
export const LeaveMessage = messageOf('leave-message');

/** Message types this version knows (the server may send newer ones: render a fallback). */
export const KnownMessage = named(
  'KnownMessage',
  Type.Union([TextMessage, CardMessage, CarouselMessage, QuickRepliesMessage, ButtonsMessage, AttachmentMessage, LeaveMessage], {
    description: 'Message types this version knows (the server may send newer ones: render a fallback).',
  }),
);

/** The body of a send, one schema per message type (the `type` field picks it). */
export const MessageBodies = Object.fromEntries(MESSAGE_TYPES.map((type) => [type, bodyOf(type)])) as Record<MessageType, ReturnType<typeof bodyOf>>;

/** `POST /v1/conversations/:id/messages` body: the envelope here, the type's own schema through `if`/`then` (so an error names the field of that type). */
export const SendMessageRequest = named(
  'SendMessageRequest',
  Type.Object(
    { clientMessageId: ClientMessageId(), type: Type.String({ minLength: 1, maxLength: 32 }) },
    {
      description: '`POST /v1/conversations/:id/messages` body.',
      allOf: MESSAGE_TYPES.map((type) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then: MessageBodies[type] })),
    },
  ),
);
