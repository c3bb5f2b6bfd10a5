/**
 * Prepared statements of the SQLite store, prepared once per database and SQL text: preparing
 * costs far more than running a short statement, and most requests run several.
 */
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per database; texts built from varying lists stay well below this. */
const MAX_STATEMENTS = 500;

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `db.prepare(sql)`, prepared on first use and kept for the life of the database handle. */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    // Oldest out, so an unexpected spread of texts can't grow the cache without bound.
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(sql, prepared);
  }
  return prepared;
}
