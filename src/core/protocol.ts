/**
 * The wire protocol between the widget and the reference server: HTTP bodies, socket frames and
 * error shapes. Types and constants only (no behaviour), imported by both sides so they cannot drift.
 */

/** Who a participant is in a conversation. */
export type ParticipantRole = 'customer' | 'agent' | 'system';

/** A participant as seen on the wire (author of an event, caller of a socket). */
export interface Participant {
  /** Stable id: `customer:<integrationId>:<customerId>` or `agent:<agentId>`. */
  id: string;
  role: ParticipantRole;
  displayName?: string;
}

interface MessageBase {
  id: string;
  clientMessageId: string;
}

/** A text message; `text` may use the small markdown subset (bold, italic, code, lists, links). */
export interface TextMessage extends MessageBase {
  type: 'text';
  text: string;
  /** Set when the text answers a quick reply or a postback button. */
  payload?: string;
  /** The message whose quick reply or button this answers. */
  replyTo?: string;
}

/** A button: sends a reply carrying `payload`, or opens an http(s) URL in a new tab. */
export type MessageButton =
  | { type: 'postback'; title: string; payload: string }
  | { type: 'url'; title: string; url: string };

/** A card body (also an element of a carousel). */
export interface CardContent {
  title: string;
  text?: string;
  imageUrl?: string;
  imageAlt?: string;
  buttons?: MessageButton[];
}

/** A card: title, text, image and buttons. */
export interface CardMessage extends MessageBase, CardContent {
  type: 'card';
}

/** Cards side by side, scrollable. */
export interface CarouselMessage extends MessageBase {
  type: 'carousel';
  cards: CardContent[];
}

/** A question with reply chips that send their reply and then disappear. */
export interface QuickRepliesMessage extends MessageBase {
  type: 'quick-replies';
  text: string;
  replies: Array<{ title: string; payload?: string }>;
}

/** Text with buttons. */
export interface ButtonsMessage extends MessageBase {
  type: 'buttons';
  text: string;
  buttons: MessageButton[];
}

/** What kind of file an attachment is (from its content, checked by the server). */
export type AttachmentKind = 'image' | 'audio' | 'video' | 'file';

/** A stored upload, as `POST /v1/attachments` returns it. */
export interface AttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
  kind: AttachmentKind;
}

/** A file in the conversation; download it with `GET /v1/attachments/:id` (bearer token). */
export interface AttachmentMessage extends MessageBase {
  type: 'attachment';
  attachment: AttachmentInfo;
  caption?: string;
}

/** A visitor's message left while the team is away (offline mode `leave-message`): the text and where to answer it; customers only. */
export interface LeaveMessage extends MessageBase {
  type: 'leave-message';
  text: string;
  /** Where the team can answer by email. */
  email: string;
  name?: string;
}

/** Message types this version knows (the server may send newer ones: render a fallback). */
export type KnownMessage = TextMessage | CardMessage | CarouselMessage | QuickRepliesMessage | ButtonsMessage | AttachmentMessage | LeaveMessage;

/** Any message body the server may send; unknown types must be rendered as a fallback. */
export type Message = KnownMessage;

interface EventBase {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
}

/** A message was posted. */
export interface MessageEvent extends EventBase {
  type: 'message';
  message: Message;
}

/** The author's read horizon moved to `readSeq`. */
export interface ReadEvent extends EventBase {
  type: 'read';
  readSeq: number;
}

/** The author joined the conversation (an agent's first reply). */
export interface JoinedEvent extends EventBase {
  type: 'participant.joined';
}

/** An agent resolved the conversation; the customer may now rate it (a customer message reopens it, with no event of its own). */
export interface ResolvedEvent extends EventBase {
  type: 'resolved';
}

/** The customer rated the conversation after a resolve (one rating per resolve). */
export interface CsatEvent extends EventBase {
  type: 'csat';
  /** 1 (bad) .. 5 (great). */
  rating: number;
  comment?: string;
  /** Seq of the `resolved` event this rating is for. */
  resolvedSeq: number;
}

/** What a visitor told about themselves (the pre-chat form's answers), set once per conversation. */
export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
  /** Other pre-chat form fields by field name: text and select answers, consent as true/false. */
  answers?: Record<string, string | boolean>;
}

/** The customer gave their contact details (the pre-chat form). */
export interface ContactEvent extends EventBase {
  type: 'contact';
  contact: ContactDetails;
}

/** Every sequenced event of a conversation. */
export type ConversationEvent = MessageEvent | ReadEvent | JoinedEvent | ResolvedEvent | CsatEvent | ContactEvent;

/** Where a conversation is in its lifecycle (as far as the widget needs it). */
export type ConversationState = 'open' | 'resolved';

/** A conversation as listed for the caller. */
export interface Conversation {
  id: string;
  integrationId: string;
  queue: string;
  customer: Participant;
  createdAt: string;
  /** Seq of the newest event (0 when empty). */
  lastSeq: number;
  /** The newest message, if any. */
  lastMessage?: MessageEvent;
  /** The caller's own read horizon. */
  readSeq: number;
  /** Highest read horizon of the other side (for the customer: the agents'; for agents: the customer's). */
  otherReadSeq: number;
  /** Messages from others above the caller's read horizon. */
  unreadCount: number;
  /** `resolved` from an agent's resolve until the customer writes again; absent from older servers (read as open). */
  state?: ConversationState;
  /** True while resolved and not yet rated: the customer may send a CSAT rating. */
  awaitingRating?: boolean;
  /** The customer's contact details (pre-chat form), once given. */
  contact?: ContactDetails;
}

// ---- HTTP ----

/** `POST /v1/tokens` body (API key). */
export interface CustomerTokenRequest {
  integrationId: string;
  customerId: string;
  verifiedCustomer: boolean;
  displayName?: string;
  customerIdentifiers?: Record<string, string>;
  /** 900..3600, default 900. */
  expiresInSeconds?: number;
}

/** `POST /v1/agent-tokens` body (API key). */
export interface AgentTokenRequest {
  agentId: string;
  displayName?: string;
  /** Queues the agent serves; default `["support"]`. */
  queues?: string[];
  expiresInSeconds?: number;
}

/** Response of both token routes, and what a `JwtProvider` resolves to. */
export interface TokenResponse {
  jwt: string;
  /** ISO 8601 expiry. */
  expiresAt: string;
}

/** `GET /v1/conversations` response. */
export interface ConversationList {
  conversations: Conversation[];
}

/** `POST /v1/conversations/:id/messages` body. */
export type SendMessageRequest = { clientMessageId: string } & (
  | Omit<TextMessage, 'id' | 'clientMessageId'>
  | Omit<CardMessage, 'id' | 'clientMessageId'>
  | Omit<CarouselMessage, 'id' | 'clientMessageId'>
  | Omit<QuickRepliesMessage, 'id' | 'clientMessageId'>
  | Omit<ButtonsMessage, 'id' | 'clientMessageId'>
  | { type: 'attachment'; attachmentId: string; caption?: string }
  | Omit<LeaveMessage, 'id' | 'clientMessageId'>
);

/** `GET /v1/conversations/:id/messages?before=SEQ&limit=N` response (ascending within the page). */
export interface MessagePage {
  messages: MessageEvent[];
  /** True when older messages exist before the first one returned. */
  hasMore: boolean;
}

/** `GET /v1/conversations/:id/events?after=SEQ&limit=N` response (ascending). */
export interface EventPage {
  events: ConversationEvent[];
  lastSeq: number;
  /** True when more events exist after the last one returned. */
  hasMore: boolean;
}

/** `POST /v1/conversations/:id/read` body. */
export interface ReadRequest {
  seq: number;
}

/** `POST /v1/conversations/:id/csat` body (the customer, after a resolve). */
export interface CsatRequest {
  /** Integer 1..5. */
  rating: number;
  /** At most 1000 characters. */
  comment?: string;
}

/** `POST /v1/conversations/:id/contact` body (the customer, once): name/email/phone fields of the pre-chat form at the top, other fields in `answers`. */
export type ContactRequest = ContactDetails;

/** `GET /v1/conversations/:id/transcript?format=` values. */
export type TranscriptFormat = 'text' | 'html';

/** `POST /v1/sip/credentials` response: HMAC ephemeral SIP credentials and where to use them. */
export interface SipCredentials {
  username: string;
  password: string;
  expiresAt: string;
  /** The SIP WebSocket (the built-in edge's `/sip`, or Kamailio). */
  wsUrl: string;
  domain: string;
  /** The address the UA presents (agents: the queue they answer). */
  aor: string;
  /** Whom a guest calls (its integration's queue). */
  destination?: string;
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
}

/** Stable error codes of HTTP responses, socket error frames and the widget's `omni-error`. */
export type ErrorCode =
  | 'invalid-request'
  | 'unauthorized'
  | 'token-expired'
  | 'forbidden'
  | 'not-found'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  /** The request clashes with the current state (e.g. an id that exists, a second rating). */
  | 'conflict'
  | 'server-error'
  | 'network'
  | 'token-provider-failed'
  // Raised by the widget itself, never sent by the server:
  /** An element attribute holds something it can't use (e.g. a function written into `jwtprovider`). */
  | 'invalid-attribute'
  /** `destination` is neither a queue name nor a SIP URI. */
  | 'invalid-destination'
  /** An element has no token source (`token-url`, `.jwtProvider` or a default session) to start with. */
  | 'not-configured';

/** A queue's name (integrations route to it; agents answer it; guests call it). */
export const QUEUE_NAME_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** An integration's id (a business function; customers' tokens name it). */
export const INTEGRATION_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** An error as a value: a stable code and a human message. */
export interface OmniErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Body of every 4xx/5xx response. */
export interface ErrorResponse {
  error: OmniErrorInfo;
}

// ---- Integrations and their public widget settings: integration-settings.ts ----

export type * from './integration-settings.js';

// ---- Events socket (`WS /v1/events`) ----

/** Frames the client sends. The first one must be `auth`. */
export type ClientFrame =
  | { type: 'auth'; jwt: string }
  /** Ephemeral: the sender is (or stopped) typing in a conversation (no seq, not stored). */
  | { type: 'typing'; conversationId: string; active: boolean }
  | { type: 'ping'; id?: string }
  | { type: 'pong'; id?: string };

/** A conversation's head, sent on (re)connect so the client can detect gaps. */
export interface ConversationHead {
  id: string;
  lastSeq: number;
}

/** Frames the server sends. */
export type ServerFrame =
  | {
      type: 'welcome';
      participant: Participant;
      conversations: ConversationHead[];
      expiresAt: string;
      /** How often the server pings; the client may treat 2x silence as a dead socket. */
      heartbeatMs: number;
    }
  | { type: 'reauthenticated'; expiresAt: string }
  | { type: 'event'; event: ConversationEvent }
  | { type: 'conversation'; conversation: ConversationHead }
  | { type: 'typing'; conversationId: string; participant: Participant; active: boolean }
  | { type: 'ping'; id?: string }
  | { type: 'pong'; id?: string }
  | { type: 'error'; error: OmniErrorInfo };

/** Close codes of the events socket (4000-4999 are application codes). */
export const CloseCode = {
  /** The first frame was not a valid `auth`, or the token is forged/malformed. */
  invalidToken: 4001,
  /** The token expired (at auth, or while connected without a re-auth). */
  tokenExpired: 4002,
  /** No `auth` frame arrived in time. */
  authTimeout: 4003,
  /** Too many malformed frames. */
  badFrames: 4004,
  /** The peer stopped answering pings. */
  heartbeatTimeout: 4005,
  /** The server is shutting down; reconnect. */
  goingAway: 1001,
} as const;
