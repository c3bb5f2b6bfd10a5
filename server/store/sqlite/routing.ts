/**
 * Routing writes of the SQLite store: queueing, assignment (by rule, take, transfer), requeue and
 * pending. Each checks the conversation's state and the agent's capacity and appends its event in
 * one transaction (SQLite runs one writer at a time, so a check and its write can't be split).
 */
import type Database from 'better-sqlite3';
import type { AssignedEvent, Participant, PendingEvent, QueuedEvent, QueuedReason, RoutingRule } from '../../../src/core/protocol.js';
import type { AssignRefusal, Assignment, ConversationRecord } from '../store.js';
import { insertEvent, toConversation, type ConversationRow } from './rows.js';
import { statement } from './statements.js';

/** The participant the router acts as. */
export const ROUTER: Participant = { id: 'system:router', role: 'system' };

const LOAD = `(SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.state IN ('assigned', 'pending'))`;

type AgentLoadRow = { id: string; name: string; presence: string; enabled: number; max_conversations: number; load: number };

const conversationRow = (db: Database.Database, id: string) =>
  statement(db, 'SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;

const agentWithLoad = (db: Database.Database, agentId: string) =>
  statement(db, `SELECT a.id, a.name, a.presence, a.enabled, a.max_conversations, ${LOAD} AS load FROM agents a WHERE a.id = ?`)
    .get(agentId) as AgentLoadRow | undefined;

/** Conversations waiting in `queue`, longest waiting first. */
export function listWaiting(db: Database.Database, queue: string, limit: number): ConversationRecord[] {
  return (statement(db, `SELECT * FROM conversations WHERE queue = ? AND state = 'open' AND waiting_since IS NOT NULL
                         ORDER BY waiting_since, id LIMIT ?`).all(queue, limit) as ConversationRow[]).map(toConversation);
}

/** Queues with waiting conversations. */
export function waitingQueues(db: Database.Database): string[] {
  return (statement(db, "SELECT DISTINCT queue FROM conversations WHERE state = 'open' AND waiting_since IS NOT NULL ORDER BY queue")
    .all() as Array<{ queue: string }>).map((row) => row.queue);
}

/** Conversations each agent owns now. */
export function agentLoads(db: Database.Database, agentIds: string[]): Map<string, number> {
  const loads = new Map<string, number>();
  if (agentIds.length === 0) return loads;
  const rows = statement(db, `SELECT assignee_id, COUNT(*) AS n FROM conversations WHERE assignee_id IN (${agentIds.map(() => '?').join(', ')})
                              AND state IN ('assigned', 'pending') GROUP BY assignee_id`).all(...agentIds) as Array<{ assignee_id: string; n: number }>;
  for (const row of rows) loads.set(row.assignee_id, row.n);
  return loads;
}

/** Writes an assignment (the checks are done) and appends its event. */
function assign(db: Database.Database, row: ConversationRow, assignment: Omit<Assignment, 'from' | 'requireAvailable'>): { conversation: ConversationRecord; event: AssignedEvent } {
  const now = new Date().toISOString();
  const { assignee, by } = assignment;
  const agentId = assignee.id.slice('agent:'.length);
  const owned = row.assignee_id !== null && row.assignee_id !== agentId && (row.state === 'assigned' || row.state === 'pending');
  const transferredFrom = owned ? { id: `agent:${row.assignee_id}`, role: 'agent' as const, ...(row.assignee_name ? { displayName: row.assignee_name } : {}) } : undefined;
  statement(db, "UPDATE conversations SET state = 'assigned', assignee_id = ?, assignee_name = ?, waiting_since = NULL WHERE id = ?")
    .run(agentId, assignee.displayName ?? null, row.id);
  statement(db, 'UPDATE agents SET last_assigned_at = ? WHERE id = ?').run(now, agentId);
  const body = { assignee, queue: row.queue, ...(by ? { by } : {}), ...(transferredFrom ? { transferredFrom } : {}) };
  const event = insertEvent(db, row.id, by ?? ROUTER, now, 'assigned', null, body) as AssignedEvent;
  return { conversation: toConversation(conversationRow(db, row.id)!), event };
}

/** Assigns the longest waiting conversation of `queue` by `rule`, if an agent can take it. */
export function routeNext(db: Database.Database, queue: string, rule: RoutingRule): { conversation: ConversationRecord; event: AssignedEvent } | undefined {
  return db.transaction(() => {
    const row = statement(db, `SELECT * FROM conversations WHERE queue = ? AND state = 'open' AND waiting_since IS NOT NULL
                               ORDER BY waiting_since, id LIMIT 1`).get(queue) as ConversationRow | undefined;
    if (!row) return undefined;
    const order = rule === 'least-busy' ? 'load, a.last_assigned_at IS NOT NULL, a.last_assigned_at, a.id' : 'a.last_assigned_at IS NOT NULL, a.last_assigned_at, a.id';
    const agent = statement(db, `SELECT a.id, a.name, ${LOAD} AS load FROM agents a
                                 WHERE a.enabled = 1 AND a.presence = 'available' AND EXISTS (SELECT 1 FROM json_each(a.queues) WHERE value = ?)
                                   AND ${LOAD} < a.max_conversations
                                 ORDER BY ${order} LIMIT 1`).get(queue) as { id: string; name: string } | undefined;
    if (!agent) return undefined;
    return assign(db, row, { assignee: { id: `agent:${agent.id}`, role: 'agent', displayName: agent.name } });
  }).immediate();
}

/** Assigns a conversation to an agent (take or transfer). */
export function assignConversation(db: Database.Database, conversationId: string, assignment: Assignment): { conversation: ConversationRecord; event: AssignedEvent } | AssignRefusal {
  return db.transaction(() => {
    const row = conversationRow(db, conversationId);
    if (!row) return 'not-waiting';
    const state = row.resolved_seq !== null ? 'resolved' : (row.state as ConversationRecord['state']);
    if (state === 'resolved') return 'resolved';
    const waiting = state === 'open' && row.waiting_since !== null;
    if (!assignment.from.includes(state) || (state === 'open' && !waiting)) return 'not-waiting';
    const agentId = assignment.assignee.id.slice('agent:'.length);
    const agent = agentWithLoad(db, agentId);
    if (!agent || agent.enabled !== 1 || agent.presence === 'offline' || (assignment.requireAvailable && agent.presence !== 'available')) return 'unavailable';
    const already = row.assignee_id === agentId && (state === 'assigned' || state === 'pending');
    if (already) return 'not-waiting';
    if (agent.load >= agent.max_conversations) return 'at-capacity';
    return assign(db, row, { assignee: { ...assignment.assignee, displayName: agent.name }, ...(assignment.by ? { by: assignment.by } : {}) });
  }).immediate();
}

/** Puts an unresolved conversation into `queue` to wait. */
export function queueConversation(db: Database.Database, conversationId: string, queue: string, reason: QueuedReason, author: Participant): { conversation: ConversationRecord; event: QueuedEvent } | 'resolved' {
  return db.transaction(() => {
    const row = conversationRow(db, conversationId);
    if (!row || row.resolved_seq !== null) return 'resolved';
    const now = new Date().toISOString();
    statement(db, "UPDATE conversations SET state = 'open', queue = ?, waiting_since = ? WHERE id = ?").run(queue, now, conversationId);
    const event = insertEvent(db, conversationId, author, now, 'queued', null, { queue, reason }) as QueuedEvent;
    return { conversation: toConversation(conversationRow(db, conversationId)!), event };
  }).immediate();
}

/** Returns an agent's conversations to their queue. */
export function requeueAgent(db: Database.Database, agentId: string): Array<{ conversation: ConversationRecord; event: QueuedEvent }> {
  return db.transaction(() => {
    const rows = statement(db, "SELECT * FROM conversations WHERE assignee_id = ? AND state IN ('assigned', 'pending') ORDER BY id").all(agentId) as ConversationRow[];
    return rows.map((row) => {
      const now = new Date().toISOString();
      statement(db, "UPDATE conversations SET state = 'open', waiting_since = ? WHERE id = ?").run(now, row.id);
      const event = insertEvent(db, row.id, ROUTER, now, 'queued', null, { queue: row.queue, reason: 'requeued' }) as QueuedEvent;
      return { conversation: toConversation(conversationRow(db, row.id)!), event };
    });
  }).immediate();
}

/** Marks an assigned conversation as waiting on the customer. */
export function setPending(db: Database.Database, conversationId: string, agent: Participant): PendingEvent | undefined {
  return db.transaction(() => {
    const row = conversationRow(db, conversationId);
    if (!row || row.resolved_seq !== null || row.state !== 'assigned') return undefined;
    statement(db, "UPDATE conversations SET state = 'pending' WHERE id = ?").run(conversationId);
    return insertEvent(db, conversationId, agent, new Date().toISOString(), 'pending', null, {}) as PendingEvent;
  }).immediate();
}

/**
 * What a customer's message does to the conversation's state (call inside the append's
 * transaction, after the message): the first one queues it (`new`), one after a resolve reopens
 * and queues it again (`reopened`), one while `pending` returns it to its agent (no event).
 */
export function afterCustomerMessage(db: Database.Database, conversationId: string, now: string): QueuedEvent | undefined {
  const row = conversationRow(db, conversationId)!;
  if (row.resolved_seq !== null || (row.state === 'open' && row.waiting_since === null)) {
    const reason = row.resolved_seq !== null ? 'reopened' : 'new';
    statement(db, "UPDATE conversations SET state = 'open', resolved_seq = NULL, waiting_since = ? WHERE id = ?").run(now, conversationId);
    return insertEvent(db, conversationId, ROUTER, now, 'queued', null, { queue: row.queue, reason }) as QueuedEvent;
  }
  if (row.state === 'pending') statement(db, "UPDATE conversations SET state = 'assigned' WHERE id = ?").run(conversationId);
  return undefined;
}
