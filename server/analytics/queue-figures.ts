/**
 * The figures of one queue, computed from its analytics log (a replay of each conversation's
 * lifecycle events and first messages of each run) and its agents' records. Pure: the same log,
 * agents and clock give the same figures on any process and either engine.
 *
 * A contact runs from a conversation entering its queue (`queued`, or for conversations from
 * before routing existed, a customer message while not open) to its `resolved`. Its first
 * response is the first agent message after it entered; its handle time runs from its first
 * assignment (or, without one, its first response) to the resolve.
 */
import type { AgentLoad, Participant, PresenceStatus, QueueFigures, WaitingConversation } from '../../src/core/protocol.js';
import { agentParticipantId } from '../agents/presence.js';
import type { Agent, AnalyticsLogEntry } from '../store/store.js';

/** Longest waiting list a frame carries (`open` has the full count). */
export const MAX_WAITING_LISTED = 100;

const HOUR_MS = 3_600_000;

/** Start of the UTC day of `now`. */
export const dayStart = (now: number): number => now - (now % (24 * HOUR_MS));

type State = 'none' | 'open' | 'assigned' | 'pending' | 'resolved';

/** One conversation's replay so far. */
interface Replay {
  conversationId: string;
  customer: Participant;
  state: State;
  waitingSince?: number;
  assignee?: string;
  /** The current contact: when it entered the queue, was first assigned, first answered. */
  contact?: { enteredAt?: number; assignedAt?: number; answeredAt?: number };
}

/** What the day's figures add up while the log is replayed. */
interface DayTotals {
  firstResponses: number[];
  handles: number[];
  ratings: number[];
  resolved: number;
  slaMet: number;
  slaTotal: number;
  arrivedByHour: Map<number, number>;
  resolvedByHour: Map<number, number>;
}

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));
const bump = (map: Map<number, number>, time: number) => {
  const hour = time - (time % HOUR_MS);
  map.set(hour, (map.get(hour) ?? 0) + 1);
};

/** Applies one log entry to its conversation's replay, adding to `day` what happened since `since`. */
function apply(replay: Replay, entry: AnalyticsLogEntry, since: number, day: DayTotals): void {
  const at = Date.parse(entry.createdAt);
  const today = at >= since;
  const enter = () => {
    replay.contact = { enteredAt: at };
    replay.waitingSince = at;
    replay.state = 'open';
    if (today) bump(day.arrivedByHour, at);
  };
  switch (entry.type) {
    case 'message':
      if (entry.author.role === 'customer') {
        if (replay.state === 'none' || replay.state === 'resolved') enter();
        else if (replay.state === 'pending') replay.state = 'assigned';
      } else if (entry.author.role === 'agent' && replay.contact) {
        const contact = replay.contact;
        if (contact.answeredAt === undefined) {
          contact.answeredAt = at;
          if (today && contact.enteredAt !== undefined) day.firstResponses.push((at - contact.enteredAt) / 1000);
        }
        // Before routing existed, an agent took a waiting conversation by answering it.
        if (replay.state === 'open') {
          replay.state = 'assigned';
          replay.assignee = entry.author.id;
          contact.assignedAt ??= at;
        }
      }
      return;
    case 'queued':
      if (replay.state === 'none' || replay.state === 'resolved') return enter();
      // Back in the queue (requeued or transferred): it waits again, within the same contact.
      if (replay.state !== 'open') replay.waitingSince = at;
      replay.state = 'open';
      replay.assignee = undefined;
      return;
    case 'assigned':
      replay.contact ??= {};
      replay.contact.assignedAt ??= at;
      replay.state = 'assigned';
      replay.assignee = entry.assignee?.id;
      return;
    case 'pending':
      replay.contact ??= {};
      replay.state = 'pending';
      return;
    case 'resolved': {
      const contact = replay.contact;
      if (today) {
        day.resolved += 1;
        bump(day.resolvedByHour, at);
        const start = contact?.assignedAt ?? contact?.answeredAt;
        if (start !== undefined) day.handles.push((at - start) / 1000);
      }
      replay.state = 'resolved';
      replay.contact = undefined;
      replay.assignee = undefined;
      return;
    }
    case 'csat':
      if (today && entry.rating !== undefined) day.ratings.push(entry.rating);
      return;
  }
}

/** Counts a contact that entered today towards the service level: answered (in time or not), or unanswered past the threshold. */
function countSla(replay: Replay, since: number, now: number, slaMs: number, day: DayTotals, resolvedContacts: Array<Replay['contact']>): void {
  for (const contact of [...resolvedContacts, replay.contact]) {
    if (contact?.enteredAt === undefined || contact.enteredAt < since) continue;
    if (contact.answeredAt !== undefined) {
      day.slaTotal += 1;
      if (contact.answeredAt - contact.enteredAt <= slaMs) day.slaMet += 1;
    } else if (contact === replay.contact && replay.state === 'open' && now - contact.enteredAt > slaMs) {
      day.slaTotal += 1;
    }
  }
}

/** What `queueFigures` computes from. */
export interface FiguresInput {
  queue: string;
  /** The queue's analytics log (`Store.analyticsLog`), by conversation then seq. */
  log: AnalyticsLogEntry[];
  /** The queue's agents (`Store.listAgents([queue])`). */
  agents: Agent[];
  /** Start of the day (ms). */
  since: number;
  now: number;
  slaSeconds: number;
}

/** The live figures of one queue. */
export function queueFigures(input: FiguresInput): QueueFigures {
  const { since, now } = input;
  const slaMs = input.slaSeconds * 1000;
  const day: DayTotals = { firstResponses: [], handles: [], ratings: [], resolved: 0, slaMet: 0, slaTotal: 0, arrivedByHour: new Map(), resolvedByHour: new Map() };
  const replays: Replay[] = [];
  let replay: Replay | undefined;
  let ended: Array<Replay['contact']> = [];
  const finish = () => {
    if (replay) countSla(replay, since, now, slaMs, day, ended);
    ended = [];
  };
  for (const entry of input.log) {
    if (entry.queue !== input.queue) continue;
    if (replay?.conversationId !== entry.conversationId) {
      finish();
      replay = { conversationId: entry.conversationId, customer: entry.customer, state: 'none' };
      replays.push(replay);
    }
    if (entry.type === 'resolved' && replay.contact) ended.push(replay.contact);
    apply(replay, entry, since, day);
  }
  finish();

  const waiting: WaitingConversation[] = replays
    .filter((item) => item.state === 'open')
    .sort((a, b) => (a.waitingSince ?? 0) - (b.waitingSince ?? 0))
    .map((item) => ({ conversationId: item.conversationId, customer: item.customer, waitingSince: new Date(item.waitingSince ?? now).toISOString() }));
  const load = new Map<string, number>();
  for (const item of replays) {
    if ((item.state === 'assigned' || item.state === 'pending') && item.assignee) load.set(item.assignee, (load.get(item.assignee) ?? 0) + 1);
  }
  const agentsByStatus: Record<PresenceStatus, number> = { available: 0, busy: 0, 'on-break': 0, offline: 0 };
  const agents: AgentLoad[] = input.agents
    .filter((agent) => agent.enabled)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((agent) => {
      agentsByStatus[agent.presence.status] += 1;
      const id = agentParticipantId(agent.id);
      return { agent: { id, role: 'agent', displayName: agent.name }, role: agent.role, presence: agent.presence, load: load.get(id) ?? 0, capacity: agent.maxConversations };
    });
  const hours = [];
  for (let hour = since; hour <= now; hour += HOUR_MS) {
    hours.push({ hour: new Date(hour).toISOString(), arrived: day.arrivedByHour.get(hour) ?? 0, resolved: day.resolvedByHour.get(hour) ?? 0 });
  }
  return {
    queue: input.queue,
    open: waiting.length,
    assigned: replays.filter((item) => item.state === 'assigned').length,
    pending: replays.filter((item) => item.state === 'pending').length,
    resolvedToday: day.resolved,
    ...(waiting[0] ? { longestWaitingSince: waiting[0].waitingSince } : {}),
    agentsByStatus,
    averageFirstResponseSeconds: round(mean(day.firstResponses), 1),
    averageHandleSeconds: round(mean(day.handles), 1),
    csatAverage: round(mean(day.ratings), 2),
    csatCount: day.ratings.length,
    sla: { seconds: input.slaSeconds, met: day.slaMet, total: day.slaTotal, share: day.slaTotal === 0 ? null : round(day.slaMet / day.slaTotal, 3) },
    agents,
    waiting: waiting.slice(0, MAX_WAITING_LISTED),
    hours,
  };
}
