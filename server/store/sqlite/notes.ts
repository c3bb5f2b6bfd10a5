/**
 * Agent-only records of the SQLite store: internal notes (their own table, outside the
 * conversations' seq stream, so nothing a customer reads can include one) and canned responses
 * per queue (a shortcut is unique in its queue, enforced by an index).
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { CannedResponse, Note, Participant } from '../../../src/core/protocol.js';
import type { CannedResponseFields } from '../store.js';
import { statement } from './statements.js';

/** A `notes` row. */
interface NoteRow {
  id: string;
  conversation_id: string;
  author_id: string;
  author_role: string;
  author_name: string | null;
  text: string;
  created_at: string;
}

/** A `canned_responses` row. */
interface CannedRow {
  id: string;
  queue: string;
  shortcut: string;
  title: string;
  text: string;
  created_at: string;
  updated_at: string;
}

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  conversationId: row.conversation_id,
  author: { id: row.author_id, role: row.author_role as Participant['role'], ...(row.author_name ? { displayName: row.author_name } : {}) },
  text: row.text,
  createdAt: row.created_at,
});

const toCanned = (row: CannedRow): CannedResponse => ({
  id: row.id,
  queue: row.queue,
  shortcut: row.shortcut,
  title: row.title,
  text: row.text,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** True for the error SQLite raises when a unique index refuses a row. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The notes and canned responses of the SQLite store. */
export class SqliteNotes {
  constructor(private readonly db: Database.Database) {}

  async addNote(conversationId: string, author: Participant, text: string): Promise<Note> {
    const row: NoteRow = {
      id: `note_${randomUUID()}`,
      conversation_id: conversationId,
      author_id: author.id,
      author_role: author.role,
      author_name: author.displayName ?? null,
      text,
      created_at: new Date().toISOString(),
    };
    statement(this.db, `INSERT INTO notes (id, conversation_id, author_id, author_role, author_name, text, created_at)
                VALUES (@id, @conversation_id, @author_id, @author_role, @author_name, @text, @created_at)`).run(row);
    return toNote(row);
  }

  async listNotes(conversationId: string, limit = 500): Promise<Note[]> {
    // Newest `limit` by insertion order, returned oldest first.
    const rows = statement(this.db, 'SELECT * FROM notes WHERE conversation_id = ? ORDER BY position DESC LIMIT ?').all(conversationId, limit) as NoteRow[];
    return rows.reverse().map(toNote);
  }

  async createCannedResponse(fields: CannedResponseFields): Promise<CannedResponse | undefined> {
    const now = new Date().toISOString();
    const row: CannedRow = { id: `canned_${randomUUID()}`, ...fields, created_at: now, updated_at: now };
    const result = statement(this.db, `INSERT INTO canned_responses (id, queue, shortcut, title, text, created_at, updated_at)
                VALUES (@id, @queue, @shortcut, @title, @text, @created_at, @updated_at) ON CONFLICT (queue, shortcut) DO NOTHING`).run(row);
    return result.changes > 0 ? toCanned(row) : undefined;
  }

  async updateCannedResponse(id: string, changes: Partial<Omit<CannedResponseFields, 'queue'>>): Promise<CannedResponse | undefined | 'shortcut-taken'> {
    try {
      const result = statement(this.db, `UPDATE canned_responses SET shortcut = COALESCE(?, shortcut), title = COALESCE(?, title),
                  text = COALESCE(?, text), updated_at = ? WHERE id = ?`)
        .run(changes.shortcut ?? null, changes.title ?? null, changes.text ?? null, new Date().toISOString(), id);
      if (result.changes === 0) return undefined;
    } catch (error) {
      if (isUniqueViolation(error)) return 'shortcut-taken';
      throw error;
    }
    return toCanned(statement(this.db, 'SELECT * FROM canned_responses WHERE id = ?').get(id) as CannedRow);
  }

  async listCannedResponses(queue?: string): Promise<CannedResponse[]> {
    const rows = queue === undefined
      ? statement(this.db, 'SELECT * FROM canned_responses ORDER BY queue, shortcut').all()
      : statement(this.db, 'SELECT * FROM canned_responses WHERE queue = ? ORDER BY shortcut').all(queue);
    return (rows as CannedRow[]).map(toCanned);
  }

  async deleteCannedResponse(id: string): Promise<boolean> {
    return statement(this.db, 'DELETE FROM canned_responses WHERE id = ?').run(id).changes > 0;
  }
}
