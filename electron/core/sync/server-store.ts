// The sync server's PostgreSQL store: a connection pool, and the numbered migrations of
// migrations/postgres/ applied in order, each once, in a transaction, recorded with its SHA-256
// (the same rules and file names as the laptops' SQLite migrations).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { WorkbenchError } from '../errors';
import { defaultMigrationsDir, readMigrations, type Migration } from '../store/migrations';

export type SyncStore = pg.Pool;

export function postgresMigrationsDir(): string {
  const dir = join(defaultMigrationsDir(), 'postgres');
  if (!existsSync(dir)) throw new WorkbenchError('INTERNAL', `The PostgreSQL migrations folder was not found (${dir}).`);
  return dir;
}

export function postgresMigrations(dir = postgresMigrationsDir()): Migration[] {
  return readMigrations(dir);
}

/** Opens a pool on the server's database; says clearly when PostgreSQL cannot be reached. */
export async function openSyncStore(connectionString: string): Promise<SyncStore> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // an idle connection lost to a PostgreSQL restart must not crash the server
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw new WorkbenchError('INVALID_INPUT', `PostgreSQL at ${redact(connectionString)} cannot be reached: ${err instanceof Error ? err.message : String(err)}. Check --postgres and that the server is running.`);
  }
  return pool;
}

/** The connection string without its password, for messages. */
export function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/** Applies the pending migrations; refuses a database migrated by newer code or an edited migration. */
export async function migrateSyncStore(pool: SyncStore, dir = postgresMigrationsDir()): Promise<number> {
  const migrations = postgresMigrations(dir);
  const client = await pool.connect();
  try {
    // one server migrates at a time, however many start together
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['cwb-sync-migrations']);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = (await client.query<{ version: number; name: string; sha256: string }>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
    for (const a of applied) {
      const m = migrations.find((x) => x.version === a.version);
      if (!m) throw new WorkbenchError('INTERNAL', `The sync server's database was migrated by a newer version (migration ${a.version} "${a.name}" is unknown here); update cwb before starting the server.`);
      if (m.sha256 !== a.sha256) throw new WorkbenchError('INTERNAL', `PostgreSQL migration ${a.version} "${a.name}" was edited after it was applied; migrations are append-only.`);
    }
    let count = 0;
    for (const m of migrations.filter((x) => !applied.some((a) => a.version === x.version))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [m.version, m.name, m.sha256]);
        await client.query('COMMIT');
        count++;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return count;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['cwb-sync-migrations']).catch(() => undefined);
    client.release();
  }
}

/** Runs work in one transaction on one connection; rolls back whatever it throws. */
export async function inPgTransaction<T>(pool: SyncStore, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
