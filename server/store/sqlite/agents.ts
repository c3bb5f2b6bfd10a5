/**
 * The contact center's records in the SQLite store: integrations' administered fields, agents
 * (with their presence) and queues. A presence change with `from` checks and writes in one
 * statement, so two writers can't both win a conditional change.
 */
import type Database from 'better-sqlite3';
import type { Agent, AgentFields, Integration, IntegrationChanges, PresenceChange, Queue, QueueChanges } from '../store.js';
import { statement } from './statements.js';

/** An `agents` row. */
interface AgentRow {
  id: string;
  name: string;
  avatar_url: string | null;
  queues: string;
  max_conversations: number;
  role: string;
  enabled: number;
  presence: string;
  presence_reason: string | null;
  presence_since: string;
  created_at: string;
  updated_at: string;
}

/** A `queues` row. */
interface QueueRow {
  name: string;
  routing: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  name: row.name,
  avatarUrl: row.avatar_url,
  queues: JSON.parse(row.queues),
  maxConversations: row.max_conversations,
  role: row.role as Agent['role'],
  enabled: row.enabled === 1,
  presence: { status: row.presence as Agent['presence']['status'], ...(row.presence_reason ? { reason: row.presence_reason } : {}), since: row.presence_since },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toQueue = (row: QueueRow): Queue => ({
  name: row.name,
  routing: row.routing as Queue['routing'],
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Column values of an agent's fields, in `AGENT_COLUMNS` order. */
const agentValues = (fields: AgentFields) => [
  fields.name,
  fields.avatarUrl,
  JSON.stringify(fields.queues),
  fields.maxConversations,
  fields.role,
  fields.enabled ? 1 : 0,
];
const AGENT_COLUMNS = ['name', 'avatar_url', 'queues', 'max_conversations', 'role', 'enabled'];

/** The contact-center part of the SQLite store. */
export class SqliteAgents {
  constructor(
    private readonly db: Database.Database,
    private readonly integrationOf: (id: string) => Promise<Integration | undefined>,
  ) {}

  async updateIntegration(id: string, changes: IntegrationChanges): Promise<Integration | undefined> {
    const all: Array<[string, unknown]> = [
      ['name', changes.name],
      ['queue', changes.queue],
      ['channels', changes.channels === undefined ? undefined : JSON.stringify(changes.channels)],
      ['enabled', changes.enabled === undefined ? undefined : changes.enabled ? 1 : 0],
    ];
    const columns = all.filter(([, value]) => value !== undefined);
    const sets = columns.map(([column]) => `${column} = ?`);
    const values = columns.map(([, value]) => value);
    if (sets.length > 0 && statement(this.db, `UPDATE integrations SET ${sets.join(', ')} WHERE id = ?`).run(...values, id).changes === 0) return undefined;
    return this.integrationOf(id);
  }

  async createAgent(id: string, fields: AgentFields): Promise<Agent | undefined> {
    const now = new Date().toISOString();
    const result = statement(this.db, `INSERT INTO agents (id, ${AGENT_COLUMNS.join(', ')}, presence, presence_since, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'offline', ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(id, ...agentValues(fields), now, now, now);
    return result.changes > 0 ? this.getAgent(id) : undefined;
  }

  async putAgent(id: string, fields: AgentFields): Promise<{ agent: Agent; created: boolean }> {
    return this.db.transaction(() => {
      const created = statement(this.db, 'SELECT 1 FROM agents WHERE id = ?').get(id) === undefined;
      const now = new Date().toISOString();
      statement(this.db, `INSERT INTO agents (id, ${AGENT_COLUMNS.join(', ')}, presence, presence_since, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, 'offline', ?, ?, ?)
                  ON CONFLICT (id) DO UPDATE SET ${AGENT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}, updated_at = excluded.updated_at`)
        .run(id, ...agentValues(fields), now, now, now);
      return { agent: this.agentRow(id)!, created };
    })();
  }

  async updateAgent(id: string, changes: Partial<AgentFields>): Promise<Agent | undefined> {
    return this.db.transaction(() => {
      const current = this.agentRow(id);
      if (!current) return undefined;
      const fields: AgentFields = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
      statement(this.db, `UPDATE agents SET ${AGENT_COLUMNS.map((column) => `${column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`)
        .run(...agentValues(fields), new Date().toISOString(), id);
      return this.agentRow(id);
    })();
  }

  async getAgent(id: string): Promise<Agent | undefined> {
    return this.agentRow(id);
  }

  async listAgents(queues?: string[]): Promise<Agent[]> {
    const agents = (statement(this.db, 'SELECT * FROM agents ORDER BY id').all() as AgentRow[]).map(toAgent);
    return queues ? agents.filter((agent) => agent.queues.some((queue) => queues.includes(queue))) : agents;
  }

  async setAgentPresence(id: string, change: PresenceChange): Promise<Agent | undefined> {
    const reason = change.status === 'on-break' ? (change.reason ?? null) : null;
    const from = change.from ?? [];
    const guard = from.length > 0 ? ` AND presence IN (${from.map(() => '?').join(', ')})` : '';
    // The time moves only when the presence does: setting the same one again keeps `since`.
    const result = statement(this.db, `UPDATE agents SET presence = ?, presence_reason = ?,
                presence_since = CASE WHEN presence = ? AND presence_reason IS ? THEN presence_since ELSE ? END
                WHERE id = ?${guard}`)
      .run(change.status, reason, change.status, reason, new Date().toISOString(), id, ...from);
    return result.changes > 0 ? this.agentRow(id) : undefined;
  }

  async createQueue(name: string, fields: { routing: Queue['routing']; enabled: boolean }): Promise<Queue | undefined> {
    const now = new Date().toISOString();
    const result = statement(this.db, 'INSERT INTO queues (name, routing, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, fields.routing, fields.enabled ? 1 : 0, now, now);
    return result.changes > 0 ? this.getQueue(name) : undefined;
  }

  async updateQueue(name: string, changes: QueueChanges): Promise<Queue | undefined> {
    const result = statement(this.db, 'UPDATE queues SET routing = COALESCE(?, routing), enabled = COALESCE(?, enabled), updated_at = ? WHERE name = ?')
      .run(changes.routing ?? null, changes.enabled === undefined ? null : changes.enabled ? 1 : 0, new Date().toISOString(), name);
    return result.changes > 0 ? this.getQueue(name) : undefined;
  }

  async getQueue(name: string): Promise<Queue | undefined> {
    const row = statement(this.db, 'SELECT * FROM queues WHERE name = ?').get(name) as QueueRow | undefined;
    return row ? toQueue(row) : undefined;
  }

  async listQueues(): Promise<Queue[]> {
    return (statement(this.db, 'SELECT * FROM queues ORDER BY name').all() as QueueRow[]).map(toQueue);
  }

  private agentRow(id: string): Agent | undefined {
    const row = statement(this.db, 'SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row ? toAgent(row) : undefined;
  }
}
