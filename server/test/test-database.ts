/**
 * Which database the test harness's servers use: SQLite in each server's data dir by default, or
 * with OMNI_TEST_DATABASE=postgres a fresh schema per server in one throwaway PostgreSQL cluster
 * per test process (started on first use, stopped when the process exits), so the API suites can
 * run unchanged on either engine.
 */
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

let cluster: Promise<PostgresCluster> | undefined;
let schemas = 0;

/** The engine the API suites run on (OMNI_TEST_DATABASE: `sqlite`, the default, or `postgres`). */
export function testDatabaseEngine(): 'sqlite' | 'postgres' {
  const engine = process.env.OMNI_TEST_DATABASE ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`OMNI_TEST_DATABASE must be sqlite or postgres, got "${engine}"`);
  return engine;
}

/** A database URL for one more test server: empty for SQLite, else a fresh PostgreSQL schema's. */
export async function testDatabaseUrl(): Promise<string> {
  if (testDatabaseEngine() === 'sqlite') return '';
  cluster ??= startPostgresCluster();
  return (await cluster).createSchema(`server_${++schemas}`);
}
