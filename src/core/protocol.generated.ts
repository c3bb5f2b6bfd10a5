/**
 * Generated from the protocol contract (src/core/contract/) by src/core/contract/codegen.ts: do not edit.
 * Regenerate with `npm run build -w server && npm run protocol:types`.
 */
/* eslint-disable */

/** Who a participant is in a conversation. */
export type ParticipantRole = 'customer' | 'agent' | 'system';

/** A participant as seen on the wire (author of an event, caller of a socket). */
export interface Participant {
  /** Stable id: `customer:<integrationId>:<customerId>` or `agent:<agentId>`. */
  id: string;
  role: ParticipantRole;
  displayName?: string;
}

/** A button: sends a reply carrying `payload`, or opens an http(s) URL in a new tab. */
export type MessageButton = { type: 'postback'; title: string; payload: string } | { type: 'url'; title: string; url: string };

/** A card body (also an element of a carousel). */
export interface CardContent { title: string; text?: string; imageUrl?: string; imageAlt?: string; buttons?: MessageButton[] }

/** A text message; `text` may use the small markdown subset (bold, italic, code, lists, links). */
export interface TextMessage {
  id: string;
  clientMessageId: string;
  type: 'text';
  text: string;
  /** Set when the text answers a quick reply or a postback button. */
  payload?: string;
  /** The message whose quick reply or button this answers. */
  replyTo?: string;
}

/** A card: title, text, image and buttons. */
export interface CardMessage {
  id: string;
  clientMessageId: string;
  type: 'card';
  title: string;
  text?: string;
  imageUrl?: string;
  imageAlt?: string;
  buttons?: MessageButton[];
}

/** Cards side by side, scrollable. */
export interface CarouselMessage { id: string; clientMessageId: string; type: 'carousel'; cards: CardContent[] }

/** A question with reply chips that send their reply and then disappear. */
export interface QuickRepliesMessage {
  id: string;
  clientMessageId: string;
  type: 'quick-replies';
  text: string;
  replies: { title: string; payload?: string }[];
}

/** Text with buttons. */
export interface ButtonsMessage { id: string; clientMessageId: string; type: 'buttons'; text: string; buttons: MessageButton[] }

/** What kind of file an attachment is (from its content, checked by the server). */
export type AttachmentKind = 'image' | 'audio' | 'video' | 'file';

/** A stored upload, as `POST /v1/attachments` returns it. */
export interface AttachmentInfo { id: string; name: string; contentType: string; size: number; kind: AttachmentKind }

/** A file in the conversation; download it with `GET /v1/attachments/:id` (bearer token). */
export interface AttachmentMessage {
  id: string;
  clientMessageId: string;
  type: 'attachment';
  attachment: AttachmentInfo;
  caption?: string;
}

/** A visitor's message left while the team is away (offline mode `leave-message`): the text and where to answer it; customers only. */
export interface LeaveMessage {
  id: string;
  clientMessageId: string;
  type: 'leave-message';
  text: string;
  /** Where the team can answer by email. */
  email: string;
  name?: string;
}

/** Message types this version knows (the server may send newer ones: render a fallback). */
export type KnownMessage =
  | TextMessage
  | CardMessage
  | CarouselMessage
  | QuickRepliesMessage
  | ButtonsMessage
  | AttachmentMessage
  | LeaveMessage;

/** Any message body the server may send; unknown types must be rendered as a fallback. */
export type Message = KnownMessage;

/** A message was posted. */
export interface MessageEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'message';
  message: KnownMessage;
}

/** The author's read horizon moved to `readSeq`. */
export interface ReadEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'read';
  readSeq: number;
}

/** The author joined the conversation (an agent's first reply). */
export interface JoinedEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'participant.joined';
}

/** An agent resolved the conversation; the customer may now rate it (a customer message reopens it, with no event of its own). */
export interface ResolvedEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'resolved';
}

/** The customer rated the conversation after a resolve (one rating per resolve). */
export interface CsatEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
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
export interface ContactEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'contact';
  contact: ContactDetails;
}

/** Why a conversation entered its queue: its first customer message, a customer message after a resolve, its agent went Offline, or a transfer. */
export type QueuedReason = 'new' | 'reopened' | 'requeued' | 'transfer';

/** The conversation entered (or returned to) a queue and waits for an agent. */
export interface QueuedEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'queued';
  queue: string;
  reason?: QueuedReason;
}

/** An agent now owns the conversation (routing, a manual take, or a transfer). */
export interface AssignedEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'assigned';
  assignee: Participant;
  queue: string;
  /** Who assigned it, when not the router (a manual take or a transfer). */
  by?: Participant;
  /** The agent who had it before a transfer. */
  transferredFrom?: Participant;
}

/** The conversation waits on the customer (an agent set it; the customer's next message ends it). */
export interface PendingEvent {
  conversationId: string;
  /** Position in the conversation: 1, 2, 3... with no gaps. */
  seq: number;
  /** ISO 8601 time the server stored the event. */
  createdAt: string;
  author: Participant;
  type: 'pending';
}

/** Every sequenced event of a conversation. */
export type ConversationEvent =
  | MessageEvent
  | ReadEvent
  | JoinedEvent
  | ResolvedEvent
  | CsatEvent
  | ContactEvent
  | QueuedEvent
  | AssignedEvent
  | PendingEvent;

/** Where a conversation is in its lifecycle: `open` (waiting in its queue), `assigned` (to one agent), `pending` (waiting on the customer), `resolved`. */
export type ConversationState = 'open' | 'assigned' | 'pending' | 'resolved';

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
  /** The agent who owns the conversation while `assigned` or `pending`. */
  assignee?: Participant;
  /** The customer's contact details (pre-chat form), once given. */
  contact?: ContactDetails;
}

/** A conversation's head, sent on (re)connect so the client can detect gaps. */
export interface ConversationHead { id: string; lastSeq: number }

/** `GET /v1/conversations` response. */
export interface ConversationList { conversations: Conversation[] }

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

/** `POST /v1/agent-tokens` body (API key): a token for an agent that exists and is enabled; its name and queues come from the agent's record. */
export interface AgentTokenRequest {
  agentId: string;
  /** Narrows the token to these of the agent's queues (each must be one of them); default: all of them. */
  queues?: string[];
  /** 900..3600, default 900. */
  expiresInSeconds?: number;
}

/** Response of both token routes, and what a `JwtProvider` resolves to. */
export interface TokenResponse {
  jwt: string;
  /** ISO 8601 expiry. */
  expiresAt: string;
}

/** `POST /v1/conversations/:id/messages` body. */
export type SendMessageRequest =
  | {
    clientMessageId: string;
    type: 'text';
    text: string;
    /** Set when the text answers a quick reply or a postback button. */
    payload?: string;
    /** The message whose quick reply or button this answers. */
    replyTo?: string;
  }
  | {
    clientMessageId: string;
    type: 'card';
    title: string;
    text?: string;
    imageUrl?: string;
    imageAlt?: string;
    buttons?: MessageButton[];
  }
  | { clientMessageId: string; type: 'carousel'; cards: CardContent[] }
  | {
    clientMessageId: string;
    type: 'quick-replies';
    text: string;
    replies: { title: string; payload?: string }[];
  }
  | { clientMessageId: string; type: 'attachment'; attachmentId: string; caption?: string }
  | { clientMessageId: string; type: 'buttons'; text: string; buttons: MessageButton[] }
  | {
    clientMessageId: string;
    type: 'leave-message';
    text: string;
    /** Where the team can answer by email. */
    email: string;
    name?: string;
  };

/** `POST /v1/conversations/:id/read` body. */
export interface ReadRequest { seq: number }

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
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
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
  /** The agent exists but is disabled: no token, and its sockets are closed. */
  | 'agent-disabled'
  /** The integration exists but is disabled: no customer tokens. */
  | 'integration-disabled'
  | 'server-error'
  /** Raised by the widget itself, never sent by the server: the server could not be reached. */
  | 'network'
  /** Raised by the widget itself: the JwtProvider or token URL failed. */
  | 'token-provider-failed'
  /** Raised by the widget: an element attribute holds something it can't use (e.g. a function written into `jwtprovider`). */
  | 'invalid-attribute'
  /** Raised by the widget: `destination` is neither a queue name nor a SIP URI. */
  | 'invalid-destination'
  /** Raised by the widget: an element has no token source (`token-url`, `.jwtProvider` or a default session) to start with. */
  | 'not-configured';

/** An error as a value: a stable code and a human message. */
export interface OmniErrorInfo { code: ErrorCode; message: string }

/** Body of every 4xx/5xx response. */
export interface ErrorResponse { error: OmniErrorInfo }

/** An integration as the API-key routes show it. */
export interface IntegrationInfo {
  id: string;
  name: string;
  /** Which channels are on. */
  channels: { messaging: boolean; voice: boolean };
  /** The queue its conversations and calls route to. */
  queue: string;
  /** A disabled integration gets no customer tokens. */
  enabled: boolean;
  createdAt: string;
}

/** `POST /v1/integrations` body (API key). */
export interface CreateIntegrationRequest {
  /** Matches `INTEGRATION_ID_PATTERN`. */
  id: string;
  name: string;
  /** Matches `QUEUE_NAME_PATTERN`. */
  queue: string;
  /** Default: both on. */
  channels?: { messaging: boolean; voice: boolean };
}

/** `PATCH /v1/integrations/:id` body (API key): changes the given fields (`enabled: false` disables it). */
export interface UpdateIntegrationRequest {
  name?: string;
  queue?: string;
  channels?: { messaging: boolean; voice: boolean };
  enabled?: boolean;
}

/** `GET /v1/integrations` response (API key). */
export interface IntegrationList { integrations: IntegrationInfo[] }

/** Days of the week as business-hours keys. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours within one day, local `HH:MM` (`close` after `open`; `24:00` ends at midnight). */
export interface OpeningInterval { open: string; close: string }

/** When the team answers: weekly hours in an IANA time zone, minus holidays. */
export interface BusinessHours {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Intervals per weekday; a missing or empty day is closed. An overnight shift is two intervals (`22:00-24:00`, next day `00:00-02:00`). */
  weekly: {
    sun?: OpeningInterval[];
    mon?: OpeningInterval[];
    tue?: OpeningInterval[];
    wed?: OpeningInterval[];
    thu?: OpeningInterval[];
    fri?: OpeningInterval[];
    sat?: OpeningInterval[];
  };
  /** Closed days, `YYYY-MM-DD` in the time zone. */
  holidays: string[];
}

/** Kinds of pre-chat form field (`name`, `email` and `phone` fill the contact's own fields; at most one of each). */
export type PreChatFieldType = 'name' | 'email' | 'phone' | 'text' | 'select' | 'consent';

/** One pre-chat form field. */
export interface PreChatField {
  /** Key of the answer (`^[A-Za-z][A-Za-z0-9_-]{0,39}$`, unique in the form). */
  name: string;
  label: string;
  type: PreChatFieldType;
  required: boolean;
  /** `select` only: the choices. */
  options?: string[];
  /** `consent` only: the https page the consent refers to. */
  link?: string;
}

/** What the widget does outside business hours. */
export type OfflineMode = 'chat' | 'leave-message' | 'hide';

/** The public, non-secret look and behaviour of an integration's widget (defaults in brackets). */
export interface IntegrationSettings {
  /** 1..80 characters [the integration's name]. */
  teamName: string;
  /** Up to 500 characters [`Hi! How can we help?`]. */
  greeting: string;
  /** `#rrggbb` [`#1f5bd8`]. */
  accentColor: string;
  /** An https or page-relative URL, or null for none [null]. */
  avatarUrl: string | null;
  /** null = always open [null]. */
  businessHours: BusinessHours | null;
  /** Up to 12 fields [disabled, no fields]. */
  preChatForm: { enabled: boolean; fields: PreChatField[] };
  /** `chat`: chat as usual; `leave-message`: offer a `leave-message` form; `hide`: hide the launcher [`leave-message`]. */
  offlineMode: OfflineMode;
  /** Within business hours, count the team as away (so the offline mode applies) while no agent of the queue is Available [false]. */
  offlineWithoutAgents: boolean;
  /** Offer a rating after a resolve; the server refuses ratings when off [true]. */
  csat: boolean;
  /** Offer a transcript download; the server refuses customers' downloads when off [true]. */
  transcript: boolean;
  /** Offer uploads (a widget choice; the server does not enforce it) [true]. */
  attachments: boolean;
  /** Offer calling (a widget choice; the integration's voice channel decides what the server allows) [the voice channel]. */
  voice: boolean;
  /** Offer the emoji picker [true]. */
  emoji: boolean;
}

/** `PUT /v1/integrations/:id/settings` body (API key): every field optional, missing ones take their defaults. */
export interface IntegrationSettingsRequest {
  /** 1..80 characters [the integration's name]. */
  teamName?: string;
  /** Up to 500 characters [`Hi! How can we help?`]. */
  greeting?: string;
  /** `#rrggbb` [`#1f5bd8`]. */
  accentColor?: string;
  /** An https or page-relative URL, or null for none [null]. */
  avatarUrl?: string | null;
  /** null = always open [null]. */
  businessHours?: BusinessHours | null;
  /** Up to 12 fields [disabled, no fields]. */
  preChatForm?: { enabled: boolean; fields: PreChatField[] };
  /** `chat`: chat as usual; `leave-message`: offer a `leave-message` form; `hide`: hide the launcher [`leave-message`]. */
  offlineMode?: OfflineMode;
  /** Within business hours, count the team as away (so the offline mode applies) while no agent of the queue is Available [false]. */
  offlineWithoutAgents?: boolean;
  /** Offer a rating after a resolve; the server refuses ratings when off [true]. */
  csat?: boolean;
  /** Offer a transcript download; the server refuses customers' downloads when off [true]. */
  transcript?: boolean;
  /** Offer uploads (a widget choice; the server does not enforce it) [true]. */
  attachments?: boolean;
  /** Offer calling (a widget choice; the integration's voice channel decides what the server allows) [the voice channel]. */
  voice?: boolean;
  /** Offer the emoji picker [true]. */
  emoji?: boolean;
}

/** Whether the team can answer now: business hours and agents. */
export interface Availability {
  /** Within business hours (and, with `offlineWithoutAgents`, an agent of the queue is Available). */
  open: boolean;
  /** When closed: the next opening (ISO 8601, UTC), if any within a year. */
  nextOpen?: string;
  /** Whether any agent of the queue is Available now (a yes or no only; cached for a few seconds). */
  agentsAvailable?: boolean;
}

/** `GET /v1/integrations/:id/settings` response (public, cacheable) and `PUT` response. */
export interface IntegrationSettingsResponse {
  integrationId: string;
  settings: IntegrationSettings;
  availability: Availability;
  /** With an `accentColor`: the text colour on it, white or black, whichever contrasts more (WCAG), so widgets need not compute it. */
  accentText?: '#fff' | '#000';
}

/** What an agent may do: `agent` answers; `supervisor` also sees the presence of the agents of its queues. */
export type AgentRole = 'agent' | 'supervisor';

/** Whether an agent takes conversations now (`on-break` carries a reason). */
export type PresenceStatus = 'available' | 'busy' | 'on-break' | 'offline';

/** An agent's presence and since when it holds. */
export interface AgentPresence {
  status: PresenceStatus;
  /** `on-break` only: why (e.g. `Lunch`). */
  reason?: string;
  /** When the status was set (ISO 8601). */
  since: string;
}

/** An agent as the API-key routes show it. */
export interface AgentInfo {
  id: string;
  name: string;
  avatarUrl: string | null;
  queues: string[];
  maxConversations: number;
  role: AgentRole;
  enabled: boolean;
  presence: AgentPresence;
  createdAt: string;
  updatedAt: string;
}

/** `POST /v1/agents` body (API key): a new agent (defaults in brackets). */
export interface CreateAgentRequest {
  /** The site's own id of the agent (matches `USER_ID_PATTERN`). */
  id: string;
  /** Shown to customers and colleagues (1..80 characters). */
  name: string;
  /** Queues the agent serves (1..20). */
  queues: string[];
  /** An https or page-relative URL, or null [null]. */
  avatarUrl?: string | null;
  /** Conversations assigned at once at most, 1..100 [5]. */
  maxConversations?: number;
  role?: AgentRole;
  /** A disabled agent gets no token and its sockets are closed [true]. */
  enabled?: boolean;
}

/** `PUT /v1/agents/:id` body (API key): creates or replaces the agent (idempotent; missing fields take their defaults). */
export interface PutAgentRequest {
  /** Shown to customers and colleagues (1..80 characters). */
  name: string;
  /** Queues the agent serves (1..20). */
  queues: string[];
  /** An https or page-relative URL, or null [null]. */
  avatarUrl?: string | null;
  /** Conversations assigned at once at most, 1..100 [5]. */
  maxConversations?: number;
  role?: AgentRole;
  /** A disabled agent gets no token and its sockets are closed [true]. */
  enabled?: boolean;
}

/** `PATCH /v1/agents/:id` body (API key): changes the given fields (`enabled: false` disables the agent). */
export interface UpdateAgentRequest {
  /** Shown to customers and colleagues (1..80 characters). */
  name?: string;
  /** Queues the agent serves (1..20). */
  queues?: string[];
  /** An https or page-relative URL, or null [null]. */
  avatarUrl?: string | null;
  /** Conversations assigned at once at most, 1..100 [5]. */
  maxConversations?: number;
  role?: AgentRole;
  /** A disabled agent gets no token and its sockets are closed [true]. */
  enabled?: boolean;
}

/** `GET /v1/agents` response (API key). */
export interface AgentList { agents: AgentInfo[] }

/** `PUT /v1/agents/me/presence` body (an agent's token): the agent's own status. */
export interface SetPresenceRequest {
  status: PresenceStatus;
  /** `on-break` only: 1..80 characters. */
  reason?: string;
}

/** How a queue picks the agent of a waiting conversation. */
export type RoutingRule = 'round-robin' | 'least-busy';

/** A queue as the API-key routes show it (a queue named by an integration or agent but without a record routes with the defaults). */
export interface QueueInfo { name: string; routing: RoutingRule; enabled: boolean; createdAt: string; updatedAt: string }

/** `POST /v1/queues` body (API key); routing defaults to `round-robin`. */
export interface CreateQueueRequest {
  /** Matches `QUEUE_NAME_PATTERN`. */
  name: string;
  routing?: RoutingRule;
  enabled?: boolean;
}

/** `PATCH /v1/queues/:name` body (API key). */
export interface UpdateQueueRequest { routing?: RoutingRule; enabled?: boolean }

/** `GET /v1/queues` response (API key). */
export interface QueueList { queues: QueueInfo[] }

/** `POST /v1/conversations/:id/transfer` body (agents): exactly one of `agentId` or `queue`, and an optional internal note. */
export interface TransferRequest {
  /** The agent who takes over (must serve the conversation's queue, be Available and have free capacity). */
  agentId?: string;
  /** The queue the conversation moves to (it waits there to be routed). */
  queue?: string;
  /** An internal note for the next agent (agents and supervisors only). */
  note?: string;
}

/** One agent an agent may transfer to. */
export interface TransferAgent { id: string; name: string; queues: string[]; status: PresenceStatus }

/** `GET /v1/transfer-targets` response (agents): the enabled agents of the caller's queues and every known queue. */
export interface TransferTargets { agents: TransferAgent[]; queues: string[] }

/** An internal note: seen by the agents and supervisors of the conversation's queue, never by its customer. */
export interface Note { id: string; conversationId: string; author: Participant; text: string; createdAt: string }

/** `POST /v1/conversations/:id/notes` body (an agent or supervisor of the queue). */
export interface NoteRequest {
  /** 1..4000 characters, not only spaces. */
  text: string;
}

/** `GET /v1/conversations/:id/notes` response: the conversation's notes, oldest first. */
export interface NoteList { notes: Note[] }

/** A reply an agent inserts with `/shortcut`, kept per queue. */
export interface CannedResponse {
  id: string;
  queue: string;
  shortcut: string;
  title: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /v1/canned-responses` body (API key); 409 when the queue has the shortcut already. */
export interface CreateCannedResponseRequest {
  /** The queue whose agents may use it. */
  queue: string;
  /** Unique in its queue: lower-case letters, digits, `-`, `_` (1..32). */
  shortcut: string;
  /** Shown in the picker (1..80 characters, one line). */
  title: string;
  /** What is inserted into the composer (1..4000 characters). */
  text: string;
}

/** `PATCH /v1/canned-responses/:id` body (API key): the fields to change. */
export interface UpdateCannedResponseRequest {
  /** Unique in its queue: lower-case letters, digits, `-`, `_` (1..32). */
  shortcut?: string;
  /** Shown in the picker (1..80 characters, one line). */
  title?: string;
  /** What is inserted into the composer (1..4000 characters). */
  text?: string;
}

/** A list of canned responses, by queue then shortcut. */
export interface CannedResponseList { cannedResponses: CannedResponse[] }

/** `GET /v1/emoji` query: the language wanted. */
export interface EmojiQuery {
  /** A BCP 47 language tag [en]. */
  locale?: string;
}

/** One emoji: [emoji, name, space-separated search keywords]. */
export type EmojiEntry = [string, string, string];

/** One category of emoji, in order. */
export interface EmojiGroup {
  /** A stable category key (`smileys-emotion`, `flags`…). */
  key: string;
  /** The category's name in that language. */
  name: string;
  emoji: EmojiEntry[];
}

/** `GET /v1/emoji` response: categories in order, with names in the language served. */
export interface EmojiData {
  /** The language served: the one asked for, its primary language, else `en`. */
  locale: string;
  groups: EmojiGroup[];
}

/** `GET /v1/push/vapid-public-key` response: the key browsers subscribe with. */
export interface VapidKeyResponse { publicKey: string }

/** `POST /v1/push/subscriptions` body: `PushSubscription.toJSON()` and the page it was made on. */
export interface PushSubscriptionRequest {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
  /** The page the subscription was made on. */
  pageUrl?: string;
}

/** `POST /v1/push/subscriptions` response. */
export interface PushSubscriptionCreated { endpoint: string; createdAt: string }

/** `DELETE /v1/push/subscriptions` body. */
export interface PushUnsubscribeRequest { endpoint: string }

/** The page a visitor is on, as the widget reports it. */
export interface PageReport {
  /** The http(s) URL of the page (no control characters). */
  url: string;
  /** The page's title (may be empty). */
  title: string;
  timeZone?: string;
}

/** What agents see of a conversation's customer beyond the conversation itself (the customer panel). */
export interface VisitorInfo {
  conversationId: string;
  integrationId: string;
  /** The site's id of the customer (a random one for guests). */
  customerId: string;
  /** True when the site's backend vouched for the customer; absent until the widget reported once. */
  verified?: boolean;
  /** The page the visitor is on (or was on last). */
  page?: {
    url: string;
    title: string;
    /** When the widget reported it. */
    at: string;
  };
  /** The visitor's IANA time zone, for their local time. */
  timeZone?: string;
  /** True while the customer has a live events socket (on any server process). */
  online: boolean;
}

/** Frames the client sends. The first one must be `auth`. */
export type ClientFrame =
  | { type: 'auth'; jwt: string }
  /** Ephemeral: the sender is (or stopped) typing in a conversation (no seq, not stored). */
  | { type: 'typing'; conversationId: string; active: boolean }
  /** Customers: the page the visitor is on (sent at connect and when it changes; shown to the queue's agents). */
  | {
    type: 'page';
    /** The http(s) URL of the page (no control characters). */
    url: string;
    /** The page's title (may be empty). */
    title: string;
    timeZone?: string;
  }
  | { type: 'ping'; id?: string }
  | { type: 'pong'; id?: string };

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
  | { type: 'error'; error: OmniErrorInfo }
  /** Ephemeral, to the customer while its conversation waits: its place in the queue (1 = next); sent when it changes. */
  | { type: 'queue'; conversationId: string; position: number }
  /** An internal note was added: to the agents and supervisors of the conversation's queue only, never to a customer (not sequenced). */
  | { type: 'note'; note: Note }
  /** An agent's presence: to its own sockets (its other tabs) and to the supervisors of its queues; a snapshot follows `welcome`. */
  | { type: 'presence'; agent: Participant; presence: AgentPresence }
  /** A conversation's customer changed page or came online or went offline: to the agents of its queue only. */
  | { type: 'visitor'; visitor: VisitorInfo };

/** An agent of a queue as a supervisor sees it: presence and how many conversations it holds. */
export interface AgentLoad {
  /** The agent (`agent:<id>`, its name). */
  agent: Participant;
  role: AgentRole;
  presence: AgentPresence;
  /** Conversations of this queue it holds now (`assigned` or `pending`). */
  load: number;
  /** Conversations it may hold at once (its `maxConversations`). */
  capacity: number;
}

/** A conversation waiting in a queue for an agent. */
export interface WaitingConversation {
  conversationId: string;
  customer: Participant;
  /** When it entered the queue (the wait is now minus this). */
  waitingSince: string;
}

/** Conversations that arrived in and were resolved in one hour of the day (the live chart). */
export interface HourFigures {
  /** Start of the hour (UTC). */
  hour: string;
  /** Conversations that entered the queue in this hour. */
  arrived: number;
  /** Resolves in this hour. */
  resolved: number;
}

/** The live figures of one queue. "Today" is the UTC day. */
export interface QueueFigures {
  queue: string;
  /** Conversations waiting in the queue for an agent now (state `open`). */
  open: number;
  /** Conversations an agent owns now (state `assigned`). */
  assigned: number;
  /** Conversations waiting on the customer now (state `pending`). */
  pending: number;
  /** Resolves today. */
  resolvedToday: number;
  /** When the longest-waiting conversation entered the queue (absent when none waits). */
  longestWaitingSince?: string;
  /** The queue's agents by presence. */
  agentsByStatus: {
    /** Available. */
    available: number;
    /** Busy. */
    busy: number;
    /** On break. */
    'on-break': number;
    /** Offline. */
    offline: number;
  };
  /** Mean time from a conversation entering the queue to an agent's first reply, over first replies today (null: none yet). */
  averageFirstResponseSeconds: number | null;
  /** Mean time from assignment (or first reply) to resolve, over resolves today (null: none yet). */
  averageHandleSeconds: number | null;
  /** Mean CSAT rating (1..5) given today (null: none yet). */
  csatAverage: number | null;
  /** CSAT ratings given today. */
  csatCount: number;
  /** Share answered within the service level. */
  sla: {
    /** The threshold: a first reply within this many seconds of entering the queue meets it. */
    seconds: number;
    /** Conversations that entered the queue today and got a first reply within the threshold. */
    met: number;
    /** Conversations that entered the queue today and got a first reply, or have waited longer than the threshold. */
    total: number;
    /** `met / total` (null while `total` is 0). */
    share: number | null;
  };
  /** The queue's agents, by name. */
  agents: AgentLoad[];
  /** The waiting list, longest wait first (at most 100; `open` has the full count). */
  waiting: WaitingConversation[];
  /** Today's hours up to the current one, oldest first. */
  hours: HourFigures[];
}

/** Frames the analytics socket sends (the client sends the events socket's `auth`, `ping` and `pong`). */
export type AnalyticsFrame =
  /** The answer to `auth`: every watched queue's figures. */
  | {
    type: 'snapshot';
    participant: Participant;
    queues: QueueFigures[];
    /** Start of "today" (UTC midnight) for the day figures. */
    dayStartedAt: string;
    expiresAt: string;
    /** How often the server pings. */
    heartbeatMs: number;
  }
  /** A queue's figures changed: its whole figures now. */
  | { type: 'queue'; queue: QueueFigures; dayStartedAt: string }
  | { type: 'reauthenticated'; expiresAt: string }
  | { type: 'ping'; id?: string }
  | { type: 'pong'; id?: string }
  | { type: 'error'; error: OmniErrorInfo };

/** Every HTTP route of the protocol by `METHOD /path`: who may call it, what goes in, what comes back. */
export interface ProtocolRoutes {
  /** A customer token. */
  'POST /v1/tokens': {
    auth: 'api-key';
    body: CustomerTokenRequest;
    response: TokenResponse;
  };
  /** A token for an agent that exists and is enabled (404 `not-found`, 409 `agent-disabled`). */
  'POST /v1/agent-tokens': {
    auth: 'api-key';
    body: AgentTokenRequest;
    response: TokenResponse;
  };
  /** All integrations. */
  'GET /v1/integrations': {
    auth: 'api-key';
    response: IntegrationList;
  };
  /** Creates an integration. */
  'POST /v1/integrations': {
    auth: 'api-key';
    body: CreateIntegrationRequest;
    response: IntegrationInfo;
  };
  /** Changes an integration (`enabled: false` disables it). */
  'PATCH /v1/integrations/:id': {
    auth: 'api-key';
    params: { id: string };
    body: UpdateIntegrationRequest;
    response: IntegrationInfo;
  };
  /** All agents with their presence. */
  'GET /v1/agents': {
    auth: 'api-key';
    response: AgentList;
  };
  /** Creates an agent (409 when the id exists). */
  'POST /v1/agents': {
    auth: 'api-key';
    body: CreateAgentRequest;
    response: AgentInfo;
  };
  /** One agent. */
  'GET /v1/agents/:id': {
    auth: 'api-key';
    params: { id: string };
    response: AgentInfo;
  };
  /** Creates (201) or replaces (200) an agent: idempotent, for backends that sync their staff. */
  'PUT /v1/agents/:id': {
    auth: 'api-key';
    params: { id: string };
    body: PutAgentRequest;
    response: AgentInfo;
  };
  /** Changes an agent; `enabled: false` disables it and closes its sockets. */
  'PATCH /v1/agents/:id': {
    auth: 'api-key';
    params: { id: string };
    body: UpdateAgentRequest;
    response: AgentInfo;
  };
  /** The calling agent's presence. */
  'GET /v1/agents/me/presence': {
    auth: 'token';
    response: AgentPresence;
  };
  /** Sets the calling agent's presence (agents only); its other tabs and its queues' supervisors get a `presence` frame. */
  'PUT /v1/agents/me/presence': {
    auth: 'token';
    body: SetPresenceRequest;
    response: AgentPresence;
  };
  /** All queue records. */
  'GET /v1/queues': {
    auth: 'api-key';
    response: QueueList;
  };
  /** Creates a queue record (409 when it exists). */
  'POST /v1/queues': {
    auth: 'api-key';
    body: CreateQueueRequest;
    response: QueueInfo;
  };
  /** Changes a queue. */
  'PATCH /v1/queues/:name': {
    auth: 'api-key';
    params: { name: string };
    body: UpdateQueueRequest;
    response: QueueInfo;
  };
  /** Canned responses of every queue, or of `?queue=`. */
  'GET /v1/canned-responses': {
    auth: 'api-key';
    querystring: { queue?: string };
    response: CannedResponseList;
  };
  /** Creates a canned response of a queue (409 when the queue has the shortcut). */
  'POST /v1/canned-responses': {
    auth: 'api-key';
    body: CreateCannedResponseRequest;
    response: CannedResponse;
  };
  /** Changes a canned response (409 when the new shortcut is taken in its queue). */
  'PATCH /v1/canned-responses/:id': {
    auth: 'api-key';
    params: { id: string };
    body: UpdateCannedResponseRequest;
    response: CannedResponse;
  };
  /** Deletes a canned response. */
  'DELETE /v1/canned-responses/:id': {
    auth: 'api-key';
    params: { id: string };
    response: void;
  };
  /** A queue's canned responses by shortcut (its agents and supervisors; customers 403, other queues' agents 404). */
  'GET /v1/queues/:name/canned-responses': {
    auth: 'token';
    params: { name: string };
    response: CannedResponseList;
  };
  /** An integration's public widget settings and availability (cacheable, ETag). */
  'GET /v1/integrations/:id/settings': {
    auth: 'public';
    params: { id: string };
    response: IntegrationSettingsResponse;
  };
  /** Replaces an integration's widget settings. */
  'PUT /v1/integrations/:id/settings': {
    auth: 'api-key';
    params: { id: string };
    body: IntegrationSettingsRequest;
    response: IntegrationSettingsResponse;
  };
  /** The caller's conversations. */
  'GET /v1/conversations': {
    auth: 'token';
    response: ConversationList;
  };
  /** One conversation. */
  'GET /v1/conversations/:id': {
    auth: 'token';
    params: { id: string };
    response: Conversation;
  };
  /** History, newest page first (`before`, `limit` 1..100). */
  'GET /v1/conversations/:id/messages': {
    auth: 'token';
    params: { id: string };
    querystring: { before?: string; limit?: string };
    response: MessagePage;
  };
  /** Gap recovery by seq (`after`, `limit` 1..200). */
  'GET /v1/conversations/:id/events': {
    auth: 'token';
    params: { id: string };
    querystring: { after?: string; limit?: string };
    response: EventPage;
  };
  /** Sends a message (idempotent on `clientMessageId`: 201 when stored, 200 when it was already). */
  'POST /v1/conversations/:id/messages': {
    auth: 'token';
    params: { id: string };
    body: SendMessageRequest;
    response: MessageEvent;
  };
  /** Moves the caller's read horizon. */
  'POST /v1/conversations/:id/read': {
    auth: 'token';
    params: { id: string };
    body: ReadRequest;
    response: { readSeq: number };
  };
  /** Resolves the conversation (agents; no body). */
  'POST /v1/conversations/:id/resolve': {
    auth: 'token';
    params: { id: string };
    response: ResolvedEvent;
  };
  /** The calling agent takes a waiting conversation of its queue (409 `conflict` when it was assigned meanwhile or the agent is at capacity; customers 403). */
  'POST /v1/conversations/:id/take': {
    auth: 'token';
    params: { id: string };
    response: AssignedEvent;
  };
  /** Transfers the conversation to another agent (`assigned`) or queue (`queued`), with an optional internal note (agents; customers 403). */
  'POST /v1/conversations/:id/transfer': {
    auth: 'token';
    params: { id: string };
    body: TransferRequest;
    response: AssignedEvent | QueuedEvent;
  };
  /** Marks an assigned conversation as waiting on the customer (agents; no body); the customer's next message ends it. */
  'POST /v1/conversations/:id/pending': {
    auth: 'token';
    params: { id: string };
    response: PendingEvent;
  };
  /** Agents and queues the calling agent may transfer to (agents). */
  'GET /v1/transfer-targets': {
    auth: 'token';
    response: TransferTargets;
  };
  /** Rates a resolved conversation (the customer). */
  'POST /v1/conversations/:id/csat': {
    auth: 'token';
    params: { id: string };
    body: CsatRequest;
    response: CsatEvent;
  };
  /** Gives the contact details of the pre-chat form (the customer, once). */
  'POST /v1/conversations/:id/contact': {
    auth: 'token';
    params: { id: string };
    body: ContactDetails;
    response: ContactEvent;
  };
  /** The conversation's customer for the customer panel: page, time zone, verified, online (agents of its queue; customers get 403). */
  'GET /v1/conversations/:id/visitor': {
    auth: 'token';
    params: { id: string };
    response: VisitorInfo;
  };
  /** The conversation's internal notes, oldest first (agents and supervisors of its queue; customers 403). */
  'GET /v1/conversations/:id/notes': {
    auth: 'token';
    params: { id: string };
    response: NoteList;
  };
  /** Adds an internal note (agents and supervisors of its queue; customers 403); the queue's agents get a `note` frame. */
  'POST /v1/conversations/:id/notes': {
    auth: 'token';
    params: { id: string };
    body: NoteRequest;
    response: Note;
  };
  /** The conversation as a text or HTML download. */
  'GET /v1/conversations/:id/transcript': {
    auth: 'token';
    params: { id: string };
    querystring: { format?: TranscriptFormat };
    response: string;
  };
  /** Uploads a file (multipart: `conversationId`, then the file). */
  'POST /v1/attachments': {
    auth: 'token';
    response: AttachmentInfo;
  };
  /** Downloads a file. */
  'GET /v1/attachments/:id': {
    auth: 'token';
    params: { id: string };
    response: string;
  };
  /** Short-lived SIP credentials. */
  'POST /v1/sip/credentials': {
    auth: 'token';
    response: SipCredentials;
  };
  /** The emoji picker's data in a language (`locale`, falling back to its primary language, then `en`; cacheable for a week, ETag). */
  'GET /v1/emoji': {
    auth: 'public';
    querystring: EmojiQuery;
    response: EmojiData;
  };
  /** The key browsers subscribe with. */
  'GET /v1/push/vapid-public-key': {
    auth: 'public';
    response: VapidKeyResponse;
  };
  /** Registers a customer's browser for pushes. */
  'POST /v1/push/subscriptions': {
    auth: 'token';
    body: PushSubscriptionRequest;
    response: PushSubscriptionCreated;
  };
  /** Removes a push subscription. */
  'DELETE /v1/push/subscriptions': {
    auth: 'token';
    body: PushUnsubscribeRequest;
    response: void;
  };
}
