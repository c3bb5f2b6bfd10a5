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

/** Whether the team is within business hours now. */
export interface Availability {
  open: boolean;
  /** When closed: the next opening (ISO 8601, UTC), if any within a year. */
  nextOpen?: string;
}

/** `GET /v1/integrations/:id/settings` response (public, cacheable) and `PUT` response. */
export interface IntegrationSettingsResponse { integrationId: string; settings: IntegrationSettings; availability: Availability }

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

/** Frames the client sends. The first one must be `auth`. */
export type ClientFrame =
  | { type: 'auth'; jwt: string }
  /** Ephemeral: the sender is (or stopped) typing in a conversation (no seq, not stored). */
  | { type: 'typing'; conversationId: string; active: boolean }
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
  /** An agent's presence: to its own sockets (its other tabs) and to the supervisors of its queues; a snapshot follows `welcome`. */
  | { type: 'presence'; agent: Participant; presence: AgentPresence };

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
