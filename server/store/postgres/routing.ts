/**
 * Routing writes of the PostgreSQL store: queueing, assignment (by rule, take, transfer), requeue
 * and pending, exactly once across processes. Locks are always taken conversation first, then
 * agent; the router takes both with SKIP LOCKED (it never waits, so routers can't deadlock and
 * a row another process is assigning is simply left to it), re-reads the agent's load after its
 * lock (READ COMMITTED: a fresh statement sees every assignment committed before), and writes the
 * conditional update and the event in the same transaction.
 */
import type { Pool } from 'pg';
import type { AssignedEvent, Participant, PendingEvent, QueuedEvent, QueuedReason, RoutingRule } from '../../../src/core/protocol.js';
import type { AssignRefusal, Assignment, ConversationRecord } from '../store.js';
import { insertEvent, lockConversation, toConversation, transaction, type ConversationRow, type Sql } from './rows.js';

/** The participant the router acts as. */
export const ROUTER: Participant = { id: 'system:router', role: 'system' };

/** Candidate agents tried per routing decision before giving up for now. */
const MAX_CANDIDATES = 20;

const LOAD = `(SELECT COUNT(*)::int FROM conversations c WHERE c.assignee_id = a.id AND c.state IN ('assigned', 'pending'))`;

type AgentLoadRow = { id: string; name: string; presence: string; enabled: boolean; max_conversations: number; load: number };

const rowOf = async (sql: Sql, id: string) => (await sql.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [id])).rows[0];

/** The agent with its load now (call after locking its row, so the load can't change under the caller). */
const agentWithLoad = async (sql: Sql, agentId: string) =>
  (await sql.query<AgentLoadRow>(`SELECT a.id, a.name, a.presence, a.enabled, a.max_conversations, ${LOAD} AS load FROM agents a WHERE a.id = $1`, [agentId])).rows[0];

/** Conversations waiting in `queue`, longest waiting first. */
export async function listWaiting(sql: Sql, queue: string, limit: number): Promise<ConversationRecord[]> {
  const { rows } = await sql.query<ConversationRow>(
    `SELECT * FROM conversations WHERE queue = $1 AND state = 'open' AND waiting_since IS NOT NULL ORDER BY waiting_since, id COLLATE "C" LIMIT $2`,
    [queue, limit],
  );
  return rows.map(toConversation);
}

/** Queues with waiting conversations. */
export async function waitingQueues(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ queue: string }>(
    `SELECT DISTINCT queue COLLATE "C" AS queue FROM conversations WHERE state = 'open' AND waiting_since IS NOT NULL ORDER BY 1`,
  );
  return rows.map((row) => row.queue);
}

/** Conversations each agent owns now. */
export async function agentLoads(sql: Sql, agentIds: string[]): Promise<Map<string, number>> {
  const loads = new Map<string, number>();
  if (agentIds.length === 0) return loads;
  const { rows } = await sql.query<{ assignee_id: string; n: number }>(
    `SELECT assignee_id, COUNT(*)::int AS n FROM conversations WHERE assignee_id = ANY($1::text[]) AND state IN ('assigned', 'pending') GROUP BY assignee_id`,
    [agentIds],
  );
  for (const row of rows) loads.set(row.assignee_id, row.n);
  return loads;
}

/** Writes an assignment (the checks are done, both rows locked) and appends its event. */
async function assign(sql: Sql, row: ConversationRow, assignee: Participant, by: Participant | undefined) {
  const now = new Date();
  const agentId = assignee.id.slice('agent:'.length);
  const owned = row.assignee_id !== null && row.assignee_id !== agentId && (row.state === 'assigned' || row.state === 'pending');
  const transferredFrom = owned ? { id: `agent:${row.assignee_id}`, role: 'agent' as const, ...(row.assignee_name ? { displayName: row.assignee_name } : {}) } : undefined;
  // Conditional on the state read under the lock: the update can't apply twice.
  const updated = await sql.query(
    "UPDATE conversations SET state = 'assigned', assignee_id = $1, assignee_name = $2, waiting_since = NULL WHERE id = $3 AND state = $4",
    [agentId, assignee.displayName ?? null, row.id, row.state],
  );
  if (updated.rowCount !== 1) throw new Error(`conversation ${row.id} changed under its lock`);
  await sql.query('UPDATE agents SET last_assigned_at = $1 WHERE id = $2', [now, agentId]);
  const body = { assignee, queue: row.queue, ...(by ? { by } : {}), ...(transferredFrom ? { transferredFrom } : {}) };
  const event = (await insertEvent(sql, row.id, by ?? ROUTER, now, 'assigned', null, body)) as AssignedEvent;
  return { conversation: toConversation((await rowOf(sql, row.id))!), event };
}

/** Assigns the longest waiting conversation of `queue` by `rule`, if an agent can take it. */
export function routeNext(pool: Pool, queue: string, rule: RoutingRule): Promise<{ conversation: ConversationRecord; event: AssignedEvent } | undefined> {
  return transaction(pool, async (sql) => {
    const { rows } = await sql.query<ConversationRow>(
      `SELECT * FROM conversations WHERE queue = $1 AND state = 'open' AND waiting_since IS NOT NULL
       ORDER BY waiting_since, id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [queue],
    );
    const row = rows[0];
    if (!row) return undefined;
    const order = rule === 'least-busy' ? `${LOAD}, a.last_assigned_at NULLS FIRST, a.id COLLATE "C"` : 'a.last_assigned_at NULLS FIRST, a.id COLLATE "C"';
    const tried: string[] = [];
    for (let attempt = 0; attempt < MAX_CANDIDATES; attempt += 1) {
      const candidate = await sql.query<{ id: string }>(
        `SELECT a.id FROM agents a
         WHERE a.enabled AND a.presence = 'available' AND a.queues::jsonb ? $1 AND NOT (a.id = ANY($2::text[]))
           AND ${LOAD} < a.max_conversations
         ORDER BY ${order} LIMIT 1 FOR UPDATE OF a SKIP LOCKED`,
        [queue, tried],
      );
      const id = candidate.rows[0]?.id;
      if (!id) return undefined;
      // The load counted before the lock may be stale: count again now that the agent is ours.
      const agent = await agentWithLoad(sql, id);
      if (agent && agent.enabled && agent.presence === 'available' && agent.load < agent.max_conversations) {
        return assign(sql, row, { id: `agent:${agent.id}`, role: 'agent', displayName: agent.name }, undefined);
      }
      tried.push(id);
    }
    return undefined;
  });
}

/** Assigns a conversation to an agent (take or transfer). */
export function assignConversation(pool: Pool, conversationId: string, assignment: Assignment): Promise<{ conversation: ConversationRecord; event: AssignedEvent } | AssignRefusal> {
  return transaction(pool, async (sql): Promise<{ conversation: ConversationRecord; event: AssignedEvent } | AssignRefusal> => {
    const row = await lockConversation(sql, conversationId);
    if (!row) return 'not-waiting';
    if (row.resolved_seq !== null) return 'resolved';
    const state = row.state as ConversationRecord['state'];
    if (!assignment.from.includes(state) || (state === 'open' && row.waiting_since === null)) return 'not-waiting';
    const agentId = assignment.assignee.id.slice('agent:'.length);
    if (row.assignee_id === agentId && (state === 'assigned' || state === 'pending')) return 'not-waiting';
    await sql.query('SELECT 1 FROM agents WHERE id = $1 FOR UPDATE', [agentId]);
    const agent = await agentWithLoad(sql, agentId);
    if (!agent || !agent.enabled || agent.presence === 'offline' || (assignment.requireAvailable && agent.presence !== 'available')) return 'unavailable';
    if (agent.load >= agent.max_conversations) return 'at-capacity';
    return assign(sql, row, { ...assignment.assignee, displayName: agent.name }, assignment.by);
  });
}

/** Puts an unresolved conversation into `queue` to wait. */
export function queueConversation(pool: Pool, conversationId: string, queue: string, reason: QueuedReason, author: Participant) {
  return transaction(pool, async (sql): Promise<{ conversation: ConversationRecord; event: QueuedEvent } | 'resolved'> => {
    const row = await lockConversation(sql, conversationId);
    if (!row || row.resolved_seq !== null) return 'resolved';
    const now = new Date();
    await sql.query("UPDATE conversations SET state = 'open', queue = $1, waiting_since = $2 WHERE id = $3", [queue, now, conversationId]);
    const event = (await insertEvent(sql, conversationId, author, now, 'queued', null, { queue, reason })) as QueuedEvent;
    return { conversation: toConversation((await rowOf(sql, conversationId))!), event };
  });
}

/** Returns an agent's conversations to their queue, each in its own transaction. */
export async function requeueAgent(pool: Pool, sql: Sql, agentId: string): Promise<Array<{ conversation: ConversationRecord; event: QueuedEvent }>> {
  const { rows } = await sql.query<{ id: string }>("SELECT id FROM conversations WHERE assignee_id = $1 AND state IN ('assigned', 'pending')", [agentId]);
  const requeued: Array<{ conversation: ConversationRecord; event: QueuedEvent }> = [];
  for (const { id } of rows) {
    const one = await transaction(pool, async (client) => {
      const row = await lockConversation(client, id);
      // Checked again under the lock: it may have been transferred or resolved meanwhile.
      if (!row || row.assignee_id !== agentId || (row.state !== 'assigned' && row.state !== 'pending') || row.resolved_seq !== null) return undefined;
      const now = new Date();
      await client.query("UPDATE conversations SET state = 'open', waiting_since = $1 WHERE id = $2", [now, id]);
      const event = (await insertEvent(client, id, ROUTER, now, 'queued', null, { queue: row.queue, reason: 'requeued' })) as QueuedEvent;
      return { conversation: toConversation((await rowOf(client, id))!), event };
    });
    if (one) requeued.push(one);
  }
  return requeued;
}

/** Marks an assigned conversation as waiting on the customer. */
export function setPending(pool: Pool, conversationId: string, agent: Participant): Promise<PendingEvent | undefined> {
  return transaction(pool, async (sql) => {
    const row = await lockConversation(sql, conversationId);
    if (!row || row.resolved_seq !== null || row.state !== 'assigned') return undefined;
    await sql.query("UPDATE conversations SET state = 'pending' WHERE id = $1", [conversationId]);
    return (await insertEvent(sql, conversationId, agent, new Date(), 'pending', null, {})) as PendingEvent;
  });
}

/**
 * What a customer's message does to the conversation's state (inside the append's transaction,
 * which locked the row): the first one queues it (`new`), one after a resolve reopens and queues
 * it again (`reopened`), one while `pending` returns it to its agent (no event).
 */
export async function afterCustomerMessage(sql: Sql, conversationId: string, now: Date): Promise<QueuedEvent | undefined> {
  const row = (await rowOf(sql, conversationId))!;
  if (row.resolved_seq !== null || (row.state === 'open' && row.waiting_since === null)) {
    const reason = row.resolved_seq !== null ? 'reopened' : 'new';
    await sql.query("UPDATE conversations SET state = 'open', resolved_seq = NULL, waiting_since = $1 WHERE id = $2", [now, conversationId]);
    return (await insertEvent(sql, conversationId, ROUTER, now, 'queued', null, { queue: row.queue, reason })) as QueuedEvent;
  }
  if (row.state === 'pending') await sql.query("UPDATE conversations SET state = 'assigned' WHERE id = $1", [conversationId]);
  return undefined;
}
