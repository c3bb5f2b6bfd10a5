/**
 * The engines the store conformance suite runs on: each gives fresh empty databases and opens
 * stores on them, and closes every store it opened after each case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Integration, Store } from '../store/store.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

/** One empty database: `open()` gives another (unmigrated) store on it, as a second process would have. */
export interface TestDatabase {
  open(): Store;
}

/** An engine under test. */
export interface StoreEngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** Prepares the engine (starts a throwaway cluster for PostgreSQL). */
  start(): Promise<void>;
  /** A fresh empty database. */
  fresh(): Promise<TestDatabase>;
  /** Closes the stores opened since the last call. */
  closeStores(): Promise<void>;
  /** Releases everything the engine started. */
  stop(): Promise<void>;
}

/** Both engines: SQLite files in a temp dir, schemas (as good as databases, faster) in one throwaway PostgreSQL cluster. */
export function storeEnginesUnderTest(): StoreEngineUnderTest[] {
  return [sqliteEngine(), postgresEngine()];
}

/** Tracks opened stores so a case can't leak connections into the next. */
function tracker() {
  let open: Store[] = [];
  return {
    track: <T extends Store>(store: T): T => { open.push(store); return store; },
    async closeAll() {
      const closing = open;
      open = [];
      await Promise.all(closing.map((store) => store.close()));
    },
  };
}

function sqliteEngine(): StoreEngineUnderTest {
  let dir = '';
  let count = 0;
  const stores = tracker();
  return {
    name: 'sqlite',
    async start() { dir = mkdtempSync(join(tmpdir(), 'omni-conformance-')); },
    async fresh() {
      const file = join(dir, `db${++count}.sqlite`);
      return { open: () => stores.track(new SqliteStore(file)) };
    },
    closeStores: () => stores.closeAll(),
    async stop() { await stores.closeAll(); rmSync(dir, { recursive: true, force: true }); },
  };
}

function postgresEngine(): StoreEngineUnderTest {
  let cluster: PostgresCluster | undefined;
  let count = 0;
  const stores = tracker();
  return {
    name: 'postgres',
    async start() { cluster = await startPostgresCluster(); },
    async fresh() {
      const url = await cluster!.createSchema(`conformance_${++count}`);
      return { open: () => stores.track(new PostgresStore(url, { poolSize: 5 })) };
    },
    closeStores: () => stores.closeAll(),
    async stop() { await stores.closeAll(); await cluster?.stop(); },
  };
}

/** A migrated store on a fresh database with the `demo` integration (queue `support`). */
export async function freshStore(engine: StoreEngineUnderTest): Promise<{ store: Store; database: TestDatabase; integration: Integration }> {
  const database = await engine.fresh();
  const store = database.open();
  await store.migrate();
  const integration = await store.ensureIntegration({ id: 'demo', name: 'Demo', channels: { messaging: true, voice: true }, queue: 'support' });
  return { store, database, integration };
}
