/**
 * The contact center's records in the PostgreSQL store: integrations' administered fields, agents
 * (with their presence) and queues. Each write is one statement, so concurrent writers from
 * several processes can't interleave inside it (a conditional presence change has one winner).
 */
import type { Agent, AgentFields, Integration, IntegrationChanges, PresenceChange, Queue, QueueChanges } from '../store.js';
import type { Sql } from './rows.js';

/** An `agents` row. */
interface AgentRow {
  id: string;
  name: string;
  avatar_url: string | null;
  queues: string;
  max_conversations: number;
  role: string;
  enabled: boolean;
  presence: string;
  presence_reason: string | null;
  presence_since: Date;
  created_at: Date;
  updated_at: Date;
}

/** A `queues` row. */
interface QueueRow {
  name: string;
  routing: string;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  name: row.name,
  avatarUrl: row.avatar_url,
  queues: JSON.parse(row.queues),
  maxConversations: row.max_conversations,
  role: row.role as Agent['role'],
  enabled: row.enabled,
  presence: {
    status: row.presence as Agent['presence']['status'],
    ...(row.presence_reason ? { reason: row.presence_reason } : {}),
    since: row.presence_since.toISOString(),
  },
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toQueue = (row: QueueRow): Queue => ({
  name: row.name,
  routing: row.routing as Queue['routing'],
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Column values of an agent's fields, as $2..$7 after the id. */
const agentValues = (fields: AgentFields) => [fields.name, fields.avatarUrl, JSON.stringify(fields.queues), fields.maxConversations, fields.role, fields.enabled];
const AGENT_COLUMNS = ['name', 'avatar_url', 'queues', 'max_conversations', 'role', 'enabled'];
const INSERT_AGENT = `INSERT INTO agents (id, ${AGENT_COLUMNS.join(', ')}, presence, presence_since, created_at, updated_at)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, 'offline', now(), now(), now())`;

/** The contact-center part of the PostgreSQL store. */
export class PostgresAgents {
  constructor(
    private readonly sql: Sql,
    private readonly integrationOf: (id: string) => Promise<Integration | undefined>,
  ) {}

  async updateIntegration(id: string, changes: IntegrationChanges): Promise<Integration | undefined> {
    const result = await this.sql.query(
      `UPDATE integrations SET name = COALESCE($2, name), queue = COALESCE($3, queue), channels = COALESCE($4, channels),
       enabled = COALESCE($5, enabled) WHERE id = $1`,
      [id, changes.name ?? null, changes.queue ?? null, changes.channels ? JSON.stringify(changes.channels) : null, changes.enabled ?? null],
    );
    return (result.rowCount ?? 0) > 0 ? this.integrationOf(id) : undefined;
  }

  async createAgent(id: string, fields: AgentFields): Promise<Agent | undefined> {
    const { rows } = await this.sql.query<AgentRow>(`${INSERT_AGENT} ON CONFLICT (id) DO NOTHING RETURNING *`, [id, ...agentValues(fields)]);
    return rows[0] ? toAgent(rows[0]) : undefined;
  }

  async putAgent(id: string, fields: AgentFields): Promise<{ agent: Agent; created: boolean }> {
    // `xmax = 0` holds for a row this statement inserted (an updated row carries the updating transaction's id).
    const { rows } = await this.sql.query<AgentRow & { created: boolean }>(
      `${INSERT_AGENT} ON CONFLICT (id) DO UPDATE SET ${AGENT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}, updated_at = now()
       RETURNING *, (xmax = 0) AS created`,
      [id, ...agentValues(fields)],
    );
    return { agent: toAgent(rows[0]!), created: rows[0]!.created };
  }

  async updateAgent(id: string, changes: Partial<AgentFields>): Promise<Agent | undefined> {
    const { rows } = await this.sql.query<AgentRow>(
      `UPDATE agents SET name = COALESCE($2, name), avatar_url = CASE WHEN $3::boolean THEN $4 ELSE avatar_url END,
       queues = COALESCE($5, queues), max_conversations = COALESCE($6, max_conversations), role = COALESCE($7, role),
       enabled = COALESCE($8, enabled), updated_at = now() WHERE id = $1 RETURNING *`,
      [
        id,
        changes.name ?? null,
        changes.avatarUrl !== undefined,
        changes.avatarUrl ?? null,
        changes.queues ? JSON.stringify(changes.queues) : null,
        changes.maxConversations ?? null,
        changes.role ?? null,
        changes.enabled ?? null,
      ],
    );
    return rows[0] ? toAgent(rows[0]) : undefined;
  }

  async getAgent(id: string): Promise<Agent | undefined> {
    const { rows } = await this.sql.query<AgentRow>('SELECT * FROM agents WHERE id = $1', [id]);
    return rows[0] ? toAgent(rows[0]) : undefined;
  }

  async listAgents(queues?: string[]): Promise<Agent[]> {
    const { rows } = await this.sql.query<AgentRow>('SELECT * FROM agents ORDER BY id COLLATE "C"');
    const agents = rows.map(toAgent);
    return queues ? agents.filter((agent) => agent.queues.some((queue) => queues.includes(queue))) : agents;
  }

  async setAgentPresence(id: string, change: PresenceChange): Promise<Agent | undefined> {
    const reason = change.status === 'on-break' ? (change.reason ?? null) : null;
    const from = change.from ?? [];
    // The time moves only when the presence does: setting the same one again keeps `since`.
    const { rows } = await this.sql.query<AgentRow>(
      `UPDATE agents SET presence = $2, presence_reason = $3,
       presence_since = CASE WHEN presence = $2 AND presence_reason IS NOT DISTINCT FROM $3 THEN presence_since ELSE now() END
       WHERE id = $1 AND (cardinality($4::text[]) = 0 OR presence = ANY($4::text[])) RETURNING *`,
      [id, change.status, reason, from],
    );
    return rows[0] ? toAgent(rows[0]) : undefined;
  }

  async createQueue(name: string, fields: { routing: Queue['routing']; enabled: boolean }): Promise<Queue | undefined> {
    const { rows } = await this.sql.query<QueueRow>(
      'INSERT INTO queues (name, routing, enabled, created_at, updated_at) VALUES ($1, $2, $3, now(), now()) ON CONFLICT (name) DO NOTHING RETURNING *',
      [name, fields.routing, fields.enabled],
    );
    return rows[0] ? toQueue(rows[0]) : undefined;
  }

  async updateQueue(name: string, changes: QueueChanges): Promise<Queue | undefined> {
    const { rows } = await this.sql.query<QueueRow>(
      'UPDATE queues SET routing = COALESCE($2, routing), enabled = COALESCE($3, enabled), updated_at = now() WHERE name = $1 RETURNING *',
      [name, changes.routing ?? null, changes.enabled ?? null],
    );
    return rows[0] ? toQueue(rows[0]) : undefined;
  }

  async getQueue(name: string): Promise<Queue | undefined> {
    const { rows } = await this.sql.query<QueueRow>('SELECT * FROM queues WHERE name = $1', [name]);
    return rows[0] ? toQueue(rows[0]) : undefined;
  }

  async listQueues(): Promise<Queue[]> {
    const { rows } = await this.sql.query<QueueRow>('SELECT * FROM queues ORDER BY name COLLATE "C"');
    return rows.map(toQueue);
  }
}
