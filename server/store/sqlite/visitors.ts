/** The customer panel's visitor reports in the SQLite store: one row per customer, replaced on each report. */
import type Database from 'better-sqlite3';
import type { VisitorRecord } from '../store.js';
import { statement } from './statements.js';

/** A `visitors` row. */
interface VisitorRow {
  customer_id: string;
  verified: number;
  url: string;
  title: string;
  time_zone: string | null;
  updated_at: string;
}

/** Stores a customer's report (one row per customer). */
export function saveVisitor(db: Database.Database, record: VisitorRecord): void {
  statement(
    db,
    `INSERT INTO visitors (customer_id, verified, url, title, time_zone, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET verified = excluded.verified, url = excluded.url, title = excluded.title,
       time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
  ).run(record.customerId, record.verified ? 1 : 0, record.url, record.title, record.timeZone ?? null, record.updatedAt);
}

/** A customer's last report. */
export function getVisitor(db: Database.Database, customerId: string): VisitorRecord | undefined {
  const row = statement(db, 'SELECT * FROM visitors WHERE customer_id = ?').get(customerId) as VisitorRow | undefined;
  if (!row) return undefined;
  return {
    customerId: row.customer_id,
    verified: row.verified === 1,
    url: row.url,
    title: row.title,
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    updatedAt: row.updated_at,
  };
}
