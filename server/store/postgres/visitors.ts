/** The customer panel's visitor reports in the PostgreSQL store: one row per customer, replaced on each report (one statement). */
import type { VisitorRecord } from '../store.js';
import type { Sql } from './rows.js';

/** A `visitors` row. */
interface VisitorRow {
  customer_id: string;
  verified: boolean;
  url: string;
  title: string;
  time_zone: string | null;
  updated_at: Date;
}

/** Stores a customer's report (one row per customer). */
export async function saveVisitor(sql: Sql, record: VisitorRecord): Promise<void> {
  await sql.query(
    `INSERT INTO visitors (customer_id, verified, url, title, time_zone, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (customer_id) DO UPDATE SET verified = EXCLUDED.verified, url = EXCLUDED.url, title = EXCLUDED.title,
       time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at`,
    [record.customerId, record.verified, record.url, record.title, record.timeZone ?? null, record.updatedAt],
  );
}

/** A customer's last report. */
export async function getVisitor(sql: Sql, customerId: string): Promise<VisitorRecord | undefined> {
  const { rows } = await sql.query<VisitorRow>('SELECT * FROM visitors WHERE customer_id = $1', [customerId]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    customerId: row.customer_id,
    verified: row.verified,
    url: row.url,
    title: row.title,
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    updatedAt: row.updated_at.toISOString(),
  };
}
