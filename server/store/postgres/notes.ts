/**
 * Agent-only records of the PostgreSQL store: internal notes (their own table, outside the
 * conversations' seq stream, so nothing a customer reads can include one) and canned responses
 * per queue (a shortcut is unique in its queue, enforced by an index across processes).
 */
import { randomUUID } from 'node:crypto';
import type { CannedResponse, Note, Participant } from '../../../src/core/protocol.js';
import type { CannedResponseFields } from '../store.js';
import type { Sql } from './rows.js';

/** A `notes` row. */
interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  author_role: string;
  author_name: string | null;
  text: string;
  created_at: Date;
}

/** A `canned_responses` row. */
interface CannedRow {
  id: string;
  queue: string;
  shortcut: string;
  title: string;
  text: string;
  created_at: Date;
  updated_at: Date;
}

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  conversationId: row.conversation_id,
  author: { id: row.author_id, role: row.author_role as Participant['role'], ...(row.author_name ? { displayName: row.author_name } : {}) },
  text: row.text,
  createdAt: row.created_at.toISOString(),
});

const toCanned = (row: CannedRow): CannedResponse => ({
  id: row.id,
  queue: row.queue,
  shortcut: row.shortcut,
  title: row.title,
  text: row.text,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** True for the error PostgreSQL raises when a unique index refuses a row. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** The notes and canned responses of the PostgreSQL store. */
export class PostgresNotes {
  constructor(private readonly sql: Sql) {}

  async addNote(conversationId: string, author: Participant, text: string): Promise<Note> {
    const { rows } = await this.sql.query<NoteRow>(
      `INSERT INTO notes (id, conversation_id, author_id, author_role, author_name, text, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [`note_${randomUUID()}`, conversationId, author.id, author.role, author.displayName ?? null, text, new Date()],
    );
    return toNote(rows[0]!);
  }

  async listNotes(conversationId: string, limit = 500): Promise<Note[]> {
    // Newest `limit` by insertion order, returned oldest first.
    const { rows } = await this.sql.query<NoteRow>('SELECT * FROM notes WHERE conversation_id = $1 ORDER BY position DESC LIMIT $2', [conversationId, limit]);
    return rows.reverse().map(toNote);
  }

  async createCannedResponse(fields: CannedResponseFields): Promise<CannedResponse | undefined> {
    const now = new Date();
    const { rows } = await this.sql.query<CannedRow>(
      `INSERT INTO canned_responses (id, queue, shortcut, title, text, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (queue, shortcut) DO NOTHING RETURNING *`,
      [`canned_${randomUUID()}`, fields.queue, fields.shortcut, fields.title, fields.text, now],
    );
    return rows[0] ? toCanned(rows[0]) : undefined;
  }

  async updateCannedResponse(id: string, changes: Partial<Omit<CannedResponseFields, 'queue'>>): Promise<CannedResponse | undefined | 'shortcut-taken'> {
    try {
      const { rows } = await this.sql.query<CannedRow>(
        `UPDATE canned_responses SET shortcut = COALESCE($1, shortcut), title = COALESCE($2, title), text = COALESCE($3, text), updated_at = $4
         WHERE id = $5 RETURNING *`,
        [changes.shortcut ?? null, changes.title ?? null, changes.text ?? null, new Date(), id],
      );
      return rows[0] ? toCanned(rows[0]) : undefined;
    } catch (error) {
      if (isUniqueViolation(error)) return 'shortcut-taken';
      throw error;
    }
  }

  async listCannedResponses(queue?: string): Promise<CannedResponse[]> {
    const { rows } = queue === undefined
      ? await this.sql.query<CannedRow>('SELECT * FROM canned_responses ORDER BY queue COLLATE "C", shortcut COLLATE "C"')
      : await this.sql.query<CannedRow>('SELECT * FROM canned_responses WHERE queue = $1 ORDER BY shortcut COLLATE "C"', [queue]);
    return rows.map(toCanned);
  }

  async deleteCannedResponse(id: string): Promise<boolean> {
    const result = await this.sql.query('DELETE FROM canned_responses WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }
}
