/**
 * A throwaway PostgreSQL cluster for tests: Debian's binaries, initdb in a temp dir (as the
 * `postgres` user when running as root: PostgreSQL refuses root), listening on 127.0.0.1 on a
 * free port with its socket inside the temp dir. Tuned for speed (no fsync): never for real data.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running throwaway cluster. */
export interface PostgresCluster {
  /** URL of the database created at start (`omni`). */
  url: string;
  /** Creates another empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Creates an empty schema in `omni` and returns a URL whose connections work in it (much faster than a database). */
  createSchema(name: string): Promise<string>;
  /** Stops the cluster and removes its directory. */
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory (PG_BIN overrides), or a clear error. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((version) => existsSync(join(root, version, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: install Debian\'s postgresql ' +
        '(`apt-get install -y postgresql`; .ci/run already does) or set PG_BIN to a directory holding initdb and pg_ctl.',
    );
  }
  return join(root, versions[0]!, 'bin');
}

/** A TCP port free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Starts a cluster with one database, `omni`. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'omni-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: hand the directory to the unprivileged `postgres` user.
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(command as string, fullArgs as string[], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  let running = false;
  const stopNow = () => {
    if (!running) return;
    running = false;
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-s']);
    } catch {
      // Already gone.
    }
  };
  // A test process that dies without calling stop() must not leave a postmaster behind.
  const onExit = () => { stopNow(); rmSync(dir, { recursive: true, force: true }); };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const settings = [
      `-p ${port}`, "-c listen_addresses='127.0.0.1'", `-c unix_socket_directories='${dir}'`,
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
    ].join(' ');
    running = true;
    process.once('exit', onExit);
    run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-s', '-l', join(dir, 'postgres.log'), '-o', settings]);
    const base = `postgres://postgres@127.0.0.1:${port}`;
    const execute = async (database: string, sql: string) => {
      const client = new pg.Client({ connectionString: `${base}/${database}` });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    const createDatabase = async (name: string) => {
      await execute('postgres', `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return `${base}/${name}`;
    };
    const url = await createDatabase('omni');
    return {
      url,
      createDatabase,
      async createSchema(name) {
        await execute('omni', `CREATE SCHEMA ${pg.escapeIdentifier(name)}`);
        return `${url}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
      },
      async stop() {
        process.removeListener('exit', onExit);
        onExit();
      },
    };
  } catch (error) {
    const log = existsSync(join(dir, 'postgres.log')) ? readFileSync(join(dir, 'postgres.log'), 'utf8') : '';
    process.removeListener('exit', onExit);
    onExit();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start a throwaway PostgreSQL cluster: ${(error as Error).message}\n${stderr}${log}`);
  }
}
