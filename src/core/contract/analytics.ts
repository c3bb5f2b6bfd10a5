/**
 * The supervisor analytics socket (`WS /v1/analytics`): live figures per queue, computed by the
 * server from the event log. The client sends the events socket's `auth`, `ping` and `pong`
 * frames only; the server answers a supervisor's `auth` with a `snapshot` of every queue it
 * watches, then a `queue` frame with a queue's whole figures whenever they change. A token of an
 * agent who is not a supervisor is refused with `AnalyticsCloseCode.notSupervisor` (4007).
 */
import { Type } from '@sinclair/typebox';
import { AgentPresence, AgentRole } from './agents.js';
import { Participant } from './conversations.js';
import { OmniErrorInfo } from './http.js';
import { ConversationId, Timestamp, documented, named } from './schema.js';

const count = (description: string) => Type.Integer({ minimum: 0, description });
const seconds = (description: string) => Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description });

/** An agent of a queue as a supervisor sees it: presence and how many conversations it holds. */
export const AgentLoad = named(
  'AgentLoad',
  Type.Object(
    {
      agent: documented(Participant, 'The agent (`agent:<id>`, its name).'),
      role: AgentRole,
      presence: AgentPresence,
      load: count('Conversations of this queue it holds now (`assigned` or `pending`).'),
      capacity: count('Conversations it may hold at once (its `maxConversations`).'),
    },
    { description: 'An agent of a queue as a supervisor sees it: presence and how many conversations it holds.' },
  ),
);

/** A conversation waiting in a queue for an agent. */
export const WaitingConversation = named(
  'WaitingConversation',
  Type.Object(
    {
      conversationId: ConversationId(),
      customer: Participant,
      waitingSince: Timestamp({ description: 'When it entered the queue (the wait is now minus this).' }),
    },
    { description: 'A conversation waiting in a queue for an agent.' },
  ),
);

/** Conversations that arrived in and were resolved in one hour of the day (the live chart). */
export const HourFigures = named(
  'HourFigures',
  Type.Object(
    {
      hour: Timestamp({ description: 'Start of the hour (UTC).' }),
      arrived: count('Conversations that entered the queue in this hour.'),
      resolved: count('Resolves in this hour.'),
    },
    { description: 'Conversations that arrived in and were resolved in one hour of the day (the live chart).' },
  ),
);

/** The live figures of one queue. "Today" is the UTC day (`dayStartedAt` of the snapshot). */
export const QueueFigures = named(
  'QueueFigures',
  Type.Object(
    {
      queue: Type.String(),
      open: count('Conversations waiting in the queue for an agent now (state `open`).'),
      assigned: count('Conversations an agent owns now (state `assigned`).'),
      pending: count('Conversations waiting on the customer now (state `pending`).'),
      resolvedToday: count('Resolves today.'),
      longestWaitingSince: Type.Optional(Timestamp({ description: 'When the longest-waiting conversation entered the queue (absent when none waits).' })),
      agentsByStatus: Type.Object(
        { available: count('Available.'), busy: count('Busy.'), 'on-break': count('On break.'), offline: count('Offline.') },
        { description: "The queue's agents by presence." },
      ),
      averageFirstResponseSeconds: seconds("Mean time from a conversation entering the queue to an agent's first reply, over first replies today (null: none yet)."),
      averageHandleSeconds: seconds('Mean time from assignment (or first reply) to resolve, over resolves today (null: none yet).'),
      csatAverage: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'Mean CSAT rating (1..5) given today (null: none yet).' }),
      csatCount: count('CSAT ratings given today.'),
      sla: Type.Object(
        {
          seconds: count('The threshold: a first reply within this many seconds of entering the queue meets it.'),
          met: count('Conversations that entered the queue today and got a first reply within the threshold.'),
          total: count('Conversations that entered the queue today and got a first reply, or have waited longer than the threshold.'),
          share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: '`met / total` (null while `total` is 0).' }),
        },
        { description: 'Share answered within the service level.' },
      ),
      agents: Type.Array(AgentLoad, { description: "The queue's agents, by name." }),
      waiting: Type.Array(WaitingConversation, { description: 'The waiting list, longest wait first (at most 100; `open` has the full count).' }),
      hours: Type.Array(HourFigures, { description: "Today's hours up to the current one, oldest first." }),
    },
    { description: 'The live figures of one queue. "Today" is the UTC day.' },
  ),
);

/** Frames the analytics socket sends (the client sends the events socket's `auth`, `ping` and `pong`). */
export const AnalyticsFrame = named(
  'AnalyticsFrame',
  Type.Union(
    [
      Type.Object(
        {
          type: Type.Literal('snapshot'),
          participant: Participant,
          queues: Type.Array(QueueFigures),
          dayStartedAt: Timestamp({ description: 'Start of "today" (UTC midnight) for the day figures.' }),
          expiresAt: Timestamp(),
          heartbeatMs: Type.Integer({ description: 'How often the server pings.' }),
        },
        { description: "The answer to `auth`: every watched queue's figures." },
      ),
      Type.Object(
        { type: Type.Literal('queue'), queue: QueueFigures, dayStartedAt: Timestamp() },
        { description: "A queue's figures changed: its whole figures now." },
      ),
      Type.Object({ type: Type.Literal('reauthenticated'), expiresAt: Timestamp() }),
      Type.Object({ type: Type.Literal('ping'), id: Type.Optional(Type.String({ maxLength: 64 })) }),
      Type.Object({ type: Type.Literal('pong'), id: Type.Optional(Type.String({ maxLength: 64 })) }),
      Type.Object({ type: Type.Literal('error'), error: OmniErrorInfo }),
    ],
    { description: 'Frames the analytics socket sends (the client sends the events socket\'s `auth`, `ping` and `pong`).' },
  ),
);
