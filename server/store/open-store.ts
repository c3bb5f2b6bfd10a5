/**
 * Which engine stores the server's data: PostgreSQL when a `postgres://` database URL is given
 * (scale-out: any number of processes share it), else the embedded SQLite file in the data dir.
 */
import { join } from 'node:path';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** The engine a configuration selects, for logs and readiness checks. */
export type StoreEngine = 'sqlite' | 'postgres';

/** The engine `databaseUrl` selects (empty: SQLite); throws on a URL of another database. */
export function storeEngineOf(databaseUrl: string): StoreEngine {
  if (!databaseUrl) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return 'postgres';
  throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}"`);
}

/** Opens the store a configuration selects and applies its pending migrations. */
export async function openStore(config: { databaseUrl: string; dataDir: string; databasePoolSize?: number }): Promise<Store> {
  const store = storeEngineOf(config.databaseUrl) === 'postgres'
    ? new PostgresStore(config.databaseUrl, config.databasePoolSize ? { poolSize: config.databasePoolSize } : {})
    : new SqliteStore(join(config.dataDir, 'omni.sqlite'));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
