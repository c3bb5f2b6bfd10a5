/**
 * Frames of the events socket (`WS /v1/events`). The server validates every client frame with
 * these schemas: first the envelope (an object with a `type` and at most a short `id`), then the
 * schema its `type` picks. Unknown properties are ignored (a newer client may send more).
 */
import { Type } from '@sinclair/typebox';
import { AgentPresence } from './agents.js';
import { ConversationEvent, ConversationHead, Participant } from './conversations.js';
import { OmniErrorInfo } from './http.js';
import { ConversationId, Timestamp, named } from './schema.js';
import { Note } from './notes.js';
import { PageReport, VisitorInfo } from './visitors.js';

/** Largest frame a client may send, in characters. */
export const MAX_CLIENT_FRAME_CHARS = 16 * 1024;

const frameId = () => Type.Optional(Type.String({ maxLength: 64 }));

/** What every client frame is: a JSON object with a string `type` and, optionally, a short `id`. */
export const ClientFrameEnvelope = Type.Object({ type: Type.String(), id: frameId() });

/** Client frames by `type`. The first one a client sends must be `auth`. */
export const ClientFrames = {
  /** Authenticates the socket (first frame), or re-authenticates it in place with a fresh token. */
  auth: Type.Object({ type: Type.Literal('auth'), jwt: Type.String({ minLength: 1, maxLength: 8192 }) }),
  /** Ephemeral: the sender is (or stopped) typing in a conversation (no seq, not stored). */
  typing: Type.Object(
    { type: Type.Literal('typing'), conversationId: ConversationId(), active: Type.Boolean() },
    { description: 'Ephemeral: the sender is (or stopped) typing in a conversation (no seq, not stored).' },
  ),
  /** Customers: the page the visitor is on (sent at connect and when it changes; not stored as an event, shown to the queue's agents). */
  page: Type.Object({ type: Type.Literal('page'), ...PageReport.properties }, {
    description: "Customers: the page the visitor is on (sent at connect and when it changes; shown to the queue's agents).",
  }),
  /** A heartbeat; the other side answers with a `pong` carrying the same id. */
  ping: Type.Object({ type: Type.Literal('ping'), id: frameId() }),
  /** The answer to a `ping`. */
  pong: Type.Object({ type: Type.Literal('pong'), id: frameId() }),
};

/** Frames the client sends. The first one must be `auth`. */
export const ClientFrame = named(
  'ClientFrame',
  Type.Union([ClientFrames.auth, ClientFrames.typing, ClientFrames.page, ClientFrames.ping, ClientFrames.pong], {
    description: 'Frames the client sends. The first one must be `auth`.',
  }),
);

/** Frames the server sends. */
export const ServerFrame = named(
  'ServerFrame',
  Type.Union(
    [
      Type.Object({
        type: Type.Literal('welcome'),
        participant: Participant,
        conversations: Type.Array(ConversationHead),
        expiresAt: Timestamp(),
        heartbeatMs: Type.Integer({ description: 'How often the server pings; the client may treat 2x silence as a dead socket.' }),
      }),
      Type.Object({ type: Type.Literal('reauthenticated'), expiresAt: Timestamp() }),
      Type.Object({ type: Type.Literal('event'), event: ConversationEvent }),
      Type.Object({ type: Type.Literal('conversation'), conversation: ConversationHead }),
      Type.Object({ type: Type.Literal('typing'), conversationId: ConversationId(), participant: Participant, active: Type.Boolean() }),
      Type.Object({ type: Type.Literal('ping'), id: frameId() }),
      Type.Object({ type: Type.Literal('pong'), id: frameId() }),
      Type.Object({ type: Type.Literal('error'), error: OmniErrorInfo }),
      Type.Object(
        { type: Type.Literal('queue'), conversationId: ConversationId(), position: Type.Integer({ minimum: 1 }) },
        { description: "Ephemeral, to the customer while its conversation waits: its place in the queue (1 = next); sent when it changes." },
      ),
      Type.Object(
        { type: Type.Literal('note'), note: Note },
        { description: "An internal note was added: to the agents and supervisors of the conversation's queue only, never to a customer (not sequenced)." },
      ),
      Type.Object(
        { type: Type.Literal('presence'), agent: Participant, presence: AgentPresence },
        { description: "An agent's presence: to its own sockets (its other tabs) and to the supervisors of its queues; a snapshot follows `welcome`." },
      ),
      Type.Object(
        { type: Type.Literal('visitor'), visitor: VisitorInfo },
        { description: "A conversation's customer changed page or came online or went offline: to the agents of its queue only." },
      ),
    ],
    { description: 'Frames the server sends.' },
  ),
);
